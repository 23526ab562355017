/** The MFA preference rules behind SetUserMFAPreference and GetUser's UserMFASettingList / PreferredMfaSetting. */
import { describe, expect, it } from 'vitest';
import { mfaFields } from '../../src/domain/users.js';
import { withMfaPreference, userFactors } from '../../src/domain/mfa.js';
import type { User } from '../../src/store/users.js';
import type { UserPool } from '../../src/store/userPools.js';

const user = (mfa: User['mfa'], attributes: Record<string, string> = {}): User => ({
  userPoolId: 'us-east-1_x',
  username: 'u',
  usernameKey: 'u',
  sub: 's',
  status: 'CONFIRMED',
  enabled: true,
  attributes,
  passwordSalt: null,
  passwordVerifier: null,
  mfa,
  codes: {},
  failedSignIns: 0,
  lockedUntil: 0,
  createdAt: 0,
  modifiedAt: 0,
});
const token = { secretCode: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', verified: true };

describe('withMfaPreference', () => {
  it('lists enabled factors in the order SMS_MFA, SOFTWARE_TOKEN_MFA whatever the request order', () => {
    const withTotp = withMfaPreference(user({ softwareToken: token }, { phone_number: '+15555550100' }), {
      SoftwareTokenMfaSettings: { Enabled: true },
    });
    const both = withMfaPreference(user(withTotp, { phone_number: '+15555550100' }), { SMSMfaSettings: { Enabled: true, PreferredMfa: true } });
    expect(mfaFields(user(both))).toEqual({
      MFAOptions: [{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }],
      UserMFASettingList: ['SMS_MFA', 'SOFTWARE_TOKEN_MFA'],
      PreferredMfaSetting: 'SMS_MFA',
    });
  });

  it('a preferred factor moves: preferring TOTP un-prefers SMS', () => {
    const start = user({ softwareToken: token, enabled: ['SMS_MFA', 'SOFTWARE_TOKEN_MFA'], preferred: 'SMS_MFA' }, { phone_number: '+1555' });
    const next = withMfaPreference(start, { SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true }, SMSMfaSettings: null });
    expect(mfaFields(user(next))).toMatchObject({ UserMFASettingList: ['SMS_MFA', 'SOFTWARE_TOKEN_MFA'], PreferredMfaSetting: 'SOFTWARE_TOKEN_MFA' });
  });

  it('turning the last factor off omits both GetUser members and keeps the token', () => {
    const next = withMfaPreference(user({ softwareToken: token, enabled: ['SOFTWARE_TOKEN_MFA'], preferred: 'SOFTWARE_TOKEN_MFA' }), {
      SoftwareTokenMfaSettings: { Enabled: false },
    });
    expect(mfaFields(user(next))).toEqual({});
    expect(next.softwareToken).toEqual(token);
  });
});

describe('userFactors', () => {
  const pool = (mfaConfig: UserPool['mfaConfig']): UserPool =>
    ({ id: 'us-east-1_x', region: 'us-east-1', description: { MfaConfiguration: 'OPTIONAL' }, mfaConfig }) as unknown as UserPool;

  it('a verified token still counts after the pool turned TOTP off; SMS needs the pool SMS settings', () => {
    const someone = user({ softwareToken: token, enabled: ['SMS_MFA', 'SOFTWARE_TOKEN_MFA'] }, { phone_number: '+1555' });
    expect(userFactors(pool({ SoftwareTokenMfaConfiguration: { Enabled: false } }), someone)).toEqual(['SOFTWARE_TOKEN_MFA']);
    expect(userFactors(pool({ SmsMfaConfiguration: { SmsConfiguration: { SnsCallerArn: 'arn' } } }), someone)).toEqual(['SMS_MFA', 'SOFTWARE_TOKEN_MFA']);
  });
});
