import type { Call, Context } from '../../context.js';
import { afterTrigger, NO_CLIENT_ID } from '../../domain/triggers/trigger.js';
import type { AttributeType } from '../../domain/attributes.js';
import { updateAttributes } from '../../domain/attributeUpdates.js';
import { findAdminUser } from '../../domain/users.js';

export interface AdminUpdateUserAttributesInput {
  UserPoolId: string;
  Username: string;
  UserAttributes: AttributeType[];
  ClientMetadata?: Record<string, string>;
}

/**
 * An administrator changes a user's attributes, developer-only ones and the verified flags included:
 * `email_verified: "true"` beside a new email makes it verified at once, with no code.
 */
export default function adminUpdateUserAttributes(input: AdminUpdateUserAttributesInput, ctx: Context, call: Call) {
  const { pool, user } = findAdminUser(ctx, input.UserPoolId, input.Username);
  const updated = updateAttributes(ctx, pool, user, input.UserAttributes, { admin: true }, { caller: { clientId: NO_CLIENT_ID, call }, clientMetadata: input.ClientMetadata });
  return afterTrigger(updated instanceof Promise ? updated : undefined, {});
}
