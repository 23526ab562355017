/**
 * Amplify v6 (`aws-amplify/auth`) against a real listening kognito: sign-up, SRP sign-in, and TOTP MFA
 * both set up while signed in and set up during sign-in when the pool requires MFA
 * (spec: srp-and-devices.md B.8, totp-mfa.md C.9). Amplify's state is per process: this file only.
 */
import { describe, expect, it } from 'vitest';
import { SetUserPoolMfaConfigCommand } from '@aws-sdk/client-cognito-identity-provider';
import {
  confirmSignIn,
  confirmSignUp,
  fetchAuthSession,
  fetchMFAPreference,
  getCurrentUser,
  setUpTOTP,
  signIn,
  signOut,
  signUp,
  updateMFAPreference,
  verifyTOTPSetup,
} from 'aws-amplify/auth';
import { createPoolAndClient, lastCode, type TestServer } from '../support/server.js';
import { configureAmplify } from '../support/amplify.js';
import { withServerAndWire, type WireLog } from '../support/wireLog.js';
import { freshTotpCode, wrongTotpCode } from '../support/authenticatorApp.js';
import { verifyWithPoolJwks } from '../support/jwt.js';

const PASSWORD = 'Corr3ct-Horse!';

let server: TestServer;
let wire: WireLog;
withServerAndWire((started, log) => {
  server = started;
  wire = log;
});

/** A pool (optionally with TOTP MFA) and Amplify pointed at it, with a user signed up and confirmed. */
async function poolWithUser(username: string, mfa?: 'OPTIONAL' | 'ON') {
  const { userPoolId, clientId } = await createPoolAndClient(server.sdk);
  if (mfa) {
    await server.sdk.send(new SetUserPoolMfaConfigCommand({ UserPoolId: userPoolId, MfaConfiguration: mfa, SoftwareTokenMfaConfiguration: { Enabled: true } }));
  }
  configureAmplify(server.url, userPoolId, clientId);
  await signUp({ username, password: PASSWORD, options: { userAttributes: { email: `${username}@example.com` } } });
  await confirmSignUp({ username, confirmationCode: await lastCode(server.url, userPoolId, username) });
  wire.clear();
  return { userPoolId, clientId };
}

describe('Amplify v6: sign-up and SRP sign-in', () => {
  it('signUp → confirmSignUp with the emailed code → signIn (SRP) is DONE, with the user in the session tokens', async () => {
    const { userPoolId, clientId } = await createPoolAndClient(server.sdk);
    configureAmplify(server.url, userPoolId, clientId);

    const signedUp = await signUp({ username: 'alice', password: PASSWORD, options: { userAttributes: { email: 'alice@example.com' } } });
    expect(signedUp).toMatchObject({ isSignUpComplete: false, nextStep: { signUpStep: 'CONFIRM_SIGN_UP', codeDeliveryDetails: { deliveryMedium: 'EMAIL', attributeName: 'email' } } });
    const confirmed = await confirmSignUp({ username: 'alice', confirmationCode: await lastCode(server.url, userPoolId, 'alice') });
    expect(confirmed).toMatchObject({ isSignUpComplete: true, nextStep: { signUpStep: 'DONE' } });

    wire.clear();
    await expect(signIn({ username: 'alice', password: PASSWORD })).resolves.toEqual({ isSignedIn: true, nextStep: { signInStep: 'DONE' } });
    expect(wire.steps()).toEqual(['InitiateAuth:USER_SRP_AUTH', 'RespondToAuthChallenge:PASSWORD_VERIFIER']);

    const { tokens } = await fetchAuthSession();
    const access = await verifyWithPoolJwks(server.url, userPoolId, tokens!.accessToken.toString());
    expect(access).toMatchObject({ token_use: 'access', client_id: clientId, username: 'alice', sub: signedUp.userId });
    expect(tokens!.idToken!.payload).toMatchObject({ 'cognito:username': 'alice', email: 'alice@example.com', aud: clientId });
    await expect(getCurrentUser()).resolves.toMatchObject({ username: 'alice', userId: signedUp.userId });
    await signOut();
  });

  it('signIn with a wrong password fails with NotAuthorizedException "Incorrect username or password."', async () => {
    await poolWithUser('bob');
    await expect(signIn({ username: 'bob', password: 'Wr0ng-Password!' })).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    });
    expect(wire.steps()).toEqual(['InitiateAuth:USER_SRP_AUTH', 'RespondToAuthChallenge:PASSWORD_VERIFIER']);
  });

  it('signIn before confirming the sign-up answers nextStep CONFIRM_SIGN_UP', async () => {
    const { userPoolId, clientId } = await createPoolAndClient(server.sdk);
    configureAmplify(server.url, userPoolId, clientId);
    await signUp({ username: 'carol', password: PASSWORD, options: { userAttributes: { email: 'carol@example.com' } } });
    await expect(signIn({ username: 'carol', password: PASSWORD })).resolves.toMatchObject({ isSignedIn: false, nextStep: { signInStep: 'CONFIRM_SIGN_UP' } });
  });
});

describe('Amplify v6: TOTP MFA', () => {
  it('setUpTOTP → verifyTOTPSetup → updateMFAPreference, then signIn asks CONFIRM_SIGN_IN_WITH_TOTP_CODE and confirmSignIn is DONE', async () => {
    const { userPoolId } = await poolWithUser('dave', 'OPTIONAL');
    await signIn({ username: 'dave', password: PASSWORD });

    const setup = await setUpTOTP();
    expect(setup.sharedSecret).toMatch(/^[A-Z2-7]{16,}$/);
    expect(setup.getSetupUri('kognito', 'dave').toString()).toContain(`secret=${setup.sharedSecret}`);
    await expect(verifyTOTPSetup({ code: wrongTotpCode(server, setup.sharedSecret) })).rejects.toMatchObject({
      name: 'EnableSoftwareTokenMFAException',
      message: 'Code mismatch and fail enable Software Token MFA',
    });
    await verifyTOTPSetup({ code: await freshTotpCode(server, setup.sharedSecret), options: { friendlyDeviceName: 'phone' } });
    await updateMFAPreference({ totp: 'PREFERRED' });
    await expect(fetchMFAPreference()).resolves.toMatchObject({ preferred: 'TOTP', enabled: ['TOTP'] });
    await signOut();
    wire.clear();

    await expect(signIn({ username: 'dave', password: PASSWORD })).resolves.toMatchObject({
      isSignedIn: false,
      nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_TOTP_CODE' },
    });
    await expect(confirmSignIn({ challengeResponse: wrongTotpCode(server, setup.sharedSecret) })).rejects.toMatchObject({
      name: 'CodeMismatchException',
      message: 'Invalid code or auth state for the user.',
    });
    await expect(confirmSignIn({ challengeResponse: await freshTotpCode(server, setup.sharedSecret) })).resolves.toEqual({
      isSignedIn: true,
      nextStep: { signInStep: 'DONE' },
    });
    expect(wire.steps()).toEqual([
      'InitiateAuth:USER_SRP_AUTH',
      'RespondToAuthChallenge:PASSWORD_VERIFIER',
      'RespondToAuthChallenge:SOFTWARE_TOKEN_MFA',
      'RespondToAuthChallenge:SOFTWARE_TOKEN_MFA',
    ]);
    const { tokens } = await fetchAuthSession();
    await expect(verifyWithPoolJwks(server.url, userPoolId, tokens!.accessToken.toString())).resolves.toMatchObject({ username: 'dave' });
    await signOut();
  });

  it('in a pool with MFA ON, signIn answers CONTINUE_SIGN_IN_WITH_TOTP_SETUP and confirmSignIn with the first code is DONE', async () => {
    const { userPoolId } = await poolWithUser('erin', 'ON');

    const started = await signIn({ username: 'erin', password: PASSWORD });
    expect(started).toMatchObject({ isSignedIn: false, nextStep: { signInStep: 'CONTINUE_SIGN_IN_WITH_TOTP_SETUP' } });
    const sharedSecret = (started.nextStep as { totpSetupDetails: { sharedSecret: string } }).totpSetupDetails.sharedSecret;
    expect(sharedSecret).toMatch(/^[A-Z2-7]{16,}$/);
    expect(wire.calls[1].response).toMatchObject({ ChallengeName: 'MFA_SETUP', ChallengeParameters: { MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA"]' } });

    await expect(confirmSignIn({ challengeResponse: wrongTotpCode(server, sharedSecret) })).rejects.toMatchObject({
      name: 'EnableSoftwareTokenMFAException',
      message: 'Code mismatch and fail enable Software Token MFA',
    });
    await expect(confirmSignIn({ challengeResponse: await freshTotpCode(server, sharedSecret) })).resolves.toEqual({
      isSignedIn: true,
      nextStep: { signInStep: 'DONE' },
    });
    expect(wire.steps()).toEqual([
      'InitiateAuth:USER_SRP_AUTH',
      'RespondToAuthChallenge:PASSWORD_VERIFIER',
      'AssociateSoftwareToken',
      'VerifySoftwareToken',
      'VerifySoftwareToken',
      'RespondToAuthChallenge:MFA_SETUP',
    ]);
    const { tokens } = await fetchAuthSession();
    await expect(verifyWithPoolJwks(server.url, userPoolId, tokens!.accessToken.toString())).resolves.toMatchObject({ username: 'erin' });
    await signOut();
    wire.clear();

    // The token set up during sign-in now guards the next sign-in.
    await expect(signIn({ username: 'erin', password: PASSWORD })).resolves.toMatchObject({ nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_TOTP_CODE' } });
    await expect(confirmSignIn({ challengeResponse: await freshTotpCode(server, sharedSecret) })).resolves.toMatchObject({ isSignedIn: true });
    await signOut();
  });
});
