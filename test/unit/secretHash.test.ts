/** SecretHash (spec C.3): our HMAC against an independent computation with @aws-crypto/sha256-js, as the SDKs do it. */
import { Sha256 } from '@aws-crypto/sha256-js';
import { describe, expect, it } from 'vitest';
import { secretHash } from '../../src/domain/appClients.js';

/** How amazon-cognito-identity-js / Amplify compute it: HMAC via the pure-JS SHA-256 with the secret as key. */
async function sdkSecretHash(secret: string, username: string, clientId: string): Promise<string> {
  const hash = new Sha256(secret);
  hash.update(username + clientId);
  return Buffer.from(await hash.digest()).toString('base64');
}

describe('secretHash', () => {
  it('matches the spec C.3 test vector', () => {
    expect(secretHash('secret123', 'alice', 'client1')).toBe('kcku81+asLyzOajatfz2LSHVdH28l80U0VVfOZh5wCk=');
  });

  it('the independent @aws-crypto/sha256-js computation gives the same vector', async () => {
    expect(await sdkSecretHash('secret123', 'alice', 'client1')).toBe('kcku81+asLyzOajatfz2LSHVdH28l80U0VVfOZh5wCk=');
  });

  it('agrees with the SDK computation for unicode usernames, emails and long secrets', async () => {
    const cases: [string, string, string][] = [
      ['s'.repeat(51), 'ana@example.com', 'abcdefghijklmnopqrstuvwxyz'],
      ['7h1s1s4s3cr3t', 'Zoë😀', 'client+id'],
      ['x', '+15555550123', 'c'],
    ];
    for (const [secret, username, clientId] of cases) {
      expect(secretHash(secret, username, clientId)).toBe(await sdkSecretHash(secret, username, clientId));
    }
  });

  it('depends on the username case and on the client id', () => {
    const base = secretHash('secret123', 'alice', 'client1');
    expect(secretHash('secret123', 'Alice', 'client1')).not.toBe(base);
    expect(secretHash('secret123', 'alice', 'client2')).not.toBe(base);
  });
});
