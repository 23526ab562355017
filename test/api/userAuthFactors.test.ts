/** GetUserAuthFactors through the SDK v3: the signed-in user's MFA settings and choice-based sign-in factors. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminUpdateUserAttributesCommand,
  DescribeUserPoolCommand,
  GetUserAuthFactorsCommand,
  SetUserMFAPreferenceCommand,
  UpdateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { call, createPoolAndClient, expectSdkError, startServer, type TestServer } from '../support/server.js';
import { confirmedUser, passwordSignIn, totpPool, userWithVerifiedToken } from '../support/mfaUsers.js';

let t: TestServer;
beforeAll(async () => {
  t = await startServer();
});
afterAll(() => t.close());

const signedIn = async (clientId: string, username: string) => (await passwordSignIn(t, clientId, username)).AuthenticationResult!.AccessToken!;
const factors = async (AccessToken: string) => {
  const raw = await call(t.url, 'GetUserAuthFactors', { AccessToken });
  expect(raw.status).toBe(200);
  return raw.body;
};

describe('GetUserAuthFactors', () => {
  it('a password-only pool: the username and PASSWORD, no MFA members when none is set', async () => {
    const { userPoolId, clientId } = await createPoolAndClient(t.sdk);
    await confirmedUser(t, userPoolId, clientId, 'ana');
    // A verified email does not make EMAIL_OTP a factor where the pool does not allow it.
    await t.sdk.send(new AdminUpdateUserAttributesCommand({ UserPoolId: userPoolId, Username: 'ana', UserAttributes: [{ Name: 'email_verified', Value: 'true' }] }));
    expect(await factors(await signedIn(clientId, 'ana'))).toEqual({ Username: 'ana', ConfiguredUserAuthFactors: ['PASSWORD'] });
  });

  it('EMAIL_OTP and SMS_OTP when the pool allows them first and the address is verified', async () => {
    const SignInPolicy = { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP', 'SMS_OTP'] as ('PASSWORD' | 'EMAIL_OTP' | 'SMS_OTP')[] };
    const { userPoolId, clientId } = await createPoolAndClient(t.sdk, { Policies: { SignInPolicy } });
    // CreateUserPool keeps the sign-in policy it was given.
    expect((await t.sdk.send(new DescribeUserPoolCommand({ UserPoolId: userPoolId }))).UserPool!.Policies!.SignInPolicy).toEqual(SignInPolicy);
    await confirmedUser(t, userPoolId, clientId, 'bo', { phone_number: '+15555550100' });
    const token = await signedIn(clientId, 'bo');
    // Neither address verified yet (AdminConfirmSignUp verifies nothing).
    expect((await factors(token)).ConfiguredUserAuthFactors).toEqual(['PASSWORD']);
    await t.sdk.send(new AdminUpdateUserAttributesCommand({ UserPoolId: userPoolId, Username: 'bo', UserAttributes: [{ Name: 'email_verified', Value: 'true' }] }));
    expect((await factors(token)).ConfiguredUserAuthFactors).toEqual(['PASSWORD', 'EMAIL_OTP']);
    await t.sdk.send(new AdminUpdateUserAttributesCommand({ UserPoolId: userPoolId, Username: 'bo', UserAttributes: [{ Name: 'phone_number_verified', Value: 'true' }] }));
    const sdk = await t.sdk.send(new GetUserAuthFactorsCommand({ AccessToken: token }));
    expect(sdk.ConfiguredUserAuthFactors).toEqual(['PASSWORD', 'EMAIL_OTP', 'SMS_OTP']);
    // The pool no longer allows email codes first: the factor goes with it.
    await t.sdk.send(new UpdateUserPoolCommand({ UserPoolId: userPoolId, Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'SMS_OTP'] } } }));
    expect((await factors(token)).ConfiguredUserAuthFactors).toEqual(['PASSWORD', 'SMS_OTP']);
  });

  it('reports the MFA the user activated and prefers', async () => {
    const { userPoolId, clientId } = await totpPool(t);
    const { accessToken } = await userWithVerifiedToken(t, clientId, userPoolId, 'cy');
    await t.sdk.send(new SetUserMFAPreferenceCommand({ AccessToken: accessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }));
    expect(await factors(accessToken)).toEqual({
      Username: 'cy',
      PreferredMfaSetting: 'SOFTWARE_TOKEN_MFA',
      UserMFASettingList: ['SOFTWARE_TOKEN_MFA'],
      ConfiguredUserAuthFactors: ['PASSWORD'],
    });
  });

  it('refuses a token that is not valid, a disabled user\'s and a deleted user\'s, in Cognito\'s words', async () => {
    const { userPoolId, clientId } = await createPoolAndClient(t.sdk);
    await expectSdkError(t.sdk, new GetUserAuthFactorsCommand({ AccessToken: 'not.a.token' }), 'NotAuthorizedException', 'Invalid Access Token');
    await confirmedUser(t, userPoolId, clientId, 'dee');
    const token = await signedIn(clientId, 'dee');
    await t.sdk.send(new AdminDisableUserCommand({ UserPoolId: userPoolId, Username: 'dee' }));
    await expectSdkError(t.sdk, new GetUserAuthFactorsCommand({ AccessToken: token }), 'NotAuthorizedException', 'User is disabled.');
    await confirmedUser(t, userPoolId, clientId, 'eve');
    const other = await signedIn(clientId, 'eve');
    await t.sdk.send(new AdminDeleteUserCommand({ UserPoolId: userPoolId, Username: 'eve' }));
    await expectSdkError(t.sdk, new GetUserAuthFactorsCommand({ AccessToken: other }), 'UserNotFoundException', 'User does not exist.');
  });
});
