/**
 * The sign-up triggers (PreSignUp, PostConfirmation, CustomMessage for SignUp and ResendCode) invoked
 * for real, each through a local module and through the Invoke API, with the whole event asserted;
 * and how Cognito maps what goes wrong (function error, bad answer, no answer, no function).
 */
import { describe, expect, it } from 'vitest';
import {
  AdminConfirmSignUpCommand,
  AdminCreateUserCommand,
  AdminGetUserCommand,
  ConfirmSignUpCommand,
  ResendConfirmationCodeCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { createPoolAndClient, expectSdkError, lastCode, messages, sdkFailure } from '../support/server.js';
import { PASSWORD } from '../support/mfaUsers.js';
import { FIXTURES, SDK_VERSION as SDK, WAYS, arn, nameMaker, startTriggerServer, withTriggerServer, type TriggerServer, type Way } from '../support/triggers.js';

let s: TriggerServer;
withTriggerServer((server) => (s = server));

const fresh = nameMaker();

const poolWith = (LambdaConfig: Record<string, unknown>, pool: Record<string, unknown> = {}) => createPoolAndClient(s.t.sdk, { LambdaConfig, ...pool });
const getUser = (UserPoolId: string, Username: string) => s.t.sdk.send(new AdminGetUserCommand({ UserPoolId, Username }));
const attributesOf = async (userPoolId: string, username: string) =>
  Object.fromEntries(((await getUser(userPoolId, username)).UserAttributes ?? []).map((a) => [a.Name, a.Value]));

async function signUp(clientId: string, username: string, extra: Record<string, unknown> = {}) {
  return s.t.sdk.send(
    new SignUpCommand({ ClientId: clientId, Username: username, Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }], ...extra }),
  );
}

/** What the Invoke API endpoint received for a function since `from`. */
const receivedBy = (name: string, from = 0) => s.endpoint.received.slice(from).filter((r) => r.functionName === name);

describe.each(WAYS)('through %s', (_label, way: Way) => {
  it('PostConfirmation_ConfirmSignUp gets the whole event, ConfirmSignUp ClientMetadata byte for byte', async () => {
    const { userPoolId, clientId } = await poolWith({ PostConfirmation: arn(way, 'echo') });
    const username = fresh();
    const { UserSub } = await signUp(clientId, username);
    const ClientMetadata = { plan: 'pro', 'referrer id': 'a=b&c="d"', unicode: 'zoë ✓ 日本', empty: '', nested: '{"json":[1,2]}' };
    const before = s.endpoint.received.length;
    await s.t.sdk.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: username, ConfirmationCode: await lastCode(s.t.url, userPoolId, username), ClientMetadata }));

    const expected = {
      version: '1',
      triggerSource: 'PostConfirmation_ConfirmSignUp',
      region: 'us-east-1',
      userPoolId,
      userName: username,
      callerContext: { awsSdkVersion: SDK, clientId },
      request: {
        userAttributes: { sub: UserSub, email: `${username}@example.com`, email_verified: 'true', 'cognito:user_status': 'CONFIRMED' },
        clientMetadata: ClientMetadata,
      },
      response: {},
    };
    const [invocation] = await s.invocations(userPoolId, 'PostConfirmation');
    expect(invocation).toMatchObject({ trigger: 'PostConfirmation', function: arn(way, 'echo'), runsAs: way === 'local' ? 'module' : 'endpoint', outcome: 'SUCCEEDED' });
    expect(invocation.event).toEqual(expected);
    expect(JSON.stringify(invocation.event.request.clientMetadata)).toBe(JSON.stringify(ClientMetadata));
    if (way === 'api') {
      const [received] = receivedBy('api-echo', before);
      expect(received).toMatchObject({ functionName: 'api-echo', qualifier: null, invocationType: 'RequestResponse' });
      expect(received.event).toEqual(expected);
    }
    expect((await getUser(userPoolId, username)).UserStatus).toBe('CONFIRMED');
  });

  it('PostConfirmation after AdminConfirmSignUp: no app client, no clientMetadata when none is sent', async () => {
    const { userPoolId, clientId } = await poolWith({ PostConfirmation: arn(way, 'echo') });
    const username = fresh();
    await signUp(clientId, username);
    await s.t.sdk.send(new AdminConfirmSignUpCommand({ UserPoolId: userPoolId, Username: username }));
    const [invocation] = await s.invocations(userPoolId, 'PostConfirmation');
    expect(invocation.event.callerContext).toEqual({ awsSdkVersion: SDK, clientId: 'CLIENT_ID_NOT_APPLICABLE' });
    expect(invocation.event.request).not.toHaveProperty('clientMetadata');
    // AdminConfirmSignUp does not verify the email.
    expect(invocation.event.request.userAttributes).toMatchObject({ 'cognito:user_status': 'CONFIRMED', email: `${username}@example.com` });
    expect(invocation.event.request.userAttributes).not.toHaveProperty('email_verified');
  });

  it('PreSignUp_SignUp gets the attributes, ValidationData and ClientMetadata; auto-confirms and auto-verifies; PostConfirmation follows', async () => {
    const { userPoolId, clientId } = await poolWith({ PreSignUp: arn(way, 'autoConfirm'), PostConfirmation: arn(way, 'echo') });
    const username = fresh();
    const result = await signUp(clientId, username, {
      UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }, { Name: 'name', Value: 'Ana' }],
      ValidationData: [{ Name: 'captcha', Value: 'ok' }],
      ClientMetadata: { source: 'landing' },
    });
    expect(result.UserConfirmed).toBe(true);
    expect(result.CodeDeliveryDetails).toBeUndefined();
    expect(await messages(s.t.url, userPoolId, username)).toEqual([]);
    expect((await getUser(userPoolId, username)).UserStatus).toBe('CONFIRMED');
    expect(await attributesOf(userPoolId, username)).toMatchObject({ email_verified: 'true', name: 'Ana' });

    const [pre, post] = await s.invocations(userPoolId);
    expect(pre.event).toEqual({
      version: '1',
      triggerSource: 'PreSignUp_SignUp',
      region: 'us-east-1',
      userPoolId,
      userName: username,
      callerContext: { awsSdkVersion: SDK, clientId },
      request: {
        userAttributes: { email: `${username}@example.com`, name: 'Ana' },
        validationData: { captcha: 'ok' },
        clientMetadata: { source: 'landing' },
      },
      response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
    });
    expect(pre.response).toEqual({ autoConfirmUser: true, autoVerifyEmail: true, autoVerifyPhone: false });
    expect(post).toMatchObject({ triggerSource: 'PostConfirmation_ConfirmSignUp', outcome: 'SUCCEEDED' });
    expect(post.event.request).toEqual({
      userAttributes: { sub: result.UserSub, email: `${username}@example.com`, name: 'Ana', email_verified: 'true', 'cognito:user_status': 'CONFIRMED' },
      clientMetadata: { source: 'landing' },
    });
  });

  it('PreSignUp sends validationData null without ValidationData; returning the event unchanged leaves the user UNCONFIRMED with a code', async () => {
    const { userPoolId, clientId } = await poolWith({ PreSignUp: arn(way, 'echo') });
    const username = fresh();
    const result = await signUp(clientId, username);
    expect(result.UserConfirmed).toBe(false);
    expect(await lastCode(s.t.url, userPoolId, username)).toMatch(/^\d{6}$/);
    const [pre] = await s.invocations(userPoolId);
    expect(pre.event.request).toEqual({ userAttributes: { email: `${username}@example.com` }, validationData: null });
  });

  it('PreSignUp_AdminCreateUser: no app client, ValidationData and ClientMetadata; its answer is ignored, its error refuses the user', async () => {
    const { userPoolId } = await poolWith({ PreSignUp: arn(way, 'autoConfirm') });
    const username = fresh();
    await s.t.sdk.send(
      new AdminCreateUserCommand({
        UserPoolId: userPoolId,
        Username: username,
        UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }],
        ValidationData: [{ Name: 'ticket', Value: 'T-1' }],
        ClientMetadata: { team: 'ops' },
        MessageAction: 'SUPPRESS',
      }),
    );
    // autoConfirmUser and autoVerifyEmail are ignored for AdminCreateUser.
    expect((await getUser(userPoolId, username)).UserStatus).toBe('FORCE_CHANGE_PASSWORD');
    expect(await attributesOf(userPoolId, username)).not.toHaveProperty('email_verified');
    const [pre] = await s.invocations(userPoolId, 'PreSignUp');
    expect(pre.event).toEqual({
      version: '1',
      triggerSource: 'PreSignUp_AdminCreateUser',
      region: 'us-east-1',
      userPoolId,
      userName: username,
      callerContext: { awsSdkVersion: SDK, clientId: 'CLIENT_ID_NOT_APPLICABLE' },
      request: { userAttributes: { email: `${username}@example.com` }, validationData: { ticket: 'T-1' }, clientMetadata: { team: 'ops' } },
      response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
    });

    const refusing = await poolWith({ PreSignUp: arn(way, 'refuse') });
    await expectSdkError(s.t.sdk, new AdminCreateUserCommand({ UserPoolId: refusing.userPoolId, Username: 'nobody', MessageAction: 'SUPPRESS' }), 'UserLambdaValidationException', 'PreSignUp failed with error Sign-ups are closed.');
    await expectSdkError(s.t.sdk, new AdminGetUserCommand({ UserPoolId: refusing.userPoolId, Username: 'nobody' }), 'UserNotFoundException', 'User does not exist.');
  });

  it('a PreSignUp that throws refuses the sign-up with UserLambdaValidationException and creates no user', async () => {
    const { userPoolId, clientId } = await poolWith({ PreSignUp: arn(way, 'refuse') });
    const username = fresh();
    await expectSdkError(s.t.sdk, new SignUpCommand({ ClientId: clientId, Username: username, Password: PASSWORD }), 'UserLambdaValidationException', 'PreSignUp failed with error Sign-ups are closed.');
    await expectSdkError(s.t.sdk, new AdminGetUserCommand({ UserPoolId: userPoolId, Username: username }), 'UserNotFoundException', 'User does not exist.');
    expect(await messages(s.t.url, userPoolId, username)).toEqual([]);
    const [invocation] = await s.invocations(userPoolId);
    expect(invocation).toMatchObject({ outcome: 'FUNCTION_ERROR', error: 'UserLambdaValidationException: PreSignUp failed with error Sign-ups are closed.', detail: 'Error: Sign-ups are closed' });
  });

  it('a failing PostConfirmation reaches the ConfirmSignUp caller, and the user stays CONFIRMED', async () => {
    const { userPoolId, clientId } = await poolWith({ PostConfirmation: arn(way, 'refuse') });
    const username = fresh();
    await signUp(clientId, username);
    const code = await lastCode(s.t.url, userPoolId, username);
    await expectSdkError(
      s.t.sdk,
      new ConfirmSignUpCommand({ ClientId: clientId, Username: username, ConfirmationCode: code }),
      'UserLambdaValidationException',
      'PostConfirmation failed with error Sign-ups are closed.',
    );
    expect((await getUser(userPoolId, username)).UserStatus).toBe('CONFIRMED');
    expect((await attributesOf(userPoolId, username)).email_verified).toBe('true');
  });

  it('an answer that is not the event is InvalidLambdaResponseException "Invalid lambda function output : Invalid JSON"', async () => {
    const { clientId } = await poolWith({ PreSignUp: arn(way, 'notAnEvent') });
    await expectSdkError(s.t.sdk, new SignUpCommand({ ClientId: clientId, Username: fresh(), Password: PASSWORD }), 'InvalidLambdaResponseException', 'Invalid lambda function output : Invalid JSON');
  });

  it('a response Cognito cannot read is InvalidLambdaResponseException "Unrecognizable lambda output", and no user is created', async () => {
    const { userPoolId, clientId } = await poolWith({ PreSignUp: arn(way, 'badResponse') });
    const username = fresh();
    await expectSdkError(s.t.sdk, new SignUpCommand({ ClientId: clientId, Username: username, Password: PASSWORD }), 'InvalidLambdaResponseException', 'Unrecognizable lambda output');
    expect((await s.invocations(userPoolId))[0]).toMatchObject({ outcome: 'INVALID_RESPONSE', response: { autoConfirmUser: { yes: true } } });
    await expectSdkError(s.t.sdk, new AdminGetUserCommand({ UserPoolId: userPoolId, Username: username }), 'UserNotFoundException', 'User does not exist.');
  });

  it('a function that never answers is retried three times, then UnexpectedLambdaException (socket timeout)', async () => {
    const { userPoolId, clientId } = await poolWith({ PreSignUp: arn(way, 'hang') });
    const before = s.endpoint.received.length;
    const started = Date.now();
    await expectSdkError(
      s.t.sdk,
      new SignUpCommand({ ClientId: clientId, Username: fresh(), Password: PASSWORD }),
      'UnexpectedLambdaException',
      'PreSignUp invocation failed due to error Socket timeout while invoking Lambda function.',
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(3 * 400 - 50);
    if (way === 'api') expect(receivedBy('api-hang', before)).toHaveLength(3);
    expect((await s.invocations(userPoolId))[0]).toMatchObject({ outcome: 'TIMED_OUT', detail: 'no answer within 400 ms, 3 attempts' });
  });

  it('a function refusing through context.fail is UserLambdaValidationException', async () => {
    const { clientId } = await poolWith({ PreSignUp: arn(way, 'contextFail') });
    await expectSdkError(s.t.sdk, new SignUpCommand({ ClientId: clientId, Username: fresh(), Password: PASSWORD }), 'UserLambdaValidationException', 'PreSignUp failed with error Not today.');
  });

  it('CustomMessage_SignUp and CustomMessage_ResendCode write the message the outbox shows, code filled in', async () => {
    const { userPoolId, clientId } = await poolWith({ CustomMessage: arn(way, 'customMessage') });
    const username = fresh();
    const { UserSub } = await signUp(clientId, username, { ClientMetadata: { lang: 'fr' } });
    await s.t.sdk.send(new ResendConfirmationCodeCommand({ ClientId: clientId, Username: username }));
    const [signedUp, resent] = await messages(s.t.url, userPoolId, username);
    expect(signedUp).toMatchObject({ kind: 'SIGN_UP', subject: 'Subject of CustomMessage_SignUp', message: `<p>[CustomMessage_SignUp] Your code is ${signedUp.code}</p>` });
    expect(resent).toMatchObject({ kind: 'RESEND_CODE', subject: 'Subject of CustomMessage_ResendCode', message: `<p>[CustomMessage_ResendCode] Your code is ${resent.code}</p>` });
    const [first, second] = await s.invocations(userPoolId, 'CustomMessage');
    expect(first.event).toEqual({
      version: '1',
      triggerSource: 'CustomMessage_SignUp',
      region: 'us-east-1',
      userPoolId,
      userName: username,
      callerContext: { awsSdkVersion: SDK, clientId },
      request: {
        userAttributes: { sub: UserSub, email: `${username}@example.com`, 'cognito:user_status': 'UNCONFIRMED' },
        codeParameter: '{####}',
        linkParameter: '{##Click Here##}',
        usernameParameter: null,
        clientMetadata: { lang: 'fr' },
      },
      response: { smsMessage: null, emailMessage: null, emailSubject: null },
    });
    expect(second.event.triggerSource).toBe('CustomMessage_ResendCode');
    expect(second.event.request).not.toHaveProperty('clientMetadata');
    // The code the message carries is the one ConfirmSignUp takes.
    await s.t.sdk.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: username, ConfirmationCode: resent.code }));
  });

  it('a CustomMessage without the {####} placeholder is replaced by the pool message', async () => {
    const { userPoolId, clientId } = await poolWith(
      { CustomMessage: arn(way, 'messageWithoutCode') },
      { VerificationMessageTemplate: { EmailMessage: 'Code: {####}', EmailSubject: 'Your code' } },
    );
    const username = fresh();
    await signUp(clientId, username);
    const [sent] = await messages(s.t.url, userPoolId, username);
    expect(sent).toMatchObject({ subject: 'Your code', message: `Code: ${sent.code}` });
  });
});

describe('without triggers', () => {
  it('the outbox shows the pool template (or Cognito default) with the code filled in', async () => {
    const { userPoolId, clientId } = await createPoolAndClient(s.t.sdk);
    const username = fresh();
    await signUp(clientId, username);
    const [sent] = await messages(s.t.url, userPoolId, username);
    expect(sent).toMatchObject({ subject: 'Your verification code', message: `Your verification code is ${sent.code}. ` });
    expect(await s.invocations(userPoolId)).toEqual([]);
  });
});

describe('local modules only', () => {
  it('a function that blocks its thread is cut off at the timeout while kognito keeps answering', async () => {
    const { userPoolId, clientId } = await poolWith({ PreSignUp: arn('local', 'spin') });
    const refused = sdkFailure(s.t.sdk, new SignUpCommand({ ClientId: clientId, Username: fresh(), Password: PASSWORD }));
    // The server answers other requests while the function spins.
    const health = await fetch(`${s.t.url}/_kognito/health`);
    expect(health.status).toBe(200);
    const error = await refused;
    expect({ name: error.name, message: error.message }).toEqual({
      name: 'UnexpectedLambdaException',
      message: 'PreSignUp invocation failed due to error Socket timeout while invoking Lambda function.',
    });
    expect((await s.invocations(userPoolId))[0].outcome).toBe('TIMED_OUT');
  });

  it('a function that exits its process fails as Lambda reports it (Runtime.ExitError), and the next call works', async () => {
    const { clientId } = await poolWith({ PreSignUp: arn('local', 'exit') });
    const error = await sdkFailure(s.t.sdk, new SignUpCommand({ ClientId: clientId, Username: fresh(), Password: PASSWORD }));
    expect(error.name).toBe('UserLambdaValidationException');
    expect(error.message).toMatch(/^PreSignUp failed with error RequestId: [0-9a-f-]{36} Error: Runtime exited with error: exit status 3\.$/);
    const again = await sdkFailure(s.t.sdk, new SignUpCommand({ ClientId: clientId, Username: fresh(), Password: PASSWORD }));
    expect(again.name).toBe('UserLambdaValidationException');
  });

  it('hands the handler a Lambda context (function name, version, request id, remaining time)', async () => {
    const { clientId } = await poolWith({ PreSignUp: arn('local', 'describeContext') });
    await expectSdkError(
      s.t.sdk,
      new SignUpCommand({ ClientId: clientId, Username: fresh(), Password: PASSWORD }),
      'UserLambdaValidationException',
      'PreSignUp failed with error local-describeContext $LATEST string true.',
    );
  });

  it('a module that does not export the handler fails as Lambda does (Runtime.HandlerNotFound)', async () => {
    const other = await startTriggerServer({ lambdaModules: { broken: { file: FIXTURES, exportName: 'nothing' } } });
    try {
      const { clientId } = await createPoolAndClient(other.t.sdk, { LambdaConfig: { PreSignUp: 'arn:aws:lambda:us-east-1:123456789012:function:broken' } });
      await expectSdkError(other.t.sdk, new SignUpCommand({ ClientId: clientId, Username: fresh(), Password: PASSWORD }), 'UserLambdaValidationException', 'PreSignUp failed with error triggers.nothing is undefined or not exported.');
    } finally {
      await other.close();
    }
  });
});

describe('a function kognito cannot run', () => {
  it('unknown to the Invoke API: UnexpectedLambdaException naming ResourceNotFoundException', async () => {
    const { userPoolId, clientId } = await poolWith({ PreSignUp: 'arn:aws:lambda:us-east-1:123456789012:function:nobody' });
    await expectSdkError(s.t.sdk, new SignUpCommand({ ClientId: clientId, Username: fresh(), Password: PASSWORD }), 'UnexpectedLambdaException', 'PreSignUp invocation failed due to error ResourceNotFoundException.');
    expect((await s.invocations(userPoolId))[0]).toMatchObject({ outcome: 'NOT_INVOKED', runsAs: 'endpoint' });
  });

  it('with neither a module nor an endpoint: the same error, not silence', async () => {
    const bare = await startTriggerServer({ lambdaEndpoint: undefined, lambdaModules: {} });
    try {
      const { userPoolId, clientId } = await createPoolAndClient(bare.t.sdk, { LambdaConfig: { PostConfirmation: arn('local', 'echo') } });
      const username = fresh();
      await bare.t.sdk.send(new SignUpCommand({ ClientId: clientId, Username: username, Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: 'x@example.com' }] }));
      await expectSdkError(
        bare.t.sdk,
        new ConfirmSignUpCommand({ ClientId: clientId, Username: username, ConfirmationCode: await lastCode(bare.t.url, userPoolId, username) }),
        'UnexpectedLambdaException',
        'PostConfirmation invocation failed due to error ResourceNotFoundException.',
      );
      expect((await bare.invocations(userPoolId))[0]).toMatchObject({ runsAs: 'nowhere', outcome: 'NOT_INVOKED' });
    } finally {
      await bare.close();
    }
  });

  it('behind an endpoint nobody listens on: UnexpectedLambdaException', async () => {
    const down = await startTriggerServer({ lambdaEndpoint: 'http://127.0.0.1:9', lambdaModules: {} });
    try {
      const { clientId } = await createPoolAndClient(down.t.sdk, { LambdaConfig: { PreSignUp: arn('api', 'echo') } });
      await expectSdkError(down.t.sdk, new SignUpCommand({ ClientId: clientId, Username: fresh(), Password: PASSWORD }), 'UnexpectedLambdaException', 'PreSignUp invocation failed due to error ServiceException.');
    } finally {
      await down.close();
    }
  });
});

describe('GET /_kognito/triggers', () => {
  it('lists invocations by pool and by trigger or trigger source (trigger, function, duration, outcome, event)', async () => {
    const { userPoolId, clientId } = await poolWith({ PreSignUp: arn('local', 'echo') });
    await signUp(clientId, fresh());
    const [invocation] = await s.invocations(userPoolId, 'PreSignUp');
    expect(invocation).toMatchObject({ userPoolId, trigger: 'PreSignUp', triggerSource: 'PreSignUp_SignUp', function: arn('local', 'echo'), outcome: 'SUCCEEDED' });
    expect(invocation.durationMs).toBeGreaterThan(0);
    expect(new Date(invocation.time).getTime()).toBeGreaterThan(0);
    expect(await s.invocations(userPoolId, 'PostConfirmation')).toEqual([]);
    expect(await s.invocations(userPoolId, 'PreSignUp_SignUp')).toHaveLength(1);
    expect(await s.invocations('us-east-1_nobody')).toEqual([]);
  });
});
