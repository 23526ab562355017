import type { Call, Context } from '../../context.js';
import type { AttributeType } from '../../domain/attributes.js';
import { updateAttributes } from '../../domain/attributeUpdates.js';
import { verifyAccessTokenWithClient } from '../../domain/tokens.js';
import { currentUser } from '../../domain/users.js';

export interface UpdateUserAttributesInput {
  UserAttributes: AttributeType[];
  AccessToken: string;
  ClientMetadata?: Record<string, string>;
}

/**
 * The signed-in user changes their own attributes, as far as the app client may write them. A new
 * email or phone number the pool auto-verifies gets a code (CodeDeliveryDetailsList).
 */
export default async function updateUserAttributes(input: UpdateUserAttributesInput, ctx: Context, call: Call) {
  const { pool, user, client } = await verifyAccessTokenWithClient(ctx, input.AccessToken);
  const delivered = await updateAttributes(ctx, pool, currentUser(ctx, user), input.UserAttributes, { client }, {
    caller: { clientId: client.ClientId, call },
    clientMetadata: input.ClientMetadata,
  });
  return delivered.length ? { CodeDeliveryDetailsList: delivered } : {};
}
