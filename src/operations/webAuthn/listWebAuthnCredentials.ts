import type { Context } from '../../context.js';
import { verifyAccessToken } from '../../domain/tokens.js';
import { positionOf } from '../../store/webAuthnCredentials.js';
import { InvalidParameter } from '../../protocol/errors.js';
import { page } from '../../domain/pagination.js';
import { MAX_CREDENTIALS_PER_USER } from '../../domain/webAuthn.js';

/** UNSURE: ListWebAuthnCredentials without MaxResults (or with 0) answers up to the model's maximum, 20. */
export const DEFAULT_MAX_RESULTS = 20;
/** UNSURE: a NextToken this operation did not give (emulator text). */
export const INVALID_NEXT_TOKEN = 'Invalid NextToken.';

/**
 * ListWebAuthnCredentials: the signed-in user's passkeys in registration order, a page at a time.
 * NextToken is where the page ended (a credential deleted since does not break it).
 */
export default async function listWebAuthnCredentials(input: { AccessToken: string; NextToken?: string; MaxResults?: number }, ctx: Context) {
  const { pool, user } = await verifyAccessToken(ctx, input.AccessToken);
  let after: string | undefined;
  if (input.NextToken !== undefined) {
    after = Buffer.from(input.NextToken, 'base64url').toString('utf8');
    if (!/^\d+:\S+$/.test(after)) throw InvalidParameter(INVALID_NEXT_TOKEN);
  }
  const limit = Math.min(input.MaxResults || DEFAULT_MAX_RESULTS, MAX_CREDENTIALS_PER_USER);
  const found = page(ctx.store.webAuthnCredentials.listForUser(pool.id, user.usernameKey, after, limit + 1), limit, positionOf);
  return {
    Credentials: found.items.map((credential) => ({
      CredentialId: credential.credentialId,
      FriendlyCredentialName: credential.friendlyName,
      RelyingPartyId: credential.relyingPartyId,
      ...(credential.authenticatorAttachment ? { AuthenticatorAttachment: credential.authenticatorAttachment } : {}),
      AuthenticatorTransports: credential.transports,
      CreatedAt: credential.createdAt / 1000,
    })),
    ...(found.next ? { NextToken: found.next } : {}),
  };
}
