/**
 * Choice-based sign-in (AuthFlow USER_AUTH) through the SDK v3 against a listening kognito: the client
 * flag, SELECT_CHALLENGE and its AvailableChallenges, the answers PASSWORD, PASSWORD_SRP, EMAIL_OTP and
 * SMS_OTP, PREFERRED_CHALLENGE, codes spent once with the MFA attempts rule, MFA after a password but
 * not after a code, devices, the admin twins, and names no user has.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AdminDisableUserCommand,
  AdminInitiateAuthCommand,
  AdminRespondToAuthChallengeCommand,
  AdminSetUserMFAPreferenceCommand,
  AdminUpdateUserAttributesCommand,
  GetUserCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SetUserPoolMfaConfigCommand,
  SignUpCommand,
  type ChallengeNameType,
} from '@aws-sdk/client-cognito-identity-provider';
import { call, createPoolAndClient, expectSdkError, messages, startServer, type TestServer } from '../support/server.js';
import { PASSWORD, confirmedUser } from '../support/mfaUsers.js';
import { passwordVerifierResponses } from '../support/srpSignIn.js';
import { generateSrpA } from '../support/srpClient.js';
import { MAX_MFA_CODE_ATTEMPTS } from '../../src/domain/signIn/mfa.js';

let t: TestServer;
beforeAll(async () => {
  t = await startServer();
});
afterAll(() => t.close());

const INVALID_CODE = 'Invalid code or auth state for the user.';
const INVALID_SESSION = 'Invalid session for the user.';
const INCORRECT = 'Incorrect username or password.';
const EVERY_FACTOR = { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP', 'SMS_OTP'] as ('PASSWORD' | 'EMAIL_OTP' | 'SMS_OTP')[] };
const SMS = { SmsConfiguration: { SnsCallerArn: 'arn:aws:iam::123456789012:role/sns', ExternalId: 'kognito' } };

/** A pool allowing every first factor (or `policy`), and a client allowing USER_AUTH only. */
async function userAuthPool(pool: Record<string, unknown> = {}, client: Record<string, unknown> = {}) {
  return createPoolAndClient(t.sdk, { Policies: { SignInPolicy: EVERY_FACTOR }, ...pool }, { ExplicitAuthFlows: ['ALLOW_USER_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'], ...client });
}

/** A confirmed user whose email and phone number are verified (or not, as asked). */
async function userWithAddresses(userPoolId: string, clientId: string, username: string, verified = { email: true, phone: true }) {
  await confirmedUser(t, userPoolId, clientId, username, { phone_number: '+15555550123' });
  await t.sdk.send(
    new AdminUpdateUserAttributesCommand({
      UserPoolId: userPoolId,
      Username: username,
      UserAttributes: [
        { Name: 'email_verified', Value: String(verified.email) },
        { Name: 'phone_number_verified', Value: String(verified.phone) },
      ],
    }),
  );
}

const initiate = (clientId: string, parameters: Record<string, string>) =>
  t.sdk.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_AUTH', AuthParameters: parameters }));
const respond = (clientId: string, ChallengeName: ChallengeNameType, Session: string | undefined, ChallengeResponses: Record<string, string>) =>
  t.sdk.send(new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName, Session, ChallengeResponses }));
const authenticationCodes = async (userPoolId: string, username: string) =>
  (await messages(t.url, userPoolId, username)).filter((message) => message.kind === 'AUTHENTICATION');
const signedInAs = async (accessToken: string | undefined) => (await t.sdk.send(new GetUserCommand({ AccessToken: accessToken }))).Username;

describe('InitiateAuth USER_AUTH: refusals before any choice', () => {
  it('needs ALLOW_USER_AUTH on the client, USERNAME, and a user that exists (a legacy client says so)', async () => {
    const { userPoolId, clientId } = await createPoolAndClient(t.sdk);
    await expectSdkError(t.sdk, new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_AUTH', AuthParameters: { USERNAME: 'ana' } }), 'InvalidParameterException', 'USER_AUTH flow not enabled for this client');
    await expectSdkError(
      t.sdk,
      new AdminInitiateAuthCommand({ UserPoolId: userPoolId, ClientId: clientId, AuthFlow: 'USER_AUTH', AuthParameters: { USERNAME: 'ana' } }),
      'InvalidParameterException',
      'USER_AUTH flow not enabled for this client',
    );
    const allowed = await userAuthPool();
    await expectSdkError(t.sdk, new InitiateAuthCommand({ ClientId: allowed.clientId, AuthFlow: 'USER_AUTH', AuthParameters: {} }), 'InvalidParameterException', 'Missing required parameter USERNAME');
    await expectSdkError(t.sdk, new InitiateAuthCommand({ ClientId: allowed.clientId, AuthFlow: 'USER_AUTH', AuthParameters: { USERNAME: 'nobody' } }), 'UserNotFoundException', 'User does not exist.');
  });

  it('refuses a disabled user before sending anything, and a user with no factor they can use', async () => {
    const { userPoolId, clientId } = await userAuthPool();
    await userWithAddresses(userPoolId, clientId, 'dot');
    await t.sdk.send(new AdminDisableUserCommand({ UserPoolId: userPoolId, Username: 'dot' }));
    await expectSdkError(t.sdk, new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_AUTH', AuthParameters: { USERNAME: 'dot', PREFERRED_CHALLENGE: 'EMAIL_OTP' } }), 'NotAuthorizedException', 'User is disabled.');
    expect(await authenticationCodes(userPoolId, 'dot')).toEqual([]);
    await t.sdk.send(new SignUpCommand({ ClientId: clientId, Username: 'una', Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: 'una@example.com' }] }));
    await expectSdkError(t.sdk, new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_AUTH', AuthParameters: { USERNAME: 'una' } }), 'UserNotConfirmedException', 'User is not confirmed.');

    // Only passkeys allowed first, and pia has registered none: nothing to offer.
    const passkeysOnly = await userAuthPool({ Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['WEB_AUTHN'] } } });
    await confirmedUser(t, passkeysOnly.userPoolId, passkeysOnly.clientId, 'pia');
    await expectSdkError(t.sdk, new InitiateAuthCommand({ ClientId: passkeysOnly.clientId, AuthFlow: 'USER_AUTH', AuthParameters: { USERNAME: 'pia', PREFERRED_CHALLENGE: 'WEB_AUTHN' } }), 'NotAuthorizedException', INCORRECT);
  });
});

describe('SELECT_CHALLENGE', () => {
  it('offers the password (PASSWORD, PASSWORD_SRP) and the codes to verified addresses, on the wire as AWS answers', async () => {
    const { userPoolId, clientId } = await userAuthPool();
    await userWithAddresses(userPoolId, clientId, 'ana');
    const raw = await call(t.url, 'InitiateAuth', { ClientId: clientId, AuthFlow: 'USER_AUTH', AuthParameters: { USERNAME: 'ana' } });
    expect(raw.status).toBe(200);
    expect(raw.body).toEqual({ ChallengeName: 'SELECT_CHALLENGE', ChallengeParameters: {}, AvailableChallenges: ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP', 'SMS_OTP'], Session: expect.any(String) });

    // An unverified phone, and a pool allowing the password only: fewer choices.
    await userWithAddresses(userPoolId, clientId, 'bo', { email: true, phone: false });
    expect((await initiate(clientId, { USERNAME: 'bo' })).AvailableChallenges).toEqual(['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP']);
    const passwordOnly = await userAuthPool({ Policies: {} });
    await userWithAddresses(passwordOnly.userPoolId, passwordOnly.clientId, 'cy');
    expect((await initiate(passwordOnly.clientId, { USERNAME: 'cy' })).AvailableChallenges).toEqual(['PASSWORD', 'PASSWORD_SRP']);
    // Nothing was sent for a mere choice.
    expect(await authenticationCodes(userPoolId, 'ana')).toEqual([]);
  });

  it('ANSWER=PASSWORD with PASSWORD signs in (no USER_PASSWORD_AUTH flag needed); the Session then is spent', async () => {
    const { userPoolId, clientId } = await userAuthPool();
    await userWithAddresses(userPoolId, clientId, 'dee');
    const select = await initiate(clientId, { USERNAME: 'dee' });
    const answer = { USERNAME: 'dee', ANSWER: 'PASSWORD', PASSWORD };
    const signedIn = await respond(clientId, 'SELECT_CHALLENGE', select.Session, answer);
    expect(signedIn.ChallengeName).toBeUndefined();
    expect(await signedInAs(signedIn.AuthenticationResult!.AccessToken)).toBe('dee');
    expect(signedIn.AuthenticationResult!.RefreshToken).toEqual(expect.any(String));
    await expectSdkError(t.sdk, new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'SELECT_CHALLENGE', Session: select.Session, ChallengeResponses: answer }), 'NotAuthorizedException', INVALID_SESSION);
  });

  it('refuses a wrong password, a missing one, and a factor that was not offered', async () => {
    const { userPoolId, clientId } = await userAuthPool();
    await userWithAddresses(userPoolId, clientId, 'eve', { email: false, phone: false });
    // Each refusal spends the Session, as a failed answer does in every flow.
    const refusals: [Record<string, string>, string, string][] = [
      [{ ANSWER: 'EMAIL_OTP' }, 'InvalidParameterException', 'EMAIL_OTP is not one of the available challenges.'],
      [{ ANSWER: 'PASSWORD' }, 'InvalidParameterException', 'Missing required parameter PASSWORD'],
      [{}, 'InvalidParameterException', 'Missing required parameter ANSWER'],
      [{ ANSWER: 'PASSWORD', PASSWORD: 'Wr0ng!pass' }, 'NotAuthorizedException', INCORRECT],
    ];
    for (const [responses, name, message] of refusals) {
      const { Session } = await initiate(clientId, { USERNAME: 'eve' });
      const answer = (ChallengeResponses: Record<string, string>) =>
        new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'SELECT_CHALLENGE', Session, ChallengeResponses: { USERNAME: 'eve', ...ChallengeResponses } });
      await expectSdkError(t.sdk, answer(responses), name, message);
      await expectSdkError(t.sdk, answer({ ANSWER: 'PASSWORD', PASSWORD }), 'NotAuthorizedException', INVALID_SESSION);
    }
  });

  it('ANSWER=PASSWORD_SRP with SRP_A answers PASSWORD_VERIFIER, whose proof signs in', async () => {
    const { userPoolId, clientId } = await userAuthPool();
    await userWithAddresses(userPoolId, clientId, 'fay');
    const select = await initiate(clientId, { USERNAME: 'fay' });
    const ephemeral = generateSrpA();
    const verifier = await respond(clientId, 'SELECT_CHALLENGE', select.Session, { USERNAME: 'fay', ANSWER: 'PASSWORD_SRP', SRP_A: ephemeral.A });
    expect(verifier.ChallengeName).toBe('PASSWORD_VERIFIER');
    expect(Object.keys(verifier.ChallengeParameters!).sort()).toEqual(['SALT', 'SECRET_BLOCK', 'SRP_B', 'USERNAME', 'USER_ID_FOR_SRP']);
    const user = { userPoolId, clientId, username: 'fay', password: PASSWORD };
    const signedIn = await respond(clientId, 'PASSWORD_VERIFIER', verifier.Session, passwordVerifierResponses(user, verifier, ephemeral));
    expect(await signedInAs(signedIn.AuthenticationResult!.AccessToken)).toBe('fay');
  });

  it('ANSWER=EMAIL_OTP sends a code: a wrong one may be retried, the right one signs in once', async () => {
    const { userPoolId, clientId } = await userAuthPool();
    await userWithAddresses(userPoolId, clientId, 'gus');
    const select = await initiate(clientId, { USERNAME: 'gus' });
    const raw = await call(t.url, 'RespondToAuthChallenge', { ClientId: clientId, ChallengeName: 'SELECT_CHALLENGE', Session: select.Session, ChallengeResponses: { USERNAME: 'gus', ANSWER: 'EMAIL_OTP' } });
    expect(raw.status).toBe(200);
    expect(raw.body).toEqual({
      ChallengeName: 'EMAIL_OTP',
      Session: expect.any(String),
      ChallengeParameters: { CODE_DELIVERY_DELIVERY_MEDIUM: 'EMAIL', CODE_DELIVERY_DESTINATION: 'g***@e***', USER_ID_FOR_SRP: 'gus' },
    });
    const sent = await authenticationCodes(userPoolId, 'gus');
    expect(sent).toEqual([expect.objectContaining({ deliveryMedium: 'EMAIL', destination: 'gus@example.com', code: expect.stringMatching(/^\d{6}$/) })]);
    const code = sent[0].code;
    const wrong = code === '000000' ? '111111' : '000000';
    await expectSdkError(t.sdk, new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'EMAIL_OTP', Session: raw.body.Session, ChallengeResponses: { USERNAME: 'gus', EMAIL_OTP_CODE: wrong } }), 'CodeMismatchException', INVALID_CODE);
    const signedIn = await respond(clientId, 'EMAIL_OTP', raw.body.Session, { USERNAME: 'gus', EMAIL_OTP_CODE: code });
    expect(await signedInAs(signedIn.AuthenticationResult!.AccessToken)).toBe('gus');
    await expectSdkError(t.sdk, new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'EMAIL_OTP', Session: raw.body.Session, ChallengeResponses: { USERNAME: 'gus', EMAIL_OTP_CODE: code } }), 'NotAuthorizedException', INVALID_SESSION);
  });
});

describe('PREFERRED_CHALLENGE', () => {
  it('EMAIL_OTP goes straight to the code; SMS_OTP sends it by SMS and is answered with SMS_OTP_CODE', async () => {
    const { userPoolId, clientId } = await userAuthPool();
    await userWithAddresses(userPoolId, clientId, 'hal');
    const email = await initiate(clientId, { USERNAME: 'hal', PREFERRED_CHALLENGE: 'EMAIL_OTP' });
    expect({ name: email.ChallengeName, parameters: email.ChallengeParameters, available: email.AvailableChallenges }).toEqual({
      name: 'EMAIL_OTP',
      parameters: { CODE_DELIVERY_DELIVERY_MEDIUM: 'EMAIL', CODE_DELIVERY_DESTINATION: 'h***@e***', USER_ID_FOR_SRP: 'hal' },
      available: undefined,
    });
    const emailCode = (await authenticationCodes(userPoolId, 'hal')).at(-1)!.code;
    expect(await signedInAs((await respond(clientId, 'EMAIL_OTP', email.Session, { USERNAME: 'hal', EMAIL_OTP_CODE: emailCode })).AuthenticationResult!.AccessToken)).toBe('hal');

    const sms = await initiate(clientId, { USERNAME: 'hal', PREFERRED_CHALLENGE: 'SMS_OTP' });
    expect(sms.ChallengeName).toBe('SMS_OTP');
    expect(sms.ChallengeParameters).toEqual({ CODE_DELIVERY_DELIVERY_MEDIUM: 'SMS', CODE_DELIVERY_DESTINATION: '+*******0123', USER_ID_FOR_SRP: 'hal' });
    const texted = (await authenticationCodes(userPoolId, 'hal')).at(-1)!;
    expect({ medium: texted.deliveryMedium, destination: texted.destination }).toEqual({ medium: 'SMS', destination: '+15555550123' });
    expect(await signedInAs((await respond(clientId, 'SMS_OTP', sms.Session, { USERNAME: 'hal', SMS_OTP_CODE: texted.code })).AuthenticationResult!.AccessToken)).toBe('hal');
    const again = await initiate(clientId, { USERNAME: 'hal', PREFERRED_CHALLENGE: 'SMS_OTP' });
    await expectSdkError(t.sdk, new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'SMS_OTP', Session: again.Session, ChallengeResponses: { USERNAME: 'hal' } }), 'InvalidParameterException', 'Missing required parameter SMS_OTP_CODE');
  });

  it(`a code challenge takes ${MAX_MFA_CODE_ATTEMPTS} wrong codes, then its Session is gone`, async () => {
    const { userPoolId, clientId } = await userAuthPool();
    await userWithAddresses(userPoolId, clientId, 'ida');
    const challenge = await initiate(clientId, { USERNAME: 'ida', PREFERRED_CHALLENGE: 'EMAIL_OTP' });
    const code = (await authenticationCodes(userPoolId, 'ida')).at(-1)!.code;
    const wrong = code === '000000' ? '111111' : '000000';
    const answer = (EMAIL_OTP_CODE: string) =>
      new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'EMAIL_OTP', Session: challenge.Session, ChallengeResponses: { USERNAME: 'ida', EMAIL_OTP_CODE } });
    for (let attempt = 0; attempt < MAX_MFA_CODE_ATTEMPTS; attempt++) await expectSdkError(t.sdk, answer(wrong), 'CodeMismatchException', INVALID_CODE);
    await expectSdkError(t.sdk, answer(code), 'NotAuthorizedException', INVALID_SESSION);
  });

  it('a factor the user cannot use is not an error: they are offered what they can use', async () => {
    const { userPoolId, clientId } = await userAuthPool();
    await userWithAddresses(userPoolId, clientId, 'jo', { email: false, phone: false });
    for (const PREFERRED_CHALLENGE of ['EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN']) {
      const answer = await initiate(clientId, { USERNAME: 'jo', PREFERRED_CHALLENGE });
      expect({ name: answer.ChallengeName, available: answer.AvailableChallenges }).toEqual({ name: 'SELECT_CHALLENGE', available: ['PASSWORD', 'PASSWORD_SRP'] });
    }
    expect(await authenticationCodes(userPoolId, 'jo')).toEqual([]);
  });

  it('PASSWORD with PASSWORD signs in as USER_PASSWORD_AUTH does (PASSWORD required); PASSWORD_SRP with SRP_A as USER_SRP_AUTH', async () => {
    const { userPoolId, clientId } = await userAuthPool();
    await userWithAddresses(userPoolId, clientId, 'kim');
    const signedIn = await initiate(clientId, { USERNAME: 'kim', PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD });
    expect(await signedInAs(signedIn.AuthenticationResult!.AccessToken)).toBe('kim');
    await expectSdkError(t.sdk, new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_AUTH', AuthParameters: { USERNAME: 'kim', PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD: 'Wr0ng!pass' } }), 'NotAuthorizedException', INCORRECT);
    await expectSdkError(t.sdk, new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_AUTH', AuthParameters: { USERNAME: 'kim', PREFERRED_CHALLENGE: 'PASSWORD' } }), 'InvalidParameterException', 'Missing required parameter PASSWORD');

    const ephemeral = generateSrpA();
    const verifier = await initiate(clientId, { USERNAME: 'kim', PREFERRED_CHALLENGE: 'PASSWORD_SRP', SRP_A: ephemeral.A });
    expect(verifier.ChallengeName).toBe('PASSWORD_VERIFIER');
    const user = { userPoolId, clientId, username: 'kim', password: PASSWORD };
    const srp = await respond(clientId, 'PASSWORD_VERIFIER', verifier.Session, passwordVerifierResponses(user, verifier, ephemeral));
    expect(await signedInAs(srp.AuthenticationResult!.AccessToken)).toBe('kim');
    await expectSdkError(t.sdk, new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_AUTH', AuthParameters: { USERNAME: 'kim', PREFERRED_CHALLENGE: 'PASSWORD_SRP' } }), 'InvalidParameterException', 'Missing required parameter SRP_A');
  });
});

describe('single use under concurrency', () => {
  it('of concurrent answers to one SELECT_CHALLENGE exactly one sends a code, and of concurrent right codes exactly one signs in', async () => {
    const { userPoolId, clientId } = await userAuthPool();
    await userWithAddresses(userPoolId, clientId, 'quin');
    const select = await initiate(clientId, { USERNAME: 'quin' });
    const choose = () => call(t.url, 'RespondToAuthChallenge', { ClientId: clientId, ChallengeName: 'SELECT_CHALLENGE', Session: select.Session, ChallengeResponses: { USERNAME: 'quin', ANSWER: 'EMAIL_OTP' } });
    const chosen = await Promise.all([choose(), choose(), choose()]);
    expect(chosen.map((answer) => answer.status).sort()).toEqual([200, 400, 400]);
    expect(chosen.filter((answer) => answer.status === 400).map((answer) => answer.body)).toEqual([
      { __type: 'NotAuthorizedException', message: INVALID_SESSION },
      { __type: 'NotAuthorizedException', message: INVALID_SESSION },
    ]);
    const sent = await authenticationCodes(userPoolId, 'quin');
    expect(sent).toHaveLength(1);
    const Session = chosen.find((answer) => answer.status === 200)!.body.Session;
    const answer = () => call(t.url, 'RespondToAuthChallenge', { ClientId: clientId, ChallengeName: 'EMAIL_OTP', Session, ChallengeResponses: { USERNAME: 'quin', EMAIL_OTP_CODE: sent[0].code } });
    const answered = await Promise.all([answer(), answer(), answer()]);
    expect(answered.map((result) => result.status).sort()).toEqual([200, 400, 400]);
    expect(answered.filter((result) => result.status === 200)[0].body.AuthenticationResult.AccessToken).toEqual(expect.any(String));
  });
});

describe('USER_AUTH with MFA, devices and the admin twins', () => {
  it('a password goes on to the user\'s MFA; a code signs in without it', async () => {
    const { userPoolId, clientId } = await userAuthPool();
    await t.sdk.send(new SetUserPoolMfaConfigCommand({ UserPoolId: userPoolId, MfaConfiguration: 'OPTIONAL', SmsMfaConfiguration: SMS }));
    await userWithAddresses(userPoolId, clientId, 'lou');
    await t.sdk.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: userPoolId, Username: 'lou', SMSMfaSettings: { Enabled: true, PreferredMfa: true } }));
    const password = await initiate(clientId, { USERNAME: 'lou', PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD });
    expect(password.ChallengeName).toBe('SMS_MFA');
    const select = await initiate(clientId, { USERNAME: 'lou' });
    expect((await respond(clientId, 'SELECT_CHALLENGE', select.Session, { USERNAME: 'lou', ANSWER: 'PASSWORD', PASSWORD })).ChallengeName).toBe('SMS_MFA');

    const email = await initiate(clientId, { USERNAME: 'lou', PREFERRED_CHALLENGE: 'EMAIL_OTP' });
    const code = (await authenticationCodes(userPoolId, 'lou')).at(-1)!;
    expect(code.deliveryMedium).toBe('EMAIL');
    const signedIn = await respond(clientId, 'EMAIL_OTP', email.Session, { USERNAME: 'lou', EMAIL_OTP_CODE: code.code });
    expect(await signedInAs(signedIn.AuthenticationResult!.AccessToken)).toBe('lou');
  });

  it('a pool requiring MFA offers no code as the first factor', async () => {
    const { userPoolId, clientId } = await userAuthPool();
    await t.sdk.send(new SetUserPoolMfaConfigCommand({ UserPoolId: userPoolId, MfaConfiguration: 'ON', SmsMfaConfiguration: SMS }));
    await userWithAddresses(userPoolId, clientId, 'max');
    const answer = await initiate(clientId, { USERNAME: 'max', PREFERRED_CHALLENGE: 'EMAIL_OTP' });
    expect({ name: answer.ChallengeName, available: answer.AvailableChallenges }).toEqual({ name: 'SELECT_CHALLENGE', available: ['PASSWORD', 'PASSWORD_SRP'] });
  });

  it('a pool on the Lite plan offers no code as the first factor (SignInPolicy needs Essentials)', async () => {
    const { userPoolId, clientId } = await userAuthPool({ UserPoolTier: 'LITE' });
    await userWithAddresses(userPoolId, clientId, 'lyn');
    const answer = await initiate(clientId, { USERNAME: 'lyn', PREFERRED_CHALLENGE: 'SMS_OTP' });
    expect({ name: answer.ChallengeName, available: answer.AvailableChallenges }).toEqual({ name: 'SELECT_CHALLENGE', available: ['PASSWORD', 'PASSWORD_SRP'] });
  });

  it('a device-tracking pool hands a code sign-in NewDeviceMetadata', async () => {
    const { userPoolId, clientId } = await userAuthPool({ DeviceConfiguration: { ChallengeRequiredOnNewDevice: false, DeviceOnlyRememberedOnUserPrompt: true } });
    await userWithAddresses(userPoolId, clientId, 'ned');
    const challenge = await initiate(clientId, { USERNAME: 'ned', PREFERRED_CHALLENGE: 'SMS_OTP' });
    const code = (await authenticationCodes(userPoolId, 'ned')).at(-1)!.code;
    const signedIn = await respond(clientId, 'SMS_OTP', challenge.Session, { USERNAME: 'ned', SMS_OTP_CODE: code });
    expect(signedIn.AuthenticationResult!.NewDeviceMetadata).toEqual({ DeviceKey: expect.stringMatching(/^us-east-1_/), DeviceGroupKey: expect.any(String) });
  });

  it('AdminInitiateAuth and AdminRespondToAuthChallenge do the same; a client Session is not the admin\'s', async () => {
    const { userPoolId, clientId } = await userAuthPool();
    await userWithAddresses(userPoolId, clientId, 'oz');
    const select = await t.sdk.send(new AdminInitiateAuthCommand({ UserPoolId: userPoolId, ClientId: clientId, AuthFlow: 'USER_AUTH', AuthParameters: { USERNAME: 'oz' } }));
    expect(select.AvailableChallenges).toEqual(['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP', 'SMS_OTP']);
    const email = await t.sdk.send(
      new AdminRespondToAuthChallengeCommand({ UserPoolId: userPoolId, ClientId: clientId, ChallengeName: 'SELECT_CHALLENGE', Session: select.Session, ChallengeResponses: { USERNAME: 'oz', ANSWER: 'EMAIL_OTP' } }),
    );
    const code = (await authenticationCodes(userPoolId, 'oz')).at(-1)!.code;
    const signedIn = await t.sdk.send(
      new AdminRespondToAuthChallengeCommand({ UserPoolId: userPoolId, ClientId: clientId, ChallengeName: 'EMAIL_OTP', Session: email.Session, ChallengeResponses: { USERNAME: 'oz', EMAIL_OTP_CODE: code } }),
    );
    expect(await signedInAs(signedIn.AuthenticationResult!.AccessToken)).toBe('oz');

    const clientSide = await initiate(clientId, { USERNAME: 'oz' });
    await expectSdkError(
      t.sdk,
      new AdminRespondToAuthChallengeCommand({ UserPoolId: userPoolId, ClientId: clientId, ChallengeName: 'SELECT_CHALLENGE', Session: clientSide.Session, ChallengeResponses: { USERNAME: 'oz', ANSWER: 'PASSWORD', PASSWORD } }),
      'NotAuthorizedException',
      INVALID_SESSION,
    );
  });
});

describe('a client hiding user existence', () => {
  it('answers a name no user has as it would a user with every factor, and lets nothing through', async () => {
    const { userPoolId, clientId } = await userAuthPool({}, { PreventUserExistenceErrors: 'ENABLED' });
    const select = await initiate(clientId, { USERNAME: 'ghost' });
    expect({ name: select.ChallengeName, available: select.AvailableChallenges }).toEqual({ name: 'SELECT_CHALLENGE', available: ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP', 'SMS_OTP'] });
    await expectSdkError(
      t.sdk,
      new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'SELECT_CHALLENGE', Session: select.Session, ChallengeResponses: { USERNAME: 'ghost', ANSWER: 'PASSWORD', PASSWORD } }),
      'NotAuthorizedException',
      INCORRECT,
    );
    await expectSdkError(t.sdk, new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_AUTH', AuthParameters: { USERNAME: 'ghost', PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD } }), 'NotAuthorizedException', INCORRECT);

    const email = await initiate(clientId, { USERNAME: 'ghost', PREFERRED_CHALLENGE: 'EMAIL_OTP' });
    expect(email.ChallengeName).toBe('EMAIL_OTP');
    expect(email.ChallengeParameters!.CODE_DELIVERY_DELIVERY_MEDIUM).toBe('EMAIL');
    expect(email.ChallengeParameters!.CODE_DELIVERY_DESTINATION).toMatch(/^[a-z]\*\*\*@[a-z]\*\*\*$/);
    expect(await messages(t.url, userPoolId, 'ghost')).toEqual([]);
    await expectSdkError(
      t.sdk,
      new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'EMAIL_OTP', Session: email.Session, ChallengeResponses: { USERNAME: 'ghost', EMAIL_OTP_CODE: '123456' } }),
      'CodeMismatchException',
      INVALID_CODE,
    );
    const srp = await respond(clientId, 'SELECT_CHALLENGE', (await initiate(clientId, { USERNAME: 'ghost' })).Session, { USERNAME: 'ghost', ANSWER: 'PASSWORD_SRP', SRP_A: generateSrpA().A });
    expect(srp.ChallengeName).toBe('PASSWORD_VERIFIER');
  });
});
