/** The primary factor of a sign-in: which AuthFlow, checked how. Each flow is one named function. */
import type { Context } from '../../context.js';
import type { UserPool } from '../../store/userPools.js';
import type { UserPoolClientDescription } from '../../store/userPoolClients.js';
import type { User } from '../../store/users.js';
import { InvalidParameter, NotAuthorized, UserNotFound } from '../../protocol/errors.js';
import { allowsAuthFlow } from '../clientAuthFlows.js';
import { checkAuthSecretHash, preventsUserExistenceErrors } from '../appClients.js';
import { passwordMatches } from '../passwords.js';
import { findUser } from '../users.js';
import { continueSignIn } from './flow.js';
import { checkAccountUsable, INCORRECT_CREDENTIALS, missingParameter, settlePasswordProof } from './session.js';
import { refreshTokenAuth } from './refresh.js';
import { userSrpAuth } from './srp.js';
import type { AuthResponse } from './types.js';

export interface InitiateRequest {
  ctx: Context;
  pool: UserPool;
  client: UserPoolClientDescription;
  flow: string;
  parameters: Record<string, string>;
  admin: boolean;
}

export type AuthFlow = (request: InitiateRequest) => Promise<AuthResponse>;

/** AuthFlow -> how it signs in. InitiateAuth takes the client-side flows, AdminInitiateAuth the admin ones. */
export const CLIENT_FLOWS: Record<string, AuthFlow> = {
  USER_SRP_AUTH: userSrpAuth,
  USER_PASSWORD_AUTH: passwordAuth,
  REFRESH_TOKEN_AUTH: refreshTokenAuth,
  REFRESH_TOKEN: refreshTokenAuth,
};
export const ADMIN_FLOWS: Record<string, AuthFlow> = {
  USER_SRP_AUTH: userSrpAuth,
  ADMIN_USER_PASSWORD_AUTH: passwordAuth,
  ADMIN_NO_SRP_AUTH: passwordAuth,
  REFRESH_TOKEN_AUTH: refreshTokenAuth,
  REFRESH_TOKEN: refreshTokenAuth,
};

export async function initiateSignIn(request: InitiateRequest): Promise<AuthResponse> {
  const flows = request.admin ? ADMIN_FLOWS : CLIENT_FLOWS;
  const flow = flows[request.flow];
  if (!flow) {
    const knownElsewhere = request.flow in (request.admin ? CLIENT_FLOWS : ADMIN_FLOWS);
    throw InvalidParameter(knownElsewhere ? 'Initiate Auth method not supported.' : `${request.flow} is not supported by kognito yet.`);
  }
  return flow(request);
}

/** The client must allow the flow (ExplicitAuthFlows). */
export function checkFlowAllowed(client: UserPoolClientDescription, flow: string): void {
  const allowFlag = flow === 'ADMIN_NO_SRP_AUTH' ? 'ADMIN_USER_PASSWORD_AUTH' : flow === 'REFRESH_TOKEN' ? 'REFRESH_TOKEN_AUTH' : flow;
  if (!allowsAuthFlow(client, allowFlag)) {
    throw InvalidParameter(flow.startsWith('ADMIN') ? 'Auth flow not enabled for this client' : `${flow} flow not enabled for this client`);
  }
}

/** The user a sign-in names, or the error Cognito gives (hidden behind "Incorrect..." when the client asks). */
export function signInUser(request: InitiateRequest, username: string): User {
  const user = findUser(request.ctx.store, request.pool, username);
  if (user) return user;
  if (preventsUserExistenceErrors(request.client)) throw NotAuthorized(INCORRECT_CREDENTIALS);
  throw UserNotFound('User does not exist.');
}

/** USER_PASSWORD_AUTH and ADMIN_USER_PASSWORD_AUTH: the password, checked against the stored SRP verifier. */
async function passwordAuth(request: InitiateRequest): Promise<AuthResponse> {
  const { ctx, pool, client, parameters, flow } = request;
  checkFlowAllowed(client, flow);
  const username = parameters.USERNAME;
  if (username === undefined) throw missingParameter('USERNAME');
  checkAuthSecretHash(client, username, parameters.SECRET_HASH);
  if (parameters.PASSWORD === undefined) throw missingParameter('PASSWORD');
  const user = signInUser(request, username);
  settlePasswordProof(ctx, user, passwordMatches(pool, user, parameters.PASSWORD));
  checkAccountUsable(user);
  return continueSignIn({
    ctx,
    pool,
    client,
    user,
    state: { passed: ['PASSWORD'], deviceKey: parameters.DEVICE_KEY ?? null, admin: request.admin },
  });
}
