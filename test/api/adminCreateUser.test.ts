/**
 * AdminCreateUser as AWS does it, through the SDK v3: every combination of DesiredDeliveryMediums,
 * MessageAction and missing email/phone; RESEND; the temporary password and its policy; aliases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { createPoolAndClient, expectSdkError, messages, startServer, type TestServer } from '../support/server.js';

let t: TestServer;
let userPoolId: string;
let clientId: string;
const TEMPORARY = 'Temp0rary!';

beforeAll(async () => {
  t = await startServer();
  ({ userPoolId, clientId } = await createPoolAndClient(t.sdk));
});
afterAll(() => t.close());

const expectError = (command: unknown, name: string, message: string) => expectSdkError(t.sdk, command, name, message);
const attributes = (values: Record<string, string>) => Object.entries(values).map(([Name, Value]) => ({ Name, Value }));
/** The invitations sent to a user, as [medium, destination]. */
const sent = async (username: string, pool = userPoolId) => (await messages(t.url, pool, username)).map((m) => [m.deliveryMedium, m.destination]);
const exists = async (username: string) =>
  t.sdk.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: username })).then(
    () => true,
    (error: Error) => (error.name === 'UserNotFoundException' ? false : Promise.reject(error)),
  );
const signIn = (USERNAME: string, PASSWORD: string) =>
  t.sdk.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME, PASSWORD } }));

describe('AdminCreateUser: who is invited, how', () => {
  it('creates a user from a Username and a TemporaryPassword alone (nothing to send to); they sign in with it', async () => {
    const out = await t.sdk.send(new AdminCreateUserCommand({ UserPoolId: userPoolId, Username: 'ada', TemporaryPassword: TEMPORARY }));
    expect(out.User).toMatchObject({ Username: 'ada', Enabled: true, UserStatus: 'FORCE_CHANGE_PASSWORD' });
    expect(out.User!.Attributes!.map((a) => a.Name)).toEqual(['sub']);
    expect(await sent('ada')).toEqual([]);
    expect((await signIn('ada', TEMPORARY)).ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
  });

  it('without DesiredDeliveryMediums: by SMS when there is a phone, else by email', async () => {
    await t.sdk.send(new AdminCreateUserCommand({ UserPoolId: userPoolId, Username: 'ben', UserAttributes: attributes({ phone_number: '+15555550101', email: 'ben@example.com' }) }));
    expect(await sent('ben')).toEqual([['SMS', '+15555550101']]);
    await t.sdk.send(new AdminCreateUserCommand({ UserPoolId: userPoolId, Username: 'cy', UserAttributes: attributes({ email: 'cy@example.com' }) }));
    expect(await sent('cy')).toEqual([['EMAIL', 'cy@example.com']]);
  });

  it('EMAIL without an email is refused with AWS\'s text, and nothing is created', async () => {
    await expectError(
      new AdminCreateUserCommand({ UserPoolId: userPoolId, Username: 'di', DesiredDeliveryMediums: ['EMAIL'], UserAttributes: attributes({ phone_number: '+15555550102' }) }),
      'InvalidParameterException',
      'No email provided but desired delivery medium was Email',
    );
    expect(await exists('di')).toBe(false);
  });

  it('SMS without a phone creates the user and sends nothing; EMAIL and SMS with both send both', async () => {
    await t.sdk.send(new AdminCreateUserCommand({ UserPoolId: userPoolId, Username: 'ed', DesiredDeliveryMediums: ['SMS'], UserAttributes: attributes({ email: 'ed@example.com' }) }));
    expect(await exists('ed')).toBe(true);
    expect(await sent('ed')).toEqual([]);
    await t.sdk.send(
      new AdminCreateUserCommand({ UserPoolId: userPoolId, Username: 'flo', DesiredDeliveryMediums: ['EMAIL', 'SMS'], UserAttributes: attributes({ email: 'flo@example.com', phone_number: '+15555550103' }) }),
    );
    expect((await sent('flo')).sort()).toEqual([['EMAIL', 'flo@example.com'], ['SMS', '+15555550103']]);
    const codes = new Set((await messages(t.url, userPoolId, 'flo')).map((m) => m.code));
    expect(codes.size).toBe(1);
  });

  it('SUPPRESS sends nothing, whatever the mediums and attributes', async () => {
    await t.sdk.send(
      new AdminCreateUserCommand({ UserPoolId: userPoolId, Username: 'gia', MessageAction: 'SUPPRESS', DesiredDeliveryMediums: ['EMAIL'], UserAttributes: attributes({ email: 'gia@example.com' }) }),
    );
    expect(await sent('gia')).toEqual([]);
  });
});

describe('AdminCreateUser: RESEND', () => {
  it('gives a FORCE_CHANGE_PASSWORD user a new temporary password and invitation; the old password stops working', async () => {
    await t.sdk.send(new AdminCreateUserCommand({ UserPoolId: userPoolId, Username: 'hana', TemporaryPassword: TEMPORARY, UserAttributes: attributes({ email: 'hana@example.com' }) }));
    const resent = await t.sdk.send(new AdminCreateUserCommand({ UserPoolId: userPoolId, Username: 'hana', MessageAction: 'RESEND', DesiredDeliveryMediums: ['EMAIL'] }));
    expect(resent.User).toMatchObject({ Username: 'hana', UserStatus: 'FORCE_CHANGE_PASSWORD' });
    const invitations = await messages(t.url, userPoolId, 'hana');
    expect(invitations.map((m) => m.kind)).toEqual(['ADMIN_CREATE_USER', 'ADMIN_CREATE_USER']);
    const fresh = invitations[1].code;
    expect(fresh).not.toBe(TEMPORARY);
    await expect(signIn('hana', TEMPORARY)).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'Incorrect username or password.' });
    expect((await signIn('hana', fresh)).ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
  });

  it('answers a missing user with UserNotFoundException and a confirmed one with UnsupportedUserStateException', async () => {
    await expectError(new AdminCreateUserCommand({ UserPoolId: userPoolId, Username: 'nobody', MessageAction: 'RESEND' }), 'UserNotFoundException', 'User does not exist.');
    await t.sdk.send(new AdminCreateUserCommand({ UserPoolId: userPoolId, Username: 'ivo', MessageAction: 'SUPPRESS' }));
    await t.sdk.send(new AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username: 'ivo', Password: TEMPORARY, Permanent: true }));
    await expectError(
      new AdminCreateUserCommand({ UserPoolId: userPoolId, Username: 'ivo', MessageAction: 'RESEND' }),
      'UnsupportedUserStateException',
      'Resend not possible. ivo status is not FORCE_CHANGE_PASSWORD.',
    );
  });
});

describe('AdminCreateUser: passwords and attributes', () => {
  it('makes a temporary password the pool\'s policy accepts, and refuses a given one it does not', async () => {
    const strict = await createPoolAndClient(t.sdk, { Policies: { PasswordPolicy: { MinimumLength: 20 } } });
    await t.sdk.send(new AdminCreateUserCommand({ UserPoolId: strict.userPoolId, Username: 'jan', UserAttributes: attributes({ email: 'jan@example.com' }) }));
    const [invitation] = await messages(t.url, strict.userPoolId, 'jan');
    expect(invitation.code.length).toBeGreaterThanOrEqual(20);
    expect(invitation.code).toMatch(/[A-Z]/);
    expect(invitation.code).toMatch(/[a-z]/);
    expect(invitation.code).toMatch(/[0-9]/);
    await expectError(
      new AdminCreateUserCommand({ UserPoolId: strict.userPoolId, Username: 'kai', TemporaryPassword: TEMPORARY }),
      'InvalidPasswordException',
      'Password did not conform with policy: Password not long enough',
    );
  });

  it('an email created verified is an alias: AliasExistsException, unless ForceAliasCreation moves it', async () => {
    const aliased = await createPoolAndClient(t.sdk, { AliasAttributes: ['email'] });
    const verified = attributes({ email: 'lia@example.com', email_verified: 'true' });
    await t.sdk.send(new AdminCreateUserCommand({ UserPoolId: aliased.userPoolId, Username: 'lia', MessageAction: 'SUPPRESS', UserAttributes: verified }));
    await expectError(
      new AdminCreateUserCommand({ UserPoolId: aliased.userPoolId, Username: 'lia2', MessageAction: 'SUPPRESS', UserAttributes: verified }),
      'AliasExistsException',
      'An account with the given email already exists.',
    );
    await t.sdk.send(new AdminCreateUserCommand({ UserPoolId: aliased.userPoolId, Username: 'lia2', MessageAction: 'SUPPRESS', UserAttributes: verified, ForceAliasCreation: true }));
    const first = await t.sdk.send(new AdminGetUserCommand({ UserPoolId: aliased.userPoolId, Username: 'lia' }));
    expect(first.UserAttributes).toContainEqual({ Name: 'email_verified', Value: 'false' });
    expect((await t.sdk.send(new AdminGetUserCommand({ UserPoolId: aliased.userPoolId, Username: 'lia@example.com' }))).Username).toBe('lia2');
  });
});
