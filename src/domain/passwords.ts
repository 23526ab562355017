/** Password policy and history checks, and the SRP verifier kept instead of the password. */
import type { Context } from '../context.js';
import type { UserPool } from '../store/userPools.js';
import type { User } from '../store/users.js';
import { CognitoError, InvalidPassword } from '../protocol/errors.js';
import { poolNameOf } from './ids.js';
import { checkPassword, createPasswordVerifier } from './srp.js';

export const DEFAULT_PASSWORD_POLICY = {
  MinimumLength: 8,
  RequireUppercase: true,
  RequireLowercase: true,
  RequireNumbers: true,
  RequireSymbols: true,
  TemporaryPasswordValidityDays: 7,
};

/** Cognito's special characters for RequireSymbols. */
const SYMBOLS = /[\^$*.[\]{}()?"!@#%&/\\,><':;|_~`=+\- ]/;

/**
 * The five reason texts are observed (apps match each of them after the observed prefix). UNSURE:
 * which one Cognito names when several rules fail; we name the first failing in this order.
 */
export function checkPasswordPolicy(pool: UserPool, password: string): void {
  const policy = { ...DEFAULT_PASSWORD_POLICY, ...pool.description.Policies?.PasswordPolicy };
  const fail = (reason: string) => {
    throw InvalidPassword(`Password did not conform with policy: ${reason}`);
  };
  if (password.length < policy.MinimumLength) fail('Password not long enough');
  if (policy.RequireLowercase && !/[a-z]/.test(password)) fail('Password must have lowercase characters');
  if (policy.RequireUppercase && !/[A-Z]/.test(password)) fail('Password must have uppercase characters');
  if (policy.RequireNumbers && !/[0-9]/.test(password)) fail('Password must have numeric characters');
  if (policy.RequireSymbols && !SYMBOLS.test(password)) fail('Password must have symbol characters');
}

/** Stores the password as an SRP verifier over the username (USER_ID_FOR_SRP). */
export function setPassword(pool: UserPool, user: User, password: string): void {
  const { salt, verifier } = createPasswordVerifier(poolNameOf(pool.id), user.username, password);
  user.passwordSalt = salt;
  user.passwordVerifier = verifier;
}

export function passwordMatches(pool: UserPool, user: User, password: string): boolean {
  if (!user.passwordSalt || !user.passwordVerifier) return false;
  return checkPassword(poolNameOf(pool.id), user.username, password, { salt: user.passwordSalt, verifier: user.passwordVerifier });
}

/** UNSURE: no real PasswordHistoryPolicyViolationException text has been observed; emulator text. */
export const PASSWORD_HISTORY_VIOLATION = 'Password has previously been used.';
/**
 * UNSURE: the password being replaced counts as one of the PasswordHistorySize "previous passwords"
 * (with 1, a user cannot set the password they have now again); only the older ones are kept apart.
 */
export const HISTORY_INCLUDES_CURRENT_PASSWORD = true;
/**
 * UNSURE: a temporary password (AdminCreateUser, AdminSetUserPassword without Permanent) is one of the
 * user's previous passwords: with a PasswordHistorySize, NEW_PASSWORD_REQUIRED refuses it as the new
 * one and it joins the history. No source says; without a history Cognito accepts it [OBS
 * amplify-js#7957]. false: a temporary password is neither checked against nor kept.
 */
export const TEMPORARY_PASSWORD_IN_HISTORY = true;

/** PasswordHistorySize: 0 (or absent) means no history is kept or enforced. */
export const passwordHistorySize = (pool: UserPool) => Number(pool.description.Policies?.PasswordPolicy?.PasswordHistorySize ?? 0);

/**
 * A user's new password, as ChangePassword, ConfirmForgotPassword, AdminSetUserPassword and
 * NEW_PASSWORD_REQUIRED set it: the pool's policy, then its password history (checked against the
 * verifiers of earlier passwords: no password is ever kept), then the new verifier. The replaced
 * verifier joins the history and the lockout count starts again. Call inside the operation's
 * transaction; the caller writes the user.
 */
export function changePassword(ctx: Context, pool: UserPool, user: User, password: string): void {
  checkPasswordPolicy(pool, password);
  const size = passwordHistorySize(pool);
  const counts = user.status !== 'FORCE_CHANGE_PASSWORD' || TEMPORARY_PASSWORD_IN_HISTORY;
  const current = counts && user.passwordSalt && user.passwordVerifier ? { salt: user.passwordSalt, verifier: user.passwordVerifier } : undefined;
  if (size > 0) {
    const earlier = [...(HISTORY_INCLUDES_CURRENT_PASSWORD && current ? [current] : []), ...ctx.store.passwordHistory.list(pool.id, user.username)];
    if (earlier.slice(0, size).some((stored) => checkPassword(poolNameOf(pool.id), user.username, password, stored))) {
      throw new CognitoError('PasswordHistoryPolicyViolationException', PASSWORD_HISTORY_VIOLATION);
    }
    const kept = HISTORY_INCLUDES_CURRENT_PASSWORD ? size - 1 : size;
    if (current && kept > 0) ctx.store.passwordHistory.push(pool.id, user.username, current, kept);
  }
  setPassword(pool, user, password);
  user.failedSignIns = 0;
  user.lockedUntil = 0;
}
