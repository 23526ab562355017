/** The sign-up triggers: PreSignUp (may refuse, confirm, verify) and PostConfirmation. */
import type { Context } from '../../context.js';
import type { UserPool } from '../../store/userPools.js';
import type { User } from '../../store/users.js';
import { InvalidParameter } from '../../protocol/errors.js';
import { eventUserAttributes, functionFor, optionalBoolean, runTrigger, triggerEvent, withClientMetadata, type Caller } from './trigger.js';

export type PreSignUpSource = 'PreSignUp_SignUp' | 'PreSignUp_AdminCreateUser' | 'PreSignUp_ExternalProvider';

export interface PreSignUpAnswer {
  autoConfirmUser: boolean;
  autoVerifyEmail: boolean;
  autoVerifyPhone: boolean;
}

/**
 * UNSURE: the developer guide says only that "an error will occur" when autoVerifyEmail (or
 * autoVerifyPhone) is true and the user has no email (phone number); the type and text are ours.
 */
export const autoVerifyWithoutValue = (attribute: 'email' | 'phone_number') =>
  InvalidParameter(`Cannot auto-verify the ${attribute} attribute of a user who has none.`);

/**
 * PreSignUp, before the user exists: `userAttributes` as the user would be created, `validationData`
 * from ValidationData (null when none), `clientMetadata` from ClientMetadata. A function error refuses
 * the sign-up; nothing is written before it answers. Undefined when the pool has no PreSignUp, and for
 * AdminCreateUser, whose answer "Amazon Cognito ignores" (the developer guide).
 */
export async function preSignUp(
  ctx: Context,
  pool: UserPool,
  source: PreSignUpSource,
  userName: string,
  userAttributes: Record<string, string>,
  caller: Caller,
  validationData: Record<string, string> | undefined,
  clientMetadata: Record<string, string> | undefined,
): Promise<PreSignUpAnswer | undefined> {
  if (!functionFor(pool, 'PreSignUp')) return undefined;
  const event = triggerEvent(
    pool,
    source,
    userName,
    caller,
    { userAttributes, validationData: validationData ?? null, ...withClientMetadata(clientMetadata) },
    { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
  );
  if (source === 'PreSignUp_AdminCreateUser') return runTrigger(ctx, pool, 'PreSignUp', event, () => undefined);
  const answer = await runTrigger(ctx, pool, 'PreSignUp', event, (response) => ({
    autoConfirmUser: optionalBoolean(response.autoConfirmUser) ?? false,
    autoVerifyEmail: optionalBoolean(response.autoVerifyEmail) ?? false,
    autoVerifyPhone: optionalBoolean(response.autoVerifyPhone) ?? false,
  }));
  if (answer.autoVerifyEmail && !userAttributes.email) throw autoVerifyWithoutValue('email');
  if (answer.autoVerifyPhone && !userAttributes.phone_number) throw autoVerifyWithoutValue('phone_number');
  return answer;
}

export type PostConfirmationSource = 'PostConfirmation_ConfirmSignUp' | 'PostConfirmation_ConfirmForgotPassword';

/**
 * PostConfirmation, once the user is confirmed (and written): its error reaches the caller, but the
 * confirmation stands, as in Cognito. Returns undefined, without a promise, when the pool has no
 * PostConfirmation: ConfirmSignUp's path stays synchronous.
 */
export function postConfirmation(
  ctx: Context,
  pool: UserPool,
  user: User,
  source: PostConfirmationSource,
  caller: Caller,
  clientMetadata: Record<string, string> | undefined,
): Promise<void> | undefined {
  if (!functionFor(pool, 'PostConfirmation')) return undefined;
  const event = triggerEvent(pool, source, user.username, caller, {
    userAttributes: eventUserAttributes(pool, user),
    ...withClientMetadata(clientMetadata),
  });
  return runTrigger(ctx, pool, 'PostConfirmation', event, () => undefined);
}
