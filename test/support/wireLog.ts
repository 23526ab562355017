/**
 * What a client library actually sent: wraps the global fetch (both amazon-cognito-identity-js and
 * Amplify look it up at call time) and records every AWS JSON call, so a test can assert the exact
 * call sequence (e.g. that a sign-in went through DEVICE_SRP_AUTH) without mocking anything.
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startServer, type TestServer } from './server.js';

export interface WireCall {
  /** The operation from X-Amz-Target, e.g. "RespondToAuthChallenge". */
  operation: string;
  request: Record<string, any>;
  status: number;
  response: Record<string, any>;
}

export interface WireLog {
  calls: WireCall[];
  /** "InitiateAuth:USER_SRP_AUTH", "RespondToAuthChallenge:PASSWORD_VERIFIER", "ConfirmDevice", ... */
  steps(): string[];
  clear(): void;
  stop(): void;
}

function parse(text: string): Record<string, any> {
  try {
    return JSON.parse(text) as Record<string, any>;
  } catch {
    return {};
  }
}

export function recordWire(): WireLog {
  const original = globalThis.fetch;
  const calls: WireCall[] = [];
  globalThis.fetch = async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
    const response = await original(input, init);
    const target = new Headers(init?.headers).get('x-amz-target');
    if (target) {
      const body = typeof init?.body === 'string' ? init.body : '';
      calls.push({
        operation: target.split('.').pop() ?? target,
        request: parse(body),
        status: response.status,
        response: parse(await response.clone().text()),
      });
    }
    return response;
  };
  return {
    calls,
    steps: () =>
      calls.map(({ operation, request }) => {
        const detail = request.AuthFlow ?? request.ChallengeName;
        return detail ? `${operation}:${detail}` : operation;
      }),
    clear: () => void calls.splice(0),
    stop: () => {
      globalThis.fetch = original;
    },
  };
}

/**
 * The usual set-up of an end-to-end file: a listening kognito and a wire log, started before its
 * tests, the log cleared after each, both stopped after all. `use` receives them once started.
 */
export function withServerAndWire(use: (server: TestServer, wire: WireLog) => void): void {
  let server: TestServer;
  let wire: WireLog;
  beforeAll(async () => {
    server = await startServer();
    wire = recordWire();
    use(server, wire);
  });
  afterEach(() => wire.clear());
  afterAll(async () => {
    wire.stop();
    await server.close();
  });
}
