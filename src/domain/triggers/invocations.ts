/**
 * What every trigger invocation sent and got back, for `GET /_kognito/triggers`: the developer sees
 * the event their function received. Kept in memory (the most recent ones), like a log.
 */
import type { RunsAs } from './lambdas.js';

export type TriggerOutcome = 'SUCCEEDED' | 'FUNCTION_ERROR' | 'INVALID_RESPONSE' | 'TIMED_OUT' | 'NOT_INVOKED';

export interface TriggerInvocation {
  /** When the invocation started (ISO 8601, kognito's clock). */
  time: string;
  userPoolId: string;
  /** The LambdaConfig member: PreSignUp, PostConfirmation, ... */
  trigger: string;
  triggerSource: string;
  /** The function's ARN, as the pool names it. */
  function: string;
  runsAs: RunsAs;
  durationMs: number;
  outcome: TriggerOutcome;
  /** The error the caller saw (`__type: message`), when the trigger failed. */
  error?: string;
  /** What the function did instead of answering (its error, the timeout, why it could not run). */
  detail?: string;
  event: unknown;
  /** The `response` of the function's answer, as it came back. */
  response?: unknown;
}

/** Invocations kept; older ones are forgotten first. */
export const KEPT_INVOCATIONS = 1000;

export class TriggerInvocations {
  private readonly kept: TriggerInvocation[] = [];

  add(invocation: TriggerInvocation): void {
    this.kept.push(invocation);
    if (this.kept.length > KEPT_INVOCATIONS) this.kept.splice(0, this.kept.length - KEPT_INVOCATIONS);
  }

  /** Oldest first; both filters optional. */
  list(filter: { userPoolId?: string; trigger?: string } = {}): TriggerInvocation[] {
    return this.kept.filter(
      (i) => (!filter.userPoolId || i.userPoolId === filter.userPoolId) && (!filter.trigger || i.trigger === filter.trigger || i.triggerSource === filter.trigger),
    );
  }

  clear(): void {
    this.kept.length = 0;
  }
}
