/**
 * Amplify v6 against kognito: resetPassword -> confirmResetPassword -> signIn, the RESET_PASSWORD step of
 * a user an administrator reset, updatePassword, deleteUser, and the errors Amplify surfaces on the way
 * (its error name is the wire __type, its message the wire message). Amplify's state is per process.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { AdminDisableUserCommand, AdminGetUserCommand, AdminResetUserPasswordCommand } from '@aws-sdk/client-cognito-identity-provider';
import { confirmResetPassword, deleteUser, fetchAuthSession, getCurrentUser, resetPassword, signIn, signOut, updatePassword } from 'aws-amplify/auth';
import { createPoolAndClient, lastCode, type TestServer } from '../support/server.js';
import { configureAmplify } from '../support/amplify.js';
import { PASSWORD, adminCreatedUser } from '../support/mfaUsers.js';
import { withServerAndWire, type WireLog } from '../support/wireLog.js';

let server: TestServer;
let wire: WireLog;
withServerAndWire((s, w) => {
  server = s;
  wire = w;
});

let userPoolId: string;
let clientId: string;

beforeAll(async () => {
  ({ userPoolId, clientId } = await createPoolAndClient(server.sdk, { AutoVerifiedAttributes: ['email'] }, { ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }));
  configureAmplify(server.url, userPoolId, clientId);
});

const user = (username: string) => adminCreatedUser(server, userPoolId, username);
const status = async (username: string) => (await server.sdk.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: username }))).UserStatus;

describe('Amplify v6 password reset', () => {
  it('resetPassword -> confirmResetPassword (a wrong code refused first) -> signIn with the new password', async () => {
    await user('ruth');
    const started = await resetPassword({ username: 'ruth' });
    expect(started).toEqual({
      isPasswordReset: false,
      nextStep: {
        resetPasswordStep: 'CONFIRM_RESET_PASSWORD_WITH_CODE',
        codeDeliveryDetails: { deliveryMedium: 'EMAIL', destination: 'r***@e***', attributeName: 'email' },
      },
    });
    const code = await lastCode(server.url, userPoolId, 'ruth');
    await expect(confirmResetPassword({ username: 'ruth', confirmationCode: code === '000000' ? '111111' : '000000', newPassword: 'N3w-Passw0rd' })).rejects.toMatchObject({
      name: 'CodeMismatchException',
      message: 'Invalid verification code provided, please try again.',
    });
    await expect(confirmResetPassword({ username: 'ruth', confirmationCode: code, newPassword: 'weak' })).rejects.toMatchObject({
      name: 'InvalidPasswordException',
      message: 'Password did not conform with policy: Password not long enough',
    });
    await confirmResetPassword({ username: 'ruth', confirmationCode: code, newPassword: 'N3w-Passw0rd' });
    expect(await signIn({ username: 'ruth', password: 'N3w-Passw0rd' })).toMatchObject({ isSignedIn: true, nextStep: { signInStep: 'DONE' } });
    expect(wire.steps()).toEqual([
      'ForgotPassword',
      'ConfirmForgotPassword',
      'ConfirmForgotPassword',
      'ConfirmForgotPassword',
      'InitiateAuth:USER_SRP_AUTH',
      'RespondToAuthChallenge:PASSWORD_VERIFIER',
    ]);
    await signOut();
  });

  it('a user an administrator reset gets the RESET_PASSWORD step at signIn, then resets with the code already sent', async () => {
    await user('sam');
    await server.sdk.send(new AdminResetUserPasswordCommand({ UserPoolId: userPoolId, Username: 'sam' }));
    const code = await lastCode(server.url, userPoolId, 'sam');
    expect(await signIn({ username: 'sam', password: PASSWORD })).toMatchObject({ isSignedIn: false, nextStep: { signInStep: 'RESET_PASSWORD' } });
    await confirmResetPassword({ username: 'sam', confirmationCode: code, newPassword: 'N3w-Passw0rd' });
    expect(await status('sam')).toBe('CONFIRMED');
    expect(await signIn({ username: 'sam', password: 'N3w-Passw0rd' })).toMatchObject({ isSignedIn: true });
    await signOut();
  });

  it('resetPassword of an unknown user fails with UserNotFoundException', async () => {
    await expect(resetPassword({ username: 'nobody' })).rejects.toMatchObject({ name: 'UserNotFoundException', message: 'Username/client id combination not found.' });
  });
});

describe('Amplify v6 updatePassword and deleteUser', () => {
  it('updatePassword calls ChangePassword; a wrong old password is refused; the new one signs in', async () => {
    await user('tia');
    await signIn({ username: 'tia', password: PASSWORD });
    await expect(updatePassword({ oldPassword: 'Wr0ng-pass!', newPassword: 'N3w-Passw0rd' })).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    });
    wire.clear();
    await updatePassword({ oldPassword: PASSWORD, newPassword: 'N3w-Passw0rd' });
    expect(wire.steps()).toEqual(['ChangePassword']);
    await signOut();
    expect(await signIn({ username: 'tia', password: 'N3w-Passw0rd' })).toMatchObject({ isSignedIn: true });
    await signOut();
  });

  it('deleteUser deletes the signed-in user and signs them out; signing in again finds no user', async () => {
    await user('ugo');
    await signIn({ username: 'ugo', password: PASSWORD });
    wire.clear();
    await deleteUser();
    // Amplify then signs out, revoking the refresh token (gone with the user: nothing to revoke).
    expect(wire.calls.map((c) => [c.operation, c.status])).toEqual([['DeleteUser', 200], ['RevokeToken', 200]]);
    expect((await fetchAuthSession()).tokens).toBeUndefined();
    await expect(getCurrentUser()).rejects.toMatchObject({ name: 'UserUnAuthenticatedException' });
    await expect(signIn({ username: 'ugo', password: PASSWORD })).rejects.toMatchObject({ name: 'UserNotFoundException', message: 'User does not exist.' });
  });

  it('a disabled user cannot sign in: NotAuthorizedException "User is disabled."', async () => {
    await user('vic');
    await server.sdk.send(new AdminDisableUserCommand({ UserPoolId: userPoolId, Username: 'vic' }));
    await expect(signIn({ username: 'vic', password: PASSWORD })).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'User is disabled.' });
  });
});
