import type { Call, Context } from '../../context.js';
import { checkSecretHash, findClient, preventsUserExistenceErrors } from '../../domain/appClients.js';
import { EVENT_OF_OPERATION, eventOrigin, recordAuthEvent } from '../../domain/authEvents.js';
import { checkCodeSendLimit, deliveryTarget, sendCode, simulatedDelivery } from '../../domain/codes.js';
import { codeMessage, composeMessage } from '../../domain/triggers/messages.js';
import { findUser } from '../../domain/users.js';
import { InvalidParameter, NotAuthorized, UserNotFound } from '../../protocol/errors.js';

/**
 * When the pool auto-verifies nothing the user has. Observed, type and text: "NotAuthorizedException:
 * Cannot resend codes. Auto verification not turned on." (a browser log quoted in a public repository;
 * apps match the text). Last round's UNSURE choice was InvalidParameterException.
 */
export const NO_AUTO_VERIFICATION_MESSAGE = 'Cannot resend codes. Auto verification not turned on.';

export default async function resendConfirmationCode(
  input: { ClientId: string; SecretHash?: string; Username: string; ClientMetadata?: Record<string, string>; UserContextData?: { IpAddress?: string } },
  ctx: Context,
  call: Call,
) {
  const { client, pool } = findClient(ctx, input.ClientId);
  checkSecretHash(client, input.Username, input.SecretHash);
  const user = findUser(ctx.store, pool, input.Username);
  const hideExistence = preventsUserExistenceErrors(client);
  if (!user || (hideExistence && user.status !== 'UNCONFIRMED')) {
    if (!hideExistence) throw UserNotFound('Username/client id combination not found.');
    // Don't reveal whether the user exists: answer as if a code went out.
    return { CodeDeliveryDetails: simulatedDelivery(pool, input.Username) };
  }
  if (user.status === 'CONFIRMED') throw InvalidParameter('User is already confirmed.');
  const target = deliveryTarget(pool, user);
  if (!target) throw NotAuthorized(NO_AUTO_VERIFICATION_MESSAGE);
  checkCodeSendLimit(ctx, user, 'SIGN_UP'); // before the CustomMessage trigger; sendCode checks again
  const message = await composeMessage(ctx, pool, user, codeMessage(ctx, 'RESEND_CODE', target.attributeName, { clientId: client.ClientId, call }, input.ClientMetadata));
  const CodeDeliveryDetails = ctx.store.transaction(() => {
    // As the user is now (CustomMessage may have taken a while): still there, still unconfirmed.
    const current = ctx.store.users.byUsernameKey(pool.id, user.usernameKey);
    if (!current) throw UserNotFound('Username/client id combination not found.');
    if (current.status === 'CONFIRMED') throw InvalidParameter('User is already confirmed.');
    const delivered = sendCode(ctx, pool, current, 'SIGN_UP', 'RESEND_CODE', target, undefined, message);
    ctx.store.users.update(current);
    recordAuthEvent(ctx, pool, current, { type: EVENT_OF_OPERATION.ResendConfirmationCode, response: 'Pass', origin: eventOrigin(call, input.UserContextData) });
    return delivered;
  });
  return { CodeDeliveryDetails };
}
