import type { Context } from '../../context.js';
import { findPool } from '../../domain/userPools.js';
import { signingCertificate } from '../../domain/signingCertificate.js';
import { internalError } from '../../protocol/errors.js';

/** The X.509 certificate that signs the pool's SAML requests (base64 DER). */
export default async function getSigningCertificate(input: { UserPoolId: string }, ctx: Context) {
  const pool = findPool(ctx, input.UserPoolId);
  const key = await ctx.keys.key(pool.id, 'id');
  if (!key) throw internalError(`User pool ${pool.id} has no signing key.`);
  return { Certificate: signingCertificate(pool.id, pool.description.CreationDate * 1000, key) };
}
