/**
 * Test harness: a real kognito listening on 127.0.0.1 (random port, in-memory store unless a data
 * directory is given), and clients pointed at it.
 */
import { expect } from 'vitest';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { createServer, type KognitoServer } from '../../src/server.js';
import { defaultConfig, type Config } from '../../src/config.js';
import { programWorks, runProgram, type ProgramRun } from './programs.js';

export interface TestServer {
  url: string;
  server: KognitoServer;
  /** AWS SDK v3 client pointed at the server (dummy credentials, us-east-1). */
  sdk: CognitoIdentityProviderClient;
  close(): Promise<void>;
}

export async function startServer(overrides: Partial<Config> = {}, port = 0): Promise<TestServer> {
  const server = createServer({ ...defaultConfig, dataDir: ':memory:', logLevel: 'silent', port, ...overrides });
  await server.app.listen({ port, host: '127.0.0.1' });
  const address = server.app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}`;
  const sdk = new CognitoIdentityProviderClient({
    endpoint: url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    maxAttempts: 1,
  });
  return {
    url,
    server,
    sdk,
    async close() {
      sdk.destroy();
      await server.close();
    },
  };
}

/** Raw AWS JSON call: status, headers and parsed body, for asserting on the wire. */
export async function call(url: string, operation: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `AWSCognitoIdentityProviderService.${operation}`,
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let json: Record<string, unknown> | undefined;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, body: json as any };
}

/** The codes and temporary passwords the pool "sent" to a user, oldest first. */
export async function messages(url: string, userPoolId: string, username: string) {
  const response = await fetch(`${url}/_kognito/messages?userPoolId=${encodeURIComponent(userPoolId)}&username=${encodeURIComponent(username)}`);
  return ((await response.json()) as { messages: { code: string; kind: string; destination: string; deliveryMedium: string }[] }).messages;
}

export async function lastCode(url: string, userPoolId: string, username: string): Promise<string> {
  const sent = await messages(url, userPoolId, username);
  if (!sent.length) throw new Error(`no message was sent to ${username}`);
  return sent[sent.length - 1].code;
}

export async function advanceClock(url: string, seconds: number) {
  await fetch(`${url}/_kognito/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceSeconds: seconds }) });
}

/** Runs the real aws CLI against the server (bounded as every program run: support/programs.ts); resolves with exit code, stdout, stderr. */
export async function aws(
  url: string,
  args: string[],
  /** Variables to set, or (undefined) to remove, e.g. the retry settings to see the CLI's default output. */
  envOverrides: Record<string, string | undefined> = {},
): Promise<ProgramRun> {
  const env: Record<string, string | undefined> = {
    ...process.env,
    AWS_ACCESS_KEY_ID: 'x',
    AWS_SECRET_ACCESS_KEY: 'x',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_MAX_ATTEMPTS: '1',
    AWS_RETRY_MODE: 'standard',
    ...envOverrides,
  };
  for (const name of Object.keys(env)) if (env[name] === undefined) delete env[name];
  return runProgram('aws', ['--endpoint-url', url, ...args], { env });
}

/** Whether the aws CLI is on this machine (end-to-end CLI tests skip, with the reason, when it is not). */
export const hasAwsCli = () => programWorks('aws', ['--version']);

/** A pool + client with the given settings, through the SDK. */
export async function createPoolAndClient(
  sdk: CognitoIdentityProviderClient,
  pool: Record<string, unknown> = {},
  client: Record<string, unknown> = {},
) {
  const { CreateUserPoolCommand, CreateUserPoolClientCommand } = await import('@aws-sdk/client-cognito-identity-provider');
  const created = await sdk.send(new CreateUserPoolCommand({ PoolName: 'test', AutoVerifiedAttributes: ['email'], ...pool } as any));
  const userPoolId = created.UserPool!.Id!;
  const createdClient = await sdk.send(
    new CreateUserPoolClientCommand({
      UserPoolId: userPoolId,
      ClientName: 'web',
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_ADMIN_USER_PASSWORD_AUTH'],
      ...client,
    } as any),
  );
  return { userPoolId, clientId: createdClient.UserPoolClient!.ClientId!, clientSecret: createdClient.UserPoolClient!.ClientSecret };
}

/** An SDK v3 service error: the wire's __type as name, its message, status and fault. */
export type ServiceError = Error & { $metadata: { httpStatusCode?: number }; $fault: string };

/** The error an SDK call fails with (the test fails if it succeeds). */
export async function sdkFailure(sdk: CognitoIdentityProviderClient, command: any): Promise<ServiceError> {
  try {
    await sdk.send(command);
  } catch (error) {
    return error as ServiceError;
  }
  throw new Error(`${command.constructor.name} was expected to fail`);
}

/** Asserts that an SDK call fails with this __type and message, status 400. */
export async function expectSdkError(sdk: CognitoIdentityProviderClient, command: any, name: string, message: string): Promise<void> {
  const error = await sdkFailure(sdk, command);
  expect({ name: error.name, message: error.message, status: error.$metadata.httpStatusCode }).toEqual({ name, message, status: 400 });
}
