import type { Context } from '../../context.js';
import { findPool } from '../../domain/userPools.js';
import { findUser } from '../../domain/users.js';
import { SOCIAL_PROVIDERS, refreshIdentities } from '../../domain/identityProviders.js';
import { InvalidParameter, LimitExceeded, UserNotFound } from '../../protocol/errors.js';

interface ProviderUser {
  ProviderName?: string;
  ProviderAttributeName?: string;
  ProviderAttributeValue?: string;
}

/** API reference: "The maximum number of federated identities linked to a user is five." */
export const MAX_LINKED_IDENTITIES = 5;
/** UNSURE: Cognito's texts for an unknown source provider, a source already linked, a sixth link, a social source without Cognito_Subject. */
export const noSuchProvider = (name: string) => `There is no identity provider named ${name} in this user pool.`;
export const ALREADY_LINKED = 'Merging is not currently supported, provided SourceUser is already linked to a user.';
export const TOO_MANY_LINKS = `A user can have at most ${MAX_LINKED_IDENTITIES} linked identities.`;
export const SOCIAL_NEEDS_SUBJECT = 'ProviderAttributeName must be Cognito_Subject for social identity providers.';

/**
 * UNSURE: the link shows in the destination user's `identities` attribute at once (primary "false"),
 * rather than only after the external user's first sign-in.
 */
export const LINK_SHOWS_IN_IDENTITIES_AT_ONCE = true;

/**
 * Links an external user (SourceUser) to a pool user (DestinationUser): when that external user signs
 * in through the provider, they are the pool user.
 */
export default function adminLinkProviderForUser(
  input: { UserPoolId: string; DestinationUser: ProviderUser; SourceUser: ProviderUser },
  ctx: Context,
) {
  const pool = findPool(ctx, input.UserPoolId);
  const source = input.SourceUser;
  const sourceProvider = source.ProviderName === undefined ? undefined : ctx.store.identityProviders.get(pool.id, source.ProviderName);
  if (!sourceProvider || source.ProviderAttributeValue === undefined) throw InvalidParameter(noSuchProvider(source.ProviderName ?? ''));
  const attributeName = source.ProviderAttributeName ?? 'Cognito_Subject';
  if (SOCIAL_PROVIDERS.includes(sourceProvider.ProviderType) && attributeName !== 'Cognito_Subject') throw InvalidParameter(SOCIAL_NEEDS_SUBJECT);

  const destination = input.DestinationUser;
  const destinationName =
    destination.ProviderName === undefined || destination.ProviderName === 'Cognito'
      ? destination.ProviderAttributeValue
      : `${destination.ProviderName}_${destination.ProviderAttributeValue}`;
  const user = destinationName === undefined ? undefined : findUser(ctx.store, pool, destinationName);
  if (!user) throw UserNotFound('User does not exist.');

  const externalUserId = source.ProviderAttributeValue;
  if (ctx.store.identityProviders.linked(pool.id, sourceProvider.ProviderName, externalUserId)) throw InvalidParameter(ALREADY_LINKED);
  if (ctx.store.identityProviders.linksOf(pool.id, user.username).length >= MAX_LINKED_IDENTITIES) throw LimitExceeded(TOO_MANY_LINKS);
  ctx.store.transaction(() => {
    ctx.store.identityProviders.link(pool.id, {
      providerName: sourceProvider.ProviderName,
      providerUserId: externalUserId,
      providerAttributeName: attributeName,
      username: user.username,
      createdAt: ctx.clock.now(),
    });
    if (LINK_SHOWS_IN_IDENTITIES_AT_ONCE) {
      refreshIdentities(ctx, user);
      ctx.store.users.update(user);
    }
  });
  return {};
}
