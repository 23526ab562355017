import type { Context } from '../../context.js';
import { verifyAccessToken } from '../../domain/tokens.js';
import { claimOnce, keepWrites } from '../../domain/singleUse.js';
import { LimitExceeded, UserNotFound } from '../../protocol/errors.js';
import {
  MAX_CREDENTIALS_PER_USER,
  WEBAUTHN_MESSAGES,
  WebAuthnChallengeNotFound,
  WebAuthnClientMismatch,
  WebAuthnNotEnabled,
  credentialAlreadyRegistered,
  FRIENDLY_CREDENTIAL_NAME,
  REFUSED_CREDENTIAL_SPENDS_CHALLENGE,
  type RegisteredCredential,
  readCredential,
  relyingPartyId,
  verifyRegistration,
} from '../../domain/webAuthn.js';
import { webAuthnEnabled } from '../../domain/authFactors.js';

/**
 * CompleteWebAuthnRegistration: the browser's RegistrationResponseJSON for the challenge
 * StartWebAuthnRegistration gave. The challenge is claimed first (once: of concurrent completions one
 * goes on, and a refused credential spends it too), then the credential is checked (domain/webAuthn.ts)
 * and the passkey kept: its key, counter, transports and attachment.
 */
export default async function completeWebAuthnRegistration(input: { AccessToken: string; Credential: unknown }, ctx: Context) {
  const { pool, user, claims } = await verifyAccessToken(ctx, input.AccessToken);
  if (!webAuthnEnabled(pool)) throw WebAuthnNotEnabled();
  const rpId = relyingPartyId(ctx, pool);
  const { credential, clientData } = readCredential(input.Credential, ['attestationObject']);
  const passkeys = ctx.store.webAuthnCredentials;
  const registration = claimOnce(ctx, () => {
    const pending = passkeys.takeRegistration(pool.id, user.usernameKey);
    // A challenge that is not the one started (the started one stays) or is past its time (forgotten).
    if (!pending || pending.challenge !== clientData.challenge) throw WebAuthnChallengeNotFound();
    if (pending.expiresAt <= ctx.clock.now()) throw keepWrites(WebAuthnChallengeNotFound());
    if (pending.clientId !== claims.client_id) throw WebAuthnClientMismatch();
    return pending;
  });
  let verified: RegisteredCredential;
  try {
    verified = await verifyRegistration(pool, rpId, credential, clientData);
  } catch (error) {
    if (!REFUSED_CREDENTIAL_SPENDS_CHALLENGE) ctx.store.transaction(() => passkeys.putRegistration(registration));
    throw error;
  }
  ctx.store.transaction(() => {
    if (!ctx.store.users.byUsernameKey(pool.id, user.usernameKey)) throw UserNotFound('User does not exist.');
    if (passkeys.get(pool.id, verified.credentialId)) throw credentialAlreadyRegistered();
    if (passkeys.countForUser(pool.id, user.usernameKey) >= MAX_CREDENTIALS_PER_USER) throw LimitExceeded(WEBAUTHN_MESSAGES.tooManyCredentials);
    passkeys.insert({
      ...verified,
      userPoolId: pool.id,
      usernameKey: user.usernameKey,
      relyingPartyId: rpId,
      friendlyName: FRIENDLY_CREDENTIAL_NAME,
      createdAt: ctx.clock.now(),
    });
  });
  return {};
}
