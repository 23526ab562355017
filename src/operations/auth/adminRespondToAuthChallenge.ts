import type { Call, Context } from '../../context.js';
import { respondToChallenge } from '../../domain/signIn/flow.js';
import { findPool } from '../../domain/userPools.js';
import { findPoolClient } from '../../domain/appClients.js';
import type { RespondToAuthChallengeInput } from './respondToAuthChallenge.js';

/** RespondToAuthChallenge for a sign-in begun with AdminInitiateAuth; the pool is named. */
export default function adminRespondToAuthChallenge(input: RespondToAuthChallengeInput & { UserPoolId: string }, ctx: Context, call: Call) {
  const pool = findPool(ctx, input.UserPoolId);
  const client = findPoolClient(ctx, input.UserPoolId, input.ClientId);
  return respondToChallenge({
    ctx,
    pool,
    client,
    challengeName: input.ChallengeName,
    session: input.Session,
    responses: input.ChallengeResponses ?? {},
    admin: true,
    clientMetadata: input.ClientMetadata,
    call,
  });
}
