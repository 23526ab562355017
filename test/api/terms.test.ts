/** Managed login terms documents through the SDK v3: CreateTerms, DescribeTerms, ListTerms, UpdateTerms, DeleteTerms. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateTermsCommand,
  CreateUserPoolClientCommand,
  DeleteTermsCommand,
  DeleteUserPoolClientCommand,
  DeleteUserPoolCommand,
  DescribeTermsCommand,
  ListTermsCommand,
  UpdateTermsCommand,
  type CreateTermsCommandInput,
  type TermsType,
} from '@aws-sdk/client-cognito-identity-provider';
import { advanceClock, call, createPoolAndClient, expectSdkError, startServer, type TestServer } from '../support/server.js';
import { invalidLink, termsExist, termsNotFound } from '../../src/domain/terms.js';

let t: TestServer;
beforeAll(async () => {
  t = await startServer();
});
afterAll(() => t.close());

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const UNKNOWN_ID = '0b5e7c1a-2f7d-4c33-9a61-3c1f2b7d9e10';
const TERMS = { 'cognito:default': 'https://example.com/terms', 'cognito:spanish': 'https://example.com/es/terms' };
const PRIVACY = { 'cognito:default': 'https://example.com/privacy' };

const create = (UserPoolId: string, ClientId: string, TermsName: string, Links?: Record<string, string>, extra: Partial<CreateTermsCommandInput> = {}) =>
  new CreateTermsCommand({ UserPoolId, ClientId, TermsName, TermsSource: 'LINK', Enforcement: 'NONE', ...(Links ? { Links } : {}), ...extra });
const describeRaw = (UserPoolId: string, TermsId: string) => call(t.url, 'DescribeTerms', { UserPoolId, TermsId });
const listRaw = async (UserPoolId: string, extra: Record<string, unknown> = {}) => (await call(t.url, 'ListTerms', { UserPoolId, ...extra })).body;

describe('CreateTerms / DescribeTerms', () => {
  it('creates a document with a UUID v4 TermsId and epoch-second dates, described as created', async () => {
    const { userPoolId, clientId } = await createPoolAndClient(t.sdk);
    const before = Date.now() / 1000;
    const raw = await call(t.url, 'CreateTerms', { UserPoolId: userPoolId, ClientId: clientId, TermsName: 'terms-of-use', TermsSource: 'LINK', Enforcement: 'NONE', Links: TERMS });
    expect(raw.status).toBe(200);
    const terms = raw.body.Terms;
    expect(terms).toEqual({
      TermsId: expect.stringMatching(UUID_V4),
      UserPoolId: userPoolId,
      ClientId: clientId,
      TermsName: 'terms-of-use',
      TermsSource: 'LINK',
      Enforcement: 'NONE',
      Links: TERMS,
      CreationDate: expect.any(Number),
      LastModifiedDate: terms.CreationDate,
    });
    expect(terms.CreationDate).toBeGreaterThanOrEqual(Math.floor(before) - 1);
    expect(terms.CreationDate).toBeLessThan(before + 60);
    expect((await describeRaw(userPoolId, terms.TermsId)).body).toEqual({ Terms: terms });
    const described = await t.sdk.send(new DescribeTermsCommand({ UserPoolId: userPoolId, TermsId: terms.TermsId }));
    expect(described.Terms!.CreationDate).toBeInstanceOf(Date);
    expect(described.Terms!.Links).toEqual(TERMS);
  });

  it('keeps an empty Links map when none is given', async () => {
    const { userPoolId, clientId } = await createPoolAndClient(t.sdk);
    const { Terms } = await t.sdk.send(create(userPoolId, clientId, 'privacy-policy'));
    expect(Terms!.Links).toEqual({});
    expect((await describeRaw(userPoolId, Terms!.TermsId!)).body.Terms.Links).toEqual({});
  });

  it('allows one terms-of-use and one privacy-policy per app client (TermsExistsException), any number of clients', async () => {
    const { userPoolId, clientId } = await createPoolAndClient(t.sdk);
    await t.sdk.send(create(userPoolId, clientId, 'terms-of-use', TERMS));
    await t.sdk.send(create(userPoolId, clientId, 'privacy-policy', PRIVACY));
    await expectSdkError(t.sdk, create(userPoolId, clientId, 'terms-of-use', PRIVACY), 'TermsExistsException', termsExist('terms-of-use', clientId));
    const other = (await t.sdk.send(new CreateUserPoolClientCommand({ UserPoolId: userPoolId, ClientName: 'other' }))).UserPoolClient!.ClientId!;
    await t.sdk.send(create(userPoolId, other, 'terms-of-use', TERMS));
    expect((await listRaw(userPoolId)).Terms).toHaveLength(3);
  });

  it('refuses an unknown pool, a client of another pool and unknown terms (ResourceNotFoundException)', async () => {
    const { userPoolId, clientId } = await createPoolAndClient(t.sdk);
    const second = await createPoolAndClient(t.sdk);
    await expectSdkError(t.sdk, create('us-east-1_nopool123', clientId, 'terms-of-use', TERMS), 'ResourceNotFoundException', 'User pool us-east-1_nopool123 does not exist.');
    await expectSdkError(t.sdk, create(userPoolId, second.clientId, 'terms-of-use', TERMS), 'ResourceNotFoundException', `User pool client ${second.clientId} does not exist.`);
    const { Terms } = await t.sdk.send(create(userPoolId, clientId, 'terms-of-use', TERMS));
    // Terms are found in their own pool only.
    await expectSdkError(t.sdk, new DescribeTermsCommand({ UserPoolId: second.userPoolId, TermsId: Terms!.TermsId }), 'ResourceNotFoundException', termsNotFound(Terms!.TermsId!));
    await expectSdkError(t.sdk, new DescribeTermsCommand({ UserPoolId: userPoolId, TermsId: UNKNOWN_ID }), 'ResourceNotFoundException', termsNotFound(UNKNOWN_ID));
    await expectSdkError(t.sdk, new DescribeTermsCommand({ UserPoolId: 'us-east-1_nopool123', TermsId: UNKNOWN_ID }), 'ResourceNotFoundException', 'User pool us-east-1_nopool123 does not exist.');
    await expectSdkError(t.sdk, new ListTermsCommand({ UserPoolId: 'us-east-1_nopool123' }), 'ResourceNotFoundException', 'User pool us-east-1_nopool123 does not exist.');
    expect((await listRaw(second.userPoolId)).Terms).toEqual([]);
  });

  it('refuses names, languages, sources and links the model or the service does not take, creating nothing', async () => {
    const { userPoolId, clientId } = await createPoolAndClient(t.sdk);
    const refusals: [Record<string, unknown>, string][] = [
      [{ TermsName: 'terms-of-use-v2' }, "1 validation error detected: Value 'terms-of-use-v2' at 'termsName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^(terms-of-use|privacy-policy)$"],
      [{ TermsSource: 'FILE' }, "1 validation error detected: Value 'FILE' at 'termsSource' failed to satisfy constraint: Member must satisfy enum value set: [LINK]"],
      [{ Enforcement: 'REQUIRED' }, "1 validation error detected: Value 'REQUIRED' at 'enforcement' failed to satisfy constraint: Member must satisfy enum value set: [NONE]"],
      [{ Links: { 'cognito:klingon': 'https://example.com/tlh' } }, "1 validation error detected: Value '{cognito:klingon=https://example.com/tlh}' at 'links' failed to satisfy constraint: Map keys must satisfy constraint: [Member must satisfy regular expression pattern: ^cognito:(default|dutch|english|french|spanish|german|bahasa-indonesia|italian|japanese|korean|portuguese-brazil|chinese-(simplified|traditional))$]"],
      [{ Links: {} }, "1 validation error detected: Value '{}' at 'links' failed to satisfy constraint: Member must have length greater than or equal to 1"],
      [{ Links: { 'cognito:default': 'http://example.com/terms' } }, invalidLink('cognito:default', 'http://example.com/terms')],
      [{ Links: { 'cognito:default': 'https://example.com/terms', 'cognito:german': 'javascript:alert(1)' } }, invalidLink('cognito:german', 'javascript:alert(1)')],
      [{ Links: { 'cognito:default': 'terms.html' } }, invalidLink('cognito:default', 'terms.html')],
    ];
    const base = { UserPoolId: userPoolId, ClientId: clientId, TermsName: 'terms-of-use', TermsSource: 'LINK', Enforcement: 'NONE', Links: TERMS };
    for (const [change, message] of refusals) {
      const answer = await call(t.url, 'CreateTerms', { ...base, ...change });
      expect({ status: answer.status, body: answer.body }).toEqual({ status: 400, body: { __type: 'InvalidParameterException', message } });
    }
    expect((await listRaw(userPoolId)).Terms).toEqual([]);
  });
});

describe('ListTerms', () => {
  it('summarises every client\'s terms in creation order, MaxResults at a time, with a NextToken', async () => {
    const { userPoolId, clientId } = await createPoolAndClient(t.sdk);
    const clients = [clientId];
    for (const ClientName of ['second', 'third']) {
      clients.push((await t.sdk.send(new CreateUserPoolClientCommand({ UserPoolId: userPoolId, ClientName }))).UserPoolClient!.ClientId!);
    }
    // Six documents: creation order and TermsId order agree by chance once in 720 runs.
    const created: TermsType[] = [];
    for (const client of clients) {
      for (const name of ['privacy-policy', 'terms-of-use']) created.push((await t.sdk.send(create(userPoolId, client, name, PRIVACY))).Terms!);
    }
    const summary = (terms: TermsType) => ({
      TermsId: terms.TermsId,
      TermsName: terms.TermsName,
      Enforcement: 'NONE',
      CreationDate: terms.CreationDate!.getTime() / 1000,
      LastModifiedDate: terms.LastModifiedDate!.getTime() / 1000,
    });
    const all = await listRaw(userPoolId);
    expect(all).toEqual({ Terms: created.map(summary) });
    const first = await listRaw(userPoolId, { MaxResults: 4 });
    expect(first.Terms).toEqual(created.slice(0, 4).map(summary));
    expect(first.NextToken).toEqual(expect.any(String));
    const rest = await listRaw(userPoolId, { MaxResults: 4, NextToken: first.NextToken });
    expect(rest).toEqual({ Terms: created.slice(4).map(summary) });
    // The SDK's paginated view agrees.
    const sdkPage = await t.sdk.send(new ListTermsCommand({ UserPoolId: userPoolId, MaxResults: 1 }));
    expect(sdkPage.Terms!.map((terms) => terms.TermsId)).toEqual([created[0].TermsId]);
  });

  it('refuses a NextToken it did not give and MaxResults outside 1-60', async () => {
    const { userPoolId } = await createPoolAndClient(t.sdk);
    await expectSdkError(t.sdk, new ListTermsCommand({ UserPoolId: userPoolId, NextToken: 'bm90LWEtdG9rZW4' }), 'InvalidParameterException', 'Invalid pagination token.');
    await expectSdkError(
      t.sdk,
      new ListTermsCommand({ UserPoolId: userPoolId, MaxResults: 61 }),
      'InvalidParameterException',
      "1 validation error detected: Value '61' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 60",
    );
  });
});

describe('UpdateTerms', () => {
  it('changes the members given and keeps the others; Links given replace the map; LastModifiedDate moves', async () => {
    const { userPoolId, clientId } = await createPoolAndClient(t.sdk);
    const created = (await call(t.url, 'CreateTerms', { UserPoolId: userPoolId, ClientId: clientId, TermsName: 'terms-of-use', TermsSource: 'LINK', Enforcement: 'NONE', Links: TERMS })).body.Terms;
    await advanceClock(t.url, 90);
    const links = { 'cognito:french': 'https://example.com/fr/cgu' };
    const updated = await t.sdk.send(new UpdateTermsCommand({ UserPoolId: userPoolId, TermsId: created.TermsId, Links: links }));
    const raw = (await describeRaw(userPoolId, created.TermsId)).body.Terms;
    expect(raw).toEqual({ ...created, Links: links, LastModifiedDate: raw.LastModifiedDate });
    expect(raw.LastModifiedDate - created.LastModifiedDate).toBeGreaterThanOrEqual(90);
    expect(updated.Terms!.Links).toEqual(links);
    // A rename to the name the client does not use yet.
    const renamed = await t.sdk.send(new UpdateTermsCommand({ UserPoolId: userPoolId, TermsId: created.TermsId, TermsName: 'privacy-policy' }));
    expect({ name: renamed.Terms!.TermsName, links: renamed.Terms!.Links }).toEqual({ name: 'privacy-policy', links });
    expect((await describeRaw(userPoolId, created.TermsId)).body.Terms.TermsName).toBe('privacy-policy');
    // Renaming to its own name is no conflict.
    await t.sdk.send(new UpdateTermsCommand({ UserPoolId: userPoolId, TermsId: created.TermsId, TermsName: 'privacy-policy' }));
  });

  it('refuses a name the client\'s other document has, bad links and unknown terms, changing nothing', async () => {
    const { userPoolId, clientId } = await createPoolAndClient(t.sdk);
    const terms = (await t.sdk.send(create(userPoolId, clientId, 'terms-of-use', TERMS))).Terms!;
    await t.sdk.send(create(userPoolId, clientId, 'privacy-policy', PRIVACY));
    const before = (await describeRaw(userPoolId, terms.TermsId!)).body;
    await expectSdkError(t.sdk, new UpdateTermsCommand({ UserPoolId: userPoolId, TermsId: terms.TermsId, TermsName: 'privacy-policy' }), 'TermsExistsException', termsExist('privacy-policy', clientId));
    await expectSdkError(
      t.sdk,
      new UpdateTermsCommand({ UserPoolId: userPoolId, TermsId: terms.TermsId, Links: { 'cognito:default': 'ftp://example.com/terms' } }),
      'InvalidParameterException',
      invalidLink('cognito:default', 'ftp://example.com/terms'),
    );
    await expectSdkError(t.sdk, new UpdateTermsCommand({ UserPoolId: userPoolId, TermsId: UNKNOWN_ID, Links: PRIVACY }), 'ResourceNotFoundException', termsNotFound(UNKNOWN_ID));
    expect((await describeRaw(userPoolId, terms.TermsId!)).body).toEqual(before);
  });
});

describe('DeleteTerms and what goes with a client or pool', () => {
  it('deletes a document once; the name is free again', async () => {
    const { userPoolId, clientId } = await createPoolAndClient(t.sdk);
    const terms = (await t.sdk.send(create(userPoolId, clientId, 'terms-of-use', TERMS))).Terms!;
    const answer = await call(t.url, 'DeleteTerms', { UserPoolId: userPoolId, TermsId: terms.TermsId });
    expect({ status: answer.status, body: answer.body }).toEqual({ status: 200, body: {} });
    const gone = await describeRaw(userPoolId, terms.TermsId!);
    expect({ status: gone.status, body: gone.body }).toEqual({ status: 400, body: { __type: 'ResourceNotFoundException', message: termsNotFound(terms.TermsId!) } });
    await expectSdkError(t.sdk, new DeleteTermsCommand({ UserPoolId: userPoolId, TermsId: terms.TermsId }), 'ResourceNotFoundException', termsNotFound(terms.TermsId!));
    await t.sdk.send(create(userPoolId, clientId, 'terms-of-use', TERMS));
  });

  it('removes a client\'s terms with the client and every terms with the pool', async () => {
    const { userPoolId, clientId } = await createPoolAndClient(t.sdk);
    const other = (await t.sdk.send(new CreateUserPoolClientCommand({ UserPoolId: userPoolId, ClientName: 'other' }))).UserPoolClient!.ClientId!;
    const gone = (await t.sdk.send(create(userPoolId, clientId, 'terms-of-use', TERMS))).Terms!;
    const kept = (await t.sdk.send(create(userPoolId, other, 'terms-of-use', TERMS))).Terms!;
    await t.sdk.send(new DeleteUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: clientId }));
    expect((await listRaw(userPoolId)).Terms.map((terms: { TermsId: string }) => terms.TermsId)).toEqual([kept.TermsId]);
    expect((await describeRaw(userPoolId, gone.TermsId!)).body.__type).toBe('ResourceNotFoundException');
    await t.sdk.send(new DeleteUserPoolCommand({ UserPoolId: userPoolId }));
    const count = t.server.ctx.store.db.prepare('SELECT count(*) AS n FROM terms WHERE user_pool_id = ?').get(userPoolId) as { n: number };
    expect(count.n).toBe(0);
  });
});
