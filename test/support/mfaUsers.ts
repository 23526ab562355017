/** Helpers of the MFA tests: confirmed users, signed-in tokens, and TOTP codes by the server clock. */
import {
  AdminConfirmSignUpCommand,
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  AssociateSoftwareTokenCommand,
  InitiateAuthCommand,
  SetUserPoolMfaConfigCommand,
  SignUpCommand,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { TOTP_STEP_SECONDS, totpCode } from '../../src/domain/totp.js';
import { advanceClock, createPoolAndClient, type TestServer } from './server.js';

export const PASSWORD = 'Passw0rd!';

/** A pool offering TOTP in the given MFA mode, and a client allowing password sign-in. */
export async function totpPool(t: TestServer, mode: 'OFF' | 'ON' | 'OPTIONAL' = 'OPTIONAL') {
  const ids = await createPoolAndClient(t.sdk);
  await t.sdk.send(
    new SetUserPoolMfaConfigCommand({ UserPoolId: ids.userPoolId, SoftwareTokenMfaConfiguration: { Enabled: true }, MfaConfiguration: mode }),
  );
  return ids;
}

/** Signs up and confirms a user; returns the name and the sub. */
export async function confirmedUser(t: TestServer, userPoolId: string, clientId: string, username: string, attributes: Record<string, string> = {}) {
  const { UserSub } = await t.sdk.send(
    new SignUpCommand({
      ClientId: clientId,
      Username: username,
      Password: PASSWORD,
      UserAttributes: Object.entries({ email: `${username}@example.com`, ...attributes }).map(([Name, Value]) => ({ Name, Value })),
    }),
  );
  await t.sdk.send(new AdminConfirmSignUpCommand({ UserPoolId: userPoolId, Username: username }));
  return { username, sub: UserSub! };
}

/** An administrator-created user with a verified email and PASSWORD set as permanent (CONFIRMED, no message sent). */
export async function adminCreatedUser(t: TestServer, userPoolId: string, username: string) {
  await t.sdk.send(
    new AdminCreateUserCommand({
      UserPoolId: userPoolId,
      Username: username,
      MessageAction: 'SUPPRESS',
      UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }, { Name: 'email_verified', Value: 'true' }],
    }),
  );
  await t.sdk.send(new AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username: username, Password: PASSWORD, Permanent: true }));
}

/** InitiateAuth USER_PASSWORD_AUTH with PASSWORD; `extra` adds (or replaces) request fields, e.g. ClientMetadata. */
export function passwordSignIn(t: TestServer, clientId: string, username: string, extra: Record<string, unknown> = {}) {
  return t.sdk.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD }, ...extra }));
}

/** The code the user's authenticator app shows now (by the server's clock), or `steps` time steps away. */
export function codeNow(t: TestServer, secretCode: string, steps = 0): string {
  return totpCode(secretCode, t.server.ctx.clock.now() + steps * TOTP_STEP_SECONDS * 1000);
}

/**
 * A code of a later time step than any used so far (the server refuses a step twice), taken as its
 * step begins: the server accepts it for two steps (60 s) from now, however slowly the program that
 * sends it starts (an aws CLI run takes seconds on a loaded machine).
 */
export async function freshCode(t: TestServer, secretCode: string): Promise<string> {
  const stepMs = TOTP_STEP_SECONDS * 1000;
  await advanceClock(t.url, (stepMs - (t.server.ctx.clock.now() % stepMs)) / 1000);
  return codeNow(t, secretCode);
}

/** A 6-digit code outside the ±1-step window. */
export function wrongCode(t: TestServer, secretCode: string): string {
  const valid = new Set([-1, 0, 1].map((steps) => codeNow(t, secretCode, steps)));
  for (let n = 0; ; n++) {
    const code = String(n).padStart(6, '0');
    if (!valid.has(code)) return code;
  }
}

/** Signs in (no MFA yet) and sets up a verified software token through the AccessToken path. */
export async function userWithVerifiedToken(
  t: TestServer,
  clientId: string,
  userPoolId: string,
  username: string,
  friendlyDeviceName?: string,
  attributes: Record<string, string> = {},
) {
  await confirmedUser(t, userPoolId, clientId, username, attributes);
  const signedIn = await passwordSignIn(t, clientId, username);
  const accessToken = signedIn.AuthenticationResult!.AccessToken!;
  const { SecretCode } = await t.sdk.send(new AssociateSoftwareTokenCommand({ AccessToken: accessToken }));
  await t.sdk.send(
    new VerifySoftwareTokenCommand({ AccessToken: accessToken, UserCode: codeNow(t, SecretCode!), FriendlyDeviceName: friendlyDeviceName }),
  );
  return { accessToken, secretCode: SecretCode! };
}

/** The rejection of a promise, as {name, message} (the SDK's __type and message). */
export async function failure(promise: Promise<unknown>): Promise<{ name: string; message: string; status?: number }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode };
  }
  throw new Error('expected the call to fail, but it succeeded');
}
