/**
 * amazon-cognito-identity-js 6.x, driven exactly as an app drives it, against a real listening kognito:
 * sign-up, SRP sign-in and TOTP MFA (spec: srp-and-devices.md B.8, totp-mfa.md C.9).
 */
import { describe, expect, it } from 'vitest';
import { SetUserPoolMfaConfigCommand } from '@aws-sdk/client-cognito-identity-provider';
import { createPoolAndClient, lastCode, type TestServer } from '../support/server.js';
import { withServerAndWire, type WireLog } from '../support/wireLog.js';
import { freshTotpCode, wrongTotpCode } from '../support/authenticatorApp.js';
import { verifyWithPoolJwks } from '../support/jwt.js';
import {
  associateSoftwareToken,
  authenticateUser,
  cognitoUser,
  confirmRegistration,
  sendMFACode,
  setUserMfaPreference,
  signUp,
  userPool,
  verifySoftwareToken,
  registerUser,
  tokensOf,
} from '../support/cognitoIdentityJs.js';
import type { CognitoUserSession } from 'amazon-cognito-identity-js';

const PASSWORD = 'Corr3ct-Horse!';

let server: TestServer;
let wire: WireLog;
withServerAndWire((started, log) => {
  server = started;
  wire = log;
});

describe('amazon-cognito-identity-js: sign-up and SRP sign-in', () => {
  it('signs up, confirms with the emailed code and signs in with SRP to tokens signed by the pool key', async () => {
    const { userPoolId, clientId } = await createPoolAndClient(server.sdk);
    const pool = userPool(server.url, userPoolId, clientId);

    const signedUp = await signUp(pool, 'alice', PASSWORD, { email: 'alice@example.com' });
    expect(signedUp.userConfirmed).toBe(false);
    expect(signedUp.userSub).toMatch(/^[0-9a-f-]{36}$/);
    expect(signedUp.codeDeliveryDetails).toMatchObject({ AttributeName: 'email', DeliveryMedium: 'EMAIL' });

    const code = await lastCode(server.url, userPoolId, 'alice');
    await expect(confirmRegistration(cognitoUser(pool, 'alice'), code)).resolves.toBe('SUCCESS');

    const session = tokensOf(await authenticateUser(cognitoUser(pool, 'alice'), PASSWORD));
    expect(wire.steps()).toEqual(['SignUp', 'ConfirmSignUp', 'InitiateAuth:USER_SRP_AUTH', 'RespondToAuthChallenge:PASSWORD_VERIFIER']);
    expect(session.isValid()).toBe(true);

    const access = await verifyWithPoolJwks(server.url, userPoolId, session.getAccessToken().getJwtToken());
    expect(access).toMatchObject({ token_use: 'access', client_id: clientId, username: 'alice', sub: signedUp.userSub });
    const id = await verifyWithPoolJwks(server.url, userPoolId, session.getIdToken().getJwtToken());
    expect(id).toMatchObject({ token_use: 'id', aud: clientId, 'cognito:username': 'alice', email: 'alice@example.com', email_verified: true });
    expect(session.getRefreshToken().getToken()).not.toBe('');
  });

  it('refuses a wrong password during SRP with NotAuthorizedException "Incorrect username or password."', async () => {
    const { userPoolId, clientId } = await createPoolAndClient(server.sdk);
    const pool = userPool(server.url, userPoolId, clientId);
    await registerUser(pool, server.url, 'bob', PASSWORD);
    wire.clear();

    await expect(authenticateUser(cognitoUser(pool, 'bob'), 'Wr0ng-Password!')).rejects.toMatchObject({
      code: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    });
    // The refusal comes from the server checking the SRP proof, not from the first step.
    expect(wire.calls.map((c) => [c.operation, c.status, c.response.__type])).toEqual([
      ['InitiateAuth', 200, undefined],
      ['RespondToAuthChallenge', 400, 'NotAuthorizedException'],
    ]);
  });

  it('refuses an unconfirmed user with UserNotConfirmedException "User is not confirmed."', async () => {
    const { userPoolId, clientId } = await createPoolAndClient(server.sdk);
    const pool = userPool(server.url, userPoolId, clientId);
    await signUp(pool, 'carol', PASSWORD, { email: 'carol@example.com' });

    await expect(authenticateUser(cognitoUser(pool, 'carol'), PASSWORD)).rejects.toMatchObject({
      code: 'UserNotConfirmedException',
      message: 'User is not confirmed.',
    });
  });
});

describe('amazon-cognito-identity-js: TOTP MFA', () => {
  it('associates and verifies a software token, prefers it, then sign-in asks SOFTWARE_TOKEN_MFA and sendMFACode yields tokens', async () => {
    const { userPoolId, clientId } = await createPoolAndClient(server.sdk);
    await server.sdk.send(new SetUserPoolMfaConfigCommand({ UserPoolId: userPoolId, MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } }));
    const pool = userPool(server.url, userPoolId, clientId);
    await registerUser(pool, server.url, 'dave', PASSWORD);

    const user = cognitoUser(pool, 'dave');
    tokensOf(await authenticateUser(user, PASSWORD));
    const secretCode = await associateSoftwareToken(user);
    expect(secretCode).toMatch(/^[A-Z2-7]{16,}$/);

    await expect(verifySoftwareToken(user, wrongTotpCode(server, secretCode), 'phone')).rejects.toMatchObject({
      code: 'EnableSoftwareTokenMFAException',
      message: 'Code mismatch and fail enable Software Token MFA',
    });
    await expect(verifySoftwareToken(user, await freshTotpCode(server, secretCode), 'phone')).resolves.toMatchObject({ Status: 'SUCCESS' });
    await expect(setUserMfaPreference(user, null, { Enabled: true, PreferredMfa: true })).resolves.toBe('SUCCESS');
    wire.clear();

    const signingIn = cognitoUser(pool, 'dave');
    const challenge = await authenticateUser(signingIn, PASSWORD);
    expect(challenge).toMatchObject({ kind: 'totpRequired', challengeName: 'SOFTWARE_TOKEN_MFA' });

    await expect(sendMFACode(signingIn, wrongTotpCode(server, secretCode), 'SOFTWARE_TOKEN_MFA')).rejects.toMatchObject({
      code: 'CodeMismatchException',
      message: 'Invalid code or auth state for the user.',
    });
    // The same Session may be answered again after a wrong code.
    const session = tokensOf(await sendMFACode(signingIn, await freshTotpCode(server, secretCode), 'SOFTWARE_TOKEN_MFA'));
    const access = await verifyWithPoolJwks(server.url, userPoolId, session.getAccessToken().getJwtToken());
    expect(access).toMatchObject({ username: 'dave', token_use: 'access' });
    expect(wire.steps()).toEqual([
      'InitiateAuth:USER_SRP_AUTH',
      'RespondToAuthChallenge:PASSWORD_VERIFIER',
      'RespondToAuthChallenge:SOFTWARE_TOKEN_MFA',
      'RespondToAuthChallenge:SOFTWARE_TOKEN_MFA',
    ]);
  });

  it('in a pool with MFA ON reports mfaSetup; associating and verifying through the Session ends with tokens', async () => {
    const { userPoolId, clientId } = await createPoolAndClient(server.sdk);
    await server.sdk.send(new SetUserPoolMfaConfigCommand({ UserPoolId: userPoolId, MfaConfiguration: 'ON', SoftwareTokenMfaConfiguration: { Enabled: true } }));
    const pool = userPool(server.url, userPoolId, clientId);
    await registerUser(pool, server.url, 'gus', PASSWORD);
    wire.clear();

    const user = cognitoUser(pool, 'gus');
    await expect(authenticateUser(user, PASSWORD)).resolves.toMatchObject({
      kind: 'mfaSetup',
      challengeName: 'MFA_SETUP',
      challengeParameters: { MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA"]' },
    });
    const secretCode = await associateSoftwareToken(user);
    await expect(verifySoftwareToken(user, wrongTotpCode(server, secretCode), 'phone')).rejects.toMatchObject({
      code: 'EnableSoftwareTokenMFAException',
      message: 'Code mismatch and fail enable Software Token MFA',
    });
    const session = (await verifySoftwareToken(user, await freshTotpCode(server, secretCode), 'phone')) as CognitoUserSession;
    await expect(verifyWithPoolJwks(server.url, userPoolId, session.getAccessToken().getJwtToken())).resolves.toMatchObject({ username: 'gus' });
    expect(wire.steps()).toEqual([
      'InitiateAuth:USER_SRP_AUTH',
      'RespondToAuthChallenge:PASSWORD_VERIFIER',
      'AssociateSoftwareToken',
      'VerifySoftwareToken',
      'VerifySoftwareToken',
      'RespondToAuthChallenge:MFA_SETUP',
    ]);

    // The token set up during sign-in now guards the next sign-in.
    const next = cognitoUser(pool, 'gus');
    await expect(authenticateUser(next, PASSWORD)).resolves.toMatchObject({ kind: 'totpRequired', challengeName: 'SOFTWARE_TOKEN_MFA' });
    tokensOf(await sendMFACode(next, await freshTotpCode(server, secretCode), 'SOFTWARE_TOKEN_MFA'));
  });
});
