/**
 * Amplify v6 (`aws-amplify/auth`) against a real listening kognito: choice-based sign-in (authFlowType
 * USER_AUTH): an email code asked for up front and confirmed, the first-factor selection step answered
 * with the password, and SRP as the preferred challenge. Amplify's state is per process: this file only.
 */
import { describe, expect, it } from 'vitest';
import { confirmSignIn, confirmSignUp, getCurrentUser, signIn, signOut, signUp } from 'aws-amplify/auth';
import { createPoolAndClient, lastCode, messages, type TestServer } from '../support/server.js';
import { configureAmplify } from '../support/amplify.js';
import { withServerAndWire, type WireLog } from '../support/wireLog.js';

const PASSWORD = 'Corr3ct-Horse!';

let server: TestServer;
let wire: WireLog;
withServerAndWire((started, log) => {
  server = started;
  wire = log;
});

/** A pool allowing the password and email codes first, a USER_AUTH client, Amplify pointed at it, and a user with a verified email. */
async function poolWithUser(username: string) {
  const { userPoolId, clientId } = await createPoolAndClient(
    server.sdk,
    { Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'] } } },
    { ExplicitAuthFlows: ['ALLOW_USER_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] },
  );
  configureAmplify(server.url, userPoolId, clientId);
  await signUp({ username, password: PASSWORD, options: { userAttributes: { email: `${username}@example.com` } } });
  // Confirming with the emailed code verifies the address the sign-in code goes to.
  await confirmSignUp({ username, confirmationCode: await lastCode(server.url, userPoolId, username) });
  wire.clear();
  return { userPoolId, clientId };
}

const signInCode = async (userPoolId: string, username: string) =>
  (await messages(server.url, userPoolId, username)).filter((m) => m.kind === 'AUTHENTICATION').at(-1)!.code;

describe('Amplify v6: USER_AUTH', () => {
  it("signIn with preferredChallenge EMAIL_OTP asks for the emailed code; confirmSignIn with it is DONE", async () => {
    const { userPoolId } = await poolWithUser('uma');
    const started = await signIn({ username: 'uma', options: { authFlowType: 'USER_AUTH', preferredChallenge: 'EMAIL_OTP' } });
    expect(started).toEqual({
      isSignedIn: false,
      nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE', codeDeliveryDetails: { deliveryMedium: 'EMAIL', destination: 'u***@e***' } },
    });
    await expect(confirmSignIn({ challengeResponse: await signInCode(userPoolId, 'uma') })).resolves.toEqual({ isSignedIn: true, nextStep: { signInStep: 'DONE' } });
    await expect(getCurrentUser()).resolves.toMatchObject({ username: 'uma' });
    expect(wire.steps()).toEqual(['InitiateAuth:USER_AUTH', 'RespondToAuthChallenge:EMAIL_OTP']);
    await signOut();
  });

  it('without a preference the user picks a first factor: PASSWORD, then the password, is DONE', async () => {
    await poolWithUser('vic');
    const started = await signIn({ username: 'vic', options: { authFlowType: 'USER_AUTH' } });
    expect(started).toEqual({
      isSignedIn: false,
      nextStep: { signInStep: 'CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION', availableChallenges: ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP'] },
    });
    await expect(confirmSignIn({ challengeResponse: 'PASSWORD' })).resolves.toEqual({ isSignedIn: false, nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_PASSWORD' } });
    await expect(confirmSignIn({ challengeResponse: PASSWORD })).resolves.toEqual({ isSignedIn: true, nextStep: { signInStep: 'DONE' } });
    expect(wire.steps()).toEqual(['InitiateAuth:USER_AUTH', 'RespondToAuthChallenge:SELECT_CHALLENGE']);
    await signOut();
  });

  it('preferredChallenge PASSWORD_SRP with the password signs in through PASSWORD_VERIFIER', async () => {
    await poolWithUser('wes');
    await expect(signIn({ username: 'wes', password: PASSWORD, options: { authFlowType: 'USER_AUTH', preferredChallenge: 'PASSWORD_SRP' } })).resolves.toEqual({
      isSignedIn: true,
      nextStep: { signInStep: 'DONE' },
    });
    expect(wire.steps()).toEqual(['InitiateAuth:USER_AUTH', 'RespondToAuthChallenge:PASSWORD_VERIFIER']);
    await signOut();
  });
});
