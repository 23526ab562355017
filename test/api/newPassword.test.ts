/** NEW_PASSWORD_REQUIRED: an AdminCreateUser user's first sign-in, through the SDK v3 (password and SRP). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { advanceClock, createPoolAndClient, startServer, type TestServer } from '../support/server.js';

let t: TestServer;
let userPoolId: string;
let clientId: string;
const TEMPORARY = 'Temp0rary!';
const CHOSEN = 'N3w-Passw0rd';

beforeAll(async () => {
  t = await startServer();
  ({ userPoolId, clientId } = await createPoolAndClient(t.sdk));
});
afterAll(() => t.close());

const passwordAuth = (USERNAME: string, PASSWORD: string) =>
  t.sdk.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME, PASSWORD } }));
async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return { name: (error as Error).name, message: (error as Error).message };
  }
  throw new Error('expected a failure');
}
async function createdUser(username: string) {
  await t.sdk.send(
    new AdminCreateUserCommand({
      UserPoolId: userPoolId,
      Username: username,
      TemporaryPassword: TEMPORARY,
      MessageAction: 'SUPPRESS',
      UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }],
    }),
  );
}

describe('NEW_PASSWORD_REQUIRED', () => {
  it('the temporary password leads to the challenge, with the user attributes as a JSON string', async () => {
    await createdUser('nina');
    const started = await passwordAuth('nina', TEMPORARY);
    expect(started.AuthenticationResult).toBeUndefined();
    expect(started.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    expect(started.Session).toMatch(/^AYABe[A-Za-z0-9_-]{250,}$/);
    expect(started.ChallengeParameters).toEqual({
      USER_ID_FOR_SRP: 'nina',
      requiredAttributes: '[]',
      userAttributes: JSON.stringify({ email: 'nina@example.com' }),
    });
  });

  it('a new password meeting the policy gives tokens, confirms the user, and replaces the temporary one', async () => {
    await createdUser('omar');
    const started = await passwordAuth('omar', TEMPORARY);
    const done = await t.sdk.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        Session: started.Session,
        ChallengeResponses: { USERNAME: 'omar', NEW_PASSWORD: CHOSEN, 'userAttributes.name': 'Omar' },
      }),
    );
    expect(done.AuthenticationResult?.TokenType).toBe('Bearer');
    const user = await t.sdk.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: 'omar' }));
    expect(user.UserStatus).toBe('CONFIRMED');
    expect(user.UserAttributes).toContainEqual({ Name: 'name', Value: 'Omar' });
    expect((await passwordAuth('omar', CHOSEN)).AuthenticationResult?.AccessToken).toBeTruthy();
    expect(await failure(passwordAuth('omar', TEMPORARY))).toEqual({ name: 'NotAuthorizedException', message: 'Incorrect username or password.' });
  });

  it('refuses a weak new password, and takes a good one on the same Session', async () => {
    await createdUser('pia');
    const started = await passwordAuth('pia', TEMPORARY);
    const answer = (NEW_PASSWORD: string) =>
      t.sdk.send(
        new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: started.Session, ChallengeResponses: { USERNAME: 'pia', NEW_PASSWORD } }),
      );
    expect(await failure(answer('short'))).toEqual({ name: 'InvalidPasswordException', message: 'Password did not conform with policy: Password not long enough' });
    expect((await t.sdk.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: 'pia' }))).UserStatus).toBe('FORCE_CHANGE_PASSWORD');
    expect((await answer(CHOSEN)).AuthenticationResult?.AccessToken).toBeTruthy();
    expect((await t.sdk.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: 'pia' }))).UserStatus).toBe('CONFIRMED');
  });

  it('refuses a temporary password older than TemporaryPasswordValidityDays (7 by default)', async () => {
    await createdUser('ravi');
    await advanceClock(t.url, 7 * 86400 - 60);
    expect((await passwordAuth('ravi', TEMPORARY)).ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    await advanceClock(t.url, 120);
    expect(await failure(passwordAuth('ravi', TEMPORARY))).toEqual({
      name: 'NotAuthorizedException',
      message: 'Temporary password has expired and must be reset by an administrator.',
    });
    await fetch(`${t.url}/_kognito/clock`, { method: 'DELETE' });
  });

  it('keeps an expired session a day to answer it as expired, then forgets it', async () => {
    await createdUser('sid');
    await createdUser('tea');
    const answer = (Session: string | undefined) =>
      failure(
        t.sdk.send(
          new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'NEW_PASSWORD_REQUIRED', Session, ChallengeResponses: { USERNAME: 'sid', NEW_PASSWORD: CHOSEN } }),
        ),
      );
    const kept = await passwordAuth('sid', TEMPORARY);
    const forgotten = await passwordAuth('sid', TEMPORARY);
    await advanceClock(t.url, 3 * 60 + 1);
    await passwordAuth('tea', TEMPORARY); // a new session, 3 minutes after: nothing is forgotten yet
    expect(await answer(kept.Session)).toEqual({ name: 'NotAuthorizedException', message: 'Invalid session for the user, session is expired.' });
    await advanceClock(t.url, 24 * 3600);
    await passwordAuth('tea', TEMPORARY); // a new session, a day later: the expired ones go
    expect(await answer(forgotten.Session)).toEqual({ name: 'NotAuthorizedException', message: 'Invalid session for the user.' });
    await fetch(`${t.url}/_kognito/clock`, { method: 'DELETE' });
  });

  it('refuses an answer without NEW_PASSWORD, and a try to set email_verified', async () => {
    await createdUser('quin');
    const first = await passwordAuth('quin', TEMPORARY);
    expect(
      await failure(
        t.sdk.send(new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: first.Session, ChallengeResponses: { USERNAME: 'quin' } })),
      ),
    ).toEqual({ name: 'InvalidParameterException', message: 'Missing required parameter NEW_PASSWORD' });
    const second = await passwordAuth('quin', TEMPORARY);
    expect(
      await failure(
        t.sdk.send(
          new RespondToAuthChallengeCommand({
            ClientId: clientId,
            ChallengeName: 'NEW_PASSWORD_REQUIRED',
            Session: second.Session,
            ChallengeResponses: { USERNAME: 'quin', NEW_PASSWORD: CHOSEN, 'userAttributes.email_verified': 'true' },
          }),
        ),
      ),
    ).toEqual({ name: 'InvalidParameterException', message: 'Cannot modify the non-mutable attribute email_verified' });
  });
});
