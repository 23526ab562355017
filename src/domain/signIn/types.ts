import type { Call, Context } from '../../context.js';
import type { UserPool } from '../../store/userPools.js';
import type { UserPoolClientDescription } from '../../store/userPoolClients.js';
import type { User } from '../../store/users.js';
import type { AuthenticationResult } from '../tokens.js';
import type { EventOrigin } from '../authEvents.js';
import type { SignInEvent } from './events.js';

/** What InitiateAuth / RespondToAuthChallenge (and their Admin twins) answer. */
export interface AuthResponse {
  ChallengeName?: string;
  Session?: string;
  ChallengeParameters: Record<string, string>;
  AuthenticationResult?: AuthenticationResult;
  /** USER_AUTH's SELECT_CHALLENGE: the first factors the user may choose. */
  AvailableChallenges?: string[];
  /**
   * Hosted sign-in only (SignInState.hosted): the user is signed in; the hosted pages then hand the
   * browser an authorization code. Never part of an API answer (no API call starts a hosted sign-in).
   */
  SignedIn?: { username: string; authTime: number };
}

/** The sign-in in progress, carried from step to step (and across round trips in the Session). */
export interface SignInState {
  /** The challenge the next RespondToAuthChallenge must answer. */
  challenge?: string;
  /** Factors proven so far: 'PASSWORD', 'OTP' (USER_AUTH's email or SMS code) or 'WEB_AUTHN' (a passkey), 'MFA', 'DEVICE'. */
  passed: string[];
  /** USER_AUTH with a one-time password as the first factor (its code answers for password and MFA). */
  passwordless?: boolean;
  /** A choice-based sign-in of a name no user has (the client hides user existence): nothing can pass. */
  userNotFound?: boolean;
  /** DEVICE_KEY the client presented (InitiateAuth or a challenge answer). */
  deviceKey?: string | null;
  /** Set by the device pre-check when a remembered device spares the user the MFA prompt. */
  mfaSpared?: boolean;
  /** Whether the sign-in came through an Admin* operation. */
  admin: boolean;
  /** The sign-in's auth event (events.ts), once the password is proven. */
  authEvent?: SignInEvent;
  /** Whether the pool's hosted sign-in page runs it: it then ends with the browser signed in, not tokens. */
  hosted?: boolean;
  /** Step-specific data (SRP ephemeral values, MFA choice...). */
  [data: string]: unknown;
}

/** One sign-in: who, through which client, and how far along. */
export interface SignIn {
  ctx: Context;
  pool: UserPool;
  client: UserPoolClientDescription;
  user: User;
  state: SignInState;
  /** The call being answered (the triggers' callerContext). */
  call?: Call;
  /** RespondToAuthChallenge's ClientMetadata, for the triggers that get it (not kept between calls). */
  clientMetadata?: Record<string, string>;
}

/**
 * A step after the password: answers with a challenge (stopping the sign-in until the client
 * responds), or returns undefined to let the next step run.
 */
export type SignInStep = (signIn: SignIn) => AuthResponse | undefined | Promise<AuthResponse | undefined>;

/** Checks the answer to one challenge, updating signIn.state; throws the challenge's errors. */
export type ChallengeResponder = ((
  signIn: SignIn,
  responses: Record<string, string>,
) => void | AuthResponse | Promise<void | AuthResponse>) & {
  /**
   * For challenges some clients answer without a Session (pycognito, AWS's Python example answer
   * the SRP challenges so): the Session the answer itself designates (e.g. by its SECRET_BLOCK).
   */
  sessionFrom?: (responses: Record<string, string>) => string | undefined;
  /** The message when the answer matches no live sign-in of this user (default: Invalid session). */
  refusal?: string;
};

export interface NewDeviceMetadata {
  DeviceKey: string;
  DeviceGroupKey: string;
}

/** InitiateAuth / AdminInitiateAuth as the primary factor sees it. */
export interface InitiateRequest {
  ctx: Context;
  pool: UserPool;
  client: UserPoolClientDescription;
  flow: string;
  parameters: Record<string, string>;
  admin: boolean;
  /** InitiateAuth's ClientMetadata: `validationData` of PreAuthentication and UserMigration only. */
  clientMetadata?: Record<string, string>;
  call?: Call;
  /** Where the request came from, for the sign-in's auth event. */
  origin: EventOrigin;
}

export type AuthFlow = (request: InitiateRequest) => Promise<AuthResponse>;
