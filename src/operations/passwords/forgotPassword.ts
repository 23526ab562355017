import type { Call, Context } from '../../context.js';
import { checkSecretHash, findClient, preventsUserExistenceErrors } from '../../domain/appClients.js';
import { checkPasswordResettable, NO_RECOVERY_CHANNEL, recoveryTarget } from '../../domain/accountRecovery.js';
import { EVENT_OF_OPERATION, eventOrigin, recordAuthEvent } from '../../domain/authEvents.js';
import { checkCodeSendLimit, PASSWORD_RESET_CODE_VALIDITY_MS, sendCode, simulatedDelivery } from '../../domain/codes.js';
import { codeMessage, composeMessage } from '../../domain/triggers/messages.js';
import { migrateUser } from '../../domain/triggers/userMigration.js';
import { findUser, USER_DISABLED } from '../../domain/users.js';
import { InvalidParameter, NotAuthorized, UserNotFound } from '../../protocol/errors.js';

export interface ForgotPasswordInput {
  ClientId: string;
  SecretHash?: string;
  Username: string;
  UserContextData?: { IpAddress?: string; EncodedData?: string };
  AnalyticsMetadata?: { AnalyticsEndpointId?: string };
  ClientMetadata?: Record<string, string>;
}

/**
 * Sends a password-reset code (valid 1 hour) to the user's verified email or phone, as the pool's
 * AccountRecoverySetting orders them. With PreventUserExistenceErrors, a missing or disabled user, or
 * one with nothing verified, gets a simulated CodeDeliveryDetails instead of an error.
 */
export default async function forgotPassword(input: ForgotPasswordInput, ctx: Context, call: Call) {
  const { client, pool } = findClient(ctx, input.ClientId);
  checkSecretHash(client, input.Username, input.SecretHash);
  const hideExistence = preventsUserExistenceErrors(client);
  const simulated = () => ({ CodeDeliveryDetails: simulatedDelivery(pool, input.Username) });

  // A name the pool does not have may be migrated from the old directory (UserMigration_ForgotPassword).
  const user =
    findUser(ctx.store, pool, input.Username) ??
    (await migrateUser(ctx, pool, { source: 'UserMigration_ForgotPassword', userName: input.Username, caller: { clientId: client.ClientId, call }, clientMetadata: input.ClientMetadata }));
  if (!user) {
    if (hideExistence) return simulated();
    throw UserNotFound('Username/client id combination not found.');
  }
  if (!user.enabled) {
    if (hideExistence) return simulated();
    throw NotAuthorized(USER_DISABLED);
  }
  checkPasswordResettable(user, 'ForgotPassword');
  const target = recoveryTarget(pool, user);
  if (!target) {
    if (hideExistence) return simulated();
    throw InvalidParameter(NO_RECOVERY_CHANNEL);
  }

  checkCodeSendLimit(ctx, user, 'FORGOT_PASSWORD'); // before the trigger; sendCode checks again
  // CustomMessage_ForgotPassword (or a custom sender) shapes the message before anything is written.
  const message = await composeMessage(ctx, pool, user, codeMessage(ctx, 'FORGOT_PASSWORD', target.attributeName, { clientId: client.ClientId, call }, input.ClientMetadata));
  const CodeDeliveryDetails = ctx.store.transaction(() => {
    // As the user is now (the trigger may have taken a while).
    const current = ctx.store.users.byUsernameKey(pool.id, user.usernameKey);
    if (!current) throw UserNotFound('Username/client id combination not found.');
    const delivered = sendCode(ctx, pool, current, 'FORGOT_PASSWORD', 'FORGOT_PASSWORD', target, PASSWORD_RESET_CODE_VALIDITY_MS, message);
    ctx.store.users.update(current);
    recordAuthEvent(ctx, pool, current, { type: EVENT_OF_OPERATION.ForgotPassword, response: 'Pass', origin: eventOrigin(call, input.UserContextData) });
    return delivered;
  });
  return { CodeDeliveryDetails };
}
