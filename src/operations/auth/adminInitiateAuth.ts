import type { Call, Context } from '../../context.js';
import { initiateSignIn } from '../../domain/signIn/initiate.js';
import { findPoolClient } from '../../domain/appClients.js';
import { findPool } from '../../domain/userPools.js';
import type { InitiateAuthInput } from './initiateAuth.js';

export default function adminInitiateAuth(input: InitiateAuthInput & { UserPoolId: string }, ctx: Context, call: Call) {
  const pool = findPool(ctx, input.UserPoolId);
  const client = findPoolClient(ctx, input.UserPoolId, input.ClientId);
  return initiateSignIn({ ctx, pool, client, flow: input.AuthFlow, parameters: input.AuthParameters ?? {},
    admin: true,
    clientMetadata: input.ClientMetadata,
    call,
  });
}
