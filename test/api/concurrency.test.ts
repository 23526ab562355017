/**
 * Anything single-use is claimed atomically: N parallel answers with one challenge Session, one code,
 * one device confirmation — exactly one wins, the others are refused in Cognito's words, and what the
 * winner produced (tokens, devices, a confirmed software token) exists once.
 *
 * TOTP replay protection is off on this server so that the SOFTWARE_TOKEN_MFA race is decided by the
 * Session claim, not by luck of the replay guard.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AdminCreateUserCommand,
  AdminSetUserMFAPreferenceCommand,
  SetUserPoolMfaConfigCommand,
  AdminSetUserPasswordCommand,
  ConfirmDeviceCommand,
  SetUserMFAPreferenceCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { call, createPoolAndClient, lastCode, startServer, type TestServer } from '../support/server.js';
import { arn, startTriggerServer } from '../support/triggers.js';
import { confirmedUser as confirmedSrpUser, passwordVerifierResponses, startSrpSignIn, type SrpUser } from '../support/srpSignIn.js';
import { clientTimestamp, devicePasswordClaim, generateDeviceVerifier, generateSrpA } from '../support/srpClient.js';
import { codeNow, confirmedUser, PASSWORD, passwordSignIn, totpPool, userWithVerifiedToken } from '../support/mfaUsers.js';
import { Browser, CALLBACK, oauthPool } from '../support/hostedUi.js';

const N = 8;
let t: TestServer;
beforeAll(async () => {
  t = await startServer({ totpReplayProtection: false });
});
afterAll(() => t.close());

type Answer = Awaited<ReturnType<typeof call>>;

/** Sends the same request N times at once. */
const race = (operation: string, body: unknown) => Promise.all(Array.from({ length: N }, () => call(t.url, operation, body)));

/** Exactly one 200; every other answer is this error. Returns the winner. */
function exactlyOneWins(answers: Answer[], loser: { __type: string; message: string }): Answer {
  const winners = answers.filter((a) => a.status === 200);
  const losers = answers.filter((a) => a.status !== 200);
  expect({ winners: winners.length, losers: losers.map((a) => [a.status, a.body]) }).toEqual({
    winners: 1,
    losers: Array.from({ length: N - 1 }, () => [400, loser]),
  });
  return winners[0];
}

const INVALID_SESSION = { __type: 'NotAuthorizedException', message: 'Invalid session for the user.' };
const INCORRECT = { __type: 'NotAuthorizedException', message: 'Incorrect username or password.' };
const DEVICES = { DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false } };

let n = 0;
const name = (prefix: string) => `${prefix}${++n}`;

/** An OPTIONAL pool and a user whose verified token is turned on and preferred. */
async function totpUser(username: string) {
  const { userPoolId, clientId } = await totpPool(t, 'OPTIONAL');
  const { accessToken, secretCode } = await userWithVerifiedToken(t, clientId, userPoolId, username);
  await t.sdk.send(new SetUserMFAPreferenceCommand({ AccessToken: accessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }));
  return { clientId, secretCode };
}

/** Rows the store holds for a user: devices (confirmed or not, which AdminListDevices cannot show), refresh tokens (one per token set). */
const rowCount = (table: 'devices' | 'refresh_tokens', userPoolId: string, username: string) =>
  (t.server.ctx.store.db.prepare(`SELECT count(*) AS n FROM ${table} WHERE user_pool_id = ? AND username = ?`).get(userPoolId, username) as { n: number }).n;
const deviceCount = (userPoolId: string, username: string) => rowCount('devices', userPoolId, username);
const refreshTokenCount = (userPoolId: string, username: string) => rowCount('refresh_tokens', userPoolId, username);

describe('a challenge Session is answered once', () => {
  it('PASSWORD_VERIFIER: one token set and one new device out of N parallel answers', async () => {
    const { userPoolId, clientId } = await createPoolAndClient(t.sdk, DEVICES);
    const user: SrpUser = { userPoolId, clientId, username: name('pv'), password: PASSWORD };
    await confirmedSrpUser(t.sdk, user);
    const { challenge, ephemeral } = await startSrpSignIn(t.sdk, user);
    const answers = await race('RespondToAuthChallenge', {
      ClientId: clientId,
      ChallengeName: 'PASSWORD_VERIFIER',
      Session: challenge.Session,
      ChallengeResponses: passwordVerifierResponses(user, challenge, ephemeral),
    });
    const winner = exactlyOneWins(answers, INCORRECT);
    expect(winner.body.AuthenticationResult.NewDeviceMetadata.DeviceKey).toMatch(/^us-east-1_/);
    expect(deviceCount(userPoolId, user.username)).toBe(1);
    expect(refreshTokenCount(userPoolId, user.username)).toBe(1);
  });

  it('SOFTWARE_TOKEN_MFA: one token set out of N parallel right codes (replay guard off)', async () => {
    const username = name('totp');
    const { clientId, secretCode } = await totpUser(username);
    const signIn = await passwordSignIn(t, clientId, username);
    expect(signIn.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    const answers = await race('RespondToAuthChallenge', {
      ClientId: clientId,
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      Session: signIn.Session,
      ChallengeResponses: { USERNAME: username, SOFTWARE_TOKEN_MFA_CODE: codeNow(t, secretCode) },
    });
    expect(exactlyOneWins(answers, INVALID_SESSION).body.AuthenticationResult.AccessToken).toBeTruthy();
  });

  it('SMS_MFA: the code kept in the Session signs in once out of N parallel right answers', async () => {
    const { userPoolId, clientId } = await createPoolAndClient(t.sdk);
    await t.sdk.send(
      new SetUserPoolMfaConfigCommand({ UserPoolId: userPoolId, MfaConfiguration: 'OPTIONAL', SmsMfaConfiguration: { SmsConfiguration: { SnsCallerArn: 'arn:aws:iam::123456789012:role/sns' } } }),
    );
    const username = name('sms');
    await confirmedUser(t, userPoolId, clientId, username, { phone_number: '+15555550199' });
    await t.sdk.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: userPoolId, Username: username, SMSMfaSettings: { Enabled: true } }));
    const signIn = await passwordSignIn(t, clientId, username);
    expect(signIn.ChallengeName).toBe('SMS_MFA');
    const answers = await race('RespondToAuthChallenge', {
      ClientId: clientId,
      ChallengeName: 'SMS_MFA',
      Session: signIn.Session,
      ChallengeResponses: { USERNAME: username, SMS_MFA_CODE: await lastCode(t.url, userPoolId, username) },
    });
    expect(exactlyOneWins(answers, INVALID_SESSION).body.AuthenticationResult.AccessToken).toBeTruthy();
    expect(rowCount('refresh_tokens', userPoolId, username)).toBe(1);
  });

  it('EMAIL_OTP: the code kept in the Session signs in once out of N parallel right answers', async () => {
    const SES = { EmailConfiguration: { EmailSendingAccount: 'DEVELOPER', SourceArn: 'arn:aws:ses:us-east-1:123456789012:identity/no-reply@example.com' } };
    const { userPoolId, clientId } = await createPoolAndClient(t.sdk, SES);
    await t.sdk.send(new SetUserPoolMfaConfigCommand({ UserPoolId: userPoolId, MfaConfiguration: 'OPTIONAL', EmailMfaConfiguration: {} }));
    const username = name('email');
    await confirmedUser(t, userPoolId, clientId, username);
    await t.sdk.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: userPoolId, Username: username, EmailMfaSettings: { Enabled: true, PreferredMfa: true } }));
    const signIn = await passwordSignIn(t, clientId, username);
    expect(signIn.ChallengeName).toBe('EMAIL_OTP');
    const answers = await race('RespondToAuthChallenge', {
      ClientId: clientId,
      ChallengeName: 'EMAIL_OTP',
      Session: signIn.Session,
      ChallengeResponses: { USERNAME: username, EMAIL_OTP_CODE: await lastCode(t.url, userPoolId, username) },
    });
    expect(exactlyOneWins(answers, INVALID_SESSION).body.AuthenticationResult.AccessToken).toBeTruthy();
    expect(rowCount('refresh_tokens', userPoolId, username)).toBe(1);
  });

  it('CUSTOM_CHALLENGE: N parallel right answers (VerifyAuthChallengeResponse awaited) give one token set', async () => {
    const s = await startTriggerServer();
    try {
      const lambda = { DefineAuthChallenge: arn('local', 'defineAuth'), CreateAuthChallenge: arn('local', 'createAuth'), VerifyAuthChallengeResponse: arn('local', 'verifyAuth') };
      const { userPoolId, clientId } = await createPoolAndClient(s.t.sdk, { LambdaConfig: lambda }, { ExplicitAuthFlows: ['ALLOW_CUSTOM_AUTH', 'ALLOW_USER_PASSWORD_AUTH'] });
      const username = name('custom');
      await confirmedSrpUser(s.t.sdk, { userPoolId, clientId, username, password: PASSWORD });
      const started = await call(s.t.url, 'InitiateAuth', { ClientId: clientId, AuthFlow: 'CUSTOM_AUTH', AuthParameters: { USERNAME: username } });
      expect(started.body.ChallengeName).toBe('CUSTOM_CHALLENGE');
      const body = { ClientId: clientId, ChallengeName: 'CUSTOM_CHALLENGE', Session: started.body.Session, ChallengeResponses: { USERNAME: username, ANSWER: '42' } };
      const answers = await Promise.all(Array.from({ length: N }, () => call(s.t.url, 'RespondToAuthChallenge', body)));
      expect(exactlyOneWins(answers, INVALID_SESSION).body.AuthenticationResult.AccessToken).toBeTruthy();
      const tokens = s.t.server.ctx.store.db.prepare('SELECT count(*) AS n FROM refresh_tokens WHERE user_pool_id = ? AND username = ?').get(userPoolId, username) as { n: number };
      expect(tokens.n).toBe(1);
    } finally {
      await s.close();
    }
  });

  it('a wrong SOFTWARE_TOKEN_MFA code keeps the Session for the one answer that claimed it', async () => {
    const username = name('totpw');
    const { clientId, secretCode } = await totpUser(username);
    const signIn = await passwordSignIn(t, clientId, username);
    const wrong = await call(t.url, 'RespondToAuthChallenge', {
      ClientId: clientId,
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      Session: signIn.Session,
      ChallengeResponses: { USERNAME: username, SOFTWARE_TOKEN_MFA_CODE: codeNow(t, secretCode, 5) },
    });
    expect(wrong.body).toEqual({ __type: 'CodeMismatchException', message: 'Invalid code or auth state for the user.' });
    const right = await call(t.url, 'RespondToAuthChallenge', {
      ClientId: clientId,
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      Session: signIn.Session,
      ChallengeResponses: { USERNAME: username, SOFTWARE_TOKEN_MFA_CODE: codeNow(t, secretCode) },
    });
    expect(right.status).toBe(200);
    expect(right.body.AuthenticationResult.AccessToken).toBeTruthy();
  });

  it('MFA_SETUP: AssociateSoftwareToken, VerifySoftwareToken and the MFA_SETUP answer each win once', async () => {
    const { userPoolId, clientId } = await totpPool(t, 'ON');
    const username = name('setup');
    await confirmedUser(t, userPoolId, clientId, username);
    const signIn = await passwordSignIn(t, clientId, username);
    expect(signIn.ChallengeName).toBe('MFA_SETUP');

    const associated = exactlyOneWins(await race('AssociateSoftwareToken', { Session: signIn.Session }), INVALID_SESSION);
    const { SecretCode, Session } = associated.body;
    const verified = exactlyOneWins(
      await race('VerifySoftwareToken', { Session, UserCode: codeNow(t, SecretCode) }),
      INVALID_SESSION,
    );
    expect(verified.body.Status).toBe('SUCCESS');
    const answered = exactlyOneWins(
      await race('RespondToAuthChallenge', { ClientId: clientId, ChallengeName: 'MFA_SETUP', Session: verified.body.Session, ChallengeResponses: { USERNAME: username } }),
      INVALID_SESSION,
    );
    expect(answered.body.AuthenticationResult.AccessToken).toBeTruthy();
  });

  it('NEW_PASSWORD_REQUIRED: one new password and one token set', async () => {
    const { userPoolId, clientId } = await createPoolAndClient(t.sdk);
    const username = name('newpw');
    await t.sdk.send(new AdminCreateUserCommand({ UserPoolId: userPoolId, Username: username, TemporaryPassword: 'Temp0rary!', MessageAction: 'SUPPRESS' }));
    const started = await call(t.url, 'InitiateAuth', { ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD: 'Temp0rary!' } });
    expect(started.body.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    const answers = await race('RespondToAuthChallenge', {
      ClientId: clientId,
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      Session: started.body.Session,
      ChallengeResponses: { USERNAME: username, NEW_PASSWORD: PASSWORD },
    });
    expect(exactlyOneWins(answers, INVALID_SESSION).body.AuthenticationResult.AccessToken).toBeTruthy();
  });

  it('DEVICE_SRP_AUTH and DEVICE_PASSWORD_VERIFIER: each answered once', async () => {
    const { userPoolId, clientId } = await createPoolAndClient(t.sdk, DEVICES);
    const user: SrpUser = { userPoolId, clientId, username: name('dev'), password: PASSWORD };
    await confirmedSrpUser(t.sdk, user);
    const first = await call(t.url, 'InitiateAuth', { ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: user.username, PASSWORD } });
    const { DeviceKey, DeviceGroupKey } = first.body.AuthenticationResult.NewDeviceMetadata;
    const verifier = generateDeviceVerifier(DeviceGroupKey, DeviceKey);
    await t.sdk.send(
      new ConfirmDeviceCommand({
        AccessToken: first.body.AuthenticationResult.AccessToken,
        DeviceKey,
        DeviceSecretVerifierConfig: { PasswordVerifier: verifier.PasswordVerifier, Salt: verifier.Salt },
      }),
    );
    const second = await call(t.url, 'InitiateAuth', {
      ClientId: clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: user.username, PASSWORD, DEVICE_KEY: DeviceKey },
    });
    expect(second.body.ChallengeName).toBe('DEVICE_SRP_AUTH');
    const ephemeral = generateSrpA();
    const srpAuth = exactlyOneWins(
      await race('RespondToAuthChallenge', {
        ClientId: clientId,
        ChallengeName: 'DEVICE_SRP_AUTH',
        Session: second.body.Session,
        ChallengeResponses: { USERNAME: user.username, DEVICE_KEY: DeviceKey, SRP_A: ephemeral.A },
      }),
      INVALID_SESSION,
    );
    const p = srpAuth.body.ChallengeParameters;
    const timestamp = clientTimestamp();
    const claim = devicePasswordClaim({
      deviceGroupKey: DeviceGroupKey,
      deviceKey: DeviceKey,
      devicePassword: verifier.devicePassword,
      ephemeral,
      SALT: p.SALT,
      SRP_B: p.SRP_B,
      SECRET_BLOCK: p.SECRET_BLOCK,
      TIMESTAMP: timestamp,
    });
    const verified = exactlyOneWins(
      await race('RespondToAuthChallenge', {
        ClientId: clientId,
        ChallengeName: 'DEVICE_PASSWORD_VERIFIER',
        Session: srpAuth.body.Session,
        ChallengeResponses: { USERNAME: p.USERNAME, PASSWORD_CLAIM_SECRET_BLOCK: p.SECRET_BLOCK, TIMESTAMP: timestamp, PASSWORD_CLAIM_SIGNATURE: claim.signature, DEVICE_KEY: DeviceKey },
      }),
      INCORRECT,
    );
    expect(verified.body.AuthenticationResult.NewDeviceMetadata).toBeUndefined();
    expect(deviceCount(userPoolId, user.username)).toBe(1);
    expect(refreshTokenCount(userPoolId, user.username)).toBe(2);
  });
});

describe('a code is spent once', () => {
  it('ConfirmSignUp: N parallel right codes confirm once; the others find the user confirmed', async () => {
    const { clientId, userPoolId } = await createPoolAndClient(t.sdk);
    const username = name('confirm');
    await t.sdk.send(new SignUpCommand({ ClientId: clientId, Username: username, Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }] }));
    const code = await lastCode(t.url, userPoolId, username);
    exactlyOneWins(await race('ConfirmSignUp', { ClientId: clientId, Username: username, ConfirmationCode: code }), {
      __type: 'NotAuthorizedException',
      message: 'User cannot be confirmed. Current status is CONFIRMED',
    });
  });

  it('ConfirmSignUp: N parallel wrong codes each count, and the code is locked after five', async () => {
    const { clientId, userPoolId } = await createPoolAndClient(t.sdk);
    const username = name('wrong');
    await t.sdk.send(new SignUpCommand({ ClientId: clientId, Username: username, Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }] }));
    const code = await lastCode(t.url, userPoolId, username);
    const wrong = code === '000000' ? '000001' : '000000';
    const answers = await race('ConfirmSignUp', { ClientId: clientId, Username: username, ConfirmationCode: wrong });
    const types = answers.map((a) => a.body.__type).sort();
    expect(types).toEqual([...Array(5).fill('CodeMismatchException'), ...Array(N - 5).fill('LimitExceededException')].sort());
    const right = await call(t.url, 'ConfirmSignUp', { ClientId: clientId, Username: username, ConfirmationCode: code });
    expect(right.body).toEqual({ __type: 'LimitExceededException', message: 'Attempt limit exceeded, please try after some time.' });
  });

  it('VerifyUserAttribute: N parallel right codes verify once; the others find the code spent', async () => {
    const { clientId, userPoolId } = await createPoolAndClient(t.sdk, { AutoVerifiedAttributes: ['email'] });
    const username = name('verify');
    await confirmedUser(t, userPoolId, clientId, username, { email: `${username}@example.com` });
    const signedIn = await passwordSignIn(t, clientId, username);
    const AccessToken = signedIn.AuthenticationResult!.AccessToken!;
    await call(t.url, 'GetUserAttributeVerificationCode', { AccessToken, AttributeName: 'email' });
    const code = await lastCode(t.url, userPoolId, username);
    exactlyOneWins(await race('VerifyUserAttribute', { AccessToken, AttributeName: 'email', Code: code }), {
      __type: 'ExpiredCodeException',
      message: 'Invalid code provided, please request a code again.',
    });
    const wrong = await race('VerifyUserAttribute', { AccessToken, AttributeName: 'email', Code: code === '000000' ? '000001' : '000000' });
    expect(wrong.map((a) => a.body.__type)).toEqual(Array(N).fill('ExpiredCodeException'));
  });

  it('VerifyUserAttribute: N parallel wrong codes each count, and the code is locked after five', async () => {
    const { clientId, userPoolId } = await createPoolAndClient(t.sdk, { AutoVerifiedAttributes: ['email'] });
    const username = name('vwrong');
    await confirmedUser(t, userPoolId, clientId, username, { email: `${username}@example.com` });
    const AccessToken = (await passwordSignIn(t, clientId, username)).AuthenticationResult!.AccessToken!;
    await call(t.url, 'GetUserAttributeVerificationCode', { AccessToken, AttributeName: 'email' });
    const code = await lastCode(t.url, userPoolId, username);
    const answers = await race('VerifyUserAttribute', { AccessToken, AttributeName: 'email', Code: code === '000000' ? '000001' : '000000' });
    expect(answers.map((a) => a.body.__type).sort()).toEqual([...Array(5).fill('CodeMismatchException'), ...Array(N - 5).fill('LimitExceededException')].sort());
    const right = await call(t.url, 'VerifyUserAttribute', { AccessToken, AttributeName: 'email', Code: code });
    expect(right.body).toEqual({ __type: 'LimitExceededException', message: 'Attempt limit exceeded, please try after some time.' });
  });

  it('ConfirmForgotPassword: N parallel resets with one code, one wins; the others find the code spent', async () => {
    const { clientId, userPoolId } = await createPoolAndClient(t.sdk);
    const username = name('reset');
    await t.sdk.send(
      new AdminCreateUserCommand({ UserPoolId: userPoolId, Username: username, MessageAction: 'SUPPRESS', UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }, { Name: 'email_verified', Value: 'true' }] }),
    );
    await t.sdk.send(new AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username: username, Password: PASSWORD, Permanent: true }));
    await call(t.url, 'ForgotPassword', { ClientId: clientId, Username: username });
    const code = await lastCode(t.url, userPoolId, username);
    exactlyOneWins(await race('ConfirmForgotPassword', { ClientId: clientId, Username: username, ConfirmationCode: code, Password: 'N3w-Passw0rd' }), {
      __type: 'ExpiredCodeException',
      message: 'Invalid code provided, please request a code again.',
    });
  });

  it('ConfirmDevice: N parallel confirmations of one device, one wins', async () => {
    const { userPoolId, clientId } = await createPoolAndClient(t.sdk, DEVICES);
    const username = name('cdev');
    await confirmedSrpUser(t.sdk, { userPoolId, clientId, username, password: PASSWORD });
    const first = await call(t.url, 'InitiateAuth', { ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD } });
    const { DeviceKey, DeviceGroupKey } = first.body.AuthenticationResult.NewDeviceMetadata;
    const verifier = generateDeviceVerifier(DeviceGroupKey, DeviceKey);
    exactlyOneWins(
      await race('ConfirmDevice', {
        AccessToken: first.body.AuthenticationResult.AccessToken,
        DeviceKey,
        DeviceSecretVerifierConfig: { PasswordVerifier: verifier.PasswordVerifier, Salt: verifier.Salt },
      }),
      { __type: 'DeviceKeyExistsException', message: 'Device has already been confirmed.' },
    );
  });
});

describe('OAuth authorization codes', () => {
  it('/oauth2/token: N parallel redemptions of one code, one gets tokens, the others invalid_grant', async () => {
    const ids = await oauthPool(t);
    await confirmedUser(t, ids.userPoolId, ids.web.ClientId!, 'coder');
    const browser = new Browser(t.url);
    const query = new URLSearchParams({ response_type: 'code', client_id: ids.web.ClientId!, redirect_uri: CALLBACK });
    const login = await browser.follow(`/oauth2/authorize?${query}`);
    const callback = await browser.submit(login, { username: 'coder', password: PASSWORD });
    const code = new URL(callback.location!).searchParams.get('code')!;
    const redeem = async () => {
      const response = await fetch(`${t.url}/oauth2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'authorization_code', client_id: ids.web.ClientId!, code, redirect_uri: CALLBACK }),
      });
      return { status: response.status, body: await response.json() };
    };
    const answers = await Promise.all(Array.from({ length: N }, redeem));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.status !== 200)).toEqual(Array.from({ length: N - 1 }, () => ({ status: 400, body: { error: 'invalid_grant' } })));
    expect(refreshTokenCount(ids.userPoolId, 'coder')).toBe(1);
  });
});
