/**
 * TOTP MFA during sign-in through the SDK v3 against a listening kognito: SOFTWARE_TOKEN_MFA,
 * SELECT_MFA_TYPE and MFA_SETUP (AssociateSoftwareToken / VerifySoftwareToken with a Session), the
 * Session rules (missing, expired, consumed, wrong challenge) and replay refusal.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AdminInitiateAuthCommand,
  AdminRespondToAuthChallengeCommand,
  AssociateSoftwareTokenCommand,
  GetUserCommand,
  RespondToAuthChallengeCommand,
  SetUserMFAPreferenceCommand,
  SetUserPoolMfaConfigCommand,
  VerifySoftwareTokenCommand,
  type ChallengeNameType,
} from '@aws-sdk/client-cognito-identity-provider';
import { advanceClock, call, startServer, type TestServer } from '../support/server.js';
import {
  PASSWORD,
  codeNow,
  confirmedUser,
  failure,
  freshCode,
  passwordSignIn,
  totpPool,
  userWithVerifiedToken,
  wrongCode,
} from '../support/mfaUsers.js';

let t: TestServer;
beforeAll(async () => {
  t = await startServer();
});
afterAll(() => t.close());

const respond = (clientId: string, ChallengeName: ChallengeNameType, Session: string | undefined, ChallengeResponses: Record<string, string>) =>
  t.sdk.send(new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName, Session, ChallengeResponses }));

/** An OPTIONAL pool and a user whose verified token is turned on and preferred. */
async function totpUser(username: string, friendlyDeviceName?: string) {
  const { userPoolId, clientId } = await totpPool(t, 'OPTIONAL');
  const { accessToken, secretCode } = await userWithVerifiedToken(t, clientId, userPoolId, username, friendlyDeviceName);
  await t.sdk.send(new SetUserMFAPreferenceCommand({ AccessToken: accessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }));
  return { userPoolId, clientId, accessToken, secretCode };
}

describe('SOFTWARE_TOKEN_MFA at sign-in', () => {
  it('OPTIONAL pool: a verified but not enabled token asks nothing; once enabled, SOFTWARE_TOKEN_MFA then tokens', async () => {
    const { userPoolId, clientId } = await totpPool(t, 'OPTIONAL');
    const { accessToken, secretCode } = await userWithVerifiedToken(t, clientId, userPoolId, 'opt', 'my phone');
    const before = await passwordSignIn(t, clientId, 'opt');
    expect(before.AuthenticationResult?.AccessToken).toBeTruthy();

    await t.sdk.send(new SetUserMFAPreferenceCommand({ AccessToken: accessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }));
    const challenged = await passwordSignIn(t, clientId, 'opt');
    expect(challenged.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    expect(challenged.ChallengeParameters).toEqual({ FRIENDLY_DEVICE_NAME: 'my phone', USER_ID_FOR_SRP: 'opt' });
    expect(challenged.AuthenticationResult).toBeUndefined();
    const done = await respond(clientId, 'SOFTWARE_TOKEN_MFA', challenged.Session, {
      USERNAME: 'opt',
      SOFTWARE_TOKEN_MFA_CODE: await freshCode(t, secretCode),
    });
    expect(done.ChallengeName).toBeUndefined();
    expect(done.Session).toBeUndefined();
    expect(done.ChallengeParameters).toEqual({});
    expect(done.AuthenticationResult?.TokenType).toBe('Bearer');
  });

  it('a wrong code is CodeMismatchException and the same Session may be answered again', async () => {
    const { clientId, secretCode } = await totpUser('retry');
    const challenged = await passwordSignIn(t, clientId, 'retry');
    const code = await freshCode(t, secretCode);
    const error = await failure(respond(clientId, 'SOFTWARE_TOKEN_MFA', challenged.Session, { USERNAME: 'retry', SOFTWARE_TOKEN_MFA_CODE: wrongCode(t, secretCode) }));
    expect(error).toMatchObject({ name: 'CodeMismatchException', message: 'Invalid code or auth state for the user.', status: 400 });
    const done = await respond(clientId, 'SOFTWARE_TOKEN_MFA', challenged.Session, { USERNAME: 'retry', SOFTWARE_TOKEN_MFA_CODE: code });
    expect(done.AuthenticationResult?.AccessToken).toBeTruthy();
    // Consumed once answered.
    const again = await failure(respond(clientId, 'SOFTWARE_TOKEN_MFA', challenged.Session, { USERNAME: 'retry', SOFTWARE_TOKEN_MFA_CODE: code }));
    expect(again).toMatchObject({ name: 'NotAuthorizedException', message: 'Invalid session for the user.' });
  });

  it('a code of the neighbouring step is accepted, one two steps away is not', async () => {
    const { clientId, secretCode } = await totpUser('skew');
    await freshCode(t, secretCode);
    await freshCode(t, secretCode);
    const first = await passwordSignIn(t, clientId, 'skew');
    const far = await failure(respond(clientId, 'SOFTWARE_TOKEN_MFA', first.Session, { USERNAME: 'skew', SOFTWARE_TOKEN_MFA_CODE: codeNow(t, secretCode, 2) }));
    expect(far.name).toBe('CodeMismatchException');
    const next = await respond(clientId, 'SOFTWARE_TOKEN_MFA', first.Session, { USERNAME: 'skew', SOFTWARE_TOKEN_MFA_CODE: codeNow(t, secretCode, 1) });
    expect(next.AuthenticationResult).toBeDefined();
  });

  it('refuses a code already used: the code that verified the token, then a code used at sign-in', async () => {
    const { userPoolId, clientId } = await totpPool(t, 'OPTIONAL');
    await confirmedUser(t, userPoolId, clientId, 'replay');
    const accessToken = (await passwordSignIn(t, clientId, 'replay')).AuthenticationResult!.AccessToken!;
    const { SecretCode } = await t.sdk.send(new AssociateSoftwareTokenCommand({ AccessToken: accessToken }));
    const verifyCode = codeNow(t, SecretCode!);
    await t.sdk.send(new VerifySoftwareTokenCommand({ AccessToken: accessToken, UserCode: verifyCode }));
    await t.sdk.send(new SetUserMFAPreferenceCommand({ AccessToken: accessToken, SoftwareTokenMfaSettings: { Enabled: true } }));

    const challenged = await passwordSignIn(t, clientId, 'replay');
    const reused = await failure(respond(clientId, 'SOFTWARE_TOKEN_MFA', challenged.Session, { USERNAME: 'replay', SOFTWARE_TOKEN_MFA_CODE: verifyCode }));
    expect(reused).toMatchObject({ name: 'ExpiredCodeException', message: 'Your software token has already been used once.' });
    const code = await freshCode(t, SecretCode!);
    const done = await respond(clientId, 'SOFTWARE_TOKEN_MFA', challenged.Session, { USERNAME: 'replay', SOFTWARE_TOKEN_MFA_CODE: code });
    expect(done.AuthenticationResult).toBeDefined();

    const second = await passwordSignIn(t, clientId, 'replay');
    const again = await failure(respond(clientId, 'SOFTWARE_TOKEN_MFA', second.Session, { USERNAME: 'replay', SOFTWARE_TOKEN_MFA_CODE: code }));
    expect(again.name).toBe('ExpiredCodeException');
  });

  it('after five wrong codes the Session is spent', async () => {
    const { clientId, secretCode } = await totpUser('locked');
    const challenged = await passwordSignIn(t, clientId, 'locked');
    const bad = wrongCode(t, secretCode);
    for (let i = 0; i < 5; i++) {
      const error = await failure(respond(clientId, 'SOFTWARE_TOKEN_MFA', challenged.Session, { USERNAME: 'locked', SOFTWARE_TOKEN_MFA_CODE: bad }));
      expect(error.name).toBe('CodeMismatchException');
    }
    const spent = await failure(respond(clientId, 'SOFTWARE_TOKEN_MFA', challenged.Session, { USERNAME: 'locked', SOFTWARE_TOKEN_MFA_CODE: codeNow(t, secretCode) }));
    expect(spent).toMatchObject({ name: 'NotAuthorizedException', message: 'Invalid session for the user.' });
  });

  it('Session rules: missing, expired after AuthSessionValidity, or another challenge', async () => {
    const { clientId, secretCode } = await totpUser('sessions');
    const missing = await call(t.url, 'RespondToAuthChallenge', {
      ClientId: clientId,
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      ChallengeResponses: { USERNAME: 'sessions', SOFTWARE_TOKEN_MFA_CODE: '123456' },
    });
    expect(missing.status).toBe(400);
    expect(missing.body).toEqual({ __type: 'InvalidParameterException', message: 'Missing required parameter Session' });

    const wrongChallenge = await passwordSignIn(t, clientId, 'sessions');
    const mismatch = await failure(respond(clientId, 'MFA_SETUP', wrongChallenge.Session, { USERNAME: 'sessions' }));
    expect(mismatch).toMatchObject({ name: 'NotAuthorizedException', message: 'Invalid session for the user.' });

    const challenged = await passwordSignIn(t, clientId, 'sessions');
    await advanceClock(t.url, 3 * 60 + 1);
    const expired = await failure(respond(clientId, 'SOFTWARE_TOKEN_MFA', challenged.Session, { USERNAME: 'sessions', SOFTWARE_TOKEN_MFA_CODE: codeNow(t, secretCode) }));
    expect(expired).toMatchObject({ name: 'NotAuthorizedException', message: 'Invalid session for the user, session is expired.' });
  });

  it('re-association: the old secret signs in until the new one is verified, then only the new one does', async () => {
    const { clientId, accessToken, secretCode } = await totpUser('reassoc');
    const { SecretCode: newSecret } = await t.sdk.send(new AssociateSoftwareTokenCommand({ AccessToken: accessToken }));
    // Not verified yet: the old secret still signs in.
    const first = await passwordSignIn(t, clientId, 'reassoc');
    const ok = await respond(clientId, 'SOFTWARE_TOKEN_MFA', first.Session, { USERNAME: 'reassoc', SOFTWARE_TOKEN_MFA_CODE: await freshCode(t, secretCode) });
    expect(ok.AuthenticationResult).toBeDefined();
    await t.sdk.send(new VerifySoftwareTokenCommand({ AccessToken: ok.AuthenticationResult!.AccessToken!, UserCode: await freshCode(t, newSecret!) }));
    const second = await passwordSignIn(t, clientId, 'reassoc');
    const old = await failure(respond(clientId, 'SOFTWARE_TOKEN_MFA', second.Session, { USERNAME: 'reassoc', SOFTWARE_TOKEN_MFA_CODE: await freshCode(t, secretCode) }));
    expect(old.name).toBe('CodeMismatchException');
    const fresh = await respond(clientId, 'SOFTWARE_TOKEN_MFA', second.Session, { USERNAME: 'reassoc', SOFTWARE_TOKEN_MFA_CODE: codeNow(t, newSecret!) });
    expect(fresh.AuthenticationResult).toBeDefined();
  });

  it('AdminInitiateAuth + AdminRespondToAuthChallenge; a client-side Session is not an admin one', async () => {
    const { userPoolId, clientId, secretCode } = await totpUser('admin');
    const adminStart = () =>
      t.sdk.send(
        new AdminInitiateAuthCommand({
          UserPoolId: userPoolId,
          ClientId: clientId,
          AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: 'admin', PASSWORD },
        }),
      );
    const challenged = await adminStart();
    expect(challenged.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    const done = await t.sdk.send(
      new AdminRespondToAuthChallengeCommand({
        UserPoolId: userPoolId,
        ClientId: clientId,
        ChallengeName: 'SOFTWARE_TOKEN_MFA',
        Session: challenged.Session,
        ChallengeResponses: { USERNAME: 'admin', SOFTWARE_TOKEN_MFA_CODE: await freshCode(t, secretCode) },
      }),
    );
    expect(done.AuthenticationResult?.IdToken).toBeTruthy();

    const clientSide = await passwordSignIn(t, clientId, 'admin');
    const crossed = await failure(
      t.sdk.send(
        new AdminRespondToAuthChallengeCommand({
          UserPoolId: userPoolId,
          ClientId: clientId,
          ChallengeName: 'SOFTWARE_TOKEN_MFA',
          Session: clientSide.Session,
          ChallengeResponses: { USERNAME: 'admin', SOFTWARE_TOKEN_MFA_CODE: await freshCode(t, secretCode) },
        }),
      ),
    );
    expect(crossed).toMatchObject({ name: 'NotAuthorizedException', message: 'Invalid session for the user.' });
  });
});

describe('SELECT_MFA_TYPE', () => {
  it('SMS and TOTP on, none preferred: MFAS_CAN_CHOOSE as a JSON string; ANSWER SOFTWARE_TOKEN_MFA leads to that challenge', async () => {
    const { userPoolId, clientId } = await totpPool(t, 'OPTIONAL');
    await t.sdk.send(
      new SetUserPoolMfaConfigCommand({
        UserPoolId: userPoolId,
        MfaConfiguration: 'OPTIONAL',
        SoftwareTokenMfaConfiguration: { Enabled: true },
        SmsMfaConfiguration: { SmsConfiguration: { SnsCallerArn: 'arn:aws:iam::000000000000:role/sns', ExternalId: 'kognito' } },
      }),
    );
    const { accessToken, secretCode } = await userWithVerifiedToken(t, clientId, userPoolId, 'chooser', 'authy', { phone_number: '+15555550100' });
    await t.sdk.send(
      new SetUserMFAPreferenceCommand({
        AccessToken: accessToken,
        SMSMfaSettings: { Enabled: true, PreferredMfa: false },
        SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: false },
      }),
    );
    const offered = await passwordSignIn(t, clientId, 'chooser');
    expect(offered.ChallengeName).toBe('SELECT_MFA_TYPE');
    expect(offered.ChallengeParameters).toEqual({ MFAS_CAN_CHOOSE: '["SMS_MFA","SOFTWARE_TOKEN_MFA"]', USER_ID_FOR_SRP: 'chooser' });
    const bad = await failure(respond(clientId, 'SELECT_MFA_TYPE', offered.Session, { USERNAME: 'chooser', ANSWER: 'EMAIL_OTP' }));
    expect(bad).toMatchObject({ name: 'InvalidParameterException', message: 'EMAIL_OTP is not one of the MFA methods offered.' });

    const again = await passwordSignIn(t, clientId, 'chooser');
    const chosen = await respond(clientId, 'SELECT_MFA_TYPE', again.Session, { USERNAME: 'chooser', ANSWER: 'SOFTWARE_TOKEN_MFA' });
    expect(chosen.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    expect(chosen.ChallengeParameters).toEqual({ FRIENDLY_DEVICE_NAME: 'authy', USER_ID_FOR_SRP: 'chooser' });
    expect(chosen.Session).toBeTruthy();
    expect(chosen.Session).not.toBe(again.Session);
    const done = await respond(clientId, 'SOFTWARE_TOKEN_MFA', chosen.Session, { USERNAME: 'chooser', SOFTWARE_TOKEN_MFA_CODE: await freshCode(t, secretCode) });
    expect(done.AuthenticationResult).toBeDefined();
  });
});

describe('MFA_SETUP (pool MFA ON, user without a token)', () => {
  it('Associate(Session) -> Verify(Session) -> RespondToAuthChallenge MFA_SETUP -> tokens; next sign-in asks SOFTWARE_TOKEN_MFA', async () => {
    const { userPoolId, clientId } = await totpPool(t, 'ON');
    await confirmedUser(t, userPoolId, clientId, 'setup');
    const started = await passwordSignIn(t, clientId, 'setup');
    expect(started.ChallengeName).toBe('MFA_SETUP');
    expect(started.ChallengeParameters).toEqual({ MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA"]', USER_ID_FOR_SRP: 'setup' });

    const associated = await t.sdk.send(new AssociateSoftwareTokenCommand({ Session: started.Session }));
    expect(associated.SecretCode).toMatch(/^[A-Z2-7]{52}$/);
    expect(associated.Session).toBeTruthy();
    const reused = await failure(t.sdk.send(new AssociateSoftwareTokenCommand({ Session: started.Session })));
    expect(reused).toMatchObject({ name: 'NotAuthorizedException', message: 'Invalid session for the user.' });

    const secret = associated.SecretCode!;
    const mismatch = await failure(t.sdk.send(new VerifySoftwareTokenCommand({ Session: associated.Session, UserCode: wrongCode(t, secret) })));
    expect(mismatch).toMatchObject({ name: 'EnableSoftwareTokenMFAException', message: 'Code mismatch and fail enable Software Token MFA' });
    const verified = await t.sdk.send(
      new VerifySoftwareTokenCommand({ Session: associated.Session, UserCode: codeNow(t, secret), FriendlyDeviceName: 'work phone' }),
    );
    expect(verified.Status).toBe('SUCCESS');
    expect(verified.Session).toBeTruthy();

    const done = await respond(clientId, 'MFA_SETUP', verified.Session, { USERNAME: 'setup' });
    expect(done.ChallengeParameters).toEqual({});
    expect(done.AuthenticationResult?.AccessToken).toBeTruthy();
    const user = await t.sdk.send(new GetUserCommand({ AccessToken: done.AuthenticationResult!.AccessToken }));
    expect(user.UserMFASettingList).toEqual(['SOFTWARE_TOKEN_MFA']);
    expect(user.PreferredMfaSetting).toBe('SOFTWARE_TOKEN_MFA');

    const next = await passwordSignIn(t, clientId, 'setup');
    expect(next.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    expect(next.ChallengeParameters).toEqual({ FRIENDLY_DEVICE_NAME: 'work phone', USER_ID_FOR_SRP: 'setup' });
    const signedIn = await respond(clientId, 'SOFTWARE_TOKEN_MFA', next.Session, { USERNAME: 'setup', SOFTWARE_TOKEN_MFA_CODE: await freshCode(t, secret) });
    expect(signedIn.AuthenticationResult).toBeDefined();
  });

  it('the MFA_SETUP Session itself does not answer MFA_SETUP, and Verify without Associate finds no token', async () => {
    const { userPoolId, clientId } = await totpPool(t, 'ON');
    await confirmedUser(t, userPoolId, clientId, 'shortcut');
    const first = await passwordSignIn(t, clientId, 'shortcut');
    const unverified = await failure(respond(clientId, 'MFA_SETUP', first.Session, { USERNAME: 'shortcut' }));
    expect(unverified).toMatchObject({ name: 'NotAuthorizedException', message: 'Invalid session for the user.' });

    const second = await passwordSignIn(t, clientId, 'shortcut');
    const skipped = await failure(t.sdk.send(new VerifySoftwareTokenCommand({ Session: second.Session, UserCode: '123456' })));
    expect(skipped).toMatchObject({ name: 'SoftwareTokenMFANotFoundException', message: 'User has not associated a software token.' });
    const unknown = await failure(t.sdk.send(new AssociateSoftwareTokenCommand({ Session: 'x'.repeat(64) })));
    expect(unknown).toMatchObject({ name: 'NotAuthorizedException', message: 'Invalid session for the user.' });
  });

  it('an expired MFA_SETUP Session is refused by AssociateSoftwareToken and VerifySoftwareToken', async () => {
    const { userPoolId, clientId } = await totpPool(t, 'ON');
    await confirmedUser(t, userPoolId, clientId, 'late');
    const first = await passwordSignIn(t, clientId, 'late');
    const associated = await t.sdk.send(new AssociateSoftwareTokenCommand({ Session: first.Session }));
    const second = await passwordSignIn(t, clientId, 'late');
    await advanceClock(t.url, 3 * 60 + 1);
    const verify = await failure(t.sdk.send(new VerifySoftwareTokenCommand({ Session: associated.Session, UserCode: codeNow(t, associated.SecretCode!) })));
    expect(verify).toMatchObject({ name: 'NotAuthorizedException', message: 'Invalid session for the user, session is expired.' });
    const associate = await failure(t.sdk.send(new AssociateSoftwareTokenCommand({ Session: second.Session })));
    expect(associate).toMatchObject({ name: 'NotAuthorizedException', message: 'Invalid session for the user, session is expired.' });
  });

  it("AWS's Python scenario: verify through the Session, then a new sign-in answers SOFTWARE_TOKEN_MFA", async () => {
    const { userPoolId, clientId } = await totpPool(t, 'ON');
    await confirmedUser(t, userPoolId, clientId, 'scenario');
    const first = await passwordSignIn(t, clientId, 'scenario');
    const associated = await t.sdk.send(new AssociateSoftwareTokenCommand({ Session: first.Session }));
    await t.sdk.send(new VerifySoftwareTokenCommand({ Session: associated.Session, UserCode: codeNow(t, associated.SecretCode!) }));
    const again = await passwordSignIn(t, clientId, 'scenario');
    expect(again.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    const done = await respond(clientId, 'SOFTWARE_TOKEN_MFA', again.Session, {
      USERNAME: 'scenario',
      SOFTWARE_TOKEN_MFA_CODE: await freshCode(t, associated.SecretCode!),
    });
    expect(done.AuthenticationResult).toBeDefined();
  });
});
