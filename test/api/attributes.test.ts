/**
 * User attributes after creation through the SDK v3: Update/AdminUpdateUserAttributes (schema,
 * mutability, the client's WriteAttributes, values, codes for a new email or phone number,
 * AttributesRequireVerificationBeforeUpdate, the one-holder rule of aliases),
 * GetUserAttributeVerificationCode / VerifyUserAttribute, Delete/AdminDeleteUserAttributes, and what
 * the client's ReadAttributes let GetUser and the ID token show.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AdminConfirmSignUpCommand,
  AdminDeleteUserAttributesCommand,
  AdminGetUserCommand,
  AdminUpdateUserAttributesCommand,
  CreateUserPoolClientCommand,
  DeleteUserAttributesCommand,
  DeleteUserPoolClientCommand,
  GetUserAttributeVerificationCodeCommand,
  GetUserCommand,
  InitiateAuthCommand,
  SignUpCommand,
  UpdateUserAttributesCommand,
  VerifyUserAttributeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { advanceClock, call, createPoolAndClient, expectSdkError, messages, startServer, type TestServer } from '../support/server.js';

let t: TestServer;
beforeAll(async () => {
  t = await startServer();
});
afterAll(() => t.close());

const PASSWORD = 'Passw0rd!';
const SCHEMA = [
  { Name: 'email', AttributeDataType: 'String', Required: true, Mutable: true },
  { Name: 'tenant', AttributeDataType: 'String', Mutable: false },
  { Name: 'code', AttributeDataType: 'String', Mutable: true, StringAttributeConstraints: { MinLength: '2', MaxLength: '5' } },
  { Name: 'level', AttributeDataType: 'Number', Mutable: true, NumberAttributeConstraints: { MinValue: '1', MaxValue: '10' } },
  { Name: 'secret', AttributeDataType: 'String', Mutable: true, DeveloperOnlyAttribute: true },
];

interface Pool {
  userPoolId: string;
  clientId: string;
}
const pool = (settings: Record<string, unknown> = {}, client: Record<string, unknown> = {}): Promise<Pool> =>
  createPoolAndClient(t.sdk, { Schema: SCHEMA, ...settings }, client);

/** A confirmed user (email verified when asked) and their tokens. */
async function user(p: Pool, username: string, attributes: Record<string, string> = {}, options: { verified?: boolean; client?: string } = {}) {
  const UserAttributes = Object.entries({ email: `${username}@example.com`, ...attributes }).map(([Name, Value]) => ({ Name, Value }));
  await t.sdk.send(new SignUpCommand({ ClientId: p.clientId, Username: username, Password: PASSWORD, UserAttributes }));
  await t.sdk.send(new AdminConfirmSignUpCommand({ UserPoolId: p.userPoolId, Username: username }));
  if (options.verified) {
    await t.sdk.send(new AdminUpdateUserAttributesCommand({ UserPoolId: p.userPoolId, Username: username, UserAttributes: [{ Name: 'email_verified', Value: 'true' }] }));
  }
  return signIn(options.client ?? p.clientId, username);
}
const signIn = async (clientId: string, username: string) =>
  (await t.sdk.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD } })))
    .AuthenticationResult!;
const attributesOf = async (p: Pool, username: string) =>
  Object.fromEntries((await t.sdk.send(new AdminGetUserCommand({ UserPoolId: p.userPoolId, Username: username }))).UserAttributes!.map((a) => [a.Name, a.Value]));
const update = (AccessToken: string, attributes: Record<string, string>) =>
  new UpdateUserAttributesCommand({ AccessToken, UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })) });
const adminUpdate = (p: Pool, Username: string, attributes: Record<string, string>) =>
  new AdminUpdateUserAttributesCommand({ UserPoolId: p.userPoolId, Username, UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })) });
const expectError = (command: any, name: string, message: string) => expectSdkError(t.sdk, command, name, message);
const claims = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString());
const lastMessage = async (p: Pool, to: string) => {
  const sent = await messages(t.url, p.userPoolId, to);
  return sent[sent.length - 1];
};

describe('UpdateUserAttributes', () => {
  let p: Pool;
  beforeAll(async () => {
    p = await pool({ AutoVerifiedAttributes: ['email'] });
  });

  it('changes attributes the client may write and answers {} when nothing needs a code', async () => {
    const tokens = await user(p, 'ann', { 'custom:tenant': 'acme' });
    const out = await t.sdk.send(update(tokens.AccessToken!, { name: 'Ann Lee', 'custom:code': 'ab', 'custom:level': '3' }));
    expect(out.CodeDeliveryDetailsList).toBeUndefined();
    expect(await attributesOf(p, 'ann')).toMatchObject({ name: 'Ann Lee', 'custom:code': 'ab', 'custom:level': '3', 'custom:tenant': 'acme' });
    // A blank value deletes an optional attribute.
    await t.sdk.send(update(tokens.AccessToken!, { name: '' }));
    expect(await attributesOf(p, 'ann')).not.toHaveProperty('name');
  });

  it('lists every attribute the schema does not have, one per line, and changes nothing', async () => {
    const tokens = await user(p, 'bob');
    await expectError(
      update(tokens.AccessToken!, { name: 'Bob', 'custom:nope': 'x', nickname2: 'y' }),
      'InvalidParameterException',
      'user.custom:nope: Attribute does not exist in the schema.\nuser.nickname2: Attribute does not exist in the schema.\n',
    );
    expect(await attributesOf(p, 'bob')).not.toHaveProperty('name');
  });

  it('refuses immutable attributes (a custom one, sub) after creation', async () => {
    const tokens = await user(p, 'cid', { 'custom:tenant': 'acme' });
    await expectError(update(tokens.AccessToken!, { 'custom:tenant': 'other' }), 'InvalidParameterException', 'user.custom:tenant: Attribute cannot be updated.\n');
    await expectError(update(tokens.AccessToken!, { sub: 'x' }), 'InvalidParameterException', 'user.sub: Attribute cannot be updated.\n');
  });

  it('refuses the verified flags and developer-only attributes to a client: "A client attempted to write unauthorized attribute"', async () => {
    const tokens = await user(p, 'dee');
    for (const name of ['email_verified', 'dev:custom:secret']) {
      await expectError(update(tokens.AccessToken!, { [name]: 'true' }), 'NotAuthorizedException', 'A client attempted to write unauthorized attribute');
    }
    expect(await attributesOf(p, 'dee')).not.toHaveProperty('email_verified');
  });

  it("keeps to the client's WriteAttributes: others (even unknown ones) are unauthorized", async () => {
    const client = await t.sdk.send(
      new CreateUserPoolClientCommand({ UserPoolId: p.userPoolId, ClientName: 'narrow', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'], WriteAttributes: ['name', 'email'] }),
    );
    const tokens = await user(p, 'eve', {}, { client: client.UserPoolClient!.ClientId });
    await t.sdk.send(update(tokens.AccessToken!, { name: 'Eve' }));
    for (const name of ['given_name', 'custom:nope']) {
      await expectError(update(tokens.AccessToken!, { [name]: 'x' }), 'NotAuthorizedException', 'A client attempted to write unauthorized attribute');
    }
  });

  it('will not blank a required attribute', async () => {
    const tokens = await user(p, 'fay');
    await expectError(update(tokens.AccessToken!, { email: '' }), 'InvalidParameterException', 'user.email: Required attribute cannot be deleted.');
  });

  it('checks values against the schema: String lengths, Number bounds, email and phone formats', async () => {
    const tokens = await user(p, 'gus');
    const cases: [Record<string, string>, string][] = [
      [{ 'custom:code': 'abcdef' }, 'user.custom:code: String must be no longer than 5 characters'],
      [{ 'custom:code': 'a' }, 'user.custom:code: String must be no shorter than 2 characters'],
      [{ 'custom:level': '11' }, 'user.custom:level: Number must be no greater than 10'],
      [{ 'custom:level': '0' }, 'user.custom:level: Number must be no less than 1'],
      [{ 'custom:level': 'ten' }, 'user.custom:level: Number expected'],
      [{ email: 'not-an-email' }, 'Invalid email address format.'],
      [{ phone_number: '555-0100' }, 'Invalid phone number format.'],
    ];
    for (const [attributes, message] of cases) await expectError(update(tokens.AccessToken!, attributes), 'InvalidParameterException', message);
  });

  it('a new auto-verified email: unverified at once, a code to the new address (CodeDeliveryDetailsList), verified by VerifyUserAttribute', async () => {
    const tokens = await user(p, 'hal', {}, { verified: true });
    const out = await t.sdk.send(update(tokens.AccessToken!, { email: 'hal.new@example.org', name: 'Hal' }));
    expect(out.CodeDeliveryDetailsList).toEqual([{ Destination: 'h***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' }]);
    expect(await attributesOf(p, 'hal')).toMatchObject({ email: 'hal.new@example.org', email_verified: 'false', name: 'Hal' });
    const sent = await lastMessage(p, 'hal');
    expect(sent).toMatchObject({ kind: 'UPDATE_USER_ATTRIBUTE', destination: 'hal.new@example.org', deliveryMedium: 'EMAIL' });
    expect(await t.sdk.send(new VerifyUserAttributeCommand({ AccessToken: tokens.AccessToken!, AttributeName: 'email', Code: sent.code }))).toMatchObject({});
    expect(await attributesOf(p, 'hal')).toMatchObject({ email: 'hal.new@example.org', email_verified: 'true' });
    // The code is used up.
    await expectError(
      new VerifyUserAttributeCommand({ AccessToken: tokens.AccessToken!, AttributeName: 'email', Code: sent.code }),
      'ExpiredCodeException',
      'Invalid code provided, please request a code again.',
    );
  });

  it('a new phone number the pool does not auto-verify: changed, unverified, no code', async () => {
    const tokens = await user(p, 'ida', { phone_number: '+15555550100' });
    await t.sdk.send(adminUpdate(p, 'ida', { phone_number_verified: 'true' }));
    const out = await t.sdk.send(update(tokens.AccessToken!, { phone_number: '+15555550199' }));
    expect(out.CodeDeliveryDetailsList).toBeUndefined();
    expect(await attributesOf(p, 'ida')).toMatchObject({ phone_number: '+15555550199', phone_number_verified: 'false' });
    expect((await messages(t.url, p.userPoolId, 'ida')).filter((m) => m.kind === 'UPDATE_USER_ATTRIBUTE')).toEqual([]);
  });
});

describe('GetUserAttributeVerificationCode and VerifyUserAttribute', () => {
  let p: Pool;
  let token: string;
  beforeAll(async () => {
    p = await pool({ AutoVerifiedAttributes: ['email'] });
    token = (await user(p, 'jo')).AccessToken!;
  });
  const getCode = (AttributeName: string) => new GetUserAttributeVerificationCodeCommand({ AccessToken: token, AttributeName });
  const verify = (Code: string, AttributeName = 'email') => new VerifyUserAttributeCommand({ AccessToken: token, AttributeName, Code });

  it('only email and phone_number can be verified', async () => {
    const message = 'Invalid attribute name. Only phone_number and email can be verified.';
    await expectError(getCode('name'), 'InvalidParameterException', message);
    await expectError(verify('123456', 'name'), 'InvalidParameterException', message);
  });

  it('needs a value to send to, or to verify', async () => {
    await expectError(getCode('phone_number'), 'InvalidParameterException', 'User does not have a valid registered phone number');
    await expectError(verify('123456', 'phone_number'), 'InvalidParameterException', 'Unable to verify attribute: phone_number no value set to verify');
    const plain = await createPoolAndClient(t.sdk, { AutoVerifiedAttributes: [] });
    await t.sdk.send(new SignUpCommand({ ClientId: plain.clientId, Username: 'noemail', Password: PASSWORD }));
    await t.sdk.send(new AdminConfirmSignUpCommand({ UserPoolId: plain.userPoolId, Username: 'noemail' }));
    const AccessToken = (await signIn(plain.clientId, 'noemail')).AccessToken!;
    await expectError(
      new GetUserAttributeVerificationCodeCommand({ AccessToken, AttributeName: 'email' }),
      'InvalidParameterException',
      'User does not have a valid registered email',
    );
  });

  it('without a code sent, any code is expired', async () => {
    await expectError(verify('123456'), 'ExpiredCodeException', 'Invalid code provided, please request a code again.');
  });

  it('sends a code; a newer one supersedes it; a wrong one is a mismatch; the right one verifies', async () => {
    const first = await t.sdk.send(getCode('email'));
    expect(first.CodeDeliveryDetails).toEqual({ Destination: 'j***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' });
    const old = (await lastMessage(p, 'jo')).code;
    await t.sdk.send(getCode('email'));
    const current = await lastMessage(p, 'jo');
    expect(current).toMatchObject({ kind: 'VERIFY_USER_ATTRIBUTE', destination: 'jo@example.com' });
    if (old !== current.code) await expectError(verify(old), 'ExpiredCodeException', 'Invalid code provided, please request a code again.');
    await expectError(verify(current.code === '000000' ? '111111' : '000000'), 'CodeMismatchException', 'Invalid verification code provided, please try again.');
    await t.sdk.send(verify(current.code));
    expect(await attributesOf(p, 'jo')).toMatchObject({ email_verified: 'true' });
  });

  it('locks the code after 5 wrong ones (LimitExceededException), and a code expires after 24 hours', async () => {
    await t.sdk.send(getCode('email'));
    const code = (await lastMessage(p, 'jo')).code;
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) await expectError(verify(wrong), 'CodeMismatchException', 'Invalid verification code provided, please try again.');
    await expectError(verify(code), 'LimitExceededException', 'Attempt limit exceeded, please try after some time.');

    await t.sdk.send(getCode('email'));
    const fresh = (await lastMessage(p, 'jo')).code;
    await advanceClock(t.url, 24 * 3600 + 1);
    try {
      const again = await signIn(p.clientId, 'jo');
      token = again.AccessToken!;
      await expectError(verify(fresh), 'ExpiredCodeException', 'Invalid code provided, please request a code again.');
    } finally {
      await fetch(`${t.url}/_kognito/clock`, { method: 'DELETE' });
    }
  });
});

describe('AttributesRequireVerificationBeforeUpdate (the original value stays in use until the new one is verified)', () => {
  let p: Pool;
  beforeAll(async () => {
    p = await pool({
      AliasAttributes: ['email'],
      AutoVerifiedAttributes: ['email'],
      UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] },
    });
  });

  it('keeps the verified email (GetUser, sign-in by alias) until VerifyUserAttribute; then only the new one signs in', async () => {
    const tokens = await user(p, 'kim', {}, { verified: true });
    const out = await t.sdk.send(update(tokens.AccessToken!, { email: 'kim2@example.com' }));
    expect(out.CodeDeliveryDetailsList).toEqual([{ Destination: 'k***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' }]);
    const seen = await t.sdk.send(new GetUserCommand({ AccessToken: tokens.AccessToken! }));
    expect(Object.fromEntries(seen.UserAttributes!.map((a) => [a.Name, a.Value]))).toMatchObject({ email: 'kim@example.com', email_verified: 'true' });
    expect((await signIn(p.clientId, 'kim@example.com')).AccessToken).toBeTruthy();
    await expectError(
      new InitiateAuthCommand({ ClientId: p.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'kim2@example.com', PASSWORD } }),
      'UserNotFoundException',
      'User does not exist.',
    );

    const sent = await lastMessage(p, 'kim');
    expect(sent.destination).toBe('kim2@example.com');
    // A resend goes to the pending address too.
    await t.sdk.send(new GetUserAttributeVerificationCodeCommand({ AccessToken: tokens.AccessToken!, AttributeName: 'email' }));
    const resent = await lastMessage(p, 'kim');
    expect(resent.destination).toBe('kim2@example.com');
    await t.sdk.send(new VerifyUserAttributeCommand({ AccessToken: tokens.AccessToken!, AttributeName: 'email', Code: resent.code }));
    expect(await attributesOf(p, 'kim')).toMatchObject({ email: 'kim2@example.com', email_verified: 'true' });
    expect((await signIn(p.clientId, 'kim2@example.com')).AccessToken).toBeTruthy();
    await expectError(
      new InitiateAuthCommand({ ClientId: p.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'kim@example.com', PASSWORD } }),
      'UserNotFoundException',
      'User does not exist.',
    );
  });

  it('AdminUpdateUserAttributes with email_verified "true" skips the code; alone, it makes a pending email the verified one', async () => {
    const tokens = await user(p, 'lea', {}, { verified: true });
    await t.sdk.send(adminUpdate(p, 'lea', { email: 'lea2@example.com', email_verified: 'true' }));
    expect(await attributesOf(p, 'lea')).toMatchObject({ email: 'lea2@example.com', email_verified: 'true' });
    expect((await messages(t.url, p.userPoolId, 'lea')).filter((m) => m.kind === 'UPDATE_USER_ATTRIBUTE')).toEqual([]);

    await t.sdk.send(update(tokens.AccessToken!, { email: 'lea3@example.com' }));
    expect(await attributesOf(p, 'lea')).toMatchObject({ email: 'lea2@example.com' });
    await t.sdk.send(adminUpdate(p, 'lea', { email_verified: 'true' }));
    expect(await attributesOf(p, 'lea')).toMatchObject({ email: 'lea3@example.com', email_verified: 'true' });
  });

  it('the configuration must auto-verify what it asks to verify before update', async () => {
    await expectError(
      new (await import('@aws-sdk/client-cognito-identity-provider')).CreateUserPoolCommand({
        PoolName: 'bad',
        UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] },
      }),
      'InvalidParameterException',
      'All attributes in AttributesRequireVerificationBeforeUpdate must exist in AutoVerifiedAttributes',
    );
  });
});

describe('one holder per alias', () => {
  it('AliasAttributes: a verified email another user holds is refused at verification (AliasExistsException), not at update', async () => {
    const p = await pool({ AliasAttributes: ['email', 'preferred_username'], AutoVerifiedAttributes: ['email'] });
    await user(p, 'mae', {}, { verified: true });
    const ned = await user(p, 'ned');
    await t.sdk.send(update(ned.AccessToken!, { email: 'mae@example.com' }));
    const code = (await lastMessage(p, 'ned')).code;
    await expectError(
      new VerifyUserAttributeCommand({ AccessToken: ned.AccessToken!, AttributeName: 'email', Code: code }),
      'AliasExistsException',
      'An account with the given email already exists.',
    );
    await expectError(adminUpdate(p, 'ned', { email_verified: 'true' }), 'AliasExistsException', 'An account with the given email already exists.');
    expect(await attributesOf(p, 'mae')).toMatchObject({ email: 'mae@example.com', email_verified: 'true' });

    await t.sdk.send(update(ned.AccessToken!, { preferred_username: 'neddy' }));
    const mae = await signIn(p.clientId, 'mae');
    await expectError(update(mae.AccessToken!, { preferred_username: 'Neddy' }), 'AliasExistsException', 'An account with the given preferred_username already exists.');
  });

  it('UsernameAttributes: an email another user signs in with is refused at once', async () => {
    const p = await createPoolAndClient(t.sdk, { UsernameAttributes: ['email'], AutoVerifiedAttributes: ['email'] });
    for (const username of ['ola@example.com', 'pia@example.com']) {
      await t.sdk.send(new SignUpCommand({ ClientId: p.clientId, Username: username, Password: PASSWORD }));
      await t.sdk.send(new AdminConfirmSignUpCommand({ UserPoolId: p.userPoolId, Username: username }));
    }
    const pia = await signIn(p.clientId, 'pia@example.com');
    await expectError(update(pia.AccessToken!, { email: 'OLA@example.com' }), 'AliasExistsException', 'An account with the given email already exists.');
  });
});

describe('AdminUpdateUserAttributes', () => {
  let p: Pool;
  beforeAll(async () => {
    p = await pool({ AutoVerifiedAttributes: ['email'] });
    await user(p, 'quin');
  });

  it('writes developer-only attributes and the verified flags; a changed auto-verified email still gets a code', async () => {
    await t.sdk.send(adminUpdate(p, 'quin', { 'dev:custom:secret': 's3', phone_number: '+15555550123', phone_number_verified: 'true' }));
    expect(await attributesOf(p, 'quin')).toMatchObject({ 'dev:custom:secret': 's3', phone_number_verified: 'true' });
    await t.sdk.send(adminUpdate(p, 'quin', { email: 'quin2@example.com' }));
    expect(await attributesOf(p, 'quin')).toMatchObject({ email: 'quin2@example.com', email_verified: 'false' });
    expect(await lastMessage(p, 'quin')).toMatchObject({ kind: 'UPDATE_USER_ATTRIBUTE', destination: 'quin2@example.com' });
  });

  it('answers the same schema errors, and UserNotFoundException for an unknown user', async () => {
    await expectError(adminUpdate(p, 'quin', { 'custom:tenant': 'x' }), 'InvalidParameterException', 'user.custom:tenant: Attribute cannot be updated.\n');
    await expectError(adminUpdate(p, 'nobody', { name: 'x' }), 'UserNotFoundException', 'User does not exist.');
  });

  it('is answered on the wire as {} with no message header for multi-line errors', async () => {
    const r = await call(t.url, 'AdminUpdateUserAttributes', { UserPoolId: p.userPoolId, Username: 'quin', UserAttributes: [{ Name: 'bad', Value: 'x' }] });
    expect(r.status).toBe(400);
    expect(r.body).toEqual({ __type: 'InvalidParameterException', message: 'user.bad: Attribute does not exist in the schema.\n' });
    const ok = await call(t.url, 'AdminUpdateUserAttributes', { UserPoolId: p.userPoolId, Username: 'quin', UserAttributes: [{ Name: 'name', Value: 'Q' }] });
    expect([ok.status, ok.text]).toEqual([200, '{}']);
  });
});

describe('DeleteUserAttributes and AdminDeleteUserAttributes', () => {
  let p: Pool;
  beforeAll(async () => {
    p = await pool({ AutoVerifiedAttributes: ['email'] });
  });

  it('deletes attributes (email takes its verified flag along), refuses required, immutable and unknown ones', async () => {
    const tokens = await user(p, 'rae', { name: 'Rae', phone_number: '+15555550111', 'custom:tenant': 't1' });
    await t.sdk.send(adminUpdate(p, 'rae', { phone_number_verified: 'true' }));
    await t.sdk.send(new DeleteUserAttributesCommand({ AccessToken: tokens.AccessToken!, UserAttributeNames: ['name', 'phone_number'] }));
    const after = await attributesOf(p, 'rae');
    expect(after).not.toHaveProperty('name');
    expect(after).not.toHaveProperty('phone_number');
    expect(after).not.toHaveProperty('phone_number_verified');

    const remove = (names: string[]) => new DeleteUserAttributesCommand({ AccessToken: tokens.AccessToken!, UserAttributeNames: names });
    await expectError(remove(['email']), 'InvalidParameterException', 'user.email: Required attribute cannot be deleted.');
    await expectError(remove(['custom:tenant']), 'InvalidParameterException', 'user.custom:tenant: Attribute cannot be updated.\n');
    await expectError(remove(['custom:nope']), 'InvalidParameterException', 'user.custom:nope: Attribute does not exist in the schema.\n');
    await expectError(remove(['dev:custom:secret']), 'NotAuthorizedException', 'A client attempted to write unauthorized attribute');
  });

  it('an administrator deletes developer-only attributes; an unknown user is UserNotFoundException', async () => {
    await user(p, 'sam');
    await t.sdk.send(adminUpdate(p, 'sam', { 'dev:custom:secret': 'x', nickname: 'S' }));
    await t.sdk.send(new AdminDeleteUserAttributesCommand({ UserPoolId: p.userPoolId, Username: 'sam', UserAttributeNames: ['dev:custom:secret', 'nickname'] }));
    const after = await attributesOf(p, 'sam');
    expect(after).not.toHaveProperty('dev:custom:secret');
    expect(after).not.toHaveProperty('nickname');
    await expectError(
      new AdminDeleteUserAttributesCommand({ UserPoolId: p.userPoolId, Username: 'sam', UserAttributeNames: ['email'] }),
      'InvalidParameterException',
      'user.email: Required attribute cannot be deleted.',
    );
    await expectError(
      new AdminDeleteUserAttributesCommand({ UserPoolId: p.userPoolId, Username: 'nobody', UserAttributeNames: ['nickname'] }),
      'UserNotFoundException',
      'User does not exist.',
    );
  });
});

describe("the client's ReadAttributes, and the ID token's attribute claims", () => {
  it('GetUser and the ID token show only what the client may read; the ID token carries attributes as Cognito types them', async () => {
    const p = await pool({ AutoVerifiedAttributes: ['email'] });
    const attributes = { name: 'Tia Ray', given_name: 'Tia', family_name: 'Ray', address: '1 Main St', updated_at: '1700000000', 'custom:level': '7', picture: 'https://example.com/t.png' };
    const full = await user(p, 'tia', attributes, { verified: true });
    await t.sdk.send(adminUpdate(p, 'tia', { 'dev:custom:secret': 'hidden' }));
    const id = claims((await signIn(p.clientId, 'tia')).IdToken!);
    expect(id).toMatchObject({
      email: 'tia@example.com',
      email_verified: true,
      name: 'Tia Ray',
      given_name: 'Tia',
      family_name: 'Ray',
      picture: 'https://example.com/t.png',
      address: { formatted: '1 Main St' },
      updated_at: 1700000000,
      'custom:level': '7',
    });
    expect(id).not.toHaveProperty('dev:custom:secret');
    expect(full.AccessToken).toBeTruthy();

    const narrow = await t.sdk.send(
      new CreateUserPoolClientCommand({ UserPoolId: p.userPoolId, ClientName: 'reader', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'], ReadAttributes: ['email', 'name'] }),
    );
    const tokens = await signIn(narrow.UserPoolClient!.ClientId!, 'tia');
    const seen = await t.sdk.send(new GetUserCommand({ AccessToken: tokens.AccessToken! }));
    expect(seen.UserAttributes!.map((a) => a.Name).sort()).toEqual(['email', 'name', 'sub']);
    const narrowId = claims(tokens.IdToken!);
    expect(narrowId).toMatchObject({ email: 'tia@example.com', name: 'Tia Ray' });
    for (const hidden of ['email_verified', 'given_name', 'address', 'custom:level']) expect(narrowId).not.toHaveProperty(hidden);
  });
  it("a token whose app client was deleted no longer reads or writes attributes (REFUSE_TOKEN_OF_DELETED_CLIENT)", async () => {
    const p = await pool();
    const client = await t.sdk.send(new CreateUserPoolClientCommand({ UserPoolId: p.userPoolId, ClientName: 'gone', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'] }));
    const tokens = await user(p, 'vic', {}, { client: client.UserPoolClient!.ClientId });
    await t.sdk.send(new DeleteUserPoolClientCommand({ UserPoolId: p.userPoolId, ClientId: client.UserPoolClient!.ClientId! }));
    await expectError(new GetUserCommand({ AccessToken: tokens.AccessToken! }), 'NotAuthorizedException', 'Invalid Access Token');
    await expectError(update(tokens.AccessToken!, { name: 'V' }), 'NotAuthorizedException', 'Invalid Access Token');
  });
});

describe('SignUp and the same attribute rules', () => {
  it('refuses the verified flags from a client, and lists every unknown attribute', async () => {
    const p = await pool();
    await expectError(
      new SignUpCommand({ ClientId: p.clientId, Username: 'uma', Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: 'uma@example.com' }, { Name: 'email_verified', Value: 'true' }] }),
      'NotAuthorizedException',
      'A client attempted to write unauthorized attribute',
    );
    await expectError(
      new SignUpCommand({ ClientId: p.clientId, Username: 'uma', Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: 'uma@example.com' }, { Name: 'custom:a', Value: '1' }, { Name: 'custom:b', Value: '2' }] }),
      'InvalidParameterException',
      'Attributes did not conform to the schema: custom:a: Attribute does not exist in the schema.\ncustom:b: Attribute does not exist in the schema.\n',
    );
    await expectError(
      new SignUpCommand({ ClientId: p.clientId, Username: 'uma', Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: 'uma@example.com' }, { Name: 'custom:code', Value: 'toolong' }] }),
      'InvalidParameterException',
      'Attributes did not conform to the schema: custom:code: String must be no longer than 5 characters',
    );
  });
});
