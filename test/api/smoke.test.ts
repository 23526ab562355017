import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfirmSignUpCommand, InitiateAuthCommand, SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { createPoolAndClient, lastCode, startServer, type TestServer } from '../support/server.js';

let t: TestServer;
beforeAll(async () => {
  t = await startServer();
});
afterAll(() => t.close());

describe('sign-up, confirmation and password sign-in through the SDK v3', () => {
  it('confirms with the emailed code and then signs in with tokens', async () => {
    const { userPoolId, clientId } = await createPoolAndClient(t.sdk);
    const signedUp = await t.sdk.send(
      new SignUpCommand({ ClientId: clientId, Username: 'ana', Password: 'Passw0rd!', UserAttributes: [{ Name: 'email', Value: 'ana@example.com' }] }),
    );
    expect(signedUp.UserConfirmed).toBe(false);
    expect(signedUp.CodeDeliveryDetails).toEqual({ Destination: 'a***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' });
    const code = await lastCode(t.url, userPoolId, 'ana');
    expect(code).toMatch(/^\d{6}$/);
    await t.sdk.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'ana', ConfirmationCode: code }));
    const signedIn = await t.sdk.send(
      new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'ana', PASSWORD: 'Passw0rd!' } }),
    );
    expect(signedIn.AuthenticationResult?.TokenType).toBe('Bearer');
    expect(signedIn.AuthenticationResult?.ExpiresIn).toBe(3600);
  });
});
