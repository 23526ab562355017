/**
 * NEW_PASSWORD_REQUIRED: a user created by AdminCreateUser (FORCE_CHANGE_PASSWORD) signs in with the
 * temporary password and must choose a new one before anything else happens.
 */
import { changePassword, checkPasswordPolicy, DEFAULT_PASSWORD_POLICY } from '../passwords.js';
import { missingRequiredAttributes } from '../attributes.js';
import { firstSignInAttributes } from '../attributeUpdates.js';
import { CognitoError, NotAuthorized } from '../../protocol/errors.js';
import { challenge, keepSession, missingParameter } from './session.js';
import type { ChallengeResponder, SignInStep } from './types.js';

/** How an answer names the attributes it sets. */
const ATTRIBUTE_PREFIX = 'userAttributes.';

export const TEMPORARY_PASSWORD_EXPIRED = 'Temporary password has expired and must be reset by an administrator.';

/**
 * AFTER_PASSWORD step: first of all, a temporary password must be replaced, within the pool's
 * TemporaryPasswordValidityDays of being set (AdminCreateUser, or its RESEND, last wrote the user).
 * UNSURE: a CUSTOM_AUTH sign-in that never gave the password, or a USER_AUTH one with an email or SMS
 * code, does not ask for a new one (real passwordless sign-ins of FORCE_CHANGE_PASSWORD users get their tokens).
 */
export const newPasswordStep: SignInStep = (signIn) => {
  if (signIn.user.status !== 'FORCE_CHANGE_PASSWORD') return undefined;
  // Only a sign-in that gave the password (not a custom one without it, nor a one-time password).
  if (!signIn.state.passed.includes('PASSWORD')) return undefined;
  const days = signIn.pool.description.Policies.PasswordPolicy.TemporaryPasswordValidityDays ?? DEFAULT_PASSWORD_POLICY.TemporaryPasswordValidityDays;
  if (signIn.ctx.clock.now() > signIn.user.modifiedAt + days * 86_400_000) throw NotAuthorized(TEMPORARY_PASSWORD_EXPIRED);
  const required = missingRequiredAttributes(signIn.pool, signIn.user.attributes);
  return challenge(signIn, 'NEW_PASSWORD_REQUIRED', {
    USER_ID_FOR_SRP: signIn.user.username,
    // Both are JSON strings, as Cognito sends them (the clients JSON.parse them).
    requiredAttributes: JSON.stringify(required.map((name) => `${ATTRIBUTE_PREFIX}${name}`)),
    userAttributes: JSON.stringify(signIn.user.attributes),
  });
};

/**
 * NEW_PASSWORD and any `userAttributes.<name>`: the password must meet the pool's policy and its
 * password history (as ChangePassword's does), the attributes the rules of an app client's write
 * (domain/attributeUpdates.ts); then the user is CONFIRMED.
 */
export const newPasswordResponder: ChallengeResponder = (signIn, responses) => {
  const { pool, client, user, ctx } = signIn;
  const password = responses.NEW_PASSWORD;
  if (password === undefined) throw missingParameter('NEW_PASSWORD');
  // A password the policy or the history refuses may be chosen again with the same Session (Amplify's confirmSignIn retries).
  const retry = (error: unknown) => (error instanceof CognitoError ? keepSession(error) : error);
  try {
    checkPasswordPolicy(pool, password);
  } catch (error) {
    throw retry(error);
  }
  const changes = new Map<string, string>();
  for (const [key, value] of Object.entries(responses)) {
    if (key.startsWith(ATTRIBUTE_PREFIX)) changes.set(key.slice(ATTRIBUTE_PREFIX.length), value);
  }
  const attributes = firstSignInAttributes(ctx, pool, client, user, changes);
  ctx.store.transaction(() => {
    try {
      changePassword(ctx, pool, user, password);
    } catch (error) {
      throw retry(error);
    }
    user.attributes = attributes;
    user.status = 'CONFIRMED';
    user.modifiedAt = ctx.clock.now();
    ctx.store.users.update(user);
  });
};
