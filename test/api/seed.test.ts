/**
 * The seed: pools, clients (fixed ids and secrets) and users (status, attributes, TOTP secret) created
 * through the API operations at start-up, again after a reset, never twice on the same data directory;
 * a bad seed refused with the file, the path inside it and what is wrong. Also the pool tags that fix
 * ids for tools creating pools through the API (Terraform, CDK).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolClientCommand,
  GetUserPoolMfaConfigCommand,
  InitiateAuthCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
  ListUsersCommand,
  RespondToAuthChallengeCommand,
  SetUserPoolMfaConfigCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { startKognito, type Kognito, type Seed } from '../../src/index.js';
import { totpCode } from '../../src/domain/totp.js';
import { expectSdkError, sdkFailure } from '../support/server.js';

const scratch = mkdtempSync(join(tmpdir(), 'kognito-seed-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const SEED: Seed = {
  UserPools: [
    {
      Id: 'eu-west-1_Seeded1',
      PoolName: 'seeded',
      AutoVerifiedAttributes: ['email'],
      MfaConfig: { SoftwareTokenMfaConfiguration: { Enabled: true }, MfaConfiguration: 'OPTIONAL' },
      Clients: [
        { ClientName: 'web', ClientId: 'web0seeded0client0id000000', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] },
        {
          ClientName: 'backend',
          ClientId: 'backend0seeded0client0id00',
          ClientSecret: 'backend0secret0000000000000000000000000000000000000',
          ExplicitAuthFlows: ['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        },
      ],
      Users: [
        { Username: 'jane', Password: 'Passw0rd!', Attributes: { email: 'jane@example.com', email_verified: 'true' } },
        { Username: 'totp', Password: 'Passw0rd!', TotpSecret: TOTP_SECRET },
        { Username: 'newbie', Password: 'Passw0rd!', Status: 'UNCONFIRMED', Attributes: { email: 'newbie@example.com' } },
        { Username: 'invited', Password: 'Temp0rary!', Status: 'FORCE_CHANGE_PASSWORD' },
      ],
    },
    { PoolName: 'no-fixed-id', Clients: [{ ClientName: 'plain' }] },
  ],
};

function sdkFor(k: Kognito) {
  return new CognitoIdentityProviderClient({ endpoint: k.url, region: 'eu-west-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 });
}

async function withKognito<T>(options: Parameters<typeof startKognito>[0], body: (k: Kognito, sdk: CognitoIdentityProviderClient) => Promise<T>): Promise<T> {
  const k = await startKognito(options);
  const sdk = sdkFor(k);
  try {
    return await body(k, sdk);
  } finally {
    sdk.destroy();
    await k.stop();
  }
}

const passwordAuth = (Username: string, Password = 'Passw0rd!') =>
  new InitiateAuthCommand({ ClientId: 'web0seeded0client0id000000', AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: Username, PASSWORD: Password } });

describe('a seed applied at start-up', () => {
  it('creates the pool with its fixed id, region and MFA settings, and the clients with fixed ids and secret', async () => {
    await withKognito({ seed: SEED }, async (_k, sdk) => {
      const mfa = await sdk.send(new GetUserPoolMfaConfigCommand({ UserPoolId: 'eu-west-1_Seeded1' }));
      expect(mfa).toMatchObject({ MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } });
      const backend = (await sdk.send(new DescribeUserPoolClientCommand({ UserPoolId: 'eu-west-1_Seeded1', ClientId: 'backend0seeded0client0id00' }))).UserPoolClient!;
      expect(backend).toMatchObject({ ClientName: 'backend', ClientSecret: 'backend0secret0000000000000000000000000000000000000' });
      const pools = (await sdk.send(new ListUserPoolsCommand({ MaxResults: 10 }))).UserPools!;
      expect(pools.map((p) => p.Name).sort()).toEqual(['no-fixed-id', 'seeded']);
      expect(pools.find((p) => p.Name === 'no-fixed-id')!.Id).toMatch(/^us-east-1_[0-9A-Za-z]{9}$/);
      // The iss names the region of the fixed id.
      const tokens = (await sdk.send(passwordAuth('jane'))).AuthenticationResult!;
      const payload = JSON.parse(Buffer.from(tokens.IdToken!.split('.')[1], 'base64url').toString());
      expect(payload).toMatchObject({ iss: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Seeded1', email: 'jane@example.com', email_verified: true });
    });
  });

  it('gives users their status and password: CONFIRMED signs in, UNCONFIRMED is refused, FORCE_CHANGE_PASSWORD is challenged', async () => {
    await withKognito({ seed: SEED }, async (_k, sdk) => {
      const users = (await sdk.send(new ListUsersCommand({ UserPoolId: 'eu-west-1_Seeded1' }))).Users!;
      expect(Object.fromEntries(users.map((u) => [u.Username, u.UserStatus]))).toEqual({
        jane: 'CONFIRMED',
        totp: 'CONFIRMED',
        newbie: 'UNCONFIRMED',
        invited: 'FORCE_CHANGE_PASSWORD',
      });
      await expectSdkError(sdk, passwordAuth('newbie'), 'UserNotConfirmedException', 'User is not confirmed.');
      await expectSdkError(sdk, passwordAuth('jane', 'wrong'), 'NotAuthorizedException', 'Incorrect username or password.');
      expect((await sdk.send(passwordAuth('invited', 'Temp0rary!'))).ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
      // The client with a secret: admin sign-in with its SECRET_HASH.
      const { createHmac } = await import('node:crypto');
      const secretHash = createHmac('sha256', 'backend0secret0000000000000000000000000000000000000').update('janebackend0seeded0client0id00').digest('base64');
      const admin = await sdk.send(
        new AdminInitiateAuthCommand({
          UserPoolId: 'eu-west-1_Seeded1',
          ClientId: 'backend0seeded0client0id00',
          AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: 'jane', PASSWORD: 'Passw0rd!', SECRET_HASH: secretHash },
        }),
      );
      expect(admin.AuthenticationResult?.AccessToken).toBeTruthy();
    });
  });

  it('gives a TOTP user a verified, preferred token with the fixed secret: the code of the moment answers SOFTWARE_TOKEN_MFA', async () => {
    await withKognito({ seed: SEED }, async (_k, sdk) => {
      const user = await sdk.send(new AdminGetUserCommand({ UserPoolId: 'eu-west-1_Seeded1', Username: 'totp' }));
      expect(user).toMatchObject({ UserMFASettingList: ['SOFTWARE_TOKEN_MFA'], PreferredMfaSetting: 'SOFTWARE_TOKEN_MFA' });
      const challenged = await sdk.send(passwordAuth('totp'));
      expect(challenged.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
      const done = await sdk.send(
        new RespondToAuthChallengeCommand({
          ClientId: 'web0seeded0client0id000000',
          ChallengeName: 'SOFTWARE_TOKEN_MFA',
          Session: challenged.Session,
          ChallengeResponses: { USERNAME: 'totp', SOFTWARE_TOKEN_MFA_CODE: totpCode(TOTP_SECRET, Date.now()) },
        }),
      );
      expect(done.AuthenticationResult?.AccessToken).toBeTruthy();
    });
  });

  it('is applied again by reset(), which forgets everything else', async () => {
    await withKognito({ seed: SEED }, async (k, sdk) => {
      await sdk.send(new CreateUserPoolCommand({ PoolName: 'made-by-a-test' }));
      await k.reset();
      const pools = (await sdk.send(new ListUserPoolsCommand({ MaxResults: 10 }))).UserPools!;
      expect(pools.map((p) => p.Name).sort()).toEqual(['no-fixed-id', 'seeded']);
      expect((await sdk.send(passwordAuth('jane'))).AuthenticationResult).toBeTruthy();
    });
  });

  it('starting twice on the same data directory neither duplicates nor fails, and keeps what changed', async () => {
    const dataDir = join(scratch, 'twice');
    const seedFile = join(scratch, 'twice.json');
    writeFileSync(seedFile, JSON.stringify(SEED));
    const noFixedIdPool = await withKognito({ dataDir, seed: seedFile }, async (_k, sdk) => {
      // A test changes a seeded pool: the next start must not undo it.
      await sdk.send(new SetUserPoolMfaConfigCommand({ UserPoolId: 'eu-west-1_Seeded1', MfaConfiguration: 'OFF' }));
      return (await sdk.send(new ListUserPoolsCommand({ MaxResults: 10 }))).UserPools!.find((p) => p.Name === 'no-fixed-id')!.Id!;
    });
    await withKognito({ dataDir, seed: seedFile }, async (_k, sdk) => {
      const pools = (await sdk.send(new ListUserPoolsCommand({ MaxResults: 10 }))).UserPools!;
      expect(pools.map((p) => p.Id).sort()).toEqual(['eu-west-1_Seeded1', noFixedIdPool].sort());
      expect((await sdk.send(new ListUserPoolClientsCommand({ UserPoolId: noFixedIdPool }))).UserPoolClients).toHaveLength(1);
      expect((await sdk.send(new ListUserPoolClientsCommand({ UserPoolId: 'eu-west-1_Seeded1' }))).UserPoolClients).toHaveLength(2);
      expect((await sdk.send(new ListUsersCommand({ UserPoolId: 'eu-west-1_Seeded1' }))).Users).toHaveLength(4);
      expect((await sdk.send(new GetUserPoolMfaConfigCommand({ UserPoolId: 'eu-west-1_Seeded1' }))).MfaConfiguration).toBe('OFF');
    });
  });
});

describe('a bad seed', () => {
  const refused = async (seed: unknown, name = 'bad.yaml', raw?: string) => {
    const file = join(scratch, name);
    writeFileSync(file, raw ?? JSON.stringify(seed));
    return startKognito({ seed: file }).then(
      async (k) => {
        await k.stop();
        throw new Error('the seed was accepted');
      },
      (error: Error) => error.message,
    );
  };

  it('names the file, line and column of a YAML syntax error', async () => {
    const message = await refused(undefined, 'syntax.yaml', 'UserPools:\n  - PoolName: [unclosed\n');
    expect(message).toMatch(new RegExp(`^seed file ${join(scratch, 'syntax.yaml').replace(/[/.]/g, '\\$&')}:\\d+:\\d+: not valid YAML: `));
  });

  it('names the path inside the file and what is wrong', async () => {
    const file = join(scratch, 'bad.yaml');
    const cases: [unknown, string][] = [
      [{ Pools: [] }, 'Pools: unknown member (a seed has UserPools)'],
      [{ UserPools: [{}] }, 'UserPools[0].PoolName: is missing'],
      [{ UserPools: [{ PoolName: 'p', Users: [{ Username: 'u', Password: 'Passw0rd!', Status: 'ACTIVE' }] }] }, "UserPools[0].Users[0].Status: must be one of CONFIRMED, UNCONFIRMED, FORCE_CHANGE_PASSWORD, got string \"ACTIVE\""],
      [{ UserPools: [{ PoolName: 'p', Users: [{ Username: 'u' }] }] }, 'UserPools[0].Users[0].Password: is missing (a CONFIRMED user signs in with it)'],
      [{ UserPools: [{ PoolName: 'p', Users: [{ Username: 'u', Password: 'x', Attributes: { email_verified: true } }] }] }, 'UserPools[0].Users[0].Attributes.email_verified: must be a string (quote it in YAML), got boolean true'],
      [{ UserPools: [{ PoolName: 'p', Clients: [{ ClientName: 'a' }, { ClientName: 'a' }] }] }, "UserPools[0].Clients[1]: a second client named 'a'"],
      [{ UserPools: [{ PoolName: 'p', Groups: [{ GroupName: 'g' }], Users: [{ Username: 'u', Password: 'x', Groups: ['nope'] }] }] }, "UserPools[0].Users[0].Groups[0]: 'nope' is not one of the pool's Groups"],
    ];
    for (const [seed, what] of cases) expect(await refused(seed)).toBe(`seed file ${file}: ${what}`);
  });

  it('says which operation refused a setting, with its AWS error', async () => {
    const file = join(scratch, 'bad.yaml');
    expect(await refused({ UserPools: [{ PoolName: 'p', AutoVerifiedAttribute: ['email'] }] })).toBe(
      `seed file ${file}: UserPools[0]: CreateUserPool refused it: InvalidParameterException: CreateUserPool has no member AutoVerifiedAttribute`,
    );
    expect(await refused({ UserPools: [{ PoolName: 'p', Users: [{ Username: 'u', Password: 'short' }] }] })).toMatch(
      new RegExp(`^seed file ${file.replace(/[/.]/g, '\\$&')}: UserPools\\[0\\]\\.Users\\[0\\]: AdminSetUserPassword refused it: InvalidPasswordException: `),
    );
    expect(await refused({ UserPools: [{ PoolName: 'p', Id: 'not an id' }] })).toBe(
      `seed file ${file}: UserPools[0]: CreateUserPool refused it: InvalidParameterException: kognito:id 'not an id' is not a user pool id like us-east-1_Example1 (at most 55 characters).`,
    );
  });
});

describe('ids fixed through the API, for tools that create pools (Terraform, CDK): pool tags', () => {
  it('kognito:id fixes the pool id, kognito:client-id:<name> and kognito:client-secret:<name> its client', async () => {
    await withKognito({}, async (_k, sdk) => {
      const pool = await sdk.send(
        new CreateUserPoolCommand({
          PoolName: 'tf',
          UserPoolTags: { 'kognito:id': 'us-west-2_Terraform1', 'kognito:client-id:app': 'appclientfixed0000000000', 'kognito:client-secret:app': 'appsecretfixed000000000000000000' },
        }),
      );
      expect(pool.UserPool).toMatchObject({ Id: 'us-west-2_Terraform1', Arn: 'arn:aws:cognito-idp:us-west-2:000000000000:userpool/us-west-2_Terraform1' });
      const client = await sdk.send(new CreateUserPoolClientCommand({ UserPoolId: 'us-west-2_Terraform1', ClientName: 'app', GenerateSecret: true }));
      expect(client.UserPoolClient).toMatchObject({ ClientId: 'appclientfixed0000000000', ClientSecret: 'appsecretfixed000000000000000000' });
      const other = await sdk.send(new CreateUserPoolClientCommand({ UserPoolId: 'us-west-2_Terraform1', ClientName: 'other' }));
      expect(other.UserPoolClient!.ClientId).toMatch(/^[a-z0-9]{26}$/);

      const again = await sdkFailure(sdk, new CreateUserPoolCommand({ PoolName: 'tf2', UserPoolTags: { 'kognito:id': 'us-west-2_Terraform1' } }));
      expect({ name: again.name, message: again.message }).toEqual({
        name: 'InvalidParameterException',
        message: 'kognito:id: a user pool with id us-west-2_Terraform1 already exists.',
      });
      const clientAgain = await sdkFailure(sdk, new CreateUserPoolClientCommand({ UserPoolId: 'us-west-2_Terraform1', ClientName: 'app' }));
      expect(clientAgain.message).toBe('kognito:client-id:app: a client with id appclientfixed0000000000 already exists.');
      expect((await sdk.send(new ListUserPoolsCommand({ MaxResults: 10 }))).UserPools).toHaveLength(1);
    });
  });
});
