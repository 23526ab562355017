/**
 * The README's "MFA (TOTP) walk-through", run with the real aws CLI (v1) against a listening kognito:
 * associate-software-token -> verify-software-token -> set-user-mfa-preference -> initiate-auth ->
 * SOFTWARE_TOKEN_MFA -> respond-to-auth-challenge -> tokens. The authenticator app is played by
 * totpCode() on the server's clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aws, hasAwsCli, startServer, type TestServer } from '../support/server.js';
import { PROGRAMS_TEST_TIMEOUT_MS } from '../support/programs.js';
import { freshCode, wrongCode } from '../support/mfaUsers.js';

const cliPresent = await hasAwsCli();
if (!cliPresent) console.warn('cliMfa.test.ts skipped: the aws CLI is not installed on this machine');

let t: TestServer;
beforeAll(async () => {
  t = await startServer();
});
afterAll(() => t.close());

/** Runs `aws cognito-idp <args>` and parses its JSON output; fails the test with stderr otherwise. */
async function idp(...args: string[]): Promise<any> {
  const result = await aws(t.url, ['cognito-idp', ...args, '--output', 'json']);
  if (result.code !== 0) throw new Error(`aws cognito-idp ${args[0]} exited ${result.code}: ${result.stderr}`);
  return result.stdout.trim() ? JSON.parse(result.stdout) : {};
}

/** `aws cognito-idp <args> --query <query> --output text`, as the README's shell lines capture values. */
async function idpQuery(query: string, ...args: string[]): Promise<string> {
  const result = await aws(t.url, ['cognito-idp', ...args, '--query', query, '--output', 'text']);
  if (result.code !== 0) throw new Error(`aws cognito-idp ${args[0]} exited ${result.code}: ${result.stderr}`);
  return result.stdout.trim();
}

/** A pool, a client allowing USER_PASSWORD_AUTH and the confirmed user ana, all through the CLI. */
async function poolWithAna(): Promise<{ poolId: string; clientId: string }> {
  const pool = await idp('create-user-pool', '--pool-name', 'mfa-walkthrough');
  const poolId: string = pool.UserPool.Id;
  const client = await idp(
    'create-user-pool-client',
    '--user-pool-id', poolId,
    '--client-name', 'cli',
    '--explicit-auth-flows', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH',
  );
  const clientId: string = client.UserPoolClient.ClientId;
  await idp('sign-up', '--client-id', clientId, '--username', 'ana', '--password', 'Passw0rd!');
  await idp('admin-confirm-sign-up', '--user-pool-id', poolId, '--username', 'ana');
  return { poolId, clientId };
}

const PASSWORD_AUTH = ['--auth-flow', 'USER_PASSWORD_AUTH', '--auth-parameters', 'USERNAME=ana,PASSWORD=Passw0rd!'];

describe.skipIf(!cliPresent)('aws cli: TOTP MFA end to end', { timeout: PROGRAMS_TEST_TIMEOUT_MS }, () => {
  it('sets up TOTP with an access token and signs in with SOFTWARE_TOKEN_MFA', async () => {
    const { poolId, clientId } = await poolWithAna();

    // The walk-through, command by command.
    const config = await idp(
      'set-user-pool-mfa-config',
      '--user-pool-id', poolId,
      '--software-token-mfa-configuration', 'Enabled=true',
      '--mfa-configuration', 'OPTIONAL',
    );
    expect(config).toEqual({ SoftwareTokenMfaConfiguration: { Enabled: true }, MfaConfiguration: 'OPTIONAL' });

    const accessToken = await idpQuery('AuthenticationResult.AccessToken', 'initiate-auth', '--client-id', clientId, ...PASSWORD_AUTH);

    const associated = await idp('associate-software-token', '--access-token', accessToken);
    const secretCode: string = associated.SecretCode;
    expect(secretCode).toMatch(/^[A-Z2-7]{52}$/);

    const wrong = await aws(t.url, ['cognito-idp', 'verify-software-token', '--access-token', accessToken, '--user-code', wrongCode(t, secretCode)]);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toMatch(/\(EnableSoftwareTokenMFAException\) when calling the VerifySoftwareToken operation.*: Code mismatch and fail enable Software Token MFA$/m);

    const verified = await idp('verify-software-token', '--access-token', accessToken, '--user-code', await freshCode(t, secretCode), '--friendly-device-name', 'phone');
    expect(verified).toEqual({ Status: 'SUCCESS' });

    await idp('set-user-mfa-preference', '--access-token', accessToken, '--software-token-mfa-settings', 'Enabled=true,PreferredMfa=true');
    const user = await idp('get-user', '--access-token', accessToken);
    expect(user.UserMFASettingList).toEqual(['SOFTWARE_TOKEN_MFA']);
    expect(user.PreferredMfaSetting).toBe('SOFTWARE_TOKEN_MFA');

    const challenged = await idp('initiate-auth', '--client-id', clientId, ...PASSWORD_AUTH);
    expect(challenged.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    expect(challenged.ChallengeParameters).toEqual({ FRIENDLY_DEVICE_NAME: 'phone', USER_ID_FOR_SRP: 'ana' });
    const session = await idpQuery('Session', 'initiate-auth', '--client-id', clientId, ...PASSWORD_AUTH);

    // A code is accepted once: the app's next code, one time step later.
    const code = await freshCode(t, secretCode);
    const done = await idp(
      'respond-to-auth-challenge',
      '--client-id', clientId,
      '--challenge-name', 'SOFTWARE_TOKEN_MFA',
      '--session', session,
      '--challenge-responses', `USERNAME=ana,SOFTWARE_TOKEN_MFA_CODE=${code}`,
    );
    expect(done.ChallengeParameters).toEqual({});
    expect(done.AuthenticationResult.TokenType).toBe('Bearer');
    expect(done.AuthenticationResult.AccessToken).toBeTruthy();
    expect(done.AuthenticationResult.RefreshToken).toBeTruthy();

    // The same code again, on a new sign-in, is refused as already used.
    const second = await idp('initiate-auth', '--client-id', clientId, ...PASSWORD_AUTH);
    const replay = await aws(t.url, [
      'cognito-idp', 'respond-to-auth-challenge',
      '--client-id', clientId,
      '--challenge-name', 'SOFTWARE_TOKEN_MFA',
      '--session', second.Session,
      '--challenge-responses', `USERNAME=ana,SOFTWARE_TOKEN_MFA_CODE=${code}`,
    ]);
    expect(replay.code).not.toBe(0);
    expect(replay.stderr).toMatch(/\(ExpiredCodeException\) when calling the RespondToAuthChallenge operation.*: Your software token has already been used once\.$/m);
  });

  it('pool MFA ON: MFA_SETUP answered with associate/verify --session, then respond MFA_SETUP gives tokens', async () => {
    const { poolId, clientId } = await poolWithAna();
    await idp('set-user-pool-mfa-config', '--user-pool-id', poolId, '--software-token-mfa-configuration', 'Enabled=true', '--mfa-configuration', 'ON');
    const started = await idp('initiate-auth', '--client-id', clientId, ...PASSWORD_AUTH);
    expect(started.ChallengeName).toBe('MFA_SETUP');
    expect(started.ChallengeParameters.MFAS_CAN_SETUP).toBe('["SOFTWARE_TOKEN_MFA"]');
    const associated = await idp('associate-software-token', '--session', started.Session);
    const verified = await idp('verify-software-token', '--session', associated.Session, '--user-code', await freshCode(t, associated.SecretCode));
    expect(verified.Status).toBe('SUCCESS');
    const done = await idp(
      'respond-to-auth-challenge',
      '--client-id', clientId,
      '--challenge-name', 'MFA_SETUP',
      '--session', verified.Session,
      '--challenge-responses', 'USERNAME=ana',
    );
    expect(done.AuthenticationResult.AccessToken).toBeTruthy();
  });
});
