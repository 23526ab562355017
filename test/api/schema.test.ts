/**
 * The pool's attribute schema through the SDK v3: CreateUserPool's Schema (custom, developer-only,
 * no required custom attributes), AddCustomAttributes, the email template rule, and the client's
 * Read/WriteAttributes naming attributes of the schema.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AddCustomAttributesCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolCommand,
  UpdateUserPoolClientCommand,
  UpdateUserPoolCommand,
  type SchemaAttributeType,
} from '@aws-sdk/client-cognito-identity-provider';
import { expectSdkError, startServer, type TestServer } from '../support/server.js';

let t: TestServer;
beforeAll(async () => {
  t = await startServer();
});
afterAll(() => t.close());

const expectError = (command: any, name: string, message: string) => expectSdkError(t.sdk, command, name, message);
const schemaOf = async (UserPoolId: string) => (await t.sdk.send(new DescribeUserPoolCommand({ UserPoolId }))).UserPool!.SchemaAttributes!;
const named = (schema: SchemaAttributeType[], name: string) => schema.find((attribute) => attribute.Name === name);

describe('CreateUserPool Schema', () => {
  it('names custom attributes custom:<name> and developer-only ones dev:custom:<name>', async () => {
    const created = await t.sdk.send(
      new CreateUserPoolCommand({
        PoolName: 'schema',
        Schema: [
          { Name: 'tier', AttributeDataType: 'String', Mutable: true, StringAttributeConstraints: { MinLength: '1', MaxLength: '10' } },
          { Name: 'score', AttributeDataType: 'Number', DeveloperOnlyAttribute: true, NumberAttributeConstraints: { MinValue: '0' } },
          { Name: 'name', AttributeDataType: 'String', Required: true, Mutable: true },
        ],
      }),
    );
    const schema = await schemaOf(created.UserPool!.Id!);
    expect(named(schema, 'custom:tier')).toEqual({
      Name: 'custom:tier',
      AttributeDataType: 'String',
      DeveloperOnlyAttribute: false,
      Mutable: true,
      Required: false,
      StringAttributeConstraints: { MinLength: '1', MaxLength: '10' },
    });
    expect(named(schema, 'dev:custom:score')).toMatchObject({ AttributeDataType: 'Number', DeveloperOnlyAttribute: true, NumberAttributeConstraints: { MinValue: '0' } });
    expect(named(schema, 'custom:score')).toBeUndefined();
    expect(named(schema, 'name')).toMatchObject({ Required: true });
  });

  it('refuses a required custom attribute, one without a data type, and retyping a standard attribute', async () => {
    await expectError(
      new CreateUserPoolCommand({ PoolName: 'x', Schema: [{ Name: 'tier', AttributeDataType: 'String', Required: true }] }),
      'InvalidParameterException',
      'Required custom attributes are not supported currently.',
    );
    await expectError(
      new CreateUserPoolCommand({ PoolName: 'x', Schema: [{ Name: 'tier' }] }),
      'InvalidParameterException',
      'Invalid AttributeDataType input, consider using the provided AttributeDataType enum.',
    );
    await expectError(
      new CreateUserPoolCommand({ PoolName: 'x', Schema: [{ Name: 'email', AttributeDataType: 'Number' }] }),
      'InvalidParameterException',
      'You can not change AttributeDataType or set developerOnlyAttribute for standard schema attribute email',
    );
  });

  it('refuses a verification template with both a code and a link email message (Create and Update)', async () => {
    const template = { EmailMessage: 'Your code is {####}', EmailMessageByLink: 'Click {##here##}', DefaultEmailOption: 'CONFIRM_WITH_CODE' as const };
    await expectError(new CreateUserPoolCommand({ PoolName: 'x', VerificationMessageTemplate: template }), 'InvalidParameterException', 'The message is invalid.');
    const id = (await t.sdk.send(new CreateUserPoolCommand({ PoolName: 'ok', VerificationMessageTemplate: { EmailMessageByLink: 'Click {##here##}', DefaultEmailOption: 'CONFIRM_WITH_LINK' } }))).UserPool!.Id!;
    await expectError(new UpdateUserPoolCommand({ UserPoolId: id, VerificationMessageTemplate: template }), 'InvalidParameterException', 'The message is invalid.');
    const described = (await t.sdk.send(new DescribeUserPoolCommand({ UserPoolId: id }))).UserPool!;
    expect(described.VerificationMessageTemplate).toEqual({ EmailMessageByLink: 'Click {##here##}', DefaultEmailOption: 'CONFIRM_WITH_LINK' });
    expect(described.UserAttributeUpdateSettings).toEqual({ AttributesRequireVerificationBeforeUpdate: [] });
  });
});

describe('AddCustomAttributes', () => {
  let id: string;
  beforeAll(async () => {
    id = (await t.sdk.send(new CreateUserPoolCommand({ PoolName: 'grow', Schema: [{ Name: 'tier', AttributeDataType: 'String' }] }))).UserPool!.Id!;
  });

  it('adds attributes DescribeUserPool shows at once', async () => {
    await t.sdk.send(
      new AddCustomAttributesCommand({
        UserPoolId: id,
        CustomAttributes: [
          { Name: 'plan', AttributeDataType: 'String', Mutable: false, StringAttributeConstraints: { MaxLength: '20' } },
          { Name: 'internal', AttributeDataType: 'Boolean', DeveloperOnlyAttribute: true },
        ],
      }),
    );
    const schema = await schemaOf(id);
    expect(named(schema, 'custom:plan')).toMatchObject({ Mutable: false, Required: false, DeveloperOnlyAttribute: false, StringAttributeConstraints: { MaxLength: '20' } });
    expect(named(schema, 'dev:custom:internal')).toMatchObject({ AttributeDataType: 'Boolean', DeveloperOnlyAttribute: true });
  });

  it('refuses a name the schema has, a required one, and changes nothing', async () => {
    const before = await schemaOf(id);
    await expectError(
      new AddCustomAttributesCommand({ UserPoolId: id, CustomAttributes: [{ Name: 'fresh', AttributeDataType: 'String' }, { Name: 'tier', AttributeDataType: 'String' }] }),
      'InvalidParameterException',
      'custom:tier: Existing attribute already has name custom:tier.',
    );
    await expectError(
      new AddCustomAttributesCommand({ UserPoolId: id, CustomAttributes: [{ Name: 'must', AttributeDataType: 'String', Required: true }] }),
      'InvalidParameterException',
      'Required custom attributes are not supported currently.',
    );
    expect(await schemaOf(id)).toEqual(before);
  });

  it('stops at 50 custom attributes; answers ResourceNotFoundException for an unknown pool', async () => {
    const full = (await t.sdk.send(new CreateUserPoolCommand({ PoolName: 'full' }))).UserPool!.Id!;
    const many = (from: number, count: number) => Array.from({ length: count }, (_, i) => ({ Name: `a${from + i}`, AttributeDataType: 'String' as const }));
    await t.sdk.send(new AddCustomAttributesCommand({ UserPoolId: full, CustomAttributes: many(0, 25) }));
    await t.sdk.send(new AddCustomAttributesCommand({ UserPoolId: full, CustomAttributes: many(25, 25) }));
    await expectError(
      new AddCustomAttributesCommand({ UserPoolId: full, CustomAttributes: many(50, 1) }),
      'InvalidParameterException',
      'A user pool can have at most 50 custom attributes.',
    );
    expect((await schemaOf(full)).filter((a) => a.Name!.startsWith('custom:'))).toHaveLength(50);
    await expectError(
      new AddCustomAttributesCommand({ UserPoolId: 'us-east-1_missing', CustomAttributes: many(0, 1) }),
      'ResourceNotFoundException',
      'User pool us-east-1_missing does not exist.',
    );
  });
});

describe("the client's Read/WriteAttributes", () => {
  it('must name attributes of the pool', async () => {
    const id = (await t.sdk.send(new CreateUserPoolCommand({ PoolName: 'rw', Schema: [{ Name: 'tier', AttributeDataType: 'String' }] }))).UserPool!.Id!;
    await expectError(
      new CreateUserPoolClientCommand({ UserPoolId: id, ClientName: 'c', ReadAttributes: ['email', 'custom:nope'] }),
      'InvalidParameterException',
      'Invalid read attributes specified while creating a client',
    );
    const client = await t.sdk.send(new CreateUserPoolClientCommand({ UserPoolId: id, ClientName: 'c', ReadAttributes: ['email', 'custom:tier'], WriteAttributes: ['custom:tier'] }));
    expect(client.UserPoolClient).toMatchObject({ ReadAttributes: ['email', 'custom:tier'], WriteAttributes: ['custom:tier'] });
    await expectError(
      new UpdateUserPoolClientCommand({ UserPoolId: id, ClientId: client.UserPoolClient!.ClientId!, WriteAttributes: ['tier'] }),
      'InvalidParameterException',
      'Invalid write attributes specified while updating a client',
    );
  });
});
