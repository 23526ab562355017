/** GetCSVHeader through the SDK v3: the header row of a user import .csv file, as AWS lists it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AddCustomAttributesCommand, CreateUserPoolCommand, GetCSVHeaderCommand } from '@aws-sdk/client-cognito-identity-provider';
import { call, expectSdkError, startServer, type TestServer } from '../support/server.js';

let t: TestServer;
beforeAll(async () => {
  t = await startServer();
});
afterAll(() => t.close());

/** The documented header of a pool with no custom attributes (aws cognito-idp get-csv-header example). */
const DOCUMENTED_HEADER = [
  'name', 'given_name', 'family_name', 'middle_name', 'nickname', 'preferred_username', 'profile', 'picture', 'website',
  'email', 'email_verified', 'gender', 'birthdate', 'zoneinfo', 'locale', 'phone_number', 'phone_number_verified',
  'address', 'updated_at', 'cognito:mfa_enabled', 'cognito:username',
];

describe('GetCSVHeader', () => {
  it('lists the standard attributes in the documented order, then cognito:mfa_enabled and cognito:username', async () => {
    const pool = (await t.sdk.send(new CreateUserPoolCommand({ PoolName: 'import' }))).UserPool!;
    const response = await call(t.url, 'GetCSVHeader', { UserPoolId: pool.Id });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ UserPoolId: pool.Id, CSVHeader: DOCUMENTED_HEADER });
  });

  it('puts custom attributes (developer-only ones too) after the standard ones, in schema order', async () => {
    const pool = (
      await t.sdk.send(
        new CreateUserPoolCommand({ PoolName: 'import-custom', Schema: [{ Name: 'tenant', AttributeDataType: 'String', Mutable: true }] }),
      )
    ).UserPool!;
    await t.sdk.send(
      new AddCustomAttributesCommand({
        UserPoolId: pool.Id,
        CustomAttributes: [{ Name: 'plan', AttributeDataType: 'Number' }, { Name: 'secret', AttributeDataType: 'String', DeveloperOnlyAttribute: true }],
      }),
    );
    const header = (await t.sdk.send(new GetCSVHeaderCommand({ UserPoolId: pool.Id }))).CSVHeader!;
    expect(header.slice(17)).toEqual(['address', 'updated_at', 'custom:tenant', 'custom:plan', 'dev:custom:secret', 'cognito:mfa_enabled', 'cognito:username']);
    expect(header).not.toContain('sub');
  });

  it('answers ResourceNotFoundException for an unknown pool', async () => {
    await expectSdkError(t.sdk, new GetCSVHeaderCommand({ UserPoolId: 'us-east-1_nothere' }), 'ResourceNotFoundException', 'User pool us-east-1_nothere does not exist.');
  });
});
