/**
 * The Lambda functions the pools' triggers name, and how each runs: as a local module in a worker
 * thread when `--lambda-module` names it, else through the Invoke API of `--lambda-endpoint`, else
 * not at all (Cognito's error for a function that does not exist). What each trigger sent and got
 * back is kept for `GET /_kognito/triggers`.
 */
import type { Logger } from 'pino';
import type { Config } from '../../config.js';
import { uuid } from '../ids.js';
import { InvokeApi } from './invokeApi.js';
import { LocalFunction } from './localFunction.js';

/** A function as an ARN names it: arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]. */
export interface FunctionRef {
  arn: string;
  name: string;
  qualifier?: string;
  region: string;
}

/** What came of one invocation, before Cognito reads the answer. */
export type InvokeResult =
  | { kind: 'answered'; payload: string }
  | { kind: 'functionError'; errorType: string; errorMessage: string }
  | { kind: 'timeout' }
  /** The function never ran: unknown to every way kognito has, or its endpoint unreachable. */
  | { kind: 'failed'; error: string; detail?: string };

/** Cognito waits 5 seconds for a trigger (the developer guide: "You can't change this five-second timeout"). */
export const DEFAULT_LAMBDA_TIMEOUT_MS = 5000;
/** "If it does not [answer], Amazon Cognito retries the call. After three unsuccessful attempts, the function times out." */
export const ATTEMPTS_BEFORE_TIMEOUT = 3;

export function functionRef(arn: string, defaultRegion: string): FunctionRef {
  const match = /^arn:[^:]+:lambda:([^:]*):[^:]*:function:([^:]+)(?::([^:]+))?$/.exec(arn);
  if (match) return { arn, region: match[1] || defaultRegion, name: match[2], ...(match[3] ? { qualifier: match[3] } : {}) };
  return { arn, region: defaultRegion, name: arn.slice(arn.lastIndexOf(':') + 1) };
}

export type RunsAs = 'module' | 'endpoint' | 'nowhere';

export class Lambdas {
  readonly timeoutMs: number;
  private readonly local = new Map<string, LocalFunction>();
  private readonly api: InvokeApi | undefined;

  constructor(
    private readonly config: Config,
    private readonly log: Logger,
  ) {
    this.timeoutMs = config.lambdaTimeoutMs ?? DEFAULT_LAMBDA_TIMEOUT_MS;
    this.api = config.lambdaEndpoint ? new InvokeApi(config.lambdaEndpoint) : undefined;
  }

  runsAs(ref: FunctionRef): RunsAs {
    if (this.config.lambdaModules?.[ref.name]) return 'module';
    return this.api ? 'endpoint' : 'nowhere';
  }

  /** Invokes the function synchronously, retrying a timed-out call as Cognito does. */
  async invoke(ref: FunctionRef, event: unknown): Promise<InvokeResult> {
    for (let attempt = 1; ; attempt++) {
      const result = await this.invokeOnce(ref, event);
      if (result.kind !== 'timeout' || attempt >= ATTEMPTS_BEFORE_TIMEOUT) return result;
      this.log.warn({ function: ref.arn, attempt, timeoutMs: this.timeoutMs }, 'Lambda trigger timed out; retrying as Cognito does');
    }
  }

  private invokeOnce(ref: FunctionRef, event: unknown): Promise<InvokeResult> {
    const module = this.config.lambdaModules?.[ref.name];
    if (module) {
      let fn = this.local.get(ref.name);
      if (!fn) this.local.set(ref.name, (fn = new LocalFunction(ref, module)));
      return fn.invoke(event, uuid(), this.timeoutMs);
    }
    if (this.api) return this.api.invoke(ref, event, this.timeoutMs);
    return Promise.resolve({
      kind: 'failed',
      error: 'ResourceNotFoundException',
      detail: `Function ${ref.name} is neither a --lambda-module nor reachable through a --lambda-endpoint.`,
    });
  }

  async close(): Promise<void> {
    this.api?.close();
    await Promise.all([...this.local.values()].map((fn) => fn.close()));
    this.local.clear();
  }
}
