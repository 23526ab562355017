/**
 * What every user-pool trigger shares: which function the pool names for it, the event envelope
 * (version, triggerSource, region, userPoolId, userName, callerContext, request, response), the
 * invocation, and Cognito's mapping of what went wrong. The trigger families (signUp.ts,
 * authentication.ts, customAuth.ts, ...) build their request and read their response.
 */
import type { Context, Call } from '../../context.js';
import type { LambdaConfig, UserPool } from '../../store/userPools.js';
import type { User } from '../../store/users.js';
import { CognitoError } from '../../protocol/errors.js';
import { ATTEMPTS_BEFORE_TIMEOUT, functionRef, type InvokeResult } from './lambdas.js';
import type { TriggerOutcome } from './invocations.js';

export type TriggerName =
  | 'PreSignUp'
  | 'PostConfirmation'
  | 'PreAuthentication'
  | 'PostAuthentication'
  | 'DefineAuthChallenge'
  | 'CreateAuthChallenge'
  | 'VerifyAuthChallengeResponse'
  | 'PreTokenGeneration'
  | 'UserMigration'
  | 'CustomMessage'
  | 'CustomEmailSender'
  | 'CustomSMSSender';

/**
 * The ARN of the function the pool names for a trigger, or undefined. This is the only work a
 * request does for a trigger the pool does not use: events are built after it says yes.
 */
export function functionFor(pool: UserPool, trigger: TriggerName): string | undefined {
  const config: LambdaConfig | undefined = pool.description.LambdaConfig;
  if (!config) return undefined;
  if (trigger === 'PreTokenGeneration') return config.PreTokenGenerationConfig?.LambdaArn ?? config.PreTokenGeneration;
  if (trigger === 'CustomEmailSender' || trigger === 'CustomSMSSender') return config[trigger]?.LambdaArn;
  return config[trigger];
}

/** callerContext.clientId of calls without an app client (AdminCreateUser, AdminConfirmSignUp...). */
export const NO_CLIENT_ID = 'CLIENT_ID_NOT_APPLICABLE';

/**
 * UNSURE: callerContext.awsSdkVersion. Real events show `aws-sdk-unknown-unknown` (browsers,
 * Amplify, the console) and `aws-sdk-js-2.1639.0` (an AWS SDK for JavaScript v2 caller): Cognito
 * reads the SDK from the User-Agent. We take `aws-sdk-<language>/<version>` from X-Amz-User-Agent or
 * User-Agent (the SDKs for JavaScript send it); anything else is unknown.
 */
export const UNKNOWN_SDK = 'aws-sdk-unknown-unknown';
export function awsSdkVersion(call: Call | undefined): string {
  const match = call?.userAgent && /\baws-sdk-([a-z0-9]+)\/([0-9][^\s]*)/i.exec(call.userAgent);
  return match ? `aws-sdk-${match[1].toLowerCase()}-${match[2]}` : UNKNOWN_SDK;
}

/** Who asked: the app client (or NO_CLIENT_ID) and the call, for callerContext. */
export interface Caller {
  clientId: string;
  call?: Call;
}

export interface TriggerEvent {
  version: string;
  triggerSource: string;
  region: string;
  userPoolId: string;
  userName: string;
  callerContext: { awsSdkVersion: string; clientId: string };
  request: Record<string, unknown>;
  /** Absent from the custom senders' events (nothing is expected back). */
  response?: Record<string, unknown>;
}

export function triggerEvent(
  pool: UserPool,
  triggerSource: string,
  userName: string,
  caller: Caller,
  request: Record<string, unknown>,
  response: Record<string, unknown> | null = {},
  version = '1',
): TriggerEvent {
  return {
    version,
    triggerSource,
    region: pool.region,
    userPoolId: pool.id,
    userName,
    callerContext: { awsSdkVersion: awsSdkVersion(caller.call), clientId: caller.clientId },
    request,
    ...(response ? { response } : {}),
  };
}

/**
 * request.userAttributes of a user who exists: sub, the attributes, `cognito:user_status`, and
 * `cognito:email_alias` / `cognito:phone_number_alias` while the email / phone is a verified alias.
 */
export function eventUserAttributes(pool: UserPool, user: User): Record<string, string> {
  const attributes: Record<string, string> = { sub: user.sub };
  for (const alias of ['email', 'phone_number'] as const) {
    const value = user.attributes[alias];
    if (value && pool.description.AliasAttributes?.includes(alias) && user.attributes[`${alias}_verified`] === 'true') {
      attributes[`cognito:${alias}_alias`] = value;
    }
  }
  attributes['cognito:user_status'] = user.status;
  return Object.assign(attributes, user.attributes);
}

/** An operation's output once an optional trigger has run: the output itself, or a promise of it. */
export function afterTrigger<T>(pending: Promise<unknown> | undefined, output: T): T | Promise<T> {
  return pending ? pending.then(() => output) : output;
}

/**
 * UNSURE: `clientMetadata` is in the request only when the call sent ClientMetadata. Real
 * PostConfirmation, CustomMessage, DefineAuthChallenge and PreTokenGeneration events without it show
 * no such member; nothing shows it for the other triggers.
 */
export const CLIENT_METADATA_ONLY_WHEN_SENT = true;
export const withClientMetadata = (clientMetadata: Record<string, string> | undefined) =>
  clientMetadata || !CLIENT_METADATA_ONLY_WHEN_SENT ? { clientMetadata: clientMetadata ?? {} } : {};

export const INVALID_JSON = 'Invalid lambda function output : Invalid JSON';
export const UNRECOGNIZABLE_OUTPUT = 'Unrecognizable lambda output';
export const SOCKET_TIMEOUT = 'Socket timeout while invoking Lambda function';

const userLambdaValidation = (trigger: TriggerName, message: string) =>
  new CognitoError('UserLambdaValidationException', `${trigger} failed with error ${message}.`);
const unexpectedLambda = (trigger: TriggerName, cause: string) =>
  new CognitoError('UnexpectedLambdaException', `${trigger} invocation failed due to error ${cause}.`);
export const invalidLambdaResponse = (message = UNRECOGNIZABLE_OUTPUT) => new CognitoError('InvalidLambdaResponseException', message);

/**
 * Invokes the pool's function for `trigger` with `event` and reads the `response` of its answer
 * with `read` (which throws invalidLambdaResponse() for a value it cannot use). Errors are
 * Cognito's: the function threw -> UserLambdaValidationException "<Trigger> failed with error
 * <message>."; no usable answer -> InvalidLambdaResponseException; never answered or not there ->
 * UnexpectedLambdaException. Every invocation is recorded and logged.
 */
export async function runTrigger<T>(
  ctx: Context,
  pool: UserPool,
  trigger: TriggerName,
  event: TriggerEvent,
  read: (response: Record<string, unknown>) => T,
): Promise<T> {
  const ref = functionRef(functionFor(pool, trigger)!, pool.region);
  const started = performance.now();
  const time = new Date(ctx.clock.now()).toISOString();
  const result = await ctx.lambdas.invoke(ref, event);
  let response: unknown;
  let refusal: CognitoError | undefined;
  try {
    if (result.kind !== 'answered') throw failure(trigger, result);
    response = answerOf(result.payload);
    try {
      return read((response ?? {}) as Record<string, unknown>);
    } catch (error) {
      throw error instanceof CognitoError ? error : invalidLambdaResponse();
    }
  } catch (error) {
    refusal = error as CognitoError;
    throw error;
  } finally {
    const durationMs = +(performance.now() - started).toFixed(2);
    const outcome: TriggerOutcome =
      !refusal ? 'SUCCEEDED'
      : result.kind === 'functionError' ? 'FUNCTION_ERROR'
      : result.kind === 'timeout' ? 'TIMED_OUT'
      : result.kind === 'failed' ? 'NOT_INVOKED'
      : 'INVALID_RESPONSE';
    const failed = refusal && { error: `${refusal.type}: ${refusal.message}`, ...(result.kind !== 'answered' ? { detail: describeFailure(result, ctx.lambdas.timeoutMs) } : {}) };
    ctx.triggerInvocations.add({
      time,
      userPoolId: pool.id,
      trigger,
      triggerSource: event.triggerSource,
      function: ref.arn,
      runsAs: ctx.lambdas.runsAs(ref),
      durationMs,
      outcome,
      ...failed,
      // As sent: the flow may go on changing what it built the event from.
      event: structuredClone(event),
      ...(response !== undefined ? { response } : {}),
    });
    if (ctx.log.isLevelEnabled('info')) {
      ctx.log.info(
        { trigger, triggerSource: event.triggerSource, function: ref.arn, ms: durationMs, outcome, ...failed, event: loggable(event) },
        'Lambda trigger invoked',
      );
    }
  }
}

/** The answer's `response` member: the function returns the whole event, changed. */
function answerOf(payload: string): unknown {
  let answer: unknown;
  try {
    answer = JSON.parse(payload);
  } catch {
    throw invalidLambdaResponse(INVALID_JSON);
  }
  if (typeof answer !== 'object' || answer === null || Array.isArray(answer)) throw invalidLambdaResponse(INVALID_JSON);
  const { response } = answer as { response?: unknown };
  if (response !== undefined && response !== null && (typeof response !== 'object' || Array.isArray(response))) throw invalidLambdaResponse();
  return response;
}

function failure(trigger: TriggerName, result: Exclude<InvokeResult, { kind: 'answered' }>): CognitoError {
  if (result.kind === 'functionError') return userLambdaValidation(trigger, result.errorMessage);
  if (result.kind === 'timeout') return unexpectedLambda(trigger, SOCKET_TIMEOUT);
  return unexpectedLambda(trigger, result.error);
}

/** What went wrong, for the developer (the caller sees Cognito's error). */
function describeFailure(result: Exclude<InvokeResult, { kind: 'answered' }>, timeoutMs: number): string {
  if (result.kind === 'functionError') return `${result.errorType}: ${result.errorMessage}`;
  if (result.kind === 'timeout') return `no answer within ${timeoutMs} ms, ${ATTEMPTS_BEFORE_TIMEOUT} attempts`;
  return `${result.error}${result.detail ? `: ${result.detail}` : ''}`;
}

/** The event for the log line, without the password a UserMigration event carries. */
function loggable(event: TriggerEvent): TriggerEvent {
  if (typeof event.request.password !== 'string') return event;
  return { ...event, request: { ...event.request, password: '***' } };
}

/* Readers for the members of a function's `response`: null or absent means "not set". */

export function optionalBoolean(value: unknown): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  throw invalidLambdaResponse();
}

export function optionalString(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw invalidLambdaResponse();
}

export function optionalStringMap(value: unknown): Record<string, string> | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw invalidLambdaResponse();
  const map: Record<string, string> = {};
  for (const [key, member] of Object.entries(value)) {
    const text = optionalString(member);
    if (text !== undefined) map[key] = text;
  }
  return map;
}

export function optionalStringList(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw invalidLambdaResponse();
  return value.map((member) => {
    const text = optionalString(member);
    if (text === undefined) throw invalidLambdaResponse();
    return text;
  });
}
