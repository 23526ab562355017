/**
 * Code sends are throttled per user (issue 7 defect 8): resending no longer resets the five-try
 * counter without end. Cognito answers LimitExceededException "Attempt limit exceeded, please try
 * after some time."; the limit (MAX_CODES_SENT_PER_WINDOW per hour and purpose) can be relaxed for
 * test suites that resend often.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceClock, call, createPoolAndClient, messages, startServer, type TestServer } from '../support/server.js';
import { CODE_SEND_WINDOW_MS, MAX_CODES_SENT_PER_WINDOW } from '../../src/domain/codes.js';

let t: TestServer;
let relaxed: TestServer;
beforeAll(async () => {
  t = await startServer();
  relaxed = await startServer({ codeSendLimit: 0 });
});
afterAll(async () => {
  await t.close();
  await relaxed.close();
});

const LIMITED = { __type: 'LimitExceededException', message: 'Attempt limit exceeded, please try after some time.' };
let n = 0;

async function signedUp(server: TestServer) {
  const { userPoolId, clientId } = await createPoolAndClient(server.sdk);
  const username = `throttled${++n}`;
  const r = await call(server.url, 'SignUp', { ClientId: clientId, Username: username, Password: 'Passw0rd!', UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }] });
  expect(r.status).toBe(200);
  return { userPoolId, clientId, username };
}

const resend = (server: TestServer, clientId: string, username: string) => call(server.url, 'ResendConfirmationCode', { ClientId: clientId, Username: username });

describe('ResendConfirmationCode is throttled per user', () => {
  it(`the sign-up code and ${MAX_CODES_SENT_PER_WINDOW - 1} resends go out; the next is refused, sends nothing and spoils nothing`, async () => {
    const { userPoolId, clientId, username } = await signedUp(t);
    for (let i = 1; i < MAX_CODES_SENT_PER_WINDOW; i++) expect((await resend(t, clientId, username)).status).toBe(200);
    const sent = await messages(t.url, userPoolId, username);
    expect(sent.length).toBe(MAX_CODES_SENT_PER_WINDOW);

    const refused = await resend(t, clientId, username);
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual(LIMITED);
    expect(refused.headers.get('x-amzn-errortype')).toBe('LimitExceededException:');
    expect((await messages(t.url, userPoolId, username)).length).toBe(MAX_CODES_SENT_PER_WINDOW);

    // The last code sent still confirms.
    const confirmed = await call(t.url, 'ConfirmSignUp', { ClientId: clientId, Username: username, ConfirmationCode: sent[sent.length - 1].code });
    expect(confirmed.status).toBe(200);
  });

  it('the limit is per user: another user of the same pool is not held back', async () => {
    const first = await signedUp(t);
    for (let i = 1; i < MAX_CODES_SENT_PER_WINDOW; i++) await resend(t, first.clientId, first.username);
    expect((await resend(t, first.clientId, first.username)).body).toEqual(LIMITED);
    const other = `other${++n}`;
    await call(t.url, 'SignUp', { ClientId: first.clientId, Username: other, Password: 'Passw0rd!', UserAttributes: [{ Name: 'email', Value: `${other}@example.com` }] });
    expect((await resend(t, first.clientId, other)).status).toBe(200);
  });

  it('an hour after the first sends, codes go out again', async () => {
    const { clientId, username } = await signedUp(t);
    for (let i = 1; i < MAX_CODES_SENT_PER_WINDOW; i++) await resend(t, clientId, username);
    expect((await resend(t, clientId, username)).body).toEqual(LIMITED);
    await advanceClock(t.url, CODE_SEND_WINDOW_MS / 1000 + 1);
    try {
      expect((await resend(t, clientId, username)).status).toBe(200);
    } finally {
      await fetch(`${t.url}/_kognito/clock`, { method: 'DELETE' });
    }
  });

  it('resends no longer buy endless guesses: at most limit x five wrong codes, then LimitExceededException', async () => {
    const { clientId, username } = await signedUp(t);
    const answers: string[] = [];
    for (let round = 0; round < MAX_CODES_SENT_PER_WINDOW + 2; round++) {
      for (let i = 0; i < 6; i++) answers.push((await call(t.url, 'ConfirmSignUp', { ClientId: clientId, Username: username, ConfirmationCode: '000000' })).body.__type);
      answers.push(`resend:${(await resend(t, clientId, username)).body.__type ?? 'ok'}`);
    }
    expect(answers.filter((a) => a === 'CodeMismatchException').length).toBeLessThanOrEqual(MAX_CODES_SENT_PER_WINDOW * 5);
    expect(answers.slice(-3)).toEqual(['LimitExceededException', 'LimitExceededException', 'resend:LimitExceededException']);
  });
});

describe('every operation that sends a code inherits the limit (sendCode)', () => {
  it('GetUserAttributeVerificationCode: five codes an hour, then LimitExceededException', async () => {
    const { userPoolId, clientId } = await createPoolAndClient(t.sdk);
    const username = `verifier${++n}`;
    await call(t.url, 'SignUp', { ClientId: clientId, Username: username, Password: 'Passw0rd!', UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }] });
    await call(t.url, 'AdminConfirmSignUp', { UserPoolId: userPoolId, Username: username });
    const signedIn = await call(t.url, 'InitiateAuth', { ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD: 'Passw0rd!' } });
    const AccessToken = signedIn.body.AuthenticationResult.AccessToken;
    for (let i = 0; i < MAX_CODES_SENT_PER_WINDOW; i++) {
      expect((await call(t.url, 'GetUserAttributeVerificationCode', { AccessToken, AttributeName: 'email' })).status).toBe(200);
    }
    const refused = await call(t.url, 'GetUserAttributeVerificationCode', { AccessToken, AttributeName: 'email' });
    expect(refused.body).toEqual(LIMITED);
    expect((await messages(t.url, userPoolId, username)).filter((m) => m.kind === 'VERIFY_USER_ATTRIBUTE').length).toBe(MAX_CODES_SENT_PER_WINDOW);
  });
});

describe('relaxed for test suites (codeSendLimit 0, --code-send-limit off)', () => {
  it('50 resends in a row are all sent', async () => {
    const { userPoolId, clientId, username } = await signedUp(relaxed);
    for (let i = 0; i < 50; i++) expect((await resend(relaxed, clientId, username)).status).toBe(200);
    expect((await messages(relaxed.url, userPoolId, username)).length).toBe(51);
  });
});
