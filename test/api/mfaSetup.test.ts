/**
 * TOTP MFA configuration and setup through the SDK v3 against a listening kognito: pool settings,
 * AssociateSoftwareToken / VerifySoftwareToken with an AccessToken, and the MFA preferences.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AdminGetUserCommand,
  AdminSetUserMFAPreferenceCommand,
  AssociateSoftwareTokenCommand,
  DescribeUserPoolCommand,
  GetUserCommand,
  GetUserPoolMfaConfigCommand,
  SetUserMFAPreferenceCommand,
  SetUserPoolMfaConfigCommand,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { advanceClock, call, createPoolAndClient, startServer, type TestServer } from '../support/server.js';
import { codeNow, confirmedUser, failure, passwordSignIn, totpPool, userWithVerifiedToken, wrongCode } from '../support/mfaUsers.js';

let t: TestServer;
beforeAll(async () => {
  t = await startServer();
});
afterAll(() => t.close());

describe('SetUserPoolMfaConfig / GetUserPoolMfaConfig', () => {
  it('a new pool has MFA OFF and no factor', async () => {
    const { userPoolId } = await createPoolAndClient(t.sdk);
    const config = await t.sdk.send(new GetUserPoolMfaConfigCommand({ UserPoolId: userPoolId }));
    expect(config.MfaConfiguration).toBe('OFF');
    expect(config.SoftwareTokenMfaConfiguration).toBeUndefined();
  });

  it('turns TOTP on, echoes the settings and DescribeUserPool shows the mode', async () => {
    const { userPoolId } = await createPoolAndClient(t.sdk);
    const set = await t.sdk.send(
      new SetUserPoolMfaConfigCommand({ UserPoolId: userPoolId, SoftwareTokenMfaConfiguration: { Enabled: true }, MfaConfiguration: 'ON' }),
    );
    expect(set.MfaConfiguration).toBe('ON');
    expect(set.SoftwareTokenMfaConfiguration).toEqual({ Enabled: true });
    const got = await t.sdk.send(new GetUserPoolMfaConfigCommand({ UserPoolId: userPoolId }));
    expect(got.MfaConfiguration).toBe('ON');
    expect(got.SoftwareTokenMfaConfiguration).toEqual({ Enabled: true });
    const described = await t.sdk.send(new DescribeUserPoolCommand({ UserPoolId: userPoolId }));
    expect(described.UserPool?.MfaConfiguration).toBe('ON');
    // The request states the whole configuration: a section left out is off (aws-sdk-js #4186).
    const optional = await failure(t.sdk.send(new SetUserPoolMfaConfigCommand({ UserPoolId: userPoolId, MfaConfiguration: 'OPTIONAL' })));
    expect(optional).toMatchObject({
      name: 'InvalidParameterException',
      message: "Invalid MFA configuration given, can't disable all MFAs with a required or optional configuration.",
    });
    // Leaving MfaConfiguration out keeps the mode.
    const kept = await t.sdk.send(new SetUserPoolMfaConfigCommand({ UserPoolId: userPoolId, SoftwareTokenMfaConfiguration: { Enabled: true } }));
    expect(kept.MfaConfiguration).toBe('ON');
  });

  it('refuses MFA ON without any factor and changes nothing', async () => {
    const { userPoolId } = await createPoolAndClient(t.sdk);
    const error = await failure(t.sdk.send(new SetUserPoolMfaConfigCommand({ UserPoolId: userPoolId, MfaConfiguration: 'ON' })));
    expect(error.name).toBe('InvalidParameterException');
    expect(error.message).toBe("Invalid MFA configuration given, can't disable all MFAs with a required or optional configuration.");
    const got = await t.sdk.send(new GetUserPoolMfaConfigCommand({ UserPoolId: userPoolId }));
    expect(got.MfaConfiguration).toBe('OFF');
  });

  it('answers an unknown pool with ResourceNotFoundException', async () => {
    const error = await failure(t.sdk.send(new GetUserPoolMfaConfigCommand({ UserPoolId: 'us-east-1_nothere00' })));
    expect(error).toMatchObject({ name: 'ResourceNotFoundException', message: 'User pool us-east-1_nothere00 does not exist.' });
  });
});

describe('AssociateSoftwareToken and VerifySoftwareToken with an AccessToken', () => {
  it('refuses both AccessToken and Session, and neither', async () => {
    const both = await failure(t.sdk.send(new AssociateSoftwareTokenCommand({ AccessToken: 'a.b.c', Session: 's'.repeat(40) })));
    expect(both).toMatchObject({ name: 'InvalidParameterException', message: 'Exactly one of AccessToken or Session must be provided.' });
    const neither = await failure(t.sdk.send(new AssociateSoftwareTokenCommand({})));
    expect(neither).toMatchObject({ name: 'InvalidParameterException', message: 'Exactly one of AccessToken or Session must be provided.' });
    const verify = await failure(t.sdk.send(new VerifySoftwareTokenCommand({ UserCode: '123456' })));
    expect(verify).toMatchObject({ name: 'InvalidParameterException', message: 'Exactly one of AccessToken or Session must be provided.' });
  });

  it('refuses a forged access token', async () => {
    const error = await failure(t.sdk.send(new AssociateSoftwareTokenCommand({ AccessToken: 'not.a.jwt' })));
    expect(error).toMatchObject({ name: 'NotAuthorizedException', message: 'Invalid Access Token', status: 400 });
  });

  it('refuses when the pool does not offer TOTP, in the documented words', async () => {
    const { userPoolId, clientId } = await createPoolAndClient(t.sdk);
    await confirmedUser(t, userPoolId, clientId, 'nototp');
    const signedIn = await passwordSignIn(t, clientId, 'nototp');
    const error = await failure(t.sdk.send(new AssociateSoftwareTokenCommand({ AccessToken: signedIn.AuthenticationResult!.AccessToken })));
    expect(error).toMatchObject({ name: 'SoftwareTokenMFANotFoundException', message: 'Software Token MFA has not been enabled by the userPool' });
  });

  it('returns a 52-character base32 SecretCode and no Session', async () => {
    const { userPoolId, clientId } = await totpPool(t);
    await confirmedUser(t, userPoolId, clientId, 'assoc');
    const signedIn = await passwordSignIn(t, clientId, 'assoc');
    const raw = await call(t.url, 'AssociateSoftwareToken', { AccessToken: signedIn.AuthenticationResult!.AccessToken });
    expect(raw.status).toBe(200);
    expect(Object.keys(raw.body)).toEqual(['SecretCode']);
    expect(raw.body.SecretCode).toMatch(/^[A-Z2-7]{52}$/);
  });

  it('VerifySoftwareToken before any association is SoftwareTokenMFANotFoundException', async () => {
    const { userPoolId, clientId } = await totpPool(t);
    await confirmedUser(t, userPoolId, clientId, 'noassoc');
    const signedIn = await passwordSignIn(t, clientId, 'noassoc');
    const error = await failure(
      t.sdk.send(new VerifySoftwareTokenCommand({ AccessToken: signedIn.AuthenticationResult!.AccessToken, UserCode: '123456' })),
    );
    expect(error).toMatchObject({ name: 'SoftwareTokenMFANotFoundException', message: 'User has not associated a software token.' });
  });

  it('a wrong code is EnableSoftwareTokenMFAException; the right one then succeeds without turning TOTP on', async () => {
    const { userPoolId, clientId } = await totpPool(t);
    await confirmedUser(t, userPoolId, clientId, 'verify');
    const accessToken = (await passwordSignIn(t, clientId, 'verify')).AuthenticationResult!.AccessToken!;
    const { SecretCode } = await t.sdk.send(new AssociateSoftwareTokenCommand({ AccessToken: accessToken }));
    const error = await failure(t.sdk.send(new VerifySoftwareTokenCommand({ AccessToken: accessToken, UserCode: wrongCode(t, SecretCode!) })));
    expect(error).toMatchObject({ name: 'EnableSoftwareTokenMFAException', message: 'Code mismatch and fail enable Software Token MFA' });
    const verified = await t.sdk.send(
      new VerifySoftwareTokenCommand({ AccessToken: accessToken, UserCode: codeNow(t, SecretCode!), FriendlyDeviceName: 'phone' }),
    );
    expect(verified.Status).toBe('SUCCESS');
    expect(verified.Session).toBeUndefined();
    const user = await t.sdk.send(new GetUserCommand({ AccessToken: accessToken }));
    expect(user.UserMFASettingList).toBeUndefined();
    expect(user.PreferredMfaSetting).toBeUndefined();
  });

  it('verifying the token again refuses the code already used, and accepts a later one', async () => {
    const { userPoolId, clientId } = await totpPool(t);
    await confirmedUser(t, userPoolId, clientId, 'twice');
    const accessToken = (await passwordSignIn(t, clientId, 'twice')).AuthenticationResult!.AccessToken!;
    const { SecretCode } = await t.sdk.send(new AssociateSoftwareTokenCommand({ AccessToken: accessToken }));
    const code = codeNow(t, SecretCode!);
    await t.sdk.send(new VerifySoftwareTokenCommand({ AccessToken: accessToken, UserCode: code }));
    const replay = await failure(t.sdk.send(new VerifySoftwareTokenCommand({ AccessToken: accessToken, UserCode: code })));
    expect(replay).toMatchObject({ name: 'EnableSoftwareTokenMFAException', message: 'Code mismatch and fail enable Software Token MFA' });
    await advanceClock(t.url, 30);
    const later = await t.sdk.send(new VerifySoftwareTokenCommand({ AccessToken: accessToken, UserCode: codeNow(t, SecretCode!) }));
    expect(later.Status).toBe('SUCCESS');
  });

  it('a malformed UserCode is refused by validation', async () => {
    const raw = await call(t.url, 'VerifySoftwareToken', { AccessToken: 'x', UserCode: '12345a' });
    expect(raw.status).toBe(400);
    expect(raw.body.__type).toBe('InvalidParameterException');
    expect(raw.body.message).toContain("at 'userCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [0-9]+");
  });
});

describe('SetUserMFAPreference / AdminSetUserMFAPreference', () => {
  it('refuses to turn TOTP on before a token is verified', async () => {
    const { userPoolId, clientId } = await totpPool(t);
    await confirmedUser(t, userPoolId, clientId, 'pref0');
    const accessToken = (await passwordSignIn(t, clientId, 'pref0')).AuthenticationResult!.AccessToken!;
    await t.sdk.send(new AssociateSoftwareTokenCommand({ AccessToken: accessToken }));
    const error = await failure(
      t.sdk.send(new SetUserMFAPreferenceCommand({ AccessToken: accessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } })),
    );
    expect(error).toMatchObject({ name: 'InvalidParameterException', message: 'User does not have delivery config set to turn on SOFTWARE_TOKEN_MFA' });
    const admin = await failure(
      t.sdk.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: userPoolId, Username: 'pref0', SoftwareTokenMfaSettings: { Enabled: true } })),
    );
    expect(admin).toMatchObject({ name: 'InvalidParameterException', message: 'User does not have delivery config set to turn on SOFTWARE_TOKEN_MFA' });
  });

  it('turns TOTP on and preferred; GetUser and AdminGetUser show it; a null SMSMfaSettings changes nothing', async () => {
    const { userPoolId, clientId } = await totpPool(t);
    const { accessToken } = await userWithVerifiedToken(t, clientId, userPoolId, 'pref1');
    // amazon-cognito-identity-js sends "SMSMfaSettings": null.
    const raw = await call(t.url, 'SetUserMFAPreference', {
      SMSMfaSettings: null,
      SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
      AccessToken: accessToken,
    });
    expect(raw.status).toBe(200);
    expect(raw.body).toEqual({});
    const user = await t.sdk.send(new GetUserCommand({ AccessToken: accessToken }));
    expect(user.UserMFASettingList).toEqual(['SOFTWARE_TOKEN_MFA']);
    expect(user.PreferredMfaSetting).toBe('SOFTWARE_TOKEN_MFA');
    const admin = await t.sdk.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: 'pref1' }));
    expect(admin.UserMFASettingList).toEqual(['SOFTWARE_TOKEN_MFA']);
    expect(admin.PreferredMfaSetting).toBe('SOFTWARE_TOKEN_MFA');
  });

  it('Enabled false turns TOTP off and clears the preference (admin form)', async () => {
    const { userPoolId, clientId } = await totpPool(t);
    const { accessToken } = await userWithVerifiedToken(t, clientId, userPoolId, 'pref2');
    await t.sdk.send(new SetUserMFAPreferenceCommand({ AccessToken: accessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }));
    await t.sdk.send(
      new AdminSetUserMFAPreferenceCommand({ UserPoolId: userPoolId, Username: 'pref2', SoftwareTokenMfaSettings: { Enabled: false } }),
    );
    const admin = await t.sdk.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: 'pref2' }));
    expect(admin.UserMFASettingList).toBeUndefined();
    expect(admin.PreferredMfaSetting).toBeUndefined();
  });

  it('PreferredMfa without Enabled is refused; enabled but not preferred is kept', async () => {
    const { userPoolId, clientId } = await totpPool(t);
    const { accessToken } = await userWithVerifiedToken(t, clientId, userPoolId, 'pref3');
    const error = await failure(
      t.sdk.send(new SetUserMFAPreferenceCommand({ AccessToken: accessToken, SoftwareTokenMfaSettings: { Enabled: false, PreferredMfa: true } })),
    );
    expect(error).toMatchObject({ name: 'InvalidParameterException', message: 'Cannot set a preferred MFA method that is not enabled.' });
    await t.sdk.send(new SetUserMFAPreferenceCommand({ AccessToken: accessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: false } }));
    const user = await t.sdk.send(new GetUserCommand({ AccessToken: accessToken }));
    expect(user.UserMFASettingList).toEqual(['SOFTWARE_TOKEN_MFA']);
    expect(user.PreferredMfaSetting).toBeUndefined();
  });

  it('SMS needs a phone number; the admin form names an unknown user', async () => {
    const { userPoolId, clientId } = await totpPool(t);
    await confirmedUser(t, userPoolId, clientId, 'nophone');
    const sms = await failure(
      t.sdk.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: userPoolId, Username: 'nophone', SMSMfaSettings: { Enabled: true } })),
    );
    expect(sms).toMatchObject({ name: 'InvalidParameterException', message: 'User does not have delivery config set to turn on SMS_MFA' });
    const unknown = await failure(
      t.sdk.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: userPoolId, Username: 'ghost', SoftwareTokenMfaSettings: { Enabled: false } })),
    );
    expect(unknown).toMatchObject({ name: 'UserNotFoundException', message: 'User does not exist.' });
  });
});
