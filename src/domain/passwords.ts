/** Password policy checks and the SRP verifier kept instead of the password. */
import type { UserPool } from '../store/userPools.js';
import type { User } from '../store/users.js';
import { InvalidPassword } from '../protocol/errors.js';
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

/** UNSURE (spec C.6 step 5): reason texts; the prefix is observed. */
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
