/**
 * The sign-in triggers invoked for real, each through a local module and through the Invoke API,
 * with their events asserted whole: PreAuthentication, PostAuthentication, PreTokenGeneration
 * (V1_0 and V2_0, on sign-in, after NEW_PASSWORD_REQUIRED and on refresh), UserMigration, and the
 * CUSTOM_AUTH flow (DefineAuthChallenge, CreateAuthChallenge, VerifyAuthChallengeResponse), with and
 * without SRP first.
 */
import { describe, expect, it } from 'vitest';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  AdminUpdateUserAttributesCommand,
  CreateGroupCommand,
  GetTokensFromRefreshTokenCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { decodeJwt } from 'jose';
import { createPoolAndClient, expectSdkError, messages } from '../support/server.js';
import { confirmedUser as srpConfirmedUser, passwordVerifierResponses, srpSignIn } from '../support/srpSignIn.js';
import { deviceSrpSignIn, rememberDevice } from '../support/deviceSignIn.js';
import { generateSrpA } from '../support/srpClient.js';
import { PASSWORD, confirmedUser as confirmedUserOf, passwordSignIn as passwordSignInOf } from '../support/mfaUsers.js';
import { SDK_VERSION as SDK, WAYS, arn, nameMaker, withTriggerServer, type TriggerServer, type Way } from '../support/triggers.js';

let s: TriggerServer;
withTriggerServer((server) => (s = server));

const fresh = nameMaker();
const ALL_FLOWS = ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_CUSTOM_AUTH'];

async function poolWith(LambdaConfig: Record<string, unknown>, pool: Record<string, unknown> = {}, client: Record<string, unknown> = {}) {
  return createPoolAndClient(s.t.sdk, { LambdaConfig, ...pool }, { ExplicitAuthFlows: ALL_FLOWS, ...client });
}

/** A confirmed user with an email (signed up before the pool's triggers matter: AdminConfirmSignUp). */
const confirmedUser = (userPoolId: string, clientId: string, username = fresh()) => confirmedUserOf(s.t, userPoolId, clientId, username);

const passwordSignIn = (clientId: string, username: string, extra: Record<string, unknown> = {}) => passwordSignInOf(s.t, clientId, username, extra);

/** The fields every trigger event of an SDK call to the pool starts with. */
const envelope = (triggerSource: string, userPoolId: string, username: string, clientId: string) => ({
  version: '1',
  triggerSource,
  region: 'us-east-1',
  userPoolId,
  userName: username,
  callerContext: { awsSdkVersion: SDK, clientId },
});

/** The three CUSTOM_AUTH triggers of the fixture's arithmetic quiz. */
const customAuthTriggers = (way: Way) => ({ DefineAuthChallenge: arn(way, 'defineAuth'), CreateAuthChallenge: arn(way, 'createAuth'), VerifyAuthChallengeResponse: arn(way, 'verifyAuth') });

/** RespondToAuthChallenge with an answer to the CUSTOM_CHALLENGE. */
const customAnswer = (clientId: string, Session: string | undefined, username: string, ANSWER: string, extra: Record<string, unknown> = {}) =>
  new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'CUSTOM_CHALLENGE', Session, ChallengeResponses: { USERNAME: username, ANSWER }, ...extra });

/** The userAttributes of a confirmedUser in a trigger event. */
const confirmedAttributes = (sub: string, username: string) => ({ sub, email: `${username}@example.com`, 'cognito:user_status': 'CONFIRMED' });

describe.each(WAYS)('through %s', (_label, way: Way) => {
  it('PreAuthentication gets InitiateAuth ClientMetadata as validationData, before the password is checked', async () => {
    const { userPoolId, clientId } = await poolWith({ PreAuthentication: arn(way, 'echo') });
    const { username, sub } = await confirmedUser(userPoolId, clientId);
    const signedIn = await passwordSignIn(clientId, username, { ClientMetadata: { device: 'kiosk' } });
    expect(signedIn.AuthenticationResult?.AccessToken).toBeDefined();
    const [pre] = await s.invocations(userPoolId, 'PreAuthentication');
    expect(pre.event).toEqual({
      ...envelope('PreAuthentication_Authentication', userPoolId, username, clientId),
      request: { userAttributes: confirmedAttributes(sub, username), validationData: { device: 'kiosk' } },
      response: {},
    });
  });

  it('a PreAuthentication that throws refuses password and SRP sign-ins, whatever the password', async () => {
    const { userPoolId, clientId } = await poolWith({ PreAuthentication: arn(way, 'refuse') });
    const { username } = await confirmedUser(userPoolId, clientId);
    await expectSdkError(
      s.t.sdk,
      new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD: 'wrong-Passw0rd' } }),
      'UserLambdaValidationException',
      'PreAuthentication failed with error Sign-ups are closed.',
    );
    await expectSdkError(
      s.t.sdk,
      new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: username, SRP_A: generateSrpA().A } }),
      'UserLambdaValidationException',
      'PreAuthentication failed with error Sign-ups are closed.',
    );
  });

  it('PreAuthentication hears of an unknown name (userNotFound) only from a client that hides user existence', async () => {
    const { userPoolId, clientId } = await poolWith({ PreAuthentication: arn(way, 'echo') }, {}, { PreventUserExistenceErrors: 'ENABLED' });
    await expectSdkError(
      s.t.sdk,
      new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'nobody', PASSWORD } }),
      'NotAuthorizedException',
      'Incorrect username or password.',
    );
    const [pre] = await s.invocations(userPoolId, 'PreAuthentication');
    expect(pre.event.userName).toBe('nobody');
    expect(pre.event.request).toEqual({ userAttributes: {}, validationData: {}, userNotFound: true });
  });

  it('PostAuthentication runs once the sign-in is over; its error refuses the tokens', async () => {
    const { userPoolId, clientId } = await poolWith({ PostAuthentication: arn(way, 'echo') });
    const { username, sub } = await confirmedUser(userPoolId, clientId);
    await passwordSignIn(clientId, username, { ClientMetadata: { ignored: 'by PostAuthentication at InitiateAuth' } });
    const [post] = await s.invocations(userPoolId, 'PostAuthentication');
    expect(post.event).toEqual({
      ...envelope('PostAuthentication_Authentication', userPoolId, username, clientId),
      request: { userAttributes: confirmedAttributes(sub, username), newDeviceUsed: false },
      response: {},
    });

    const refusing = await poolWith({ PostAuthentication: arn(way, 'contextFail') });
    const other = await confirmedUser(refusing.userPoolId, refusing.clientId);
    await expectSdkError(
      s.t.sdk,
      new InitiateAuthCommand({ ClientId: refusing.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: other.username, PASSWORD } }),
      'UserLambdaValidationException',
      'PostAuthentication failed with error Not today.',
    );
  });

  it('USER_AUTH with an email code: PreAuthentication at InitiateAuth, CustomMessage_Authentication writes the code, PostAuthentication and PreTokenGeneration after it', async () => {
    const { userPoolId, clientId } = await poolWith(
      { PreAuthentication: arn(way, 'echo'), CustomMessage: arn(way, 'customMessage'), PostAuthentication: arn(way, 'echo'), PreTokenGeneration: arn(way, 'echo') },
      { Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'] } } },
      { ExplicitAuthFlows: ['ALLOW_USER_AUTH'] },
    );
    const { username } = await confirmedUser(userPoolId, clientId);
    await s.t.sdk.send(new AdminUpdateUserAttributesCommand({ UserPoolId: userPoolId, Username: username, UserAttributes: [{ Name: 'email_verified', Value: 'true' }] }));
    const challenge = await s.t.sdk.send(
      new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_AUTH', AuthParameters: { USERNAME: username, PREFERRED_CHALLENGE: 'EMAIL_OTP' }, ClientMetadata: { app: 'web' } }),
    );
    const sent = (await messages(s.t.url, userPoolId, username)).at(-1)! as { code: string; message?: string; subject?: string };
    expect({ subject: sent.subject, message: sent.message }).toEqual({
      subject: 'Subject of CustomMessage_Authentication',
      message: `<p>[CustomMessage_Authentication] Your code is ${sent.code}</p>`,
    });
    const signedIn = await s.t.sdk.send(
      new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'EMAIL_OTP', Session: challenge.Session, ChallengeResponses: { USERNAME: username, EMAIL_OTP_CODE: sent.code } }),
    );
    expect(signedIn.AuthenticationResult?.AccessToken).toBeDefined();
    // After the sign-up's own CustomMessage_SignUp.
    const invoked = (await s.invocations(userPoolId)).slice(1);
    expect(invoked.map((invocation) => invocation.event.triggerSource)).toEqual([
      'PreAuthentication_Authentication',
      'CustomMessage_Authentication',
      'PostAuthentication_Authentication',
      'TokenGeneration_Authentication',
    ]);
    expect(invoked[0].event.request.validationData).toEqual({ app: 'web' });
  });

  it('PreTokenGeneration V1_0: the event with the groups; claims added and suppressed in the ID token, groups replaced in both', async () => {
    const { userPoolId, clientId } = await poolWith({ PreTokenGeneration: arn(way, 'tokensV1') });
    const { username, sub } = await confirmedUser(userPoolId, clientId);
    await s.t.sdk.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: 'admins', RoleArn: 'arn:aws:iam::123456789012:role/admins', Precedence: 1 }));
    await s.t.sdk.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: username, GroupName: 'admins' }));
    const result = (await passwordSignIn(clientId, username)).AuthenticationResult!;

    const [generation] = await s.invocations(userPoolId, 'PreTokenGeneration');
    expect(generation.event).toEqual({
      ...envelope('TokenGeneration_Authentication', userPoolId, username, clientId),
      request: {
        userAttributes: confirmedAttributes(sub, username),
        groupConfiguration: {
          groupsToOverride: ['admins'],
          iamRolesToOverride: ['arn:aws:iam::123456789012:role/admins'],
          preferredRole: 'arn:aws:iam::123456789012:role/admins',
        },
      },
      response: { claimsOverrideDetails: null },
    });
    const id = decodeJwt(result.IdToken!);
    expect(id).toMatchObject({
      plan: 'pro',
      sub,
      token_use: 'id',
      'cognito:groups': ['from-trigger'],
      'cognito:roles': ['arn:aws:iam::123456789012:role/trigger'],
      'cognito:preferred_role': 'arn:aws:iam::123456789012:role/trigger',
    });
    expect(id).not.toHaveProperty('email');
    const access = decodeJwt(result.AccessToken!);
    expect(access['cognito:groups']).toEqual(['from-trigger']);
    expect(access).not.toHaveProperty('plan');
  });

  it('PreTokenGeneration V2_0: version "2", scopes in the request; both tokens and the scopes customized; again on refresh', async () => {
    const { userPoolId, clientId } = await poolWith({ PreTokenGenerationConfig: { LambdaVersion: 'V2_0', LambdaArn: arn(way, 'tokensV2') } });
    const { username, sub } = await confirmedUser(userPoolId, clientId);
    const signedIn = (await passwordSignIn(clientId, username)).AuthenticationResult!;
    const [generation] = await s.invocations(userPoolId, 'PreTokenGeneration');
    expect(generation.event.version).toBe('2');
    expect(generation.event.request).toEqual({
      userAttributes: confirmedAttributes(sub, username),
      groupConfiguration: { groupsToOverride: [], iamRolesToOverride: [], preferredRole: null },
      scopes: ['aws.cognito.signin.user.admin'],
    });
    expect(generation.event.response).toEqual({ claimsAndScopeOverrideDetails: null });
    const id = decodeJwt(signedIn.IdToken!);
    expect(id).toMatchObject({ tier: { level: 2, tags: ['a', 'b'] }, family_name: 'Override' });
    expect(id).not.toHaveProperty('email');
    const access = decodeJwt(signedIn.AccessToken!);
    expect(access).toMatchObject({ tenant: 't-1', client_id: clientId, username, scope: 'aws.cognito.signin.user.admin orders/read' });

    const refreshed = await s.t.sdk.send(new GetTokensFromRefreshTokenCommand({ ClientId: clientId, RefreshToken: signedIn.RefreshToken!, ClientMetadata: { reason: 'refresh' } }));
    const [, again] = await s.invocations(userPoolId, 'PreTokenGeneration');
    expect(again.event.triggerSource).toBe('TokenGeneration_RefreshTokens');
    expect(again.event.request.clientMetadata).toEqual({ reason: 'refresh' });
    expect(decodeJwt(refreshed.AuthenticationResult!.AccessToken!)).toMatchObject({ tenant: 't-1', scope: 'aws.cognito.signin.user.admin orders/read' });
  });

  it('PreTokenGeneration V3_0 sends version "3", as V2_0 otherwise', async () => {
    const { userPoolId, clientId } = await poolWith({ PreTokenGenerationConfig: { LambdaVersion: 'V3_0', LambdaArn: arn(way, 'tokensV2') } });
    const { username } = await confirmedUser(userPoolId, clientId);
    const access = decodeJwt((await passwordSignIn(clientId, username)).AuthenticationResult!.AccessToken!);
    expect(access).toMatchObject({ tenant: 't-1', scope: 'aws.cognito.signin.user.admin orders/read' });
    const [generation] = await s.invocations(userPoolId, 'PreTokenGeneration');
    expect(generation.event).toMatchObject({ version: '3', triggerSource: 'TokenGeneration_Authentication', request: { scopes: ['aws.cognito.signin.user.admin'] } });
  });

  it('a remembered device: PostAuthentication newDeviceUsed true then false; TokenGeneration_AuthenticateDevice', async () => {
    const { userPoolId, clientId } = await poolWith(
      { PostAuthentication: arn(way, 'echo'), PreTokenGeneration: arn(way, 'echo') },
      { DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false } },
    );
    const user = { userPoolId, clientId, username: fresh('device'), password: PASSWORD };
    await srpConfirmedUser(s.t.sdk, user);
    const { device } = await rememberDevice(s.t, user);
    const second = await srpSignIn(s.t.sdk, user, { DEVICE_KEY: device.deviceKey });
    expect(second.ChallengeName).toBe('DEVICE_SRP_AUTH');
    const { verified } = await deviceSrpSignIn(s.t, user, device, second.Session);
    expect(verified.body.AuthenticationResult.AccessToken).toBeDefined();
    const posts = await s.invocations(userPoolId, 'PostAuthentication');
    expect(posts.map((p) => p.event.request.newDeviceUsed)).toEqual([true, false]);
    const generations = await s.invocations(userPoolId, 'PreTokenGeneration');
    expect(generations.map((g) => g.event.triggerSource)).toEqual(['TokenGeneration_Authentication', 'TokenGeneration_AuthenticateDevice']);
  });

  it('an empty groupOverrideDetails takes the groups out of both tokens', async () => {
    const { userPoolId, clientId } = await poolWith({ PreTokenGeneration: arn(way, 'noGroups') });
    const { username } = await confirmedUser(userPoolId, clientId);
    await s.t.sdk.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: 'staff' }));
    await s.t.sdk.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: username, GroupName: 'staff' }));
    const result = (await passwordSignIn(clientId, username)).AuthenticationResult!;
    expect(decodeJwt(result.IdToken!)).not.toHaveProperty('cognito:groups');
    expect(decodeJwt(result.AccessToken!)).not.toHaveProperty('cognito:groups');
  });

  it('TokenGeneration_NewPasswordChallenge when the sign-in ends by choosing a new password', async () => {
    const { userPoolId, clientId } = await poolWith({ PreTokenGeneration: arn(way, 'echo') });
    const username = fresh();
    await s.t.sdk.send(new AdminCreateUserCommand({ UserPoolId: userPoolId, Username: username, TemporaryPassword: 'Temp-Passw0rd', MessageAction: 'SUPPRESS' }));
    const started = await s.t.sdk.send(
      new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD: 'Temp-Passw0rd' } }),
    );
    expect(started.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    await s.t.sdk.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        Session: started.Session,
        ChallengeResponses: { USERNAME: username, NEW_PASSWORD: PASSWORD },
        ClientMetadata: { step: 'new-password' },
      }),
    );
    const [generation] = await s.invocations(userPoolId, 'PreTokenGeneration');
    expect(generation.event.triggerSource).toBe('TokenGeneration_NewPasswordChallenge');
    expect(generation.event.request.clientMetadata).toEqual({ step: 'new-password' });
  });

  it('UserMigration_Authentication creates an unknown user from the answer and signs them in', async () => {
    const { userPoolId, clientId } = await poolWith({ UserMigration: arn(way, 'migrate') });
    const username = fresh('legacy');
    const signedIn = await s.t.sdk.send(
      new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD: 'Legacy-Pass1' }, ClientMetadata: { from: 'old-app' } }),
    );
    expect(signedIn.AuthenticationResult?.IdToken).toBeDefined();
    expect(decodeJwt(signedIn.AuthenticationResult!.IdToken!)).toMatchObject({ 'cognito:username': username, email: `${username}@legacy.example.com`, email_verified: true, name: 'Migrated' });
    const user = await s.t.sdk.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: username }));
    expect(user.UserStatus).toBe('CONFIRMED');
    expect(user.UserAttributes?.map((a) => a.Name).sort()).toEqual(['email', 'email_verified', 'name', 'sub']);
    expect(await messages(s.t.url, userPoolId, username)).toEqual([]); // messageAction SUPPRESS

    const [migration] = await s.invocations(userPoolId, 'UserMigration');
    expect(migration.event).toEqual({
      ...envelope('UserMigration_Authentication', userPoolId, username, clientId),
      request: { password: 'Legacy-Pass1', validationData: { from: 'old-app' } },
      response: { userAttributes: null, finalUserStatus: null, messageAction: null, desiredDeliveryMediums: null, forceAliasCreation: null, enableSMSMFA: null },
    });
    // Signed in again, the user is the pool's own: no second migration.
    await passwordSignIn(clientId, username, { AuthParameters: { USERNAME: username, PASSWORD: 'Legacy-Pass1' } });
    expect(await s.invocations(userPoolId, 'UserMigration')).toHaveLength(1);
  });

  it('a UserMigration that refuses the password fails the sign-in and creates nobody', async () => {
    const { userPoolId, clientId } = await poolWith({ UserMigration: arn(way, 'migrate') });
    const username = fresh('legacy');
    await expectSdkError(
      s.t.sdk,
      new AdminInitiateAuthCommand({ UserPoolId: userPoolId, ClientId: clientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD: 'wrong' } }),
      'UserLambdaValidationException',
      'UserMigration failed with error Bad password.',
    );
    await expectSdkError(s.t.sdk, new AdminGetUserCommand({ UserPoolId: userPoolId, Username: username }), 'UserNotFoundException', 'User does not exist.');
  });

  it('a migrated user left RESET_REQUIRED must reset the password, and gets the welcome message by email', async () => {
    const { userPoolId, clientId } = await poolWith({ UserMigration: arn(way, 'migrateToReset') });
    const username = fresh('legacy');
    await expectSdkError(
      s.t.sdk,
      new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD: 'Whatever1' } }),
      'PasswordResetRequiredException',
      'Password reset required for the user',
    );
    expect((await s.t.sdk.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: username }))).UserStatus).toBe('RESET_REQUIRED');
    const [welcome] = await messages(s.t.url, userPoolId, username);
    expect(welcome).toMatchObject({ kind: 'WELCOME', deliveryMedium: 'EMAIL', destination: `${username}@legacy.example.com` });
  });

  it('CUSTOM_AUTH: Define, Create, Verify with their events; a wrong answer gets a new challenge, the right one tokens', async () => {
    const { userPoolId, clientId } = await poolWith(customAuthTriggers(way));
    const { username, sub } = await confirmedUser(userPoolId, clientId);
    const started = await s.t.sdk.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'CUSTOM_AUTH', AuthParameters: { USERNAME: username }, ClientMetadata: { not: 'passed on' } }));
    expect(started).toMatchObject({ ChallengeName: 'CUSTOM_CHALLENGE', ChallengeParameters: { question: 'What is 6 x 7?', attempt: '0', USERNAME: username } });
    const wrong = await s.t.sdk.send(customAnswer(clientId, started.Session, username, '41', { ClientMetadata: { try: '1' } }));
    expect(wrong).toMatchObject({ ChallengeName: 'CUSTOM_CHALLENGE', ChallengeParameters: { attempt: '1' } });
    expect(wrong.Session).not.toBe(started.Session);
    const right = await s.t.sdk.send(customAnswer(clientId, wrong.Session, username, '42'));
    expect(decodeJwt(right.AuthenticationResult!.IdToken!)).toMatchObject({ sub, 'cognito:username': username });

    const userAttributes = confirmedAttributes(sub, username);
    const common = envelope('DefineAuthChallenge_Authentication', userPoolId, username, clientId);
    const events = (await s.invocations(userPoolId)).map((i) => i.event);
    expect(events.map((e) => e.triggerSource)).toEqual([
      'DefineAuthChallenge_Authentication',
      'CreateAuthChallenge_Authentication',
      'VerifyAuthChallengeResponse_Authentication',
      'DefineAuthChallenge_Authentication',
      'CreateAuthChallenge_Authentication',
      'VerifyAuthChallengeResponse_Authentication',
      'DefineAuthChallenge_Authentication',
    ]);
    const wrongAnswer = { challengeName: 'CUSTOM_CHALLENGE', challengeResult: false, challengeMetadata: 'QUIZ' };
    expect(events[0]).toEqual({
      ...common,
      triggerSource: 'DefineAuthChallenge_Authentication',
      request: { userAttributes, session: [] },
      response: { challengeName: null, issueTokens: null, failAuthentication: null },
    });
    expect(events[1]).toEqual({
      ...common,
      triggerSource: 'CreateAuthChallenge_Authentication',
      request: { userAttributes, challengeName: 'CUSTOM_CHALLENGE', session: [] },
      response: { publicChallengeParameters: null, privateChallengeParameters: null, challengeMetadata: null },
    });
    expect(events[2]).toEqual({
      ...common,
      triggerSource: 'VerifyAuthChallengeResponse_Authentication',
      request: { userAttributes, privateChallengeParameters: { answer: '42' }, challengeAnswer: '41', clientMetadata: { try: '1' } },
      response: { answerCorrect: false },
    });
    expect(events[3].request).toEqual({ userAttributes, session: [wrongAnswer], clientMetadata: { try: '1' } });
    expect(events[6].request.session).toEqual([wrongAnswer, { challengeName: 'CUSTOM_CHALLENGE', challengeResult: true, challengeMetadata: 'QUIZ' }]);
  });

  it('CUSTOM_AUTH after SRP (SRP_A, CHALLENGE_NAME: SRP_A): PASSWORD_VERIFIER first, then the custom challenge', async () => {
    const { userPoolId, clientId } = await poolWith(customAuthTriggers(way));
    const { username } = await confirmedUser(userPoolId, clientId);
    const ephemeral = generateSrpA();
    const started = await s.t.sdk.send(
      new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'CUSTOM_AUTH', AuthParameters: { USERNAME: username, SRP_A: ephemeral.A, CHALLENGE_NAME: 'SRP_A' } }),
    );
    expect(started.ChallengeName).toBe('PASSWORD_VERIFIER');
    expect(Object.keys(started.ChallengeParameters!).sort()).toEqual(['SALT', 'SECRET_BLOCK', 'SRP_B', 'USERNAME', 'USER_ID_FOR_SRP']);
    const custom = await s.t.sdk.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: 'PASSWORD_VERIFIER',
        Session: started.Session,
        ChallengeResponses: passwordVerifierResponses({ userPoolId, clientId, username, password: PASSWORD }, started, ephemeral),
      }),
    );
    expect(custom).toMatchObject({ ChallengeName: 'CUSTOM_CHALLENGE', ChallengeParameters: { question: 'What is 6 x 7?', attempt: '2', USERNAME: username } });
    const done = await s.t.sdk.send(customAnswer(clientId, custom.Session, username, '42'));
    expect(done.AuthenticationResult?.AccessToken).toBeDefined();
    const defines = await s.invocations(userPoolId, 'DefineAuthChallenge');
    expect(defines.map((d) => d.event.request.session)).toEqual([
      [{ challengeName: 'SRP_A', challengeResult: true }],
      [{ challengeName: 'SRP_A', challengeResult: true }, { challengeName: 'PASSWORD_VERIFIER', challengeResult: true }],
      [
        { challengeName: 'SRP_A', challengeResult: true },
        { challengeName: 'PASSWORD_VERIFIER', challengeResult: true },
        { challengeName: 'CUSTOM_CHALLENGE', challengeResult: true, challengeMetadata: 'QUIZ' },
      ],
    ]);
  });

  it('CUSTOM_AUTH: three wrong answers and DefineAuthChallenge fails the sign-in', async () => {
    const { userPoolId, clientId } = await poolWith(customAuthTriggers(way));
    const { username } = await confirmedUser(userPoolId, clientId);
    let step = await s.t.sdk.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'CUSTOM_AUTH', AuthParameters: { USERNAME: username } }));
    for (let i = 0; i < 2; i++) {
      step = await s.t.sdk.send(customAnswer(clientId, step.Session, username, 'no'));
    }
    await expectSdkError(
      s.t.sdk,
      customAnswer(clientId, step.Session, username, 'no'),
      'NotAuthorizedException',
      'Incorrect username or password.',
    );
  });

  it('CUSTOM_AUTH for a name nobody has, from a client hiding user existence: the triggers run with userNotFound, the sign-in never succeeds', async () => {
    const { userPoolId, clientId } = await poolWith(customAuthTriggers(way), {}, { PreventUserExistenceErrors: 'ENABLED' });
    const started = await s.t.sdk.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'CUSTOM_AUTH', AuthParameters: { USERNAME: 'ghost' } }));
    expect(started).toMatchObject({ ChallengeName: 'CUSTOM_CHALLENGE', ChallengeParameters: { USERNAME: 'ghost' } });
    await expectSdkError(
      s.t.sdk,
      customAnswer(clientId, started.Session, 'ghost', '42'),
      'NotAuthorizedException',
      'Incorrect username or password.',
    );
    const [define] = await s.invocations(userPoolId, 'DefineAuthChallenge');
    expect(define.event.request).toEqual({ userAttributes: {}, session: [], userNotFound: true });
  });

  it('CUSTOM_AUTH errors: DefineAuthChallenge failing at once, or deciding nothing', async () => {
    const failing = await poolWith({ DefineAuthChallenge: arn(way, 'defineFail') });
    const a = await confirmedUser(failing.userPoolId, failing.clientId);
    await expectSdkError(
      s.t.sdk,
      new InitiateAuthCommand({ ClientId: failing.clientId, AuthFlow: 'CUSTOM_AUTH', AuthParameters: { USERNAME: a.username } }),
      'NotAuthorizedException',
      'Incorrect username or password.',
    );
    const undecided = await poolWith({ DefineAuthChallenge: arn(way, 'defineNothing') });
    const b = await confirmedUser(undecided.userPoolId, undecided.clientId);
    await expectSdkError(
      s.t.sdk,
      new InitiateAuthCommand({ ClientId: undecided.clientId, AuthFlow: 'CUSTOM_AUTH', AuthParameters: { USERNAME: b.username } }),
      'InvalidLambdaResponseException',
      'Unrecognizable lambda output',
    );
  });
});

describe('CUSTOM_AUTH without the triggers', () => {
  it('is refused in a pool without DefineAuthChallenge', async () => {
    const { clientId } = await poolWith({});
    await expectSdkError(
      s.t.sdk,
      new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'CUSTOM_AUTH', AuthParameters: { USERNAME: 'anyone' } }),
      'InvalidParameterException',
      'Custom auth lambda trigger is not configured for the user pool.',
    );
  });
});
