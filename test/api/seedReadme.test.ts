/**
 * The README's seed example, as written: the YAML block under "## Seed file (`kognito.seed.yaml`)" is
 * saved as kognito.seed.yaml and given to the built `kognito --seed`; every user it declares behaves
 * as the README says. The error line the README quotes is what kognito prints for that mistake.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHmac } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  AdminInitiateAuthCommand,
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { README, blocksOf } from '../support/readme.js';
import { startKognito } from '../../src/index.js';
import { totpCode } from '../../src/domain/totp.js';
import { expectSdkError } from '../support/server.js';

const CLI = fileURLToPath(new URL('../../dist/src/cli.js', import.meta.url));
const [example] = blocksOf(README, 'Seed file (`kognito.seed.yaml`)').filter((b) => b.lang === 'yaml');
const scratch = mkdtempSync(join(tmpdir(), 'kognito-seed-readme-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function runCli(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: scratch, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stderr })));
}

describe('the README seed example', () => {
  it('is a YAML block', () => {
    expect(example?.lang).toBe('yaml');
  });

  it('creates what it says: jane signs in, totp-user answers TOTP, pending is unconfirmed, invited must choose a password', async () => {
    writeFileSync(join(scratch, 'kognito.seed.yaml'), example.code);
    const k = await startKognito({ seed: join(scratch, 'kognito.seed.yaml') });
    const sdk = new CognitoIdentityProviderClient({ endpoint: k.url, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 });
    try {
      const ClientId = 'web0client0id0for0tests0';
      const auth = (USERNAME: string, PASSWORD = 'Passw0rd!') => sdk.send(new InitiateAuthCommand({ ClientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME, PASSWORD } }));
      // Usernames are case-insensitive in this pool (UsernameConfiguration).
      const jane = (await auth('JANE')).AuthenticationResult!;
      const claims = JSON.parse(Buffer.from(jane.IdToken!.split('.')[1], 'base64url').toString());
      expect(claims).toMatchObject({ 'cognito:username': 'jane', 'cognito:groups': ['admins'], email: 'jane@example.com', email_verified: true, name: 'Jane Doe', iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Example1' });

      const challenged = await auth('totp-user');
      expect(challenged.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
      const seed = parse(example.code);
      const secret = seed.UserPools[0].Users[1].TotpSecret;
      const done = await sdk.send(
        new RespondToAuthChallengeCommand({ ClientId, ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: challenged.Session, ChallengeResponses: { USERNAME: 'totp-user', SOFTWARE_TOKEN_MFA_CODE: totpCode(secret, Date.now()) } }),
      );
      expect(done.AuthenticationResult?.AccessToken).toBeTruthy();

      await expectSdkError(sdk, new InitiateAuthCommand({ ClientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'pending', PASSWORD: 'Passw0rd!' } }), 'UserNotConfirmedException', 'User is not confirmed.');
      expect((await auth('invited', 'Temp0rary!')).ChallengeName).toBe('NEW_PASSWORD_REQUIRED');

      const backend = seed.UserPools[0].Clients[1];
      const secretHash = createHmac('sha256', backend.ClientSecret).update(`jane${backend.ClientId}`).digest('base64');
      const admin = await sdk.send(
        new AdminInitiateAuthCommand({ UserPoolId: 'us-east-1_Example1', ClientId: backend.ClientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'jane', PASSWORD: 'Passw0rd!', SECRET_HASH: secretHash } }),
      );
      expect(admin.AuthenticationResult?.TokenType).toBe('Bearer');
    } finally {
      sdk.destroy();
      await k.stop();
    }
  });

  it('with the mistake the README shows, kognito --seed prints the README line and exits 1', async () => {
    const quoted = /`(kognito: seed file kognito\.seed\.yaml: [^`]+)`/.exec(README.replace(/\n/g, ' '))?.[1];
    expect(quoted).toBeDefined();
    writeFileSync(join(scratch, 'kognito.seed.yaml'), example.code.replace(/(Username: totp-user\n(\s+)Password: Passw0rd!\n)/, '$1$2Status: ACTIVE\n'));
    const { code, stderr } = await runCli(['--seed', 'kognito.seed.yaml', '--port', '0', '--data-dir', ':memory:']);
    expect(code).toBe(1);
    expect(stderr).toBe(`${quoted}\n`);
  });
});
