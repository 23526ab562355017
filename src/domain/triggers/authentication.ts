/** The sign-in triggers around the authentication itself: PreAuthentication and PostAuthentication. */
import type { Context } from '../../context.js';
import type { UserPool } from '../../store/userPools.js';
import type { User } from '../../store/users.js';
import { eventUserAttributes, functionFor, runTrigger, triggerEvent, withClientMetadata, type Caller } from './trigger.js';

/**
 * UNSURE: `userNotFound` is in the request only when the app client has PreventUserExistenceErrors
 * ENABLED ("Amazon Cognito populates this Boolean" then, says the developer guide); real events from
 * other clients show no such member.
 */
export const USER_NOT_FOUND_ONLY_WHEN_PREVENTED = true;

/** `userNotFound` for a request, when the client hides user existence (or always, if not UNSURE). */
export const userNotFoundMember = (preventsExistenceErrors: boolean, notFound: boolean) =>
  preventsExistenceErrors || !USER_NOT_FOUND_ONLY_WHEN_PREVENTED ? { userNotFound: notFound } : {};

/**
 * PreAuthentication_Authentication, when a sign-in starts (before the password is checked): the
 * function may refuse it by throwing. `validationData` is InitiateAuth's ClientMetadata ({} without
 * it, as real events show). A user unknown to a client that hides user existence is sent as
 * userNotFound with no attributes. Undefined (no promise) without a PreAuthentication trigger.
 */
export function preAuthentication(
  ctx: Context,
  pool: UserPool,
  user: User | undefined,
  userName: string,
  caller: Caller,
  preventsExistenceErrors: boolean,
  validationData: Record<string, string> | undefined,
): Promise<void> | undefined {
  if (!functionFor(pool, 'PreAuthentication')) return undefined;
  const event = triggerEvent(pool, 'PreAuthentication_Authentication', user?.username ?? userName, caller, {
    userAttributes: user ? eventUserAttributes(pool, user) : {},
    validationData: validationData ?? {},
    ...userNotFoundMember(preventsExistenceErrors, !user),
  });
  return runTrigger(ctx, pool, 'PreAuthentication', event, () => undefined);
}

/**
 * UNSURE: PostAuthentication's `newDeviceUsed` is always there, false when the pool does not track
 * devices (the developer guide: Cognito "only sets this flag" when it does; real events show false).
 */
export const NEW_DEVICE_USED_ALWAYS_SENT = true;

/**
 * PostAuthentication_Authentication, once every challenge is passed and before the tokens are made:
 * a function error refuses the sign-in. clientMetadata comes from RespondToAuthChallenge only.
 * `newDeviceUsed` says whether the sign-in gets a new device (device tracking on, no known device).
 */
export function postAuthentication(
  ctx: Context,
  pool: UserPool,
  user: User,
  caller: Caller,
  newDeviceUsed: boolean,
  clientMetadata: Record<string, string> | undefined,
): Promise<void> | undefined {
  if (!functionFor(pool, 'PostAuthentication')) return undefined;
  const event = triggerEvent(pool, 'PostAuthentication_Authentication', user.username, caller, {
    userAttributes: eventUserAttributes(pool, user),
    ...(newDeviceUsed || NEW_DEVICE_USED_ALWAYS_SENT ? { newDeviceUsed } : {}),
    ...withClientMetadata(clientMetadata),
  });
  return runTrigger(ctx, pool, 'PostAuthentication', event, () => undefined);
}
