/** Classic hosted UI branding through the SDK v3: SetUICustomization / GetUICustomization. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  CreateUserPoolDomainCommand,
  GetUICustomizationCommand,
  SetUICustomizationCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { advanceClock, call, expectSdkError, startServer, type TestServer } from '../support/server.js';
import { cssClassNotAllowed, CSS_MALFORMED, CSS_STATEMENT_NOT_ALLOWED, DOMAIN_REQUIRED, IMAGE_FORMAT_NOT_ALLOWED } from '../../src/domain/uiCustomization.js';

let t: TestServer;
beforeAll(async () => {
  t = await startServer();
});
afterAll(() => t.close());

/** The first bytes of a PNG file and a JPEG file: enough for Cognito's format check. */
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('rest of a logo')]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('rest of a photo')]);
const CSS = '.label-customizable {font-weight: 400;}\n.submitButton-customizable:hover { background-color: #333; }';

let domainCount = 0;
async function poolWithClient(domain = true) {
  const pool = (await t.sdk.send(new CreateUserPoolCommand({ PoolName: 'branded' }))).UserPool!;
  const client = (await t.sdk.send(new CreateUserPoolClientCommand({ UserPoolId: pool.Id!, ClientName: 'web' }))).UserPoolClient!;
  if (domain) await t.sdk.send(new CreateUserPoolDomainCommand({ UserPoolId: pool.Id!, Domain: `branded-${++domainCount}` }));
  return { userPoolId: pool.Id!, clientId: client.ClientId! };
}

const get = async (UserPoolId: string, ClientId?: string) => (await t.sdk.send(new GetUICustomizationCommand({ UserPoolId, ClientId }))).UICustomization;

describe('SetUICustomization / GetUICustomization', () => {
  it('sets the pool default (ALL): CSS with its version, the logo as a CloudFront URL, both dates', async () => {
    const { userPoolId, clientId } = await poolWithClient();
    const set = (await t.sdk.send(new SetUICustomizationCommand({ UserPoolId: userPoolId, ClientId: 'ALL', CSS, ImageFile: PNG }))).UICustomization!;
    expect(set).toMatchObject({ UserPoolId: userPoolId, ClientId: 'ALL', CSS });
    expect(set.CSSVersion).toMatch(/^\d{14}$/);
    expect(set.ImageUrl).toMatch(new RegExp(`^https://d[0-9a-f]{13}\\.cloudfront\\.net/${userPoolId}/ALL/${set.CSSVersion}/assets/images/image\\.jpg$`));
    expect(set.CreationDate).toBeInstanceOf(Date);
    expect(set.LastModifiedDate).toEqual(set.CreationDate);
    // Read back for the pool, for ALL, and for a client that has no branding of its own.
    expect(await get(userPoolId)).toEqual(set);
    expect(await get(userPoolId, 'ALL')).toEqual(set);
    expect(await get(userPoolId, clientId)).toEqual(set);
  });

  it('a client\'s own branding overrides the default for that client only; each request replaces the whole branding', async () => {
    const { userPoolId, clientId } = await poolWithClient();
    await t.sdk.send(new SetUICustomizationCommand({ UserPoolId: userPoolId, CSS })); // no ClientId: the default
    const own = (await t.sdk.send(new SetUICustomizationCommand({ UserPoolId: userPoolId, ClientId: clientId, ImageFile: JPEG }))).UICustomization!;
    expect(own).toMatchObject({ UserPoolId: userPoolId, ClientId: clientId });
    expect(own.CSS).toBeUndefined();
    expect(own.ImageUrl).toContain(`/${userPoolId}/${clientId}/`);
    expect(await get(userPoolId, clientId)).toEqual(own);
    expect(await get(userPoolId)).toMatchObject({ ClientId: 'ALL', CSS });

    await advanceClock(t.url, 90);
    const replaced = (await t.sdk.send(new SetUICustomizationCommand({ UserPoolId: userPoolId, ClientId: clientId, CSS }))).UICustomization!;
    expect(replaced.ImageUrl).toBeUndefined(); // the logo left out is removed
    expect(replaced.CSS).toBe(CSS);
    expect(replaced.CreationDate).toEqual(own.CreationDate);
    expect(replaced.LastModifiedDate!.getTime() - own.LastModifiedDate!.getTime()).toBeGreaterThanOrEqual(90_000);
  });

  it('a request with neither CSS nor ImageFile removes the branding: the client falls back, then nothing is left ({})', async () => {
    const { userPoolId, clientId } = await poolWithClient();
    await t.sdk.send(new SetUICustomizationCommand({ UserPoolId: userPoolId, ClientId: 'ALL', CSS }));
    await t.sdk.send(new SetUICustomizationCommand({ UserPoolId: userPoolId, ClientId: clientId, ImageFile: PNG }));
    const cleared = await t.sdk.send(new SetUICustomizationCommand({ UserPoolId: userPoolId, ClientId: clientId }));
    expect(cleared.UICustomization).toEqual({ UserPoolId: userPoolId, ClientId: clientId });
    expect(await get(userPoolId, clientId)).toMatchObject({ ClientId: 'ALL', CSS });
    await t.sdk.send(new SetUICustomizationCommand({ UserPoolId: userPoolId, ClientId: 'ALL' }));
    const raw = await call(t.url, 'GetUICustomization', { UserPoolId: userPoolId, ClientId: clientId });
    expect(raw.status).toBe(200);
    expect(raw.body).toEqual({ UICustomization: {} });
  });

  it('a pool never branded answers an empty UICustomization', async () => {
    const { userPoolId } = await poolWithClient(false);
    const raw = await call(t.url, 'GetUICustomization', { UserPoolId: userPoolId });
    expect({ status: raw.status, body: raw.body }).toEqual({ status: 200, body: { UICustomization: {} } });
  });

  it('refuses a pool without a domain, an unknown pool or client, in AWS\'s words, and keeps what was set', async () => {
    const bare = await poolWithClient(false);
    await expectSdkError(t.sdk, new SetUICustomizationCommand({ UserPoolId: bare.userPoolId, CSS }), 'InvalidParameterException', DOMAIN_REQUIRED);
    await expectSdkError(t.sdk, new SetUICustomizationCommand({ UserPoolId: 'us-east-1_nothere', CSS }), 'ResourceNotFoundException', 'User pool us-east-1_nothere does not exist.');
    await expectSdkError(t.sdk, new GetUICustomizationCommand({ UserPoolId: 'us-east-1_nothere' }), 'ResourceNotFoundException', 'User pool us-east-1_nothere does not exist.');
    const { userPoolId } = await poolWithClient();
    for (const command of [
      new SetUICustomizationCommand({ UserPoolId: userPoolId, ClientId: 'nosuchclient', CSS }),
      new GetUICustomizationCommand({ UserPoolId: userPoolId, ClientId: 'nosuchclient' }),
      new SetUICustomizationCommand({ UserPoolId: userPoolId, ClientId: bare.clientId, CSS }), // another pool's client
    ]) {
      const id = (command.input as { ClientId: string }).ClientId;
      await expectSdkError(t.sdk, command, 'ResourceNotFoundException', `User pool client ${id} does not exist.`);
    }
    expect((await call(t.url, 'GetUICustomization', { UserPoolId: userPoolId })).body).toEqual({ UICustomization: {} });
  });

  it('refuses CSS beyond the customizable classes, with at-rules or HTML, or not well formed; and a logo that is not PNG/JPEG', async () => {
    const { userPoolId } = await poolWithClient();
    const set = (extra: object) => new SetUICustomizationCommand({ UserPoolId: userPoolId, ClientId: 'ALL', ...extra });
    await expectSdkError(t.sdk, set({ CSS: '.label-customizable {color: red;} body {margin: 0;}' }), 'InvalidParameterException', cssClassNotAllowed('body'));
    await expectSdkError(t.sdk, set({ CSS: '.label-customizable, .banner {color: red;}' }), 'InvalidParameterException', cssClassNotAllowed('.banner'));
    await expectSdkError(t.sdk, set({ CSS: '@import url(x.css); .label-customizable {color: red;}' }), 'InvalidParameterException', CSS_STATEMENT_NOT_ALLOWED);
    await expectSdkError(t.sdk, set({ CSS: '.label-customizable {color: red;}<script>alert(1)</script>' }), 'InvalidParameterException', CSS_STATEMENT_NOT_ALLOWED);
    await expectSdkError(t.sdk, set({ CSS: '.label-customizable {color: red;' }), 'InvalidParameterException', CSS_MALFORMED);
    await expectSdkError(t.sdk, set({ ImageFile: Buffer.from('GIF89a...') }), 'InvalidParameterException', IMAGE_FORMAT_NOT_ALLOWED);
    // Comments are fine, and nothing was stored by the refusals.
    expect((await call(t.url, 'GetUICustomization', { UserPoolId: userPoolId })).body).toEqual({ UICustomization: {} });
    const ok = await t.sdk.send(set({ CSS: '/* brand */ .logo-customizable { max-width: 60%; }' }));
    expect(ok.UICustomization!.CSS).toBe('/* brand */ .logo-customizable { max-width: 60%; }');
  });

  it('refuses CSS longer than the model allows (131072 characters) before anything else', async () => {
    const { userPoolId } = await poolWithClient();
    const raw = await call(t.url, 'SetUICustomization', { UserPoolId: userPoolId, CSS: 'a'.repeat(131073) });
    expect(raw.status).toBe(400);
    expect(raw.body.__type).toBe('InvalidParameterException');
    expect(raw.body.message).toMatch(/^1 validation error detected: Value '.*' at 'cSS' failed to satisfy constraint: Member must have length less than or equal to 131072$/s);
  });
});
