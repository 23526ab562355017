import { describe, expect, it } from 'vitest';
import { authenticator } from 'otplib';
import {
  SECRET_CODE_BYTES,
  SECRET_CODE_LENGTH,
  TOTP_DIGITS,
  TOTP_SKEW_STEPS,
  TOTP_STEP_SECONDS,
  checkTotp,
  decodeSecretCode,
  encodeSecretCode,
  matchTotp,
  newSecretCode,
  otpauthUri,
  totpCode,
  totpCodeForStep,
  totpStep,
} from '../../src/domain/totp.js';

/** RFC 6238 appendix B SHA-1 seed: ASCII "12345678901234567890". */
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const MODEL_SECRET_CODE_PATTERN = /^[A-Za-z0-9]+$/;

/** Unix seconds -> ms. */
const at = (seconds: number) => seconds * 1000;

describe('constants', () => {
  it('are the RFC 6238 / Cognito values: 6 digits, 30 s step, ±1 step, 32-byte secret as 52 chars', () => {
    expect(TOTP_DIGITS).toBe(6);
    expect(TOTP_STEP_SECONDS).toBe(30);
    expect(TOTP_SKEW_STEPS).toBe(1);
    expect(SECRET_CODE_BYTES).toBe(32);
    expect(SECRET_CODE_LENGTH).toBe(52);
  });
});

describe('RFC 6238 SHA-1 test vectors (last 6 digits)', () => {
  const vectors: Array<[number, string]> = [
    [59, '287082'],
    [1111111109, '081804'],
    [1111111111, '050471'],
    [1234567890, '005924'],
    [2000000000, '279037'],
    [20000000000, '353130'],
  ];

  it('the RFC secret is base32 of "12345678901234567890"', () => {
    expect(decodeSecretCode(RFC_SECRET).toString('ascii')).toBe('12345678901234567890');
  });

  it.each(vectors)('at t=%i totpCode is %s', (seconds, code) => {
    expect(totpCode(RFC_SECRET, at(seconds))).toBe(code);
  });

  it.each(vectors)('at t=%i matchTotp accepts %s and returns step floor(t/30)', (seconds, code) => {
    expect(matchTotp(RFC_SECRET, code, at(seconds))).toBe(Math.floor(seconds / 30));
  });

  it('step boundaries: t=29.999 s is step 0, t=30 s is step 1; codes keep leading zeros', () => {
    expect(totpStep(29_999)).toBe(0);
    expect(totpStep(30_000)).toBe(1);
    expect(totpCodeForStep(RFC_SECRET, Math.floor(1234567890 / 30))).toBe('005924');
  });

  it('refuses steps that are not non-negative integers and clocks that are not finite', () => {
    expect(() => totpCodeForStep(RFC_SECRET, -1)).toThrow(RangeError);
    expect(() => totpCodeForStep(RFC_SECRET, 1.5)).toThrow(RangeError);
    expect(() => totpCode(RFC_SECRET, Number.NaN)).toThrow(RangeError);
  });
});

describe('clock skew window', () => {
  const now = at(1111111109); // step 37037036
  const step = Math.floor(1111111109 / 30);
  const codeAt = (offset: number) => totpCodeForStep(RFC_SECRET, step + offset);

  it('the codes of steps -2..+2 are pairwise different for this secret/time (precondition)', () => {
    const codes = [-2, -1, 0, 1, 2].map(codeAt);
    expect(new Set(codes).size).toBe(5);
  });

  it('accepts the previous and next step and reports which step matched', () => {
    expect(matchTotp(RFC_SECRET, codeAt(-1), now)).toBe(step - 1);
    expect(matchTotp(RFC_SECRET, codeAt(0), now)).toBe(step);
    expect(matchTotp(RFC_SECRET, codeAt(1), now)).toBe(step + 1);
  });

  it('refuses codes two steps away in either direction', () => {
    expect(matchTotp(RFC_SECRET, codeAt(-2), now)).toBeNull();
    expect(matchTotp(RFC_SECRET, codeAt(2), now)).toBeNull();
    expect(checkTotp(RFC_SECRET, codeAt(2), now)).toEqual({ result: 'MISMATCH' });
  });

  it('step-1 code 287082 is accepted at t=89 (step 2) and refused at t=90 (step 3)', () => {
    expect(matchTotp(RFC_SECRET, '287082', at(89))).toBe(1);
    expect(matchTotp(RFC_SECRET, '287082', at(90))).toBeNull();
  });

  it('step 0 code is accepted at t=0 without looking at a negative step', () => {
    const code0 = totpCodeForStep(RFC_SECRET, 0);
    expect(matchTotp(RFC_SECRET, code0, 0)).toBe(0);
    expect(matchTotp(RFC_SECRET, totpCodeForStep(RFC_SECRET, 1), 0)).toBe(1);
  });

  it('time comes only from nowMs: a code for 2001 is refused "now" and accepted at its moment', () => {
    const code = totpCode(RFC_SECRET, at(1_000_000_000));
    expect(matchTotp(RFC_SECRET, code, at(1_000_000_000))).toBe(Math.floor(1_000_000_000 / 30));
    expect(matchTotp(RFC_SECRET, code, at(1_000_000_000 + 90))).toBeNull();
  });
});

describe('replay protection (lastUsedStep)', () => {
  const now = at(1111111109);
  const step = Math.floor(1111111109 / 30);
  const codeAt = (offset: number) => totpCodeForStep(RFC_SECRET, step + offset);

  it('the same step is refused once it was used, but accepted when replay protection is off', () => {
    const used = matchTotp(RFC_SECRET, codeAt(0), now, null);
    expect(used).toBe(step);
    expect(matchTotp(RFC_SECRET, codeAt(0), now, used)).toBeNull();
    expect(checkTotp(RFC_SECRET, codeAt(0), now, used)).toEqual({ result: 'REUSED', step });
    expect(matchTotp(RFC_SECRET, codeAt(0), now, undefined)).toBe(step);
    expect(matchTotp(RFC_SECRET, codeAt(0), now + 29_000, used)).toBeNull(); // later in the same window
  });

  it('the next step is accepted after the current one was used', () => {
    expect(matchTotp(RFC_SECRET, codeAt(1), now, step)).toBe(step + 1);
    expect(matchTotp(RFC_SECRET, codeAt(0), now + 30_000, step)).toBeNull();
    expect(matchTotp(RFC_SECRET, codeAt(1), now + 30_000, step)).toBe(step + 1);
  });

  it('an earlier step is refused after a later one was used, even inside the skew window', () => {
    // next-step code used first (client clock ahead), then the current and previous ones
    expect(matchTotp(RFC_SECRET, codeAt(1), now, null)).toBe(step + 1);
    expect(matchTotp(RFC_SECRET, codeAt(0), now, step + 1)).toBeNull();
    expect(matchTotp(RFC_SECRET, codeAt(-1), now, step + 1)).toBeNull();
    expect(checkTotp(RFC_SECRET, codeAt(-1), now, step + 1)).toEqual({ result: 'REUSED', step: step - 1 });
  });

  it('a code that two adjacent steps share matches the earliest step not yet used', () => {
    // Found by search: this secret yields 013024 at both step 56666666 and step 56666667.
    const secret = 'AAAAAAAAAAAAAAAAAAAAAAAAAAABYE44';
    const first = 56_666_666;
    const shared = totpCodeForStep(secret, first);
    expect(shared).toBe('013024');
    expect(totpCodeForStep(secret, first + 1)).toBe('013024');
    expect(authenticator.clone({ epoch: first * 30_000, window: 0 }).generate(secret)).toBe('013024');
    const now = first * 30_000;
    expect(matchTotp(secret, shared, now, null)).toBe(first);
    expect(matchTotp(secret, shared, now, first)).toBe(first + 1);
    expect(checkTotp(secret, shared, now, first + 1)).toEqual({ result: 'REUSED', step: first + 1 });
  });

  it('a wrong code with a lastUsedStep is still a mismatch, not a replay', () => {
    expect(checkTotp(RFC_SECRET, codeAt(2), now, step)).toEqual({ result: 'MISMATCH' });
  });
});

describe('malformed user codes', () => {
  const now = at(59);
  it.each([
    ['empty', ''],
    ['5 digits', '28708'],
    ['7 digits', '2870820'],
    ['leading space', ' 287082'],
    ['trailing newline', '287082\n'],
    ['letter', '28708a'],
    ['sign', '-87082'],
    ['fullwidth digits', '２８７０８２'],
    ['decimal point', '28708.'],
  ])('%s (%j) is refused', (_label, code) => {
    expect(matchTotp(RFC_SECRET, code, now)).toBeNull();
    expect(checkTotp(RFC_SECRET, code, now)).toEqual({ result: 'MISMATCH' });
  });

  it('the well-formed code is accepted at the same moment (control)', () => {
    expect(matchTotp(RFC_SECRET, '287082', now)).toBe(1);
  });

  it('the 8-digit RFC value is refused; only its last 6 digits are the code', () => {
    expect(matchTotp(RFC_SECRET, '94287082', now)).toBeNull();
  });
});

describe('SecretCode format', () => {
  it('a new SecretCode is 52 upper-case base32 chars, fits the model pattern, decodes to 32 bytes', () => {
    const secret = newSecretCode();
    expect(secret).toMatch(/^[A-Z2-7]{52}$/);
    expect(secret).toMatch(MODEL_SECRET_CODE_PATTERN);
    expect(secret.length).toBeGreaterThanOrEqual(16);
    expect(decodeSecretCode(secret)).toHaveLength(32);
    expect(encodeSecretCode(decodeSecretCode(secret))).toBe(secret);
  });

  it('two new SecretCodes differ', () => {
    expect(newSecretCode()).not.toBe(newSecretCode());
  });

  it('uses the injected random source and keeps bytes >= 0x80 (otplib generateSecret would not)', () => {
    const ff = newSecretCode((size) => Buffer.alloc(size, 0xff));
    expect(ff).toBe('7'.repeat(51) + 'Q');
    expect([...decodeSecretCode(ff)]).toEqual(new Array(32).fill(0xff));
    const zero = newSecretCode((size) => Buffer.alloc(size, 0));
    expect(zero).toBe('A'.repeat(52));
  });

  it('refuses a random source of the wrong size', () => {
    expect(() => newSecretCode(() => Buffer.alloc(16))).toThrow(RangeError);
  });

  it.each([
    ['f', 'MY'],
    ['fo', 'MZXQ'],
    ['foo', 'MZXW6'],
    ['foob', 'MZXW6YQ'],
    ['fooba', 'MZXW6YTB'],
    ['foobar', 'MZXW6YTBOI'],
  ])('RFC 4648 vector %j <-> %s (padding dropped on encode, optional on decode)', (plain, encoded) => {
    expect(encodeSecretCode(Buffer.from(plain, 'ascii'))).toBe(encoded);
    expect(decodeSecretCode(encoded).toString('ascii')).toBe(plain);
    const padded = encoded + '='.repeat((8 - (encoded.length % 8)) % 8);
    expect(decodeSecretCode(padded).toString('ascii')).toBe(plain);
    expect(decodeSecretCode(encoded.toLowerCase()).toString('ascii')).toBe(plain);
  });

  it.each(['', 'GEZDGNBV0Y3TQOJQ', 'GEZDGNBV1Y3TQOJQ', 'GEZDGNBV8Y3TQOJQ', 'GEZD GNBV', 'GEZD=GNBV'])(
    'a non-base32 secret %j throws instead of silently mismatching',
    (secret) => {
      expect(() => decodeSecretCode(secret)).toThrow(TypeError);
      expect(() => matchTotp(secret, '123456', at(59))).toThrow(TypeError);
    },
  );

  it('codes for a new secret agree with otplib authenticator (independent base32 + TOTP path)', () => {
    const secret = newSecretCode();
    for (const seconds of [0, 59, 1111111109, 1_700_000_000, 2000000000]) {
      const reference = authenticator.clone({ epoch: at(seconds), window: 0 }).generate(secret);
      expect(totpCode(secret, at(seconds))).toBe(reference);
      expect(matchTotp(secret, reference, at(seconds))).toBe(Math.floor(seconds / 30));
    }
  });
});

describe('otpauthUri', () => {
  it('builds the key URI in the shape Amplify setUpTOTP().getSetupUri produces, percent-encoded', () => {
    expect(otpauthUri({ issuer: 'My App', accountName: 'alice@example.com', secretCode: RFC_SECRET })).toBe(
      'otpauth://totp/My%20App:alice%40example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=My%20App',
    );
  });
});
