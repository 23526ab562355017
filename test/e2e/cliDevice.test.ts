/**
 * The aws CLI (v1) remembering a device: initiate-auth gives NewDeviceMetadata, confirm-device
 * takes a verifier computed here, list-devices / admin-list-devices / forget-device see it.
 * This is the "## Devices" example of the README, command for command.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aws, hasAwsCli, startServer, type TestServer } from '../support/server.js';
import { PROGRAMS_TEST_TIMEOUT_MS } from '../support/programs.js';
import { generateDeviceVerifier } from '../support/srpClient.js';

const cliPresent = await hasAwsCli();
if (!cliPresent) console.warn('cliDevice.test.ts skipped: the aws CLI is not installed on this machine');

let t: TestServer;
beforeAll(async () => {
  t = await startServer();
});
afterAll(() => t.close());

async function cli(args: string[]) {
  const result = await aws(t.url, ['cognito-idp', ...args, '--output', 'json']);
  return { ...result, json: result.stdout ? JSON.parse(result.stdout) : undefined };
}

describe.skipIf(!cliPresent)('aws cognito-idp with devices', { timeout: PROGRAMS_TEST_TIMEOUT_MS }, () => {
  it('initiate-auth -> confirm-device -> list-devices -> admin-list-devices -> forget-device', async () => {
    const created = await cli([
      'create-user-pool', '--pool-name', 'devices',
      '--device-configuration', 'ChallengeRequiredOnNewDevice=true,DeviceOnlyRememberedOnUserPrompt=false',
    ]);
    const userPoolId: string = created.json.UserPool.Id;
    expect(created.json.UserPool.DeviceConfiguration).toEqual({ ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false });
    const client = await cli([
      'create-user-pool-client', '--user-pool-id', userPoolId, '--client-name', 'cli',
      '--explicit-auth-flows', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH',
    ]);
    const clientId: string = client.json.UserPoolClient.ClientId;
    expect((await cli(['sign-up', '--client-id', clientId, '--username', 'carol', '--password', 'Passw0rd!'])).code).toBe(0);
    expect((await cli(['admin-confirm-sign-up', '--user-pool-id', userPoolId, '--username', 'carol'])).code).toBe(0);

    const signedIn = await cli(['initiate-auth', '--client-id', clientId, '--auth-flow', 'USER_PASSWORD_AUTH', '--auth-parameters', 'USERNAME=carol,PASSWORD=Passw0rd!']);
    expect(signedIn.code).toBe(0);
    const { AccessToken, NewDeviceMetadata } = signedIn.json.AuthenticationResult;
    const { DeviceKey, DeviceGroupKey } = NewDeviceMetadata;
    expect(DeviceKey).toMatch(/^us-east-1_[0-9a-f-]{36}$/);

    const verifier = generateDeviceVerifier(DeviceGroupKey, DeviceKey);
    const confirmed = await cli([
      'confirm-device',
      '--access-token', AccessToken,
      '--device-key', DeviceKey,
      '--device-name', 'my-laptop',
      '--device-secret-verifier-config', JSON.stringify({ PasswordVerifier: verifier.PasswordVerifier, Salt: verifier.Salt }),
    ]);
    expect(confirmed.code).toBe(0);
    expect(confirmed.json).toEqual({ UserConfirmationNecessary: false });

    const again = await cli([
      'confirm-device',
      '--access-token', AccessToken,
      '--device-key', DeviceKey,
      '--device-secret-verifier-config', JSON.stringify({ PasswordVerifier: verifier.PasswordVerifier, Salt: verifier.Salt }),
    ]);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('DeviceKeyExistsException');

    const listed = await cli(['list-devices', '--access-token', AccessToken]);
    expect(listed.code).toBe(0);
    expect(listed.json.Devices).toHaveLength(1);
    expect(listed.json.Devices[0].DeviceKey).toBe(DeviceKey);
    expect(listed.json.Devices[0].DeviceAttributes).toContainEqual({ Name: 'device_name', Value: 'my-laptop' });

    const adminListed = await cli(['admin-list-devices', '--user-pool-id', userPoolId, '--username', 'carol']);
    expect(adminListed.json.Devices.map((d: { DeviceKey: string }) => d.DeviceKey)).toEqual([DeviceKey]);

    const forgotten = await cli(['forget-device', '--access-token', AccessToken, '--device-key', DeviceKey]);
    expect(forgotten.code).toBe(0);
    const gone = await cli(['get-device', '--access-token', AccessToken, '--device-key', DeviceKey]);
    expect(gone.code).not.toBe(0);
    expect(gone.stderr).toContain('ResourceNotFoundException');
    expect(gone.stderr).toContain('Device does not exist.');
  });
});
