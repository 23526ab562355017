import type { Context } from '../../context.js';
import { checkSecretHash, findClient } from '../../domain/appClients.js';
import { attributesFrom, checkRequiredAttributes, looksLikeEmail, looksLikePhone, type AttributeType } from '../../domain/attributes.js';
import { deliveryTarget, sendCode } from '../../domain/codes.js';
import { uuid } from '../../domain/ids.js';
import { checkPasswordPolicy } from '../../domain/passwords.js';
import { newUser, usernameAttributeOf, usernameKeyFor } from '../../domain/users.js';
import { InvalidParameter, NotAuthorized, UsernameExists } from '../../protocol/errors.js';

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

  const user = newUser(pool, { username, sub, status: 'UNCONFIRMED', attributes, password: input.Password ?? '' }, ctx.clock.now());
  const target = deliveryTarget(pool, user);
  const CodeDeliveryDetails = ctx.store.transaction(() => {
    const delivered = target && sendCode(ctx, pool, user, 'SIGN_UP', 'SIGN_UP', target);
    ctx.store.users.insert(user);
    return delivered;
  });
  return { UserConfirmed: false, UserSub: sub, ...(CodeDeliveryDetails ? { CodeDeliveryDetails } : {}) };
}
