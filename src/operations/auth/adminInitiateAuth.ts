import type { Call, Context } from '../../context.js';
import { eventOrigin } from '../../domain/authEvents.js';
import { initiateSignIn } from '../../domain/signIn/initiate.js';
import { findPoolClient } from '../../domain/appClients.js';
import { findPool } from '../../domain/userPools.js';
import type { InitiateAuthInput } from './initiateAuth.js';

/** ContextData: what a server knows of the end user's request (their IP address). */
export default function adminInitiateAuth(input: InitiateAuthInput & { UserPoolId: string; ContextData?: { IpAddress?: string } }, ctx: Context, call: Call) {
  const pool = findPool(ctx, input.UserPoolId);
  const client = findPoolClient(ctx, input.UserPoolId, input.ClientId);
  return initiateSignIn({ ctx, pool, client, flow: input.AuthFlow, parameters: input.AuthParameters ?? {},
    admin: true,
    origin: eventOrigin(call, input.ContextData),
    clientMetadata: input.ClientMetadata,
    call,
  });
}
