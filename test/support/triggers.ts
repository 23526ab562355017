/**
 * Trigger tests run every function both ways: as a local module (`local-<export>`, kognito runs
 * test/fixtures/triggers.mjs in a worker) and through the Invoke API (`api-<export>`, served by the
 * test's own endpoint, which records what it received).
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Config, LambdaModule } from '../../src/config.js';
import { startServer, type TestServer } from './server.js';
import { startInvokeEndpoint, type Handler, type InvokeEndpoint } from './lambdaEndpoint.js';

export const FIXTURES = fileURLToPath(new URL('../fixtures/triggers.mjs', import.meta.url));

export type Way = 'local' | 'api';
export const WAYS: [string, Way][] = [
  ['a local module', 'local'],
  ['the Invoke API', 'api'],
];

/** Functions the test endpoint must not run in the test's own process. */
const LOCAL_ONLY = new Set(['spin', 'exit']);

/** A Lambda ARN for a fixture function run one way or the other. */
export const arn = (way: Way, fixture: string, region = 'us-east-1') => `arn:aws:lambda:${region}:123456789012:function:${way}-${fixture}`;

export interface TriggerInvocationView {
  time: string;
  userPoolId: string;
  trigger: string;
  triggerSource: string;
  function: string;
  runsAs: string;
  durationMs: number;
  outcome: string;
  error?: string;
  detail?: string;
  event: any;
  response?: any;
}

export interface TriggerServer {
  t: TestServer;
  endpoint: InvokeEndpoint;
  /** Invocations listed by GET /_kognito/triggers for the pool, oldest first. */
  invocations(userPoolId: string, trigger?: string): Promise<TriggerInvocationView[]>;
  close(): Promise<void>;
}

/** A kognito that runs the fixtures both ways, with a short trigger timeout. */
export async function startTriggerServer(overrides: Partial<Config> = {}): Promise<TriggerServer> {
  const fixtures = (await import(FIXTURES)) as Record<string, Handler>;
  const handlers: Record<string, Handler> = {};
  const lambdaModules: Record<string, LambdaModule> = {};
  for (const [name, handler] of Object.entries(fixtures)) {
    lambdaModules[`local-${name}`] = { file: FIXTURES, exportName: name };
    if (!LOCAL_ONLY.has(name)) handlers[`api-${name}`] = handler;
  }
  const endpoint = await startInvokeEndpoint(handlers);
  const t = await startServer({ lambdaModules, lambdaEndpoint: endpoint.url, lambdaTimeoutMs: 400, ...overrides });
  return {
    t,
    endpoint,
    async invocations(userPoolId, trigger) {
      const query = new URLSearchParams({ userPoolId, ...(trigger ? { trigger } : {}) });
      const response = await fetch(`${t.url}/_kognito/triggers?${query}`);
      return ((await response.json()) as { invocations: TriggerInvocationView[] }).invocations;
    },
    async close() {
      await t.close();
      await endpoint.close();
    },
  };
}

/**
 * The usual set-up of a trigger test file: one trigger server started before its tests and closed
 * after all. `use` receives it once started.
 */
export function withTriggerServer(use: (server: TriggerServer) => void, overrides: Partial<Config> = {}): void {
  let server: TriggerServer;
  beforeAll(async () => {
    server = await startTriggerServer(overrides);
    use(server);
  });
  afterAll(() => server.close());
}

/** The callerContext.awsSdkVersion the SDK v3 sends. */
export const SDK_VERSION = expect.stringMatching(/^aws-sdk-js-3\.\d+\.\d+$/);

/** A maker of names unique in the file: user1, user2, legacy3, ... */
export function nameMaker() {
  let n = 0;
  return (prefix = 'user') => `${prefix}${++n}`;
}
