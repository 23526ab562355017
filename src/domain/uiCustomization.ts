/** Classic hosted UI branding (SetUICustomization): the rules its CSS and logo follow, and its URLs. */
import { InvalidParameter } from '../protocol/errors.js';

/** Real text [OBS amazon-connect/voicemail-for-amazon-connect#5]: branding needs the pool to have a domain. */
export const DOMAIN_REQUIRED = 'A domain must be associated with this user pool.';

/**
 * The classes a classic-branding stylesheet may style, nothing else [DOC hosted-ui-classic-branding,
 * "You can use any of the following CSS class names"].
 */
export const CUSTOMIZABLE_CLASSES: ReadonlySet<string> = new Set([
  'background-customizable',
  'banner-customizable',
  'errorMessage-customizable',
  'idpButton-customizable',
  'idpButton-customizable:hover',
  'idpDescription-customizable',
  'inputField-customizable',
  'inputField-customizable:focus',
  'label-customizable',
  'legalText-customizable',
  'logo-customizable',
  'passwordCheck-notValid-customizable',
  'passwordCheck-valid-customizable',
  'redirect-customizable',
  'socialButton-customizable',
  'submitButton-customizable',
  'submitButton-customizable:hover',
  'textDescription-customizable',
]);

/**
 * UNSURE: Cognito's texts for a stylesheet it refuses (InvalidParameterException; none was found quoted).
 * The refusals themselves are documented: only CUSTOMIZABLE_CLASSES, and "Property values cannot contain
 * HTML, @import, @supports, @page, or @media statements or Javascript" [DOC cognito-user-pools-app-ui-customization].
 */
export const cssClassNotAllowed = (selector: string) => `CSS selector ${selector} is not a customizable class.`;
export const CSS_STATEMENT_NOT_ALLOWED = 'CSS cannot contain HTML, @import, @supports, @page, or @media statements or Javascript.';
export const CSS_MALFORMED = 'CSS is not well formed.';

/** HTML, at-rules and script in a stylesheet (after its comments are removed). */
const FORBIDDEN = /<|@|javascript:|expression\s*\(|behavior\s*:/i;

/** Refuses a stylesheet that styles anything but the customizable classes, or holds what the docs forbid. */
export function checkCss(css: string): void {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, ' ');
  if (FORBIDDEN.test(text)) throw InvalidParameter(CSS_STATEMENT_NOT_ALLOWED);
  const rules = text.split('}');
  if (rules.pop()!.trim() !== '') throw InvalidParameter(CSS_MALFORMED);
  for (const rule of rules) {
    const parts = rule.split('{');
    if (parts.length !== 2) throw InvalidParameter(CSS_MALFORMED);
    for (const selector of parts[0].split(',').map((s) => s.trim())) {
      if (!selector.startsWith('.') || !CUSTOMIZABLE_CLASSES.has(selector.slice(1))) throw InvalidParameter(cssClassNotAllowed(selector));
    }
  }
}

/**
 * UNSURE: Cognito's text for a logo that is not a PNG or JPEG (the formats the docs allow: "Choose a PNG,
 * JPG, or JPEG file"); the file is recognised by its first bytes.
 */
export const IMAGE_FORMAT_NOT_ALLOWED = 'The image file must be a PNG, JPG or JPEG file.';
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff]);

export function checkImage(image: Buffer): void {
  if (!image.subarray(0, PNG.length).equals(PNG) && !image.subarray(0, JPEG.length).equals(JPEG)) {
    throw InvalidParameter(IMAGE_FORMAT_NOT_ALLOWED);
  }
}

/** `20221026062015`: the UTC time of a change, as Cognito versions its branding assets. */
export const assetVersion = (ms: number) => new Date(ms).toISOString().replace(/[-:T]/g, '').slice(0, 14);

/**
 * Where Cognito serves a logo [OBS a real ImageUrl:
 * https://d3oia8etllorh5.cloudfront.net/us-east-1_2nErCCJnl/ALL/20221026062015/assets/images/image.jpg]:
 * the domain's CloudFront host, the pool, the client (or ALL), the upload's version. kognito keeps the
 * bytes but serves no such host.
 */
export const logoUrl = (cloudFront: string, userPoolId: string, clientId: string, version: string) =>
  `https://${cloudFront}/${userPoolId}/${clientId}/${version}/assets/images/image.jpg`;
