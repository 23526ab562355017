/** The primary factor of a sign-in: which AuthFlow, checked how. Each flow is one named function. */
import type { User } from '../../store/users.js';
import { InvalidParameter, NotAuthorized, UserNotFound } from '../../protocol/errors.js';
import { checkFlowAllowed } from '../clientAuthFlows.js';
import { checkAuthSecretHash, preventsUserExistenceErrors } from '../appClients.js';
import { passwordMatches } from '../passwords.js';
import { findUser } from '../users.js';
import { continueSignIn } from './flow.js';
import { afterPreAuthentication, checkAccountUsable, INCORRECT_CREDENTIALS, missingParameter, refuseResetRequired, settlePasswordProof } from './session.js';
import { passwordProven } from './events.js';
import { refreshTokenAuth } from './refresh.js';
import { userSrpAuth } from './srp.js';
import { startCustomAuth } from './customAuth.js';
import { migrateUser } from '../triggers/userMigration.js';
import { userAuth } from './userAuth.js';
import type { EventOrigin } from '../authEvents.js';
import type { AuthFlow, AuthResponse, InitiateRequest, SignIn, SignInState } from './types.js';

/** AuthFlow -> how it signs in. InitiateAuth takes the client-side flows, AdminInitiateAuth the admin ones. */
export const CLIENT_FLOWS: Record<string, AuthFlow> = {
  USER_SRP_AUTH: userSrpAuth,
  USER_PASSWORD_AUTH: passwordAuth,
  CUSTOM_AUTH: customAuth,
  REFRESH_TOKEN_AUTH: refreshTokenAuth,
  REFRESH_TOKEN: refreshTokenAuth,
  USER_AUTH: userAuth,
};
export const ADMIN_FLOWS: Record<string, AuthFlow> = {
  USER_SRP_AUTH: userSrpAuth,
  ADMIN_USER_PASSWORD_AUTH: passwordAuth,
  ADMIN_NO_SRP_AUTH: passwordAuth,
  CUSTOM_AUTH: customAuth,
  REFRESH_TOKEN_AUTH: refreshTokenAuth,
  REFRESH_TOKEN: refreshTokenAuth,
  USER_AUTH: userAuth,
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

/** The user a sign-in names, or the error Cognito gives (hidden behind "Incorrect..." when the client asks). */
export function signInUser(request: InitiateRequest, username: string): User {
  const user = findUser(request.ctx.store, request.pool, username);
  if (user) return user;
  if (preventsUserExistenceErrors(request.client)) throw NotAuthorized(INCORRECT_CREDENTIALS);
  throw UserNotFound('User does not exist.');
}

/** USER_PASSWORD_AUTH and ADMIN_USER_PASSWORD_AUTH: the password, checked against the stored SRP verifier. */
async function passwordAuth(request: InitiateRequest): Promise<AuthResponse> {
  const { client, parameters, flow } = request;
  checkFlowAllowed(client, flow);
  const username = parameters.USERNAME;
  if (username === undefined) throw missingParameter('USERNAME');
  checkAuthSecretHash(client, username, parameters.SECRET_HASH);
  if (parameters.PASSWORD === undefined) throw missingParameter('PASSWORD');
  return passwordSignIn(request, username, parameters.PASSWORD, { deviceKey: parameters.DEVICE_KEY ?? null, admin: request.admin });
}

/**
 * A password as the primary factor, then the steps after it: the API's password flows, and the
 * hosted sign-in page (state.hosted, whose sign-in ends with the browser signed in).
 */
export async function passwordSignIn(
  request: InitiateRequest,
  username: string,
  password: string,
  state: Pick<SignInState, 'deviceKey' | 'admin' | 'hosted'>,
): Promise<AuthResponse> {
  const { ctx, pool, client } = request;
  const caller = { clientId: client.ClientId, call: request.call };
  // A name the pool does not have may be migrated from the old directory, with the password given.
  const found =
    findUser(ctx.store, pool, username) ??
    (await migrateUser(ctx, pool, { source: 'UserMigration_Authentication', userName: username, password, caller, validationData: request.clientMetadata }));
  if (!found && !preventsUserExistenceErrors(client)) throw UserNotFound('User does not exist.');
  // PreAuthentication may refuse; for a client hiding user existence it also hears of unknown names.
  const user = (await afterPreAuthentication(request, found, username)) ?? signInUser(request, username);
  const signIn: SignIn = { ctx, pool, client, user, state: { passed: [], ...state }, call: request.call };
  provePassword(signIn, password, request.origin);
  return continueSignIn(signIn);
}

/**
 * The password as the primary factor of a sign-in under way (passwordSignIn, and USER_AUTH's
 * SELECT_CHALLENGE answered with PASSWORD): refused for a reset user, counted under the lockout, then
 * the account checks.
 */
export function provePassword(signIn: SignIn, password: string, origin: EventOrigin): void {
  const { ctx, pool, client, user, state } = signIn;
  refuseResetRequired(client, user);
  settlePasswordProof(ctx, pool, user, passwordMatches(pool, user, password), origin);
  checkAccountUsable(user);
  state.passed.push('PASSWORD');
  state.authEvent = passwordProven(origin);
}

/** CUSTOM_AUTH: DefineAuthChallenge leads (customAuth.ts). */
async function customAuth(request: InitiateRequest): Promise<AuthResponse> {
  return continueSignIn(await startCustomAuth(request));
}
