/**
 * amazon-cognito-identity-js against kognito: forgotPassword / confirmPassword, changePassword and
 * deleteUser as an app calls them, with the errors the library reports (its `code` is the wire __type).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { CognitoUser, CognitoUserPool } from 'amazon-cognito-identity-js';
import { createPoolAndClient, lastCode, type TestServer } from '../support/server.js';
import { PASSWORD, adminCreatedUser } from '../support/mfaUsers.js';
import { authenticateUser, cognitoUser, tokensOf, userPool, type LibraryError } from '../support/cognitoIdentityJs.js';
import { withServerAndWire, type WireLog } from '../support/wireLog.js';

let server: TestServer;
let wire: WireLog;
withServerAndWire((s, w) => {
  server = s;
  wire = w;
});

let userPoolId: string;
let pool: CognitoUserPool;

beforeAll(async () => {
  const ids = await createPoolAndClient(server.sdk);
  userPoolId = ids.userPoolId;
  pool = userPool(server.url, userPoolId, ids.clientId);
});

const user = (username: string) => adminCreatedUser(server, userPoolId, username);

/** forgotPassword: resolves with what the library hands inputVerificationCode (the CodeDeliveryDetails answer). */
const forgotPassword = (u: CognitoUser) =>
  new Promise<any>((resolve, reject) => u.forgotPassword({ onSuccess: resolve, onFailure: reject, inputVerificationCode: resolve }));
const confirmPassword = (u: CognitoUser, code: string, password: string) =>
  new Promise<string>((resolve, reject) => u.confirmPassword(code, password, { onSuccess: resolve, onFailure: reject }));
const changePassword = (u: CognitoUser, from: string, to: string) =>
  new Promise<string>((resolve, reject) => u.changePassword(from, to, (error, result) => (error ? reject(error) : resolve(result!))));
const deleteUser = (u: CognitoUser) => new Promise<string>((resolve, reject) => u.deleteUser((error, result) => (error ? reject(error) : resolve(result!))));
const refused = async (promise: Promise<unknown>) => {
  const error = (await promise.then(() => undefined, (e: LibraryError) => e))!;
  return { code: error.code, message: error.message };
};

describe('amazon-cognito-identity-js', () => {
  it('forgotPassword sends the code; confirmPassword with it sets the new password; the old one no longer signs in', async () => {
    await user('abby');
    const delivery = await forgotPassword(cognitoUser(pool, 'abby'));
    expect(delivery).toEqual({ CodeDeliveryDetails: { AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: 'a***@e***' } });
    const code = await lastCode(server.url, userPoolId, 'abby');
    expect(await refused(confirmPassword(cognitoUser(pool, 'abby'), code === '000000' ? '111111' : '000000', 'N3w-Passw0rd'))).toEqual({
      code: 'CodeMismatchException',
      message: 'Invalid verification code provided, please try again.',
    });
    expect(await confirmPassword(cognitoUser(pool, 'abby'), code, 'N3w-Passw0rd')).toBe('SUCCESS');
    expect(wire.steps()).toEqual(['ForgotPassword', 'ConfirmForgotPassword', 'ConfirmForgotPassword']);

    tokensOf(await authenticateUser(cognitoUser(pool, 'abby'), 'N3w-Passw0rd'));
    expect(await refused(authenticateUser(cognitoUser(pool, 'abby'), PASSWORD))).toEqual({ code: 'NotAuthorizedException', message: 'Incorrect username or password.' });
  });

  it('forgotPassword of an unknown user fails with UserNotFoundException', async () => {
    expect(await refused(forgotPassword(cognitoUser(pool, 'nobody')))).toEqual({ code: 'UserNotFoundException', message: 'Username/client id combination not found.' });
  });

  it('changePassword of the signed-in user: a wrong old password is refused, the right one changes it', async () => {
    await user('bert');
    const bert = cognitoUser(pool, 'bert');
    tokensOf(await authenticateUser(bert, PASSWORD));
    expect(await refused(changePassword(bert, 'Wr0ng-pass!', 'N3w-Passw0rd'))).toEqual({ code: 'NotAuthorizedException', message: 'Incorrect username or password.' });
    expect(await refused(changePassword(bert, PASSWORD, 'weak'))).toEqual({ code: 'InvalidPasswordException', message: 'Password did not conform with policy: Password not long enough' });
    expect(await changePassword(bert, PASSWORD, 'N3w-Passw0rd')).toBe('SUCCESS');
    tokensOf(await authenticateUser(cognitoUser(pool, 'bert'), 'N3w-Passw0rd'));
  });

  it('deleteUser deletes the signed-in user; signing in again finds no user', async () => {
    await user('cleo');
    const cleo = cognitoUser(pool, 'cleo');
    tokensOf(await authenticateUser(cleo, PASSWORD));
    wire.clear();
    expect(await deleteUser(cleo)).toBe('SUCCESS');
    expect(wire.calls.map((c) => [c.operation, c.status])).toEqual([['DeleteUser', 200]]);
    expect(await refused(authenticateUser(cognitoUser(pool, 'cleo'), PASSWORD))).toEqual({ code: 'UserNotFoundException', message: 'User does not exist.' });
  });
});
