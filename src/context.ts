import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { Clock } from './domain/clock.js';
import type { KeyRing } from './domain/tokens.js';
import type { Store } from './store/store.js';
import type { Lambdas } from './domain/triggers/lambdas.js';
import type { TriggerInvocations } from './domain/triggers/invocations.js';
import type { Seed } from './seed/seedFile.js';
import type { UserImports } from './domain/userImport.js';

/** Everything an operation needs, passed in: no module-level state, many servers per process. */
export interface Context {
  config: Config;
  store: Store;
  clock: Clock;
  keys: KeyRing;
  log: Logger;
  /** Token issuer setting ('aws' or the configured base URL). */
  issuer: string;
  /** The Lambda functions triggers run (local modules, an Invoke API). */
  lambdas: Lambdas;
  /** Every trigger invocation, for GET /_kognito/triggers. */
  triggerInvocations: TriggerInvocations;
  /** The user import jobs' imports running now. */
  userImports: UserImports;
  /** The seed applied at start-up and after each reset, and where it came from (for its errors). */
  seed?: { seed: Seed; source: string };
}

/** What is known of the call itself, beside its input. */
export interface Call {
  /** From the SigV4 credential scope when the client signed; us-east-1 otherwise. */
  region: string;
  /** The caller's address (a device's last_ip_used). */
  sourceIp?: string;
  /** X-Amz-User-Agent (or User-Agent): which SDK called, for the triggers' callerContext.awsSdkVersion. */
  userAgent?: string;
  /** Where the caller reached kognito (`http://host:port`): addresses kognito hands out (a PreSignedUrl) start there. */
  baseUrl?: string;
  /** Ids chosen by a trusted caller inside kognito (the seed file); never set from HTTP (see domain/fixedIds.ts). */
  fixedIds?: { UserPoolId?: string; ClientId?: string; ClientSecret?: string };
}

/** An API operation: validated input in, output object out (or a CognitoError thrown). */
export type Operation<Input = never> = (input: Input, ctx: Context, call: Call) => unknown;
