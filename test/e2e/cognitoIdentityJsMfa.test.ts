/**
 * amazon-cognito-identity-js 6.x and SMS MFA against a real listening kognito: the legacy
 * enableMFA / disableMFA / getMFAOptions (SetUserSettings, GetUser's MFAOptions), the mfaRequired
 * callback answered with sendMFACode, and selectMFAType answered with sendMFASelectionAnswer.
 */
import { describe, expect, it } from 'vitest';
import { AdminSetUserMFAPreferenceCommand, SetUserPoolMfaConfigCommand } from '@aws-sdk/client-cognito-identity-provider';
import { createPoolAndClient, lastCode, messages, type TestServer } from '../support/server.js';
import { withServerAndWire, type WireLog } from '../support/wireLog.js';
import { PASSWORD as MFA_USER_PASSWORD, userWithVerifiedToken } from '../support/mfaUsers.js';
import {
  authenticateUser,
  cognitoUser,
  confirmRegistration,
  disableMFA,
  enableMFA,
  getMFAOptions,
  sendMFACode,
  sendMFASelectionAnswer,
  signUp,
  tokensOf,
  userPool,
} from '../support/cognitoIdentityJs.js';

const PASSWORD = 'Corr3ct-Horse!';
const SMS = { SmsConfiguration: { SnsCallerArn: 'arn:aws:iam::123456789012:role/sns' } };

let server: TestServer;
let wire: WireLog;
withServerAndWire((started, log) => {
  server = started;
  wire = log;
});

async function smsPool(totp = false) {
  const { userPoolId, clientId } = await createPoolAndClient(server.sdk);
  await server.sdk.send(
    new SetUserPoolMfaConfigCommand({
      UserPoolId: userPoolId,
      MfaConfiguration: 'OPTIONAL',
      SmsMfaConfiguration: SMS,
      ...(totp ? { SoftwareTokenMfaConfiguration: { Enabled: true } } : {}),
    }),
  );
  return { userPoolId, clientId, pool: userPool(server.url, userPoolId, clientId) };
}

const smsCode = async (userPoolId: string, username: string) =>
  (await messages(server.url, userPoolId, username)).filter((m) => m.kind === 'AUTHENTICATION').at(-1)!.code;

describe('amazon-cognito-identity-js: SMS MFA', () => {
  it('enableMFA turns SMS MFA on; mfaRequired is answered with sendMFACode (a wrong code first); disableMFA turns it off', async () => {
    const { userPoolId, pool } = await smsPool();
    await signUp(pool, 'ines', PASSWORD, { email: 'ines@example.com', phone_number: '+15555550150' });
    await confirmRegistration(cognitoUser(pool, 'ines'), await lastCode(server.url, userPoolId, 'ines'));
    const signedIn = cognitoUser(pool, 'ines');
    tokensOf(await authenticateUser(signedIn, PASSWORD));
    await expect(enableMFA(signedIn)).resolves.toBe('SUCCESS');
    await expect(getMFAOptions(signedIn)).resolves.toEqual([{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }]);
    wire.clear();

    const user = cognitoUser(pool, 'ines');
    const challenged = await authenticateUser(user, PASSWORD);
    expect(challenged).toEqual({
      kind: 'mfaRequired',
      challengeName: 'SMS_MFA',
      challengeParameters: { CODE_DELIVERY_DELIVERY_MEDIUM: 'SMS', CODE_DELIVERY_DESTINATION: '+*******0150', USER_ID_FOR_SRP: 'ines' },
    });
    const code = await smsCode(userPoolId, 'ines');
    await expect(sendMFACode(user, code === '000000' ? '111111' : '000000', 'SMS_MFA')).rejects.toMatchObject({
      code: 'CodeMismatchException',
      message: 'Invalid code or auth state for the user.',
    });
    const session = tokensOf(await sendMFACode(user, code, 'SMS_MFA'));
    expect(session.isValid()).toBe(true);
    expect(session.getIdToken().decodePayload()).toMatchObject({ 'cognito:username': 'ines', phone_number_verified: true });
    expect(wire.steps()).toEqual([
      'InitiateAuth:USER_SRP_AUTH',
      'RespondToAuthChallenge:PASSWORD_VERIFIER',
      'RespondToAuthChallenge:SMS_MFA',
      'RespondToAuthChallenge:SMS_MFA',
    ]);
    expect(wire.calls[3].request.ChallengeResponses).toEqual({ USERNAME: 'ines', SMS_MFA_CODE: code });

    await expect(disableMFA(signedIn)).resolves.toBe('SUCCESS');
    await expect(getMFAOptions(signedIn)).resolves.toBeUndefined();
    expect((await authenticateUser(cognitoUser(pool, 'ines'), PASSWORD)).kind).toBe('success');
  });

  it('selectMFAType is answered with sendMFASelectionAnswer(SMS_MFA), then mfaRequired and sendMFACode', async () => {
    const { userPoolId, clientId, pool } = await smsPool(true);
    await userWithVerifiedToken(server, clientId, userPoolId, 'omar', undefined, { phone_number: '+15555550151' });
    await server.sdk.send(
      new AdminSetUserMFAPreferenceCommand({ UserPoolId: userPoolId, Username: 'omar', SMSMfaSettings: { Enabled: true }, SoftwareTokenMfaSettings: { Enabled: true } }),
    );
    wire.clear();
    const user = cognitoUser(pool, 'omar');
    const offered = await authenticateUser(user, MFA_USER_PASSWORD);
    expect(offered).toMatchObject({ kind: 'selectMFAType', challengeName: 'SELECT_MFA_TYPE', challengeParameters: { MFAS_CAN_CHOOSE: '["SMS_MFA","SOFTWARE_TOKEN_MFA"]' } });
    const chosen = await sendMFASelectionAnswer(user, 'SMS_MFA');
    expect(chosen).toMatchObject({ kind: 'mfaRequired', challengeName: 'SMS_MFA', challengeParameters: { CODE_DELIVERY_DESTINATION: '+*******0151' } });
    tokensOf(await sendMFACode(user, await smsCode(userPoolId, 'omar'), 'SMS_MFA'));
    expect(wire.steps()).toEqual([
      'InitiateAuth:USER_SRP_AUTH',
      'RespondToAuthChallenge:PASSWORD_VERIFIER',
      'RespondToAuthChallenge:SELECT_MFA_TYPE',
      'RespondToAuthChallenge:SMS_MFA',
    ]);
  });
});
