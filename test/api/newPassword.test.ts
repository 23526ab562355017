/** NEW_PASSWORD_REQUIRED: an AdminCreateUser user's first sign-in, through the SDK v3 (password and SRP). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  CreateUserPoolClientCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { advanceClock, call, createPoolAndClient, startServer, type TestServer } from '../support/server.js';
import { PASSWORD_HISTORY_VIOLATION, TEMPORARY_PASSWORD_IN_HISTORY } from '../../src/domain/passwords.js';

let t: TestServer;
let userPoolId: string;
let clientId: string;
const TEMPORARY = 'Temp0rary!';
const CHOSEN = 'N3w-Passw0rd';

beforeAll(async () => {
  t = await startServer();
  ({ userPoolId, clientId } = await createPoolAndClient(t.sdk));
});
afterAll(() => t.close());

const passwordAuthIn = (ClientId: string, USERNAME: string, PASSWORD: string) =>
  t.sdk.send(new InitiateAuthCommand({ ClientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME, PASSWORD } }));
const passwordAuth = (USERNAME: string, PASSWORD: string) => passwordAuthIn(clientId, USERNAME, PASSWORD);
async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return { name: (error as Error).name, message: (error as Error).message };
  }
  throw new Error('expected a failure');
}
async function createdUser(username: string) {
  await t.sdk.send(
    new AdminCreateUserCommand({
      UserPoolId: userPoolId,
      Username: username,
      TemporaryPassword: TEMPORARY,
      MessageAction: 'SUPPRESS',
      UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }],
    }),
  );
}

describe('NEW_PASSWORD_REQUIRED', () => {
  it('the temporary password leads to the challenge, with the user attributes as a JSON string', async () => {
    await createdUser('nina');
    const started = await passwordAuth('nina', TEMPORARY);
    expect(started.AuthenticationResult).toBeUndefined();
    expect(started.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    expect(started.Session).toMatch(/^AYABe[A-Za-z0-9_-]{250,}$/);
    expect(started.ChallengeParameters).toEqual({
      USER_ID_FOR_SRP: 'nina',
      requiredAttributes: '[]',
      userAttributes: JSON.stringify({ email: 'nina@example.com' }),
    });
  });

  it('a new password meeting the policy gives tokens, confirms the user, and replaces the temporary one', async () => {
    await createdUser('omar');
    const started = await passwordAuth('omar', TEMPORARY);
    const done = await t.sdk.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        Session: started.Session,
        ChallengeResponses: { USERNAME: 'omar', NEW_PASSWORD: CHOSEN, 'userAttributes.name': 'Omar' },
      }),
    );
    expect(done.AuthenticationResult?.TokenType).toBe('Bearer');
    const user = await t.sdk.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: 'omar' }));
    expect(user.UserStatus).toBe('CONFIRMED');
    expect(user.UserAttributes).toContainEqual({ Name: 'name', Value: 'Omar' });
    expect((await passwordAuth('omar', CHOSEN)).AuthenticationResult?.AccessToken).toBeTruthy();
    expect(await failure(passwordAuth('omar', TEMPORARY))).toEqual({ name: 'NotAuthorizedException', message: 'Incorrect username or password.' });
  });

  it('refuses a weak new password, and takes a good one on the same Session', async () => {
    await createdUser('pia');
    const started = await passwordAuth('pia', TEMPORARY);
    const answer = (NEW_PASSWORD: string) =>
      t.sdk.send(
        new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: started.Session, ChallengeResponses: { USERNAME: 'pia', NEW_PASSWORD } }),
      );
    expect(await failure(answer('short'))).toEqual({ name: 'InvalidPasswordException', message: 'Password did not conform with policy: Password not long enough' });
    expect((await t.sdk.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: 'pia' }))).UserStatus).toBe('FORCE_CHANGE_PASSWORD');
    expect((await answer(CHOSEN)).AuthenticationResult?.AccessToken).toBeTruthy();
    expect((await t.sdk.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: 'pia' }))).UserStatus).toBe('CONFIRMED');
  });

  it('refuses a temporary password older than TemporaryPasswordValidityDays (7 by default)', async () => {
    await createdUser('ravi');
    await advanceClock(t.url, 7 * 86400 - 60);
    expect((await passwordAuth('ravi', TEMPORARY)).ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    await advanceClock(t.url, 120);
    expect(await failure(passwordAuth('ravi', TEMPORARY))).toEqual({
      name: 'NotAuthorizedException',
      message: 'Temporary password has expired and must be reset by an administrator.',
    });
    await fetch(`${t.url}/_kognito/clock`, { method: 'DELETE' });
  });

  it('keeps an expired session a day to answer it as expired, then forgets it', async () => {
    await createdUser('sid');
    await createdUser('tea');
    const answer = (Session: string | undefined) =>
      failure(
        t.sdk.send(
          new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'NEW_PASSWORD_REQUIRED', Session, ChallengeResponses: { USERNAME: 'sid', NEW_PASSWORD: CHOSEN } }),
        ),
      );
    const kept = await passwordAuth('sid', TEMPORARY);
    const forgotten = await passwordAuth('sid', TEMPORARY);
    await advanceClock(t.url, 3 * 60 + 1);
    await passwordAuth('tea', TEMPORARY); // a new session, 3 minutes after: nothing is forgotten yet
    expect(await answer(kept.Session)).toEqual({ name: 'NotAuthorizedException', message: 'Invalid session for the user, session is expired.' });
    await advanceClock(t.url, 24 * 3600);
    await passwordAuth('tea', TEMPORARY); // a new session, a day later: the expired ones go
    expect(await answer(forgotten.Session)).toEqual({ name: 'NotAuthorizedException', message: 'Invalid session for the user.' });
    await fetch(`${t.url}/_kognito/clock`, { method: 'DELETE' });
  });

  it('refuses an answer without NEW_PASSWORD, and a try to set email_verified', async () => {
    await createdUser('quin');
    const first = await passwordAuth('quin', TEMPORARY);
    expect(
      await failure(
        t.sdk.send(new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: first.Session, ChallengeResponses: { USERNAME: 'quin' } })),
      ),
    ).toEqual({ name: 'InvalidParameterException', message: 'Missing required parameter NEW_PASSWORD' });
    const second = await passwordAuth('quin', TEMPORARY);
    expect(
      await failure(
        t.sdk.send(
          new RespondToAuthChallengeCommand({
            ClientId: clientId,
            ChallengeName: 'NEW_PASSWORD_REQUIRED',
            Session: second.Session,
            ChallengeResponses: { USERNAME: 'quin', NEW_PASSWORD: CHOSEN, 'userAttributes.email_verified': 'true' },
          }),
        ),
      ),
    ).toEqual({ name: 'InvalidParameterException', message: 'Cannot modify the non-mutable attribute email_verified' });
  });
});

/** An answer on the wire: status, __type and message, as any client sees them. */
async function answerOnWire(ClientId: string, Session: string | undefined, ChallengeResponses: Record<string, string>) {
  const { status, body } = await call(t.url, 'RespondToAuthChallenge', { ClientId, ChallengeName: 'NEW_PASSWORD_REQUIRED', Session, ChallengeResponses });
  return { status, type: body.__type as string | undefined, message: body.message as string | undefined, tokens: body.AuthenticationResult !== undefined };
}
const refused = (type: string, message: string) => ({ status: 400, type, message, tokens: false });
const signedIn = { status: 200, type: undefined, message: undefined, tokens: true };

describe('NEW_PASSWORD_REQUIRED and the password history (PasswordHistorySize)', () => {
  let pool: { userPoolId: string; clientId: string };
  beforeAll(async () => {
    pool = await createPoolAndClient(t.sdk, { Policies: { PasswordPolicy: { MinimumLength: 8, PasswordHistorySize: 2 } } });
  });
  const status = async (Username: string) => (await t.sdk.send(new AdminGetUserCommand({ UserPoolId: pool.userPoolId, Username }))).UserStatus;
  const start = async (USERNAME: string, PASSWORD: string) =>
    (await t.sdk.send(new InitiateAuthCommand({ ClientId: pool.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME, PASSWORD } }))).Session;

  it('refuses a password the user had before, keeps the user as it was, and takes another on the same Session', async () => {
    await t.sdk.send(new AdminCreateUserCommand({ UserPoolId: pool.userPoolId, Username: 'hal', TemporaryPassword: TEMPORARY, MessageAction: 'SUPPRESS' }));
    await t.sdk.send(new AdminSetUserPasswordCommand({ UserPoolId: pool.userPoolId, Username: 'hal', Password: CHOSEN, Permanent: true }));
    await t.sdk.send(new AdminSetUserPasswordCommand({ UserPoolId: pool.userPoolId, Username: 'hal', Password: 'Sec0nd-temp!', Permanent: false }));
    const session = await start('hal', 'Sec0nd-temp!');
    expect(await answerOnWire(pool.clientId, session, { USERNAME: 'hal', NEW_PASSWORD: CHOSEN })).toEqual(
      refused('PasswordHistoryPolicyViolationException', PASSWORD_HISTORY_VIOLATION),
    );
    expect(await status('hal')).toBe('FORCE_CHANGE_PASSWORD');
    expect(await failure(passwordAuthIn(pool.clientId, 'hal', CHOSEN))).toEqual({ name: 'NotAuthorizedException', message: 'Incorrect username or password.' });
    expect(await answerOnWire(pool.clientId, session, { USERNAME: 'hal', NEW_PASSWORD: 'Th1rd-passw0rd' })).toEqual(signedIn);
    expect(await status('hal')).toBe('CONFIRMED');
  });

  it('counts the temporary password as one the user had (TEMPORARY_PASSWORD_IN_HISTORY)', async () => {
    await t.sdk.send(new AdminCreateUserCommand({ UserPoolId: pool.userPoolId, Username: 'ida', TemporaryPassword: TEMPORARY, MessageAction: 'SUPPRESS' }));
    const session = await start('ida', TEMPORARY);
    const answered = await answerOnWire(pool.clientId, session, { USERNAME: 'ida', NEW_PASSWORD: TEMPORARY });
    expect(answered).toEqual(TEMPORARY_PASSWORD_IN_HISTORY ? refused('PasswordHistoryPolicyViolationException', PASSWORD_HISTORY_VIOLATION) : signedIn);
    expect(await status('ida')).toBe(TEMPORARY_PASSWORD_IN_HISTORY ? 'FORCE_CHANGE_PASSWORD' : 'CONFIRMED');
  });

  it('without a history, the temporary password may be chosen again (amplify-js#7957)', async () => {
    await createdUser('jon');
    const started = await passwordAuth('jon', TEMPORARY);
    expect(await answerOnWire(clientId, started.Session, { USERNAME: 'jon', NEW_PASSWORD: TEMPORARY })).toEqual(signedIn);
  });
});

describe('NEW_PASSWORD_REQUIRED userAttributes: the attribute write rules', () => {
  let pool: { userPoolId: string; clientId: string };
  let narrowClient: string;
  beforeAll(async () => {
    pool = await createPoolAndClient(t.sdk, {
      AliasAttributes: ['preferred_username'],
      Schema: [
        { Name: 'given_name', AttributeDataType: 'String', Mutable: true, Required: true },
        { Name: 'email', AttributeDataType: 'String', Mutable: false, Required: false },
        { Name: 'nickname', AttributeDataType: 'String', Mutable: false, Required: false },
      ],
    });
    narrowClient = (
      await t.sdk.send(
        new CreateUserPoolClientCommand({ UserPoolId: pool.userPoolId, ClientName: 'narrow', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'], WriteAttributes: ['given_name', 'email'] }),
      )
    ).UserPoolClient!.ClientId!;
  });
  const create = (Username: string, attributes: Record<string, string> = {}) =>
    t.sdk.send(
      new AdminCreateUserCommand({
        UserPoolId: pool.userPoolId,
        Username,
        TemporaryPassword: TEMPORARY,
        MessageAction: 'SUPPRESS',
        UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
      }),
    );
  const state = async (Username: string) => {
    const user = await t.sdk.send(new AdminGetUserCommand({ UserPoolId: pool.userPoolId, Username }));
    return { status: user.UserStatus, attributes: Object.fromEntries(user.UserAttributes!.filter((a) => a.Name !== 'sub').map((a) => [a.Name, a.Value])) };
  };
  const startIn = async (ClientId: string, USERNAME: string) => (await passwordAuthIn(ClientId, USERNAME, TEMPORARY)).Session;

  it('writes an immutable attribute the user has no value of; refuses, in Cognito\'s words, an answer leaving a required one blank', async () => {
    await create('kai', { given_name: 'Kai' });
    const session = await startIn(pool.clientId, 'kai');
    expect(await answerOnWire(pool.clientId, session, { USERNAME: 'kai', NEW_PASSWORD: CHOSEN, 'userAttributes.given_name': '' })).toEqual(
      refused('InvalidParameterException', 'Invalid attributes given, given_name is missing'),
    );
    expect(await state('kai')).toEqual({ status: 'FORCE_CHANGE_PASSWORD', attributes: { given_name: 'Kai' } });
    const again = await startIn(pool.clientId, 'kai');
    expect(await answerOnWire(pool.clientId, again, { USERNAME: 'kai', NEW_PASSWORD: CHOSEN, 'userAttributes.nickname': 'kk' })).toEqual(signedIn);
    expect(await state('kai')).toEqual({ status: 'CONFIRMED', attributes: { given_name: 'Kai', nickname: 'kk' } });
  });

  it('creates a user without a required attribute (ADMIN_CREATE_USER_LEAVES_REQUIRED_TO_USER), who must give it with the new password', async () => {
    expect((await create('noa')).User!.UserStatus).toBe('FORCE_CHANGE_PASSWORD');
    const started = await passwordAuthIn(pool.clientId, 'noa', TEMPORARY);
    expect(started.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    expect(JSON.parse(started.ChallengeParameters!.requiredAttributes)).toEqual(['userAttributes.given_name']);
    expect(await answerOnWire(pool.clientId, started.Session, { USERNAME: 'noa', NEW_PASSWORD: CHOSEN })).toEqual(
      refused('InvalidParameterException', 'Invalid attributes given, given_name is missing'),
    );
    expect(await state('noa')).toEqual({ status: 'FORCE_CHANGE_PASSWORD', attributes: {} });
    const again = await startIn(pool.clientId, 'noa');
    expect(await answerOnWire(pool.clientId, again, { USERNAME: 'noa', NEW_PASSWORD: CHOSEN, 'userAttributes.given_name': 'Noa' })).toEqual(signedIn);
    expect(await state('noa')).toEqual({ status: 'CONFIRMED', attributes: { given_name: 'Noa' } });
  });

  it('refuses to change an immutable attribute that has a value (aws-samples/aws-saas-factory-bootcamp#67)', async () => {
    await create('lea', { given_name: 'Lea', email: 'lea@example.com' });
    const session = await startIn(pool.clientId, 'lea');
    expect(await answerOnWire(pool.clientId, session, { USERNAME: 'lea', NEW_PASSWORD: CHOSEN, 'userAttributes.email': 'other@example.com' })).toEqual(
      refused('NotAuthorizedException', 'Cannot modify an already provided email'),
    );
    expect(await state('lea')).toEqual({ status: 'FORCE_CHANGE_PASSWORD', attributes: { given_name: 'Lea', email: 'lea@example.com' } });
  });

  it("refuses an attribute the app client may not write, one the schema lacks, and a value the schema refuses; the user stays as it was", async () => {
    await create('max', { given_name: 'Max' });
    const cases: [string, Record<string, string>, ReturnType<typeof refused>][] = [
      [narrowClient, { 'userAttributes.name': 'Max M' }, refused('NotAuthorizedException', 'A client attempted to write unauthorized attribute')],
      [pool.clientId, { 'userAttributes.custom:team': 'blue' }, refused('InvalidParameterException', 'user.custom:team: Attribute does not exist in the schema.\n')],
      [pool.clientId, { 'userAttributes.phone_number': '555-0100' }, refused('InvalidParameterException', 'Invalid phone number format.')],
      [pool.clientId, { 'userAttributes.phone_number_verified': 'true' }, refused('InvalidParameterException', 'Cannot modify the non-mutable attribute phone_number_verified')],
    ];
    for (const [client, attributes, expected] of cases) {
      const session = await startIn(client, 'max');
      expect(await answerOnWire(client, session, { USERNAME: 'max', NEW_PASSWORD: CHOSEN, ...attributes })).toEqual(expected);
      expect(await state('max')).toEqual({ status: 'FORCE_CHANGE_PASSWORD', attributes: { given_name: 'Max' } });
    }
  });

  it('keeps to the one-holder rule of aliases', async () => {
    await create('ned', { given_name: 'Ned', preferred_username: 'neddy' });
    await create('ola', { given_name: 'Ola' });
    const session = await startIn(pool.clientId, 'ola');
    expect(await answerOnWire(pool.clientId, session, { USERNAME: 'ola', NEW_PASSWORD: CHOSEN, 'userAttributes.preferred_username': 'neddy' })).toEqual(
      refused('AliasExistsException', 'An account with the given preferred_username already exists.'),
    );
    expect(await state('ola')).toEqual({ status: 'FORCE_CHANGE_PASSWORD', attributes: { given_name: 'Ola' } });
  });
});
