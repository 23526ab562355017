/**
 * Amplify v6 (`aws-amplify/auth`) against a real listening kognito: SMS and email MFA through
 * signIn / confirmSignIn (codes read from the outbox), the MFA selection step when a user has several
 * factors, email MFA set up during sign-in in a pool that requires MFA, and the groups of a user in
 * fetchAuthSession's tokens. Amplify's state is per process: this file only.
 */
import { describe, expect, it } from 'vitest';
import {
  AdminAddUserToGroupCommand,
  AdminConfirmSignUpCommand,
  AdminSetUserMFAPreferenceCommand,
  CreateGroupCommand,
  SetUserPoolMfaConfigCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { confirmSignIn, confirmSignUp, fetchAuthSession, fetchMFAPreference, signIn, signOut, signUp, updateMFAPreference } from 'aws-amplify/auth';
import { createPoolAndClient, lastCode, messages, type TestServer } from '../support/server.js';
import { configureAmplify } from '../support/amplify.js';
import { withServerAndWire, type WireLog } from '../support/wireLog.js';

const PASSWORD = 'Corr3ct-Horse!';
const SES = { EmailConfiguration: { EmailSendingAccount: 'DEVELOPER', SourceArn: 'arn:aws:ses:us-east-1:123456789012:identity/no-reply@example.com' } };
const SMS = { SmsConfiguration: { SnsCallerArn: 'arn:aws:iam::123456789012:role/sns' } };

let server: TestServer;
let wire: WireLog;
withServerAndWire((started, log) => {
  server = started;
  wire = log;
});

/** A pool with SMS and email MFA in the given mode, Amplify pointed at it, and a confirmed user. */
async function poolWithUser(username: string, mode: 'OPTIONAL' | 'ON', attributes: Record<string, string>, factors = { sms: true, email: true, totp: false }) {
  const { userPoolId, clientId } = await createPoolAndClient(server.sdk, SES);
  await server.sdk.send(
    new SetUserPoolMfaConfigCommand({
      UserPoolId: userPoolId,
      MfaConfiguration: mode,
      ...(factors.sms ? { SmsMfaConfiguration: SMS } : {}),
      ...(factors.email ? { EmailMfaConfiguration: {} } : {}),
      ...(factors.totp ? { SoftwareTokenMfaConfiguration: { Enabled: true } } : {}),
    }),
  );
  configureAmplify(server.url, userPoolId, clientId);
  await signUp({ username, password: PASSWORD, options: { userAttributes: attributes } });
  // The pool verifies email at sign-up: without one, an administrator confirms.
  if (attributes.email) await confirmSignUp({ username, confirmationCode: await lastCode(server.url, userPoolId, username) });
  else await server.sdk.send(new AdminConfirmSignUpCommand({ UserPoolId: userPoolId, Username: username }));
  wire.clear();
  return { userPoolId, clientId };
}

/** The MFA code the pool last "sent" the user. */
async function mfaCode(userPoolId: string, username: string): Promise<string> {
  return (await messages(server.url, userPoolId, username)).filter((m) => m.kind === 'AUTHENTICATION').at(-1)!.code;
}
const wrongOf = (code: string) => (code === '000000' ? '111111' : '000000');

describe('Amplify v6: SMS and email MFA', () => {
  it('updateMFAPreference({sms: PREFERRED}); signIn asks CONFIRM_SIGN_IN_WITH_SMS_CODE with the masked phone; confirmSignIn is DONE', async () => {
    const { userPoolId } = await poolWithUser('sara', 'OPTIONAL', { email: 'sara@example.com', phone_number: '+15555550140' });
    await signIn({ username: 'sara', password: PASSWORD });
    await updateMFAPreference({ sms: 'PREFERRED' });
    await expect(fetchMFAPreference()).resolves.toMatchObject({ preferred: 'SMS', enabled: ['SMS'] });
    await signOut();
    wire.clear();

    const started = await signIn({ username: 'sara', password: PASSWORD });
    expect(started).toEqual({
      isSignedIn: false,
      nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_SMS_CODE', codeDeliveryDetails: { deliveryMedium: 'SMS', destination: '+*******0140' } },
    });
    const code = await mfaCode(userPoolId, 'sara');
    await expect(confirmSignIn({ challengeResponse: wrongOf(code) })).rejects.toMatchObject({ name: 'CodeMismatchException', message: 'Invalid code or auth state for the user.' });
    await expect(confirmSignIn({ challengeResponse: code })).resolves.toEqual({ isSignedIn: true, nextStep: { signInStep: 'DONE' } });
    expect(wire.steps()).toEqual([
      'InitiateAuth:USER_SRP_AUTH',
      'RespondToAuthChallenge:PASSWORD_VERIFIER',
      'RespondToAuthChallenge:SMS_MFA',
      'RespondToAuthChallenge:SMS_MFA',
    ]);
    expect(wire.calls[2].request.ChallengeResponses).toMatchObject({ USERNAME: 'sara', SMS_MFA_CODE: wrongOf(code) });
    const { tokens } = await fetchAuthSession();
    expect(tokens!.idToken!.payload).toMatchObject({ 'cognito:username': 'sara', phone_number_verified: true });
    await signOut();
  });

  it('email MFA: CONFIRM_SIGN_IN_WITH_EMAIL_CODE, answered with EMAIL_OTP_CODE', async () => {
    const { userPoolId } = await poolWithUser('emma', 'OPTIONAL', { email: 'emma@example.com' });
    await signIn({ username: 'emma', password: PASSWORD });
    await updateMFAPreference({ email: 'PREFERRED' });
    await signOut();
    wire.clear();

    const started = await signIn({ username: 'emma', password: PASSWORD });
    expect(started).toEqual({
      isSignedIn: false,
      nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE', codeDeliveryDetails: { deliveryMedium: 'EMAIL', destination: 'e***@e***' } },
    });
    const code = await mfaCode(userPoolId, 'emma');
    await expect(confirmSignIn({ challengeResponse: code })).resolves.toEqual({ isSignedIn: true, nextStep: { signInStep: 'DONE' } });
    expect(wire.calls.at(-1)!.request).toMatchObject({ ChallengeName: 'EMAIL_OTP', ChallengeResponses: { USERNAME: 'emma', EMAIL_OTP_CODE: code } });
    await signOut();
  });

  it('several factors, none preferred: CONTINUE_SIGN_IN_WITH_MFA_SELECTION, then the chosen one', async () => {
    const { userPoolId } = await poolWithUser('milo', 'OPTIONAL', { email: 'milo@example.com', phone_number: '+15555550141' });
    await server.sdk.send(
      new AdminSetUserMFAPreferenceCommand({ UserPoolId: userPoolId, Username: 'milo', SMSMfaSettings: { Enabled: true }, EmailMfaSettings: { Enabled: true } }),
    );
    const started = await signIn({ username: 'milo', password: PASSWORD });
    expect(started).toEqual({ isSignedIn: false, nextStep: { signInStep: 'CONTINUE_SIGN_IN_WITH_MFA_SELECTION', allowedMFATypes: ['SMS', 'EMAIL'] } });
    await expect(confirmSignIn({ challengeResponse: 'EMAIL' })).resolves.toMatchObject({
      isSignedIn: false,
      nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE', codeDeliveryDetails: { deliveryMedium: 'EMAIL' } },
    });
    await expect(confirmSignIn({ challengeResponse: await mfaCode(userPoolId, 'milo') })).resolves.toMatchObject({ isSignedIn: true });
    expect(wire.steps()).toEqual([
      'InitiateAuth:USER_SRP_AUTH',
      'RespondToAuthChallenge:PASSWORD_VERIFIER',
      'RespondToAuthChallenge:SELECT_MFA_TYPE',
      'RespondToAuthChallenge:EMAIL_OTP',
    ]);
    await signOut();
  });

  it('MFA ON, no address yet: CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION -> EMAIL -> the address -> the code -> DONE', async () => {
    const { userPoolId } = await poolWithUser('nia', 'ON', { phone_number: '+15555550142' }, { sms: false, email: true, totp: true });
    const started = await signIn({ username: 'nia', password: PASSWORD });
    expect(started).toEqual({ isSignedIn: false, nextStep: { signInStep: 'CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION', allowedMFATypes: ['TOTP', 'EMAIL'] } });
    await expect(confirmSignIn({ challengeResponse: 'EMAIL' })).resolves.toMatchObject({ nextStep: { signInStep: 'CONTINUE_SIGN_IN_WITH_EMAIL_SETUP' } });
    await expect(confirmSignIn({ challengeResponse: 'nia@example.org' })).resolves.toMatchObject({
      nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE', codeDeliveryDetails: { destination: 'n***@e***' } },
    });
    await expect(confirmSignIn({ challengeResponse: await mfaCode(userPoolId, 'nia') })).resolves.toEqual({ isSignedIn: true, nextStep: { signInStep: 'DONE' } });
    await expect(fetchMFAPreference()).resolves.toMatchObject({ preferred: 'EMAIL', enabled: ['EMAIL'] });
    expect(wire.steps()).toEqual([
      'InitiateAuth:USER_SRP_AUTH',
      'RespondToAuthChallenge:PASSWORD_VERIFIER',
      'RespondToAuthChallenge:MFA_SETUP',
      'RespondToAuthChallenge:EMAIL_OTP',
      'GetUser',
    ]);
    await signOut();
  });
});

describe('Amplify v6: groups', () => {
  it("fetchAuthSession shows the user's groups in both tokens, and the preferred role in the ID token", async () => {
    const { userPoolId, clientId } = await createPoolAndClient(server.sdk);
    configureAmplify(server.url, userPoolId, clientId);
    await signUp({ username: 'gus', password: PASSWORD, options: { userAttributes: { email: 'gus@example.com' } } });
    await confirmSignUp({ username: 'gus', confirmationCode: await lastCode(server.url, userPoolId, 'gus') });
    const role = 'arn:aws:iam::123456789012:role/editors';
    await server.sdk.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: 'readers', Precedence: 5 }));
    await server.sdk.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: 'editors', Precedence: 1, RoleArn: role }));
    for (const GroupName of ['readers', 'editors']) await server.sdk.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: 'gus', GroupName }));

    await signIn({ username: 'gus', password: PASSWORD });
    const { tokens } = await fetchAuthSession();
    expect(tokens!.accessToken.payload['cognito:groups']).toEqual(['editors', 'readers']);
    expect(tokens!.idToken!.payload).toMatchObject({ 'cognito:groups': ['editors', 'readers'], 'cognito:roles': [role], 'cognito:preferred_role': role });
    await signOut();
  });
});
