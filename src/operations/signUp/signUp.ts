import type { Call, Context } from '../../context.js';
import { checkSecretHash, findClient } from '../../domain/appClients.js';
import { EVENT_OF_OPERATION, eventOrigin, recordAuthEvent } from '../../domain/authEvents.js';
import { attributesFrom, checkClientWrites, checkRequiredAttributes, looksLikeEmail, looksLikePhone, type AttributeType } from '../../domain/attributes.js';
import { deliveryTarget, sendCode } from '../../domain/codes.js';
import { uuid } from '../../domain/ids.js';
import { checkPasswordPolicy } from '../../domain/passwords.js';
import { codeMessage, composeMessage } from '../../domain/triggers/messages.js';
import { postConfirmation, preSignUp } from '../../domain/triggers/signUp.js';
import { newUser, usernameAttributeOf, usernameKeyFor, verifiedAliasHolder } from '../../domain/users.js';
import { InvalidParameter, NotAuthorized, UsernameExists } from '../../protocol/errors.js';
import type { AliasAttribute } from '../../store/users.js';

export interface SignUpInput {
  ClientId: string;
  Username: string;
  Password?: string;
  SecretHash?: string;
  UserAttributes?: AttributeType[];
  ValidationData?: AttributeType[];
  ClientMetadata?: Record<string, string>;
  UserContextData?: { IpAddress?: string; EncodedData?: string };
}

export default async function signUp(input: SignUpInput, ctx: Context, call: Call) {
  const { client, pool } = findClient(ctx, input.ClientId);
  checkSecretHash(client, input.Username, input.SecretHash);
  if (pool.description.AdminCreateUserConfig?.AllowAdminCreateUserOnly) {
    throw NotAuthorized('SignUp is not permitted for this user pool');
  }
  checkClientWrites(client, pool, (input.UserAttributes ?? []).map((attribute) => attribute.Name));
  const attributes = attributesFrom(pool, input.UserAttributes);
  delete attributes.email_verified;
  delete attributes.phone_number_verified;

  // Email or phone as username: the value becomes the attribute and the username is a new UUID (the sub).
  const sub = uuid();
  let username = input.Username;
  const usernameAttribute = usernameAttributeOf(ctx.store, pool, input.Username);
  if (usernameAttribute) {
    attributes[usernameAttribute] = input.Username;
    username = sub;
  } else {
    const aliases = pool.description.AliasAttributes ?? [];
    if (aliases.includes('email') && looksLikeEmail(input.Username)) {
      throw InvalidParameter('Username cannot be of email format, since user pool is configured for email alias.');
    }
    if (aliases.includes('phone_number') && looksLikePhone(input.Username)) {
      throw InvalidParameter('Username cannot be of phone number format, since user pool is configured for phone_number alias.');
    }
  }
  checkRequiredAttributes(pool, attributes);
  if (ctx.store.users.byUsernameKey(pool.id, usernameKeyFor(pool, username))) throw UsernameExists('User already exists');
  checkPasswordPolicy(pool, input.Password ?? '');

  // PreSignUp may refuse the sign-up (nothing is written before it answers), confirm it, verify email or phone.
  const caller = { clientId: client.ClientId, call };
  const validationData = input.ValidationData && Object.fromEntries(input.ValidationData.map(({ Name, Value }) => [Name, Value ?? '']));
  const decided = await preSignUp(ctx, pool, 'PreSignUp_SignUp', username, { ...attributes }, caller, validationData, input.ClientMetadata);
  const verified = (['email', 'phone_number'] as const).filter((name) => (name === 'email' ? decided?.autoVerifyEmail : decided?.autoVerifyPhone));
  for (const name of verified) attributes[`${name}_verified`] = 'true';
  const confirmed = decided?.autoConfirmUser ?? false;

  const user = newUser(pool, { username, sub, status: confirmed ? 'CONFIRMED' : 'UNCONFIRMED', attributes, password: input.Password ?? '' }, ctx.clock.now());
  // An auto-confirmed user gets no confirmation code.
  const target = confirmed ? undefined : deliveryTarget(pool, user);
  const message = target && (await composeMessage(ctx, pool, user, codeMessage(ctx, 'SIGN_UP', target.attributeName, caller, input.ClientMetadata)));
  const CodeDeliveryDetails = ctx.store.transaction(() => {
    // The username may have been taken while the triggers ran.
    if (ctx.store.users.byUsernameKey(pool.id, user.usernameKey)) throw UsernameExists('User already exists');
    for (const name of verified) takeOverAlias(ctx, pool, name, user);
    const delivered = target && sendCode(ctx, pool, user, 'SIGN_UP', 'SIGN_UP', target, undefined, message);
    ctx.store.users.insert(user);
    recordAuthEvent(ctx, pool, user, { type: EVENT_OF_OPERATION.SignUp, response: 'Pass', origin: eventOrigin(call, input.UserContextData) });
    return delivered;
  });
  // An auto-confirmed sign-up is a confirmation: PostConfirmation runs (its error reaches the caller; the user stays).
  if (confirmed) await postConfirmation(ctx, pool, user, 'PostConfirmation_ConfirmSignUp', caller, input.ClientMetadata);
  return { UserConfirmed: confirmed, UserSub: sub, ...(CodeDeliveryDetails ? { CodeDeliveryDetails } : {}) };
}

/**
 * An email or phone number PreSignUp auto-verified becomes the new user's alias: a user who held it
 * as a verified alias loses it (the developer guide: "the alias will be moved to the new user").
 */
function takeOverAlias(ctx: Context, pool: Parameters<typeof verifiedAliasHolder>[1], name: AliasAttribute, user: { attributes: Record<string, string>; sub: string }) {
  if (!pool.description.AliasAttributes?.includes(name)) return;
  const holder = verifiedAliasHolder(ctx.store, pool, name, user.attributes[name]);
  if (!holder || holder.sub === user.sub) return;
  holder.attributes[`${name}_verified`] = 'false';
  holder.modifiedAt = ctx.clock.now();
  ctx.store.users.update(holder);
}
