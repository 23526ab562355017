/**
 * Pool configuration that infrastructure tools set, round-tripped through the aws CLI (v1, and v2 at
 * /usr/bin/aws where installed): hosted UI branding (a logo file sent as fileb://) and threat protection's
 * risk configuration.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateUserPoolDomainCommand } from '@aws-sdk/client-cognito-identity-provider';
import { createPoolAndClient, hasAwsCli, startServer, type TestServer } from '../support/server.js';
import { AWS_CLI_V2, PROGRAMS_TEST_TIMEOUT_MS, runProgram } from '../support/programs.js';

const cliPresent = await hasAwsCli();
if (!cliPresent) console.warn('cliConfig.test.ts: skipped, the aws CLI is not installed on this machine');
/** The CLIs to run: aws on the PATH, and aws-cli v2 where it is installed apart. */
const CLIS = ['aws', ...(existsSync(AWS_CLI_V2) ? [AWS_CLI_V2] : [])];

let t: TestServer;
let dir: string;
beforeAll(async () => {
  t = await startServer();
  dir = mkdtempSync(join(tmpdir(), 'kognito-cli-config-'));
});
afterAll(() => t.close());

/** Runs one CLI (by path) against the server and parses its JSON output. */
async function cli(binary: string, ...args: string[]) {
  const env = { ...process.env, AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'x', AWS_DEFAULT_REGION: 'us-east-1', AWS_MAX_ATTEMPTS: '1', AWS_PAGER: '' };
  const run = await runProgram(binary, ['--endpoint-url', t.url, 'cognito-idp', ...args, '--output', 'json'], { env });
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout);
}

describe.skipIf(!cliPresent)('aws CLI: hosted UI branding', { timeout: PROGRAMS_TEST_TIMEOUT_MS }, () => {
  it.each(CLIS)('%s: set-ui-customization with --css and a fileb:// logo, then get-ui-customization per client', async (binary) => {
    const { userPoolId, clientId } = await createPoolAndClient(t.sdk);
    await t.sdk.send(new CreateUserPoolDomainCommand({ UserPoolId: userPoolId, Domain: `cli-${binary === 'aws' ? 'v1' : 'v2'}-branding` }));
    const logo = join(dir, `logo-${CLIS.indexOf(binary)}.png`);
    writeFileSync(logo, Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('logo')]));
    const css = '.banner-customizable { background-color: #123456; }';
    const set = await cli(binary, 'set-ui-customization', '--user-pool-id', userPoolId, '--client-id', 'ALL', '--css', css, '--image-file', `fileb://${logo}`);
    expect(set.UICustomization).toMatchObject({ UserPoolId: userPoolId, ClientId: 'ALL', CSS: css });
    expect(set.UICustomization.ImageUrl).toMatch(new RegExp(`^https://[a-z0-9]+\\.cloudfront\\.net/${userPoolId}/ALL/\\d{14}/assets/images/image\\.jpg$`));
    // The client has no branding of its own: it shows the pool's default.
    const got = await cli(binary, 'get-ui-customization', '--user-pool-id', userPoolId, '--client-id', clientId);
    expect(got).toEqual(set);
  });
});

describe.skipIf(!cliPresent)('aws CLI: risk configuration', { timeout: PROGRAMS_TEST_TIMEOUT_MS }, () => {
  it.each(CLIS)('%s: set-risk-configuration with shorthand arguments, then describe-risk-configuration; a tier refusal as the CLI prints it', async (binary) => {
    const { userPoolId, clientId } = await createPoolAndClient(t.sdk, { UserPoolTier: 'PLUS' });
    const set = await cli(
      binary, 'set-risk-configuration', '--user-pool-id', userPoolId, '--client-id', clientId,
      '--compromised-credentials-risk-configuration', 'EventFilter=SIGN_IN,PASSWORD_CHANGE,Actions={EventAction=BLOCK}',
      '--risk-exception-configuration', 'BlockedIPRangeList=10.0.0.0/8,192.0.2.0/24',
    );
    expect(set.RiskConfiguration).toMatchObject({
      UserPoolId: userPoolId,
      ClientId: clientId,
      CompromisedCredentialsRiskConfiguration: { EventFilter: ['SIGN_IN', 'PASSWORD_CHANGE'], Actions: { EventAction: 'BLOCK' } },
      RiskExceptionConfiguration: { BlockedIPRangeList: ['10.0.0.0/8', '192.0.2.0/24'] },
    });
    expect(await cli(binary, 'describe-risk-configuration', '--user-pool-id', userPoolId, '--client-id', clientId)).toEqual(set);

    const essentials = await createPoolAndClient(t.sdk);
    // The CLI's own retry settings, so the line reads as a developer sees it.
    const env: NodeJS.ProcessEnv = { ...process.env, AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'x', AWS_DEFAULT_REGION: 'us-east-1', AWS_PAGER: '' };
    delete env.AWS_MAX_ATTEMPTS;
    delete env.AWS_RETRY_MODE;
    const refused = await runProgram(binary, [
      '--endpoint-url', t.url, 'cognito-idp', 'set-risk-configuration', '--user-pool-id', essentials.userPoolId,
      '--risk-exception-configuration', 'BlockedIPRangeList=10.0.0.0/8',
    ], { env });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr.trim()).toBe(
      'An error occurred (FeatureUnavailableInTierException) when calling the SetRiskConfiguration operation: The following features need to be disabled for the ESSENTIALS pricing tier configured: Threat Protection',
    );
  });
});
