import type { Context } from '../../context.js';
import { mfaConfigView } from '../../domain/mfa.js';
import { findPool } from '../../domain/userPools.js';

export default function getUserPoolMfaConfig(input: { UserPoolId: string }, ctx: Context) {
  return mfaConfigView(findPool(ctx, input.UserPoolId));
}
