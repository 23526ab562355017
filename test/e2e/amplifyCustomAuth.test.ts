/**
 * Amplify v6 signing in through custom challenges (CUSTOM_AUTH), with the challenge triggers run for
 * real as local modules (test/fixtures/triggers.mjs: a quiz, three tries) and through the Invoke API:
 * CUSTOM_WITHOUT_SRP (the challenge only) and CUSTOM_WITH_SRP (the password by SRP, then the
 * challenge). Amplify's state is per process: this file only.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AdminConfirmSignUpCommand, SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { confirmSignIn, fetchAuthSession, signIn, signOut } from 'aws-amplify/auth';
import { createPoolAndClient } from '../support/server.js';
import { configureAmplify } from '../support/amplify.js';
import { recordWire, type WireLog } from '../support/wireLog.js';
import { WAYS, arn, startTriggerServer, type TriggerServer, type Way } from '../support/triggers.js';

const PASSWORD = 'Passw0rd!';
let s: TriggerServer;
let wire: WireLog;
beforeAll(async () => {
  s = await startTriggerServer();
  wire = recordWire();
});
afterEach(async () => {
  await signOut();
  wire.clear();
});
afterAll(async () => {
  wire.stop();
  await s.close();
});

let n = 0;
async function quizPool(way: Way) {
  const ids = await createPoolAndClient(
    s.t.sdk,
    { LambdaConfig: { DefineAuthChallenge: arn(way, 'defineAuth'), CreateAuthChallenge: arn(way, 'createAuth'), VerifyAuthChallengeResponse: arn(way, 'verifyAuth') } },
    { ExplicitAuthFlows: ['ALLOW_CUSTOM_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] },
  );
  const username = `amplify${++n}`;
  await s.t.sdk.send(new SignUpCommand({ ClientId: ids.clientId, Username: username, Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }] }));
  await s.t.sdk.send(new AdminConfirmSignUpCommand({ UserPoolId: ids.userPoolId, Username: username }));
  configureAmplify(s.t.url, ids.userPoolId, ids.clientId);
  return { ...ids, username };
}

describe.each(WAYS)('through %s', (_label, way: Way) => {
  it('CUSTOM_WITHOUT_SRP: the challenge Amplify shows, a wrong answer, the right one, signed in', async () => {
    const { username } = await quizPool(way);
    const started = await signIn({ username, options: { authFlowType: 'CUSTOM_WITHOUT_SRP' } });
    expect(started).toMatchObject({
      isSignedIn: false,
      nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE', additionalInfo: { question: 'What is 6 x 7?', USERNAME: username } },
    });
    const retry = await confirmSignIn({ challengeResponse: '41' });
    expect(retry).toMatchObject({ isSignedIn: false, nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE', additionalInfo: { attempt: '1' } } });
    const done = await confirmSignIn({ challengeResponse: '42' });
    expect(done).toMatchObject({ isSignedIn: true, nextStep: { signInStep: 'DONE' } });
    expect((await fetchAuthSession()).tokens?.idToken?.payload['cognito:username']).toBe(username);
    expect(wire.steps()).toEqual([
      'InitiateAuth:CUSTOM_AUTH',
      'RespondToAuthChallenge:CUSTOM_CHALLENGE',
      'RespondToAuthChallenge:CUSTOM_CHALLENGE',
    ]);
  });

  it('CUSTOM_WITH_SRP: the password by SRP, then the custom challenge, signed in', async () => {
    const { userPoolId, username } = await quizPool(way);
    const started = await signIn({ username, password: PASSWORD, options: { authFlowType: 'CUSTOM_WITH_SRP' } });
    expect(started).toMatchObject({ isSignedIn: false, nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE', additionalInfo: { question: 'What is 6 x 7?' } } });
    const done = await confirmSignIn({ challengeResponse: '42' });
    expect(done).toMatchObject({ isSignedIn: true });
    expect(wire.steps()).toEqual(['InitiateAuth:CUSTOM_AUTH', 'RespondToAuthChallenge:PASSWORD_VERIFIER', 'RespondToAuthChallenge:CUSTOM_CHALLENGE']);
    const sessions = (await s.invocations(userPoolId, 'DefineAuthChallenge')).map((i) => i.event.request.session.map((c: { challengeName: string }) => c.challengeName));
    expect(sessions).toEqual([['SRP_A'], ['SRP_A', 'PASSWORD_VERIFIER'], ['SRP_A', 'PASSWORD_VERIFIER', 'CUSTOM_CHALLENGE']]);
  });

  it('CUSTOM_WITH_SRP with a wrong password never reaches the challenge', async () => {
    const { userPoolId, username } = await quizPool(way);
    await expect(signIn({ username, password: 'Wrong-Passw0rd', options: { authFlowType: 'CUSTOM_WITH_SRP' } })).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    });
    expect(await s.invocations(userPoolId, 'CreateAuthChallenge')).toEqual([]);
  });
});
