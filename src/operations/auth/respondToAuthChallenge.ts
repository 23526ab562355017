import type { Call, Context } from '../../context.js';
import { findClient } from '../../domain/appClients.js';
import { respondToChallenge } from '../../domain/signIn/flow.js';

export interface RespondToAuthChallengeInput {
  ClientId: string;
  ChallengeName: string;
  Session?: string;
  ChallengeResponses?: Record<string, string>;
  ClientMetadata?: Record<string, string>;
  AnalyticsMetadata?: unknown;
  UserContextData?: unknown;
}

/** Answers the challenge a Session holds; the shared sign-in machine does the rest. */
export default function respondToAuthChallenge(input: RespondToAuthChallengeInput, ctx: Context, call: Call) {
  const { client, pool } = findClient(ctx, input.ClientId);
  return respondToChallenge({
    ctx,
    pool,
    client,
    challengeName: input.ChallengeName,
    session: input.Session,
    responses: input.ChallengeResponses ?? {},
    admin: false,
    clientMetadata: input.ClientMetadata,
    call,
  });
}
