import type { Context } from '../../context.js';
import { verifyAccessToken } from '../../domain/tokens.js';
import { ResourceNotFound } from '../../protocol/errors.js';
import { WEBAUTHN_MESSAGES } from '../../domain/webAuthn.js';

/** DeleteWebAuthnCredential: one of the signed-in user's passkeys is gone; it no longer signs in. */
export default async function deleteWebAuthnCredential(input: { AccessToken: string; CredentialId: string }, ctx: Context) {
  const { pool, user } = await verifyAccessToken(ctx, input.AccessToken);
  const passkeys = ctx.store.webAuthnCredentials;
  ctx.store.transaction(() => {
    const credential = passkeys.get(pool.id, input.CredentialId);
    // Another user's passkey is as unknown as one that never was.
    if (!credential || credential.usernameKey !== user.usernameKey) throw ResourceNotFound(WEBAUTHN_MESSAGES.credentialNotFound);
    passkeys.delete(pool.id, credential.credentialId);
  });
  return {};
}
