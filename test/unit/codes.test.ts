/** Confirmation codes (src/domain/codes.ts): masking, delivery target, expiry, superseding, attempt limit. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServer, type KognitoServer } from '../../src/server.js';
import { defaultConfig } from '../../src/config.js';
import {
  CONFIRMATION_CODE_VALIDITY_MS,
  MAX_FAILED_CODE_ATTEMPTS,
  checkCode,
  deliveryTarget,
  maskDestination,
  sendCode,
} from '../../src/domain/codes.js';
import createUserPool from '../../src/operations/pools/createUserPool.js';
import createUserPoolClient from '../../src/operations/clients/createUserPoolClient.js';
import signUp from '../../src/operations/signUp/signUp.js';
import { CognitoError } from '../../src/protocol/errors.js';
import type { UserPool } from '../../src/store/userPools.js';
import type { User } from '../../src/store/users.js';

let server: KognitoServer;
let pool: UserPool;
let user: User;

beforeEach(async () => {
  server = createServer({ ...defaultConfig, dataDir: ':memory:', logLevel: 'silent' });
  const ctx = server.ctx;
  const created = await createUserPool({ PoolName: 'p', AutoVerifiedAttributes: ['email', 'phone_number'] }, ctx, { region: 'us-east-1' });
  const client = createUserPoolClient({ UserPoolId: created.UserPool.Id, ClientName: 'c' }, ctx);
  await signUp(
    {
      ClientId: client.UserPoolClient.ClientId,
      Username: 'ana',
      Password: 'Passw0rd!',
      UserAttributes: [{ Name: 'email', Value: 'ana@example.com' }],
    },
    ctx,
    { region: 'us-east-1' },
  );
  pool = ctx.store.userPools.get(created.UserPool.Id)!;
  user = ctx.store.users.byUsernameKey(pool.id, 'ana')!;
});
afterEach(() => server.close());

const outbox = () => server.ctx.store.outbox.list({ userPoolId: pool.id, username: 'ana' });
const send = () => {
  sendCode(server.ctx, pool, user, 'SIGN_UP', 'RESEND_CODE', { attributeName: 'email', address: 'ana@example.com' });
  return outbox().at(-1)!.code;
};
const failure = (fn: () => unknown): CognitoError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof CognitoError) return error;
    throw error;
  }
  throw new Error('expected a CognitoError');
};

describe('masking the destination', () => {
  it('shows the first letters of the local part and the domain of an email', () => {
    expect(maskDestination('email', 'ana@example.com')).toBe('a***@e***');
    expect(maskDestination('email', 'Z@x.io')).toBe('Z***@x***');
  });

  it('shows a phone number as + then stars and its last 4 digits', () => {
    expect(maskDestination('phone_number', '+15555550123')).toBe('+*******0123');
    expect(maskDestination('phone_number', '+4915112345678')).toBe('+*********5678');
  });
});

describe('where a code goes', () => {
  it('goes by SMS when phone and email are both auto-verified and present', () => {
    expect(deliveryTarget(pool, { ...user, attributes: { email: 'a@b.c', phone_number: '+15555550123' } })).toEqual({
      attributeName: 'phone_number',
      address: '+15555550123',
    });
  });

  it('goes by email when the user has no phone, and nowhere when the pool auto-verifies nothing', () => {
    expect(deliveryTarget(pool, user)).toEqual({ attributeName: 'email', address: 'ana@example.com' });
    const plain = { ...pool, description: { ...pool.description, AutoVerifiedAttributes: [] } };
    expect(deliveryTarget(plain, user)).toBeUndefined();
  });
});

describe('checking a code', () => {
  it('sends 6 digits to the outbox and accepts them, returning the attribute it verifies', () => {
    const code = outbox()[0].code;
    expect(code).toMatch(/^\d{6}$/);
    expect(outbox()[0]).toMatchObject({ kind: 'SIGN_UP', deliveryMedium: 'EMAIL', destination: 'ana@example.com' });
    expect(checkCode(server.ctx, pool, user, 'SIGN_UP', code).attributeName).toBe('email');
  });

  it('keeps no plain code at rest', () => {
    const code = outbox()[0].code;
    const { codes } = server.ctx.store.db.prepare("SELECT codes FROM users WHERE username = 'ana'").get() as { codes: string };
    expect(JSON.parse(codes).SIGN_UP.codeHash).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(codes).not.toContain(`"${code}"`);
    expect(codes).not.toContain(`:${code}`);
  });

  it('accepts a code 1 s before 24 h and refuses it as expired 1 s after', () => {
    const code = outbox()[0].code;
    server.ctx.clock.advance(CONFIRMATION_CODE_VALIDITY_MS / 1000 - 1);
    expect(checkCode(server.ctx, pool, user, 'SIGN_UP', code)).toBeDefined();
    server.ctx.clock.advance(2);
    const error = failure(() => checkCode(server.ctx, pool, user, 'SIGN_UP', code));
    expect([error.type, error.message]).toEqual(['ExpiredCodeException', 'Invalid code provided, please request a code again.']);
  });

  it('answers a code replaced by a newer one as expired, and accepts the newer one', () => {
    const old = outbox()[0].code;
    let fresh = send();
    while (fresh === old) fresh = send();
    expect(failure(() => checkCode(server.ctx, pool, user, 'SIGN_UP', old)).type).toBe('ExpiredCodeException');
    expect(checkCode(server.ctx, pool, user, 'SIGN_UP', fresh)).toBeDefined();
  });

  it('answers ExpiredCodeException when no code was ever sent', () => {
    delete user.codes.SIGN_UP;
    server.ctx.store.users.update(user);
    expect(failure(() => checkCode(server.ctx, pool, user, 'SIGN_UP', '123456')).type).toBe('ExpiredCodeException');
  });

  it(`locks after ${MAX_FAILED_CODE_ATTEMPTS} wrong codes, even against the right one, until a new code is sent`, () => {
    const code = outbox()[0].code;
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < MAX_FAILED_CODE_ATTEMPTS; i++) {
      const error = failure(() => checkCode(server.ctx, pool, user, 'SIGN_UP', wrong));
      expect([error.type, error.message]).toEqual(['CodeMismatchException', 'Invalid verification code provided, please try again.']);
    }
    const locked = failure(() => checkCode(server.ctx, pool, user, 'SIGN_UP', code));
    expect([locked.type, locked.message]).toEqual(['LimitExceededException', 'Attempt limit exceeded, please try after some time.']);
    const fresh = send();
    expect(checkCode(server.ctx, pool, user, 'SIGN_UP', fresh)).toBeDefined();
  });
});
