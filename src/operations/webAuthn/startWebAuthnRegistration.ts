import type { Context } from '../../context.js';
import { verifyAccessToken } from '../../domain/tokens.js';
import { randomToken } from '../../domain/ids.js';
import {
  CHALLENGE_BYTES,
  MAX_CREDENTIALS_PER_USER,
  WEBAUTHN_TIMEOUT_MS,
  WebAuthnNotEnabled,
  creationOptions,
  relyingPartyId,
} from '../../domain/webAuthn.js';
import { webAuthnEnabled } from '../../domain/authFactors.js';

/**
 * StartWebAuthnRegistration: the signed-in user asks to register a passkey. Answers the options for the
 * browser's navigator.credentials.create() (PublicKeyCredentialCreationOptionsJSON) and keeps their
 * challenge, with the app client of the token, for CompleteWebAuthnRegistration; a new start replaces it.
 */
export default async function startWebAuthnRegistration(input: { AccessToken: string }, ctx: Context) {
  const { pool, user, claims } = await verifyAccessToken(ctx, input.AccessToken);
  if (!webAuthnEnabled(pool)) throw WebAuthnNotEnabled();
  const rpId = relyingPartyId(ctx, pool);
  const challenge = randomToken(CHALLENGE_BYTES);
  const passkeys = ctx.store.webAuthnCredentials;
  const registered = passkeys.listForUser(pool.id, user.usernameKey, undefined, MAX_CREDENTIALS_PER_USER);
  const registration = { userPoolId: pool.id, usernameKey: user.usernameKey, challenge, clientId: claims.client_id, expiresAt: ctx.clock.now() + WEBAUTHN_TIMEOUT_MS };
  ctx.store.transaction(() => passkeys.putRegistration(registration));
  return { CredentialCreationOptions: creationOptions(pool, user, rpId, challenge, registered) };
}
