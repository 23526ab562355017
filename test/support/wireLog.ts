/**
 * What a client library actually sent: wraps the global fetch (both amazon-cognito-identity-js and
 * Amplify look it up at call time) and records every AWS JSON call, so a test can assert the exact
 * call sequence (e.g. that a sign-in went through DEVICE_SRP_AUTH) without mocking anything.
 */
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
