/**
 * Amplify v6 signing in a user made by AdminCreateUser: CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED,
 * a weak password refused, a good one accepted on the same sign-in. Amplify's state is per process.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { AdminCreateUserCommand, AdminGetUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { confirmSignIn, getCurrentUser, signIn } from 'aws-amplify/auth';
import { createPoolAndClient, startServer, type TestServer } from '../support/server.js';
import { configureAmplify } from '../support/amplify.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

it('signIn with the temporary password asks for a new one; confirmSignIn sets it and signs in', async () => {
  const { userPoolId, clientId } = await createPoolAndClient(server.sdk);
  await server.sdk.send(
    new AdminCreateUserCommand({ UserPoolId: userPoolId, Username: 'rita', TemporaryPassword: 'Temp0rary!', MessageAction: 'SUPPRESS', UserAttributes: [{ Name: 'email', Value: 'rita@example.com' }] }),
  );
  configureAmplify(server.url, userPoolId, clientId);

  const started = await signIn({ username: 'rita', password: 'Temp0rary!' });
  expect(started.isSignedIn).toBe(false);
  expect(started.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED');

  await expect(confirmSignIn({ challengeResponse: 'weak' })).rejects.toMatchObject({
    name: 'InvalidPasswordException',
    message: 'Password did not conform with policy: Password not long enough',
  });
  const done = await confirmSignIn({ challengeResponse: 'N3w-Passw0rd' });
  expect(done).toMatchObject({ isSignedIn: true, nextStep: { signInStep: 'DONE' } });
  expect((await getCurrentUser()).username).toBe('rita');
  expect((await server.sdk.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: 'rita' }))).UserStatus).toBe('CONFIRMED');
});
