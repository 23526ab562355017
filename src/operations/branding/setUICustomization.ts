import type { Context } from '../../context.js';
import { ALL_CLIENTS, type UICustomization } from '../../store/uiCustomizations.js';
import { findPool } from '../../domain/userPools.js';
import { findPoolClient } from '../../domain/appClients.js';
import { assetVersion, checkCss, checkImage, DOMAIN_REQUIRED, logoUrl } from '../../domain/uiCustomization.js';
import { InvalidParameter } from '../../protocol/errors.js';

export interface UICustomizationInput {
  UserPoolId: string;
  ClientId?: string;
  CSS?: string;
  /** Base64 on the wire. */
  ImageFile?: string;
}

/**
 * UNSURE: a request without ClientId sets the pool's default, as ClientId ALL does (UICustomizationType:
 * "When this value isn't present, the customization applies to all user pool app clients").
 */
export const CLIENT_ID_WHEN_OMITTED = ALL_CLIENTS;

/**
 * UNSURE: what a request with neither CSS nor ImageFile answers. It removes the branding (Terraform deletes
 * the resource that way and then expects GetUICustomization's empty object); the answer names what was cleared.
 */
export const clearedCustomization = (userPoolId: string, clientId: string) => ({ UserPoolId: userPoolId, ClientId: clientId });

/**
 * Classic hosted UI branding for one app client, or with ClientId ALL the default of every client that
 * has none of its own. Each request replaces the whole branding ("You can't set CSS and logo customization
 * separately" [DOC hosted-ui-classic-branding]): what it leaves out is removed, and a request with
 * neither CSS nor ImageFile removes it all.
 */
export default function setUICustomization(input: UICustomizationInput, ctx: Context) {
  const pool = findPool(ctx, input.UserPoolId);
  const clientId = input.ClientId ?? CLIENT_ID_WHEN_OMITTED;
  if (clientId !== ALL_CLIENTS) findPoolClient(ctx, pool.id, clientId);
  const domain = ctx.store.domains.ofPool(pool.id);
  if (!domain) throw InvalidParameter(DOMAIN_REQUIRED);
  const css = input.CSS || undefined;
  if (css !== undefined) checkCss(css);
  const image = input.ImageFile ? Buffer.from(input.ImageFile, 'base64') : undefined;
  if (image) checkImage(image);

  if (css === undefined && image === undefined) {
    ctx.store.transaction(() => ctx.store.uiCustomizations.delete(pool.id, clientId));
    return { UICustomization: clearedCustomization(pool.id, clientId) };
  }
  const now = ctx.clock.now();
  const version = assetVersion(now);
  const previous = ctx.store.uiCustomizations.get(pool.id, clientId);
  const customization: UICustomization = {
    UserPoolId: pool.id,
    ClientId: clientId,
    ...(image ? { ImageUrl: logoUrl(domain.CloudFrontDistribution, pool.id, clientId, version) } : {}),
    ...(css !== undefined ? { CSS: css, CSSVersion: version } : {}),
    LastModifiedDate: now / 1000,
    CreationDate: previous?.CreationDate ?? now / 1000,
  };
  ctx.store.transaction(() => ctx.store.uiCustomizations.put(customization, image));
  return { UICustomization: customization };
}
