/**
 * Confirmation codes: 6 digits, 24 hours, kept only as a salted HMAC, "delivered" to the outbox
 * (GET /_kognito/messages) and the log.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { sameSecret } from './secrets.js';
import type { Context } from '../context.js';

import type { UserPool } from '../store/userPools.js';
import type { CodePurpose, StoredCode, User } from '../store/users.js';
import { CodeMismatch, ExpiredCode, LimitExceeded } from '../protocol/errors.js';
import { newConfirmationCode } from './ids.js';
import { keepWrites } from './singleUse.js';
import { looksLikeEmail, looksLikePhone } from './attributes.js';
import { mediumOf, type MessageKind } from './messageTemplates.js';
import { handOver, templateMessage, type ComposedMessage } from './triggers/messages.js';

/** Sign-up and attribute verification codes are valid 24 hours; not configurable in Cognito. */
export const CONFIRMATION_CODE_VALIDITY_MS = 24 * 60 * 60 * 1000;
/** Password reset codes (ForgotPassword, AdminResetUserPassword) are valid 1 hour. */
export const PASSWORD_RESET_CODE_VALIDITY_MS = 60 * 60 * 1000;
/**
 * After this many wrong codes the code is locked: LimitExceededException until a new code is sent
 * (ResendConfirmationCode resets the count). AWS does not publish the limit; a real password reset
 * answered five CodeMismatchException, then LimitExceededException (aws-amplify/amplify-ui-android #180).
 */
export const MAX_FAILED_CODE_ATTEMPTS = 5;
/**
 * UNSURE (spec C.2, open question 4): a code replaced by a resend answers ExpiredCodeException (not
 * CodeMismatchException) and does not count as a failed attempt. This many replaced codes are remembered.
 */
export const REMEMBERED_SUPERSEDED_CODES = 5;

/**
 * UNSURE: how many codes of one purpose (sign-up, password reset, attribute verification) a user may be
 * sent per CODE_SEND_WINDOW_MS before LimitExceededException. Cognito's guide says that "in a given
 * hour" it allows "between five and 20 attempts" to request or enter a password reset code, depending
 * on risk, and does not publish its other limits (amazon-cognito-identity-js#548: "we do not share
 * externally the exact limits"); kognito takes the low end for every code it sends. Relax it for test
 * suites with --code-send-limit / KOGNITO_CODE_SEND_LIMIT (`off` for no limit).
 */
export const MAX_CODES_SENT_PER_WINDOW = 5;
export const CODE_SEND_WINDOW_MS = 60 * 60 * 1000;
export const ATTEMPT_LIMIT_EXCEEDED = 'Attempt limit exceeded, please try after some time.';

/** The sends of `purpose` to a user still inside the window. */
const recentSends = (ctx: Context, user: User, purpose: CodePurpose) =>
  (user.codes[purpose]?.sentAt ?? []).filter((at) => at > ctx.clock.now() - CODE_SEND_WINDOW_MS);

/**
 * Refuses a code when the user was sent the limit within the last hour (LimitExceededException, as
 * Cognito). sendCode() checks it, so every operation that sends a code inherits it; an operation may
 * call it earlier too, before work a refused request should not cause (a CustomMessage trigger).
 */
export function checkCodeSendLimit(ctx: Context, user: User, purpose: CodePurpose): void {
  const limit = ctx.config.codeSendLimit ?? MAX_CODES_SENT_PER_WINDOW;
  if (limit > 0 && recentSends(ctx, user, purpose).length >= limit) throw LimitExceeded(ATTEMPT_LIMIT_EXCEEDED);
}

export interface CodeDeliveryDetails {
  AttributeName: 'email' | 'phone_number';
  DeliveryMedium: 'EMAIL' | 'SMS';
  Destination: string;
}

/** Members in the order Cognito sends them (aws-sdk-ios #4837 quotes a real answer). */
const codeDeliveryDetails = (attributeName: 'email' | 'phone_number', destination: string): CodeDeliveryDetails => ({
  AttributeName: attributeName,
  DeliveryMedium: mediumOf(attributeName),
  Destination: destination,
});

/**
 * PreventUserExistenceErrors: the CodeDeliveryDetails of a code that was not sent (no such user, a
 * disabled one, no verified channel). The medium is the one asked for (`attributeName`), else it
 * follows the username's form, else the pool's verification settings (developer guide); the
 * destination is a masked address made up from the pool and the username, the same on every call,
 * so that it reveals nothing (a real simulated answer, aws-sdk-ios #4837, does not echo the username
 * either).
 */
export function simulatedDelivery(pool: UserPool, username: string, attributeName?: 'email' | 'phone_number'): CodeDeliveryDetails {
  const autoVerified = pool.description.AutoVerifiedAttributes ?? [];
  const phone = attributeName
    ? attributeName === 'phone_number'
    : looksLikePhone(username) || (!looksLikeEmail(username) && autoVerified.includes('phone_number') && !autoVerified.includes('email'));
  const digest = createHmac('sha256', `kognito simulated delivery:${pool.id}`).update(username).digest();
  const letter = (byte: number) => 'abcdefghijklmnopqrstuvwxyz'[byte % 26];
  return phone
    ? codeDeliveryDetails('phone_number', `+*******${String(digest.readUInt16BE(0) % 10_000).padStart(4, '0')}`)
    : codeDeliveryDetails('email', `${letter(digest[2])}***@${letter(digest[3])}***`);
}

/**
 * Where a verification code goes: the phone if phone_number is auto-verified and present (SMS wins
 * when both are), else the email. Undefined when the pool auto-verifies nothing the user has.
 */
export function deliveryTarget(pool: UserPool, user: User): { attributeName: 'email' | 'phone_number'; address: string } | undefined {
  const autoVerified = pool.description.AutoVerifiedAttributes ?? [];
  for (const attributeName of ['phone_number', 'email'] as const) {
    const address = user.attributes[attributeName];
    if (autoVerified.includes(attributeName) && address) return { attributeName, address };
  }
  return undefined;
}

/**
 * `d***@e***` (no TLD) for email, as in a real ForgotPassword answer (aws-sdk-ios #4837: "u***@y***";
 * the AWS CLI examples show both forms); `+********1234` for phone (UNSURE: the number of stars).
 */
export function maskDestination(attributeName: 'email' | 'phone_number', address: string): string {
  if (attributeName === 'phone_number') return `+${'*'.repeat(Math.max(address.length - 5, 0))}${address.slice(-4)}`;
  const [local, domain = ''] = address.split('@');
  return `${local.charAt(0)}***@${domain.charAt(0)}***`;
}

const hashCode = (code: string, salt: string) => createHmac('sha256', salt).update(code).digest('base64');

/** A code as kept: its salted HMAC, never the code itself. */
export interface HashedCode {
  codeHash: string;
  salt: string;
}

/** Whether `given` is the code behind `stored` (constant time). */
export const codeMatches = (stored: HashedCode, given: string) => sameSecret(hashCode(given, stored.salt), stored.codeHash);

/**
 * Delivers a code: a line in the outbox (GET /_kognito/messages) and the log, or the custom sender
 * trigger. `composed` is the message composeMessage() (triggers/messages.ts) made, CustomMessage
 * asked, for a code from newConfirmationCode(); without it, a new code in the pool's template.
 * Returns the code as it may be kept, and the CodeDeliveryDetails the client is told.
 */
export function deliverCode(
  ctx: Context,
  pool: UserPool,
  user: User,
  kind: string,
  target: { attributeName: 'email' | 'phone_number'; address: string },
  composed?: ComposedMessage,
): { hashed: HashedCode; details: CodeDeliveryDetails } {
  const deliveryMedium = mediumOf(target.attributeName);
  const message = composed ?? templateMessage(pool, user, kind as MessageKind, deliveryMedium, newConfirmationCode(ctx.config));
  const code = message.code;
  const salt = randomBytes(16).toString('base64');
  ctx.store.outbox.add(
    { userPoolId: pool.id, username: user.username, kind, deliveryMedium, destination: target.address, code, subject: message.subject, message: message.message },
    ctx.clock.now(),
  );
  ctx.log.info({ userPoolId: pool.id, username: user.username, kind, destination: target.address, code }, 'code sent');
  handOver(ctx, pool, user, message);
  return {
    hashed: { codeHash: hashCode(code, salt), salt },
    details: codeDeliveryDetails(target.attributeName, maskDestination(target.attributeName, target.address)),
  };
}

/**
 * Sends a code to the user (replacing any earlier one), returns CodeDeliveryDetails; refused with
 * LimitExceededException past the send limit (checkCodeSendLimit). The code goes into user.codes: the
 * caller writes the user in the same transaction. `composed`: as deliverCode.
 */
export function sendCode(
  ctx: Context,
  pool: UserPool,
  user: User,
  purpose: CodePurpose,
  kind: string,
  target: { attributeName: 'email' | 'phone_number'; address: string },
  validityMs = CONFIRMATION_CODE_VALIDITY_MS,
  composed?: ComposedMessage,
): CodeDeliveryDetails {
  checkCodeSendLimit(ctx, user, purpose);
  const sentAt = [...recentSends(ctx, user, purpose), ctx.clock.now()];
  const { hashed, details } = deliverCode(ctx, pool, user, kind, target, composed);
  const previous = user.codes[purpose];
  user.codes[purpose] = {
    ...hashed,
    sentAt,
    attributeName: target.attributeName,
    expiresAt: ctx.clock.now() + validityMs,
    failedAttempts: 0,
    superseded: previous ? [{ codeHash: previous.codeHash, salt: previous.salt }, ...previous.superseded].slice(0, REMEMBERED_SUPERSEDED_CODES) : [],
  };
  return details;
}

/**
 * Checks a code against the outstanding one (spec C.6 steps 4-6); returns the stored code, which the
 * caller deletes. Call it inside `claimOnce` (domain/singleUse.ts) with a user read there, and spend
 * the code in the same claim: of concurrent requests with one code exactly one wins. A wrong code
 * counts as a failure that stays written (keepWrites) though the error goes back.
 */
export function checkCode(ctx: Context, pool: UserPool, user: User, purpose: CodePurpose, given: string): StoredCode {
  const stored = user.codes[purpose];
  if (stored && stored.failedAttempts >= MAX_FAILED_CODE_ATTEMPTS) {
    throw LimitExceeded(ATTEMPT_LIMIT_EXCEEDED);
  }
  if (!stored || stored.expiresAt <= ctx.clock.now()) {
    throw ExpiredCode('Invalid code provided, please request a code again.');
  }
  if (!codeMatches(stored, given)) {
    if (stored.superseded.some((old) => codeMatches(old, given))) {
      throw ExpiredCode('Invalid code provided, please request a code again.');
    }
    stored.failedAttempts += 1;
    ctx.store.users.update(user);
    throw keepWrites(CodeMismatch('Invalid verification code provided, please try again.'));
  }
  return stored;
}
