import type { Call, Context } from '../../context.js';
import { verifiableAttributeNamed, VERIFY_PURPOSE } from '../../domain/attributeUpdates.js';
import { sendCode } from '../../domain/codes.js';
import { codeMessage, messageFor } from '../../domain/triggers/messages.js';
import { verifyAccessToken } from '../../domain/tokens.js';
import { currentUser } from '../../domain/users.js';
import { InvalidParameter } from '../../protocol/errors.js';

/**
 * UNSURE: the text for a user without a value to send the code to. The phone one is what floci
 * answers (taken to be AWS's); the email one is written by analogy.
 */
export const NO_ADDRESS = {
  email: 'User does not have a valid registered email',
  phone_number: 'User does not have a valid registered phone number',
} as const;

/**
 * Sends the signed-in user a code for their email or phone number: to the new value when one waits
 * for verification, else to the value in use. A new code supersedes the last one.
 */
export default async function getUserAttributeVerificationCode(
  input: { AccessToken: string; AttributeName: string; ClientMetadata?: Record<string, string> },
  ctx: Context,
  call: Call,
) {
  const { pool, user: signedIn, claims } = await verifyAccessToken(ctx, input.AccessToken);
  const attribute = verifiableAttributeNamed(input.AttributeName);
  const user = currentUser(ctx, signedIn);
  const address = user.pendingAttributes?.[attribute] ?? user.attributes[attribute];
  if (!address) throw InvalidParameter(NO_ADDRESS[attribute]);
  // CustomMessage_VerifyUserAttribute (or a custom sender) may write the message; only then is there a wait.
  const composed = messageFor(ctx, pool, user, codeMessage(ctx, 'VERIFY_USER_ATTRIBUTE', attribute, { clientId: claims.client_id, call }, input.ClientMetadata));
  const message = composed instanceof Promise ? await composed : composed;
  const CodeDeliveryDetails = ctx.store.transaction(() => {
    // As the user is now, if a trigger was waited for.
    const current = composed instanceof Promise ? currentUser(ctx, signedIn) : user;
    const delivered = sendCode(ctx, pool, current, VERIFY_PURPOSE[attribute], 'VERIFY_USER_ATTRIBUTE', { attributeName: attribute, address }, undefined, message);
    ctx.store.users.update(current);
    return delivered;
  });
  return { CodeDeliveryDetails };
}
