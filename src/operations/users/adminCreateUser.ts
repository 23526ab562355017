import type { Context } from '../../context.js';
import type { User } from '../../store/users.js';
import { attributesFrom, checkRequiredAttributes, type AttributeType } from '../../domain/attributes.js';
import { maskDestination } from '../../domain/codes.js';
import { newTemporaryPassword, uuid } from '../../domain/ids.js';
import { checkPasswordPolicy, setPassword } from '../../domain/passwords.js';
import { findPool } from '../../domain/userPools.js';
import { findUser, newUser, usernameAttributeOf, userType } from '../../domain/users.js';
import { InvalidParameter, UsernameExists } from '../../protocol/errors.js';

export interface AdminCreateUserInput {
  UserPoolId: string;
  Username: string;
  UserAttributes?: AttributeType[];
  ValidationData?: AttributeType[];
  TemporaryPassword?: string;
  ForceAliasCreation?: boolean;
  MessageAction?: 'RESEND' | 'SUPPRESS';
  DesiredDeliveryMediums?: ('SMS' | 'EMAIL')[];
  ClientMetadata?: Record<string, string>;
}

/** Creates a user in FORCE_CHANGE_PASSWORD with a temporary password, "sent" unless SUPPRESS. */
export default function adminCreateUser(input: AdminCreateUserInput, ctx: Context) {
  const pool = findPool(ctx, input.UserPoolId);
  const existing = findUser(ctx.store, pool, input.Username);
  if (input.MessageAction === 'RESEND') {
    if (!existing) throw InvalidParameter('User does not exist.');
    if (existing.status !== 'FORCE_CHANGE_PASSWORD') throw InvalidParameter('User is not in FORCE_CHANGE_PASSWORD state.');
    return create(ctx, input, existing);
  }
  if (existing) throw UsernameExists('User account already exists');
  return create(ctx, input, undefined);
}

function create(ctx: Context, input: AdminCreateUserInput, existing: User | undefined) {
  const pool = findPool(ctx, input.UserPoolId);
  const attributes = existing?.attributes ?? attributesFrom(pool, input.UserAttributes);
  const sub = existing?.sub ?? uuid();
  let username = existing?.username ?? input.Username;
  const usernameAttribute = existing ? undefined : usernameAttributeOf(ctx.store, pool, input.Username);
  if (usernameAttribute) {
    attributes[usernameAttribute] = input.Username;
    username = sub;
  }
  if (!existing) checkRequiredAttributes(pool, attributes);
  const temporaryPassword = input.TemporaryPassword ?? newTemporaryPassword();
  checkPasswordPolicy(pool, temporaryPassword);

  const mediums = input.DesiredDeliveryMediums ?? ['SMS'];
  const deliveries = input.MessageAction === 'SUPPRESS' ? [] : mediums.map((medium) => {
    const attributeName = medium === 'EMAIL' ? 'email' : 'phone_number';
    const address = attributes[attributeName];
    if (!address) throw InvalidParameter(`User has no attribute ${attributeName} to deliver the message to (DesiredDeliveryMediums ${medium}).`);
    return { medium, attributeName, address } as const;
  });

  const now = ctx.clock.now();
  const user = existing ?? newUser(pool, { username, sub, status: 'FORCE_CHANGE_PASSWORD', attributes, password: temporaryPassword }, now);
  if (existing) setPassword(pool, user, temporaryPassword);
  user.modifiedAt = now;
  ctx.store.transaction(() => {
    if (existing) ctx.store.users.update(user);
    else ctx.store.users.insert(user);
    for (const delivery of deliveries) {
      ctx.store.outbox.add(
        { userPoolId: pool.id, username: user.username, kind: 'ADMIN_CREATE_USER', deliveryMedium: delivery.medium, destination: delivery.address, code: temporaryPassword },
        now,
      );
      ctx.log.info({ userPoolId: pool.id, username: user.username, destination: maskDestination(delivery.attributeName, delivery.address), temporaryPassword }, 'temporary password sent');
    }
  });
  return { User: userType(user) };
}
