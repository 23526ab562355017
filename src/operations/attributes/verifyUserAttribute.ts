import type { Context } from '../../context.js';
import { VERIFIED_FLAG } from '../../domain/attributes.js';
import { verifiableAttributeNamed, VERIFY_PURPOSE } from '../../domain/attributeUpdates.js';
import { checkCode } from '../../domain/codes.js';
import { claimOnce } from '../../domain/singleUse.js';
import { verifyAccessToken } from '../../domain/tokens.js';
import { aliasExists, aliasHolder, currentUser } from '../../domain/users.js';
import { InvalidParameter } from '../../protocol/errors.js';

/** UNSURE: text for an attribute with no value; cognito-local and floci both answer so. */
export const nothingToVerify = (attribute: string) => `Unable to verify attribute: ${attribute} no value set to verify`;

/**
 * The code sent for the user's email or phone number makes it verified; a new value that waited for
 * verification replaces the old one. The same code rules as sign-up codes (expiry, attempt limit,
 * superseded codes); as an active alias the value may have only one holder.
 */
export default async function verifyUserAttribute(input: { AccessToken: string; AttributeName: string; Code: string }, ctx: Context) {
  const { pool, user: signedIn } = await verifyAccessToken(ctx, input.AccessToken);
  const attribute = verifiableAttributeNamed(input.AttributeName);
  // The code is claimed (checked and spent with the user read afresh) in one go: of concurrent
  // verifications exactly one wins; a wrong code is counted.
  claimOnce(ctx, () => {
    const user = currentUser(ctx, signedIn);
    const value = user.pendingAttributes?.[attribute] ?? user.attributes[attribute];
    if (!value) throw InvalidParameter(nothingToVerify(attribute));
    checkCode(ctx, pool, user, VERIFY_PURPOSE[attribute], input.Code);
    if (aliasHolder(ctx, pool, user, attribute, value, true)) throw aliasExists(attribute);
    user.attributes[attribute] = value;
    user.attributes[VERIFIED_FLAG[attribute]] = 'true';
    if (user.pendingAttributes) delete user.pendingAttributes[attribute];
    delete user.codes[VERIFY_PURPOSE[attribute]];
    user.modifiedAt = ctx.clock.now();
    ctx.store.users.update(user);
  });
  return {};
}
