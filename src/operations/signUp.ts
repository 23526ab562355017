import type { Context } from '../context.js';
import { checkSecretHash, findClient } from '../domain/appClients.js';
import { attributesFrom, checkRequiredAttributes, looksLikeEmail, looksLikePhone } from '../domain/attributes.js';
import { deliveryTarget, sendCode } from '../domain/codes.js';
import { uuid } from '../domain/ids.js';
import { checkPasswordPolicy } from '../domain/passwords.js';
import { newUser, usernameKeyFor, type AttributeType } from '../domain/users.js';
import { InvalidParameter, NotAuthorized, UsernameExists } from '../protocol/errors.js';

export interface SignUpInput {
  ClientId: string;
  Username: string;
  Password?: string;
  SecretHash?: string;
  UserAttributes?: AttributeType[];
  ValidationData?: AttributeType[];
  ClientMetadata?: Record<string, string>;
}

export default function signUp(input: SignUpInput, ctx: Context) {
  const { client, pool } = findClient(ctx, input.ClientId);
  checkSecretHash(client, input.Username, input.SecretHash);
  if (pool.description.AdminCreateUserConfig?.AllowAdminCreateUserOnly) {
    throw NotAuthorized('SignUp is not permitted for this user pool');
  }
  const attributes = attributesFrom(pool, input.UserAttributes);
  delete attributes.email_verified;
  delete attributes.phone_number_verified;

  // Email or phone as username: the value becomes the attribute and the username is a new UUID (the sub).
  const sub = uuid();
  let username = input.Username;
  const usernameAttributes = pool.description.UsernameAttributes ?? [];
  if (usernameAttributes.length) {
    const asEmail = usernameAttributes.includes('email') && looksLikeEmail(input.Username);
    const asPhone = usernameAttributes.includes('phone_number') && looksLikePhone(input.Username);
    if (!asEmail && !asPhone) {
      throw InvalidParameter(
        usernameAttributes.length === 2
          ? 'Username should be either an email or a phone number.'
          : usernameAttributes[0] === 'email'
            ? 'Username should be an email.'
            : 'Username should be a phone number.',
      );
    }
    const attributeName = asEmail ? 'email' : 'phone_number';
    attributes[attributeName] = input.Username;
    if (ctx.store.users.byAttribute(pool.id, attributeName, input.Username).length) {
      throw UsernameExists(`An account with the given ${attributeName} already exists.`);
    }
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

  const user = newUser(pool, { username, sub, status: 'UNCONFIRMED', attributes, password: input.Password ?? '' }, ctx.clock.now());
  const target = deliveryTarget(pool, user);
  const CodeDeliveryDetails = ctx.store.transaction(() => {
    const delivered = target && sendCode(ctx, pool, user, 'SIGN_UP', 'SIGN_UP', target);
    ctx.store.users.insert(user);
    return delivered;
  });
  return { UserConfirmed: false, UserSub: sub, ...(CodeDeliveryDetails ? { CodeDeliveryDetails } : {}) };
}
