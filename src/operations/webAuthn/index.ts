/** Passkeys (WebAuthn): a signed-in user registers, lists and deletes them; USER_AUTH signs in with them. */
import type { AnyOperation } from '../registry.js';
import completeWebAuthnRegistration from './completeWebAuthnRegistration.js';
import deleteWebAuthnCredential from './deleteWebAuthnCredential.js';
import listWebAuthnCredentials from './listWebAuthnCredentials.js';
import startWebAuthnRegistration from './startWebAuthnRegistration.js';

export const webAuthnOperations: Record<string, AnyOperation> = {
  CompleteWebAuthnRegistration: completeWebAuthnRegistration,
  DeleteWebAuthnCredential: deleteWebAuthnCredential,
  ListWebAuthnCredentials: listWebAuthnCredentials,
  StartWebAuthnRegistration: startWebAuthnRegistration,
};
