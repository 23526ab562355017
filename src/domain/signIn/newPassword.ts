/**
 * NEW_PASSWORD_REQUIRED: a user created by AdminCreateUser (FORCE_CHANGE_PASSWORD) signs in with the
 * temporary password and must choose a new one before anything else happens.
 */
import { checkPasswordPolicy, DEFAULT_PASSWORD_POLICY, setPassword } from '../passwords.js';
import { checkRequiredAttributes, missingRequiredAttributes } from '../attributes.js';
import { type CognitoError, InvalidParameter, NotAuthorized } from '../../protocol/errors.js';
import { challenge, keepSession, missingParameter } from './session.js';
import type { ChallengeResponder, SignInStep } from './types.js';

/** Attributes the client may not set while answering (Cognito owns them). */
const NOT_WRITABLE = new Set(['sub', 'email_verified', 'phone_number_verified']);

export const TEMPORARY_PASSWORD_EXPIRED = 'Temporary password has expired and must be reset by an administrator.';

/**
 * AFTER_PASSWORD step: first of all, a temporary password must be replaced, within the pool's
 * TemporaryPasswordValidityDays of being set (AdminCreateUser, or its RESEND, last wrote the user).
 * UNSURE: a CUSTOM_AUTH sign-in that never gave the password does not ask for a new one (real
 * passwordless sign-ins of FORCE_CHANGE_PASSWORD users get their tokens).
 */
export const newPasswordStep: SignInStep = (signIn) => {
  if (signIn.user.status !== 'FORCE_CHANGE_PASSWORD') return undefined;
  if (signIn.state.custom && !signIn.state.passed.includes('PASSWORD')) return undefined;
  const days = signIn.pool.description.Policies.PasswordPolicy.TemporaryPasswordValidityDays ?? DEFAULT_PASSWORD_POLICY.TemporaryPasswordValidityDays;
  if (signIn.ctx.clock.now() > signIn.user.modifiedAt + days * 86_400_000) throw NotAuthorized(TEMPORARY_PASSWORD_EXPIRED);
  const required = missingRequiredAttributes(signIn.pool, signIn.user.attributes);
  return challenge(signIn, 'NEW_PASSWORD_REQUIRED', {
    USER_ID_FOR_SRP: signIn.user.username,
    // Both are JSON strings, as Cognito sends them (the clients JSON.parse them).
    requiredAttributes: JSON.stringify(required.map((name) => `userAttributes.${name}`)),
    userAttributes: JSON.stringify(signIn.user.attributes),
  });
};

/** NEW_PASSWORD and any `userAttributes.<name>`: the password must meet the pool's policy. */
export const newPasswordResponder: ChallengeResponder = (signIn, responses) => {
  const { pool, user, ctx } = signIn;
  const password = responses.NEW_PASSWORD;
  if (password === undefined) throw missingParameter('NEW_PASSWORD');
  try {
    checkPasswordPolicy(pool, password);
  } catch (error) {
    // A password the policy refuses may be chosen again with the same Session (Amplify's confirmSignIn retries).
    throw keepSession(error as CognitoError);
  }
  const known = new Set(pool.description.SchemaAttributes.map((a) => a.Name));
  for (const [key, value] of Object.entries(responses)) {
    if (!key.startsWith('userAttributes.')) continue;
    const name = key.slice('userAttributes.'.length);
    if (!known.has(name) || NOT_WRITABLE.has(name)) throw InvalidParameter(`Cannot modify the non-mutable attribute ${name}`);
    user.attributes[name] = value;
  }
  checkRequiredAttributes(pool, user.attributes);
  setPassword(pool, user, password);
  user.status = 'CONFIRMED';
  user.modifiedAt = ctx.clock.now();
  ctx.store.transaction(() => ctx.store.users.update(user));
};
