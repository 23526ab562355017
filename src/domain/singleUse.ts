/**
 * Anything single-use — a challenge Session, a confirmation or reset code, an authorization code, a
 * refresh token being rotated — is claimed with `claimOnce`, so that of N concurrent requests that
 * present it exactly one gets it.
 *
 * Node runs one request's synchronous code at a time, and better-sqlite3 is synchronous: what happens
 * between two `await`s cannot interleave with another request. So a claim is safe when `take`
 *   - runs before the operation's first `await` (or reads everything it decides on after the last one),
 *   - reads the thing from the store itself (never trusts an object read before an `await`),
 *   - checks it and spends it (delete, mark used, count a failure) in the same call.
 * `take` runs in one store transaction: if it throws, nothing it wrote is kept (the thing stays for a
 * later, rightful claim), unless the error is marked `keepWrites` (a failed attempt counted, an expired
 * thing forgotten) — then the writes are committed and the error thrown.
 */
import type { Context } from '../context.js';
import type { CognitoError } from '../protocol/errors.js';

export function claimOnce<T>(ctx: Pick<Context, 'store'>, take: () => T): T {
  let kept: CognitoError | undefined;
  const taken = ctx.store.transaction(() => {
    try {
      const result = take();
      if (result instanceof Promise) throw new Error('claimOnce: take must be synchronous (claim before any await)');
      return result;
    } catch (error) {
      if ((error as CognitoError).keepsWrites !== true) throw error;
      kept = error as CognitoError;
      return undefined;
    }
  });
  if (kept) throw kept;
  return taken as T;
}

/** Marks an error thrown inside `claimOnce` whose writes must stay (a failed attempt counted). */
export function keepWrites<E extends CognitoError>(error: E): E {
  error.keepsWrites = true;
  return error;
}
