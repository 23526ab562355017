/** Cognito's password lockout: five wrong passwords, then "Password attempts exceeded" for a growing while. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminConfirmSignUpCommand, InitiateAuthCommand, SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { advanceClock, createPoolAndClient, startServer, type TestServer } from '../support/server.js';
import { srpSignIn } from '../support/srpSignIn.js';

let t: TestServer;
let userPoolId: string;
let clientId: string;
const PASSWORD = 'Passw0rd!';

beforeAll(async () => {
  t = await startServer();
  ({ userPoolId, clientId } = await createPoolAndClient(t.sdk));
});
afterAll(() => t.close());

async function user(username: string) {
  await t.sdk.send(new SignUpCommand({ ClientId: clientId, Username: username, Password: PASSWORD }));
  await t.sdk.send(new AdminConfirmSignUpCommand({ UserPoolId: userPoolId, Username: username }));
}
async function passwordSignIn(username: string, password: string): Promise<string> {
  try {
    await t.sdk.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD: password } }));
    return 'signed in';
  } catch (error) {
    return `${(error as Error).name}: ${(error as Error).message}`;
  }
}

describe('password lockout', () => {
  it('after five wrong passwords even the right one is refused for 1 s, then 2 s after the next failure', async () => {
    await user('lou');
    for (let i = 0; i < 4; i++) expect(await passwordSignIn('lou', 'Wr0ng-pass')).toBe('NotAuthorizedException: Incorrect username or password.');
    expect(await passwordSignIn('lou', 'Wr0ng-pass')).toBe('NotAuthorizedException: Incorrect username or password.');
    expect(await passwordSignIn('lou', PASSWORD)).toBe('NotAuthorizedException: Password attempts exceeded');
    await advanceClock(t.url, 1);
    expect(await passwordSignIn('lou', 'Wr0ng-pass')).toBe('NotAuthorizedException: Incorrect username or password.');
    await advanceClock(t.url, 1);
    expect(await passwordSignIn('lou', PASSWORD)).toBe('NotAuthorizedException: Password attempts exceeded');
    await advanceClock(t.url, 1);
    expect(await passwordSignIn('lou', PASSWORD)).toBe('signed in');
    // Success resets the count: four more failures do not lock.
    for (let i = 0; i < 4; i++) await passwordSignIn('lou', 'Wr0ng-pass');
    expect(await passwordSignIn('lou', PASSWORD)).toBe('signed in');
  });

  it('SRP proofs count too, and a locked user is refused at PASSWORD_VERIFIER', async () => {
    await user('sam');
    for (let i = 0; i < 5; i++) expect(await passwordSignIn('sam', 'Wr0ng-pass')).toBe('NotAuthorizedException: Incorrect username or password.');
    await expect(srpSignIn(t.sdk, { userPoolId, clientId, username: 'sam', password: PASSWORD })).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Password attempts exceeded',
    });
  });
});
