import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import { AdminInitiateAuthCommand, AdminRespondToAuthChallengeCommand } from '@aws-sdk/client-cognito-identity-provider';
import { advanceClock, call, createPoolAndClient, startServer, type TestServer } from '../support/server.js';
import { confirmedUser, passwordVerifierResponses, startSrpSignIn, type SrpUser } from '../support/srpSignIn.js';
import { clientTimestamp, generateSrpA, SRP_PRIME } from '../support/srpClient.js';

let t: TestServer;
let user: SrpUser;
beforeAll(async () => {
  t = await startServer();
  const { userPoolId, clientId } = await createPoolAndClient(t.sdk);
  user = { userPoolId, clientId, username: 'sam', password: 'Passw0rd!' };
  await confirmedUser(t.sdk, user);
});
afterAll(() => t.close());

const respond = (clientId: string, responses: Record<string, string>, session?: string) =>
  call(t.url, 'RespondToAuthChallenge', { ClientId: clientId, ChallengeName: 'PASSWORD_VERIFIER', ChallengeResponses: responses, ...(session ? { Session: session } : {}) });

const initiate = (clientId: string, parameters: Record<string, string>) =>
  call(t.url, 'InitiateAuth', { ClientId: clientId, AuthFlow: 'USER_SRP_AUTH', AuthParameters: parameters });

describe('USER_SRP_AUTH through the SDK v3', () => {
  it('answers PASSWORD_VERIFIER with SALT, SRP_B, SECRET_BLOCK and the canonical username, then issues tokens', async () => {
    const { challenge, ephemeral } = await startSrpSignIn(t.sdk, user);
    expect(challenge.ChallengeName).toBe('PASSWORD_VERIFIER');
    const p = challenge.ChallengeParameters!;
    expect(Object.keys(p).sort()).toEqual(['SALT', 'SECRET_BLOCK', 'SRP_B', 'USERNAME', 'USER_ID_FOR_SRP']);
    expect(p.USERNAME).toBe('sam');
    expect(p.USER_ID_FOR_SRP).toBe('sam');
    expect(p.SALT).toMatch(/^(00[89a-f]|[0-7])[0-9a-f]+$/);
    expect(p.SRP_B).toMatch(/^[1-9a-f][0-9a-f]*$/);
    expect(Buffer.from(p.SECRET_BLOCK, 'base64').toString('base64')).toBe(p.SECRET_BLOCK);
    expect(challenge.Session).toMatch(/^AYABe[A-Za-z0-9_-]{80,}$/); // shaped as AWS's, never "-" first (the aws CLI's --session)

    const { RespondToAuthChallengeCommand } = await import('@aws-sdk/client-cognito-identity-provider');
    const done = await t.sdk.send(
      new RespondToAuthChallengeCommand({
        ClientId: user.clientId,
        ChallengeName: 'PASSWORD_VERIFIER',
        Session: challenge.Session,
        ChallengeResponses: passwordVerifierResponses(user, challenge, ephemeral),
      }),
    );
    expect(done.ChallengeName).toBeUndefined();
    expect(done.Session).toBeUndefined();
    expect(done.ChallengeParameters).toEqual({});
    expect(done.AuthenticationResult?.TokenType).toBe('Bearer');
    expect(decodeJwt(done.AuthenticationResult!.AccessToken!).username).toBe('sam');
    expect(done.AuthenticationResult?.NewDeviceMetadata).toBeUndefined();
  });

  it('accepts the answer without a Session, found by its SECRET_BLOCK (pycognito)', async () => {
    const { challenge, ephemeral } = await startSrpSignIn(t.sdk, user);
    const answer = await respond(user.clientId, passwordVerifierResponses(user, challenge, ephemeral));
    expect(answer.status).toBe(200);
    expect(answer.body.AuthenticationResult.AccessToken).toBeTruthy();
    expect(answer.body.Session).toBeUndefined();
  });

  it('AdminInitiateAuth USER_SRP_AUTH + AdminRespondToAuthChallenge sign in', async () => {
    const ephemeral = generateSrpA();
    const challenge = await t.sdk.send(
      new AdminInitiateAuthCommand({ UserPoolId: user.userPoolId, ClientId: user.clientId, AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: 'sam', SRP_A: ephemeral.A } }),
    );
    expect(challenge.ChallengeName).toBe('PASSWORD_VERIFIER');
    const done = await t.sdk.send(
      new AdminRespondToAuthChallengeCommand({
        UserPoolId: user.userPoolId,
        ClientId: user.clientId,
        ChallengeName: 'PASSWORD_VERIFIER',
        Session: challenge.Session,
        ChallengeResponses: passwordVerifierResponses(user, challenge, ephemeral),
      }),
    );
    expect(done.AuthenticationResult?.IdToken).toBeTruthy();
  });

  it('signs in an email-username pool user by email, proving with USER_ID_FOR_SRP = the internal username', async () => {
    const { userPoolId, clientId } = await createPoolAndClient(t.sdk, { UsernameAttributes: ['email'] });
    const aliasUser = { userPoolId, clientId, username: 'zoe@example.com', password: 'Passw0rd!' };
    await confirmedUser(t.sdk, aliasUser, 'zoe@example.com');
    const { challenge, ephemeral } = await startSrpSignIn(t.sdk, aliasUser);
    expect(challenge.ChallengeParameters!.USER_ID_FOR_SRP).toMatch(/^[0-9a-f-]{36}$/);
    expect(challenge.ChallengeParameters!.USERNAME).toBe(challenge.ChallengeParameters!.USER_ID_FOR_SRP);
    const answer = await respond(clientId, passwordVerifierResponses(aliasUser, challenge, ephemeral), challenge.Session);
    expect(answer.status).toBe(200);
  });
});

describe('PASSWORD_VERIFIER refusals', () => {
  it('refuses a wrong password with NotAuthorizedException "Incorrect username or password."', async () => {
    const { challenge, ephemeral } = await startSrpSignIn(t.sdk, user);
    const answer = await respond(user.clientId, passwordVerifierResponses({ ...user, password: 'Wrong0rd!' }, challenge, ephemeral), challenge.Session);
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ __type: 'NotAuthorizedException', message: 'Incorrect username or password.' });
  });

  it('refuses a tampered signature', async () => {
    const { challenge, ephemeral } = await startSrpSignIn(t.sdk, user);
    const responses = passwordVerifierResponses(user, challenge, ephemeral);
    const sig = Buffer.from(responses.PASSWORD_CLAIM_SIGNATURE, 'base64');
    sig[0] ^= 1;
    const answer = await respond(user.clientId, { ...responses, PASSWORD_CLAIM_SIGNATURE: sig.toString('base64') }, challenge.Session);
    expect(answer.body).toEqual({ __type: 'NotAuthorizedException', message: 'Incorrect username or password.' });
  });

  it('refuses a TIMESTAMP other than the one signed, and a zero-padded day even when signed', async () => {
    const now = new Date(Date.UTC(2024, 8, 5, 7, 8, 9));
    const canonical = clientTimestamp(now);
    expect(canonical).toBe('Thu Sep 5 07:08:09 UTC 2024');

    let { challenge, ephemeral } = await startSrpSignIn(t.sdk, user);
    let responses = passwordVerifierResponses(user, challenge, ephemeral, canonical);
    let answer = await respond(user.clientId, { ...responses, TIMESTAMP: 'Thu Sep 5 07:08:10 UTC 2024' }, challenge.Session);
    expect(answer.body).toEqual({ __type: 'NotAuthorizedException', message: 'Incorrect username or password.' });

    ({ challenge, ephemeral } = await startSrpSignIn(t.sdk, user));
    responses = passwordVerifierResponses(user, challenge, ephemeral, 'Thu Sep 05 07:08:09 UTC 2024');
    answer = await respond(user.clientId, responses, challenge.Session);
    expect(answer.body).toEqual({ __type: 'NotAuthorizedException', message: 'Incorrect username or password.' });
  });

  it('spends the challenge: the same correct answer twice fails the second time', async () => {
    const { challenge, ephemeral } = await startSrpSignIn(t.sdk, user);
    const responses = passwordVerifierResponses(user, challenge, ephemeral);
    expect((await respond(user.clientId, responses, challenge.Session)).status).toBe(200);
    const again = await respond(user.clientId, responses, challenge.Session);
    expect(again.body).toEqual({ __type: 'NotAuthorizedException', message: 'Incorrect username or password.' });
  });

  it('a wrong proof spends the challenge too', async () => {
    const { challenge, ephemeral } = await startSrpSignIn(t.sdk, user);
    const bad = passwordVerifierResponses({ ...user, password: 'Wrong0rd!' }, challenge, ephemeral);
    await respond(user.clientId, bad, challenge.Session);
    const good = await respond(user.clientId, passwordVerifierResponses(user, challenge, ephemeral), challenge.Session);
    expect(good.body).toEqual({ __type: 'NotAuthorizedException', message: 'Incorrect username or password.' });
  });

  it('refuses an answer after the client session validity (3 minutes) with "session is expired"', async () => {
    const { challenge, ephemeral } = await startSrpSignIn(t.sdk, user);
    await advanceClock(t.url, 181);
    const answer = await respond(user.clientId, passwordVerifierResponses(user, challenge, ephemeral), challenge.Session);
    expect(answer.body).toEqual({ __type: 'NotAuthorizedException', message: 'Invalid session for the user, session is expired.' });
  });

  it('refuses an unknown SECRET_BLOCK sent without Session as "Incorrect username or password."', async () => {
    const { challenge, ephemeral } = await startSrpSignIn(t.sdk, user);
    const responses = passwordVerifierResponses(user, challenge, ephemeral);
    const answer = await respond(user.clientId, { ...responses, PASSWORD_CLAIM_SECRET_BLOCK: Buffer.alloc(64, 7).toString('base64') });
    expect(answer.body).toEqual({ __type: 'NotAuthorizedException', message: 'Incorrect username or password.' });
  });

  it('refuses a Session of another SRP sign-in than the SECRET_BLOCK names', async () => {
    const first = await startSrpSignIn(t.sdk, user);
    const second = await startSrpSignIn(t.sdk, user);
    const answer = await respond(user.clientId, passwordVerifierResponses(user, first.challenge, first.ephemeral), second.challenge.Session);
    expect(answer.body).toEqual({ __type: 'NotAuthorizedException', message: 'Invalid session for the user.' });
  });

  it('asks for missing claim parameters by name', async () => {
    const { challenge, ephemeral } = await startSrpSignIn(t.sdk, user);
    const { TIMESTAMP: _omitted, ...responses } = passwordVerifierResponses(user, challenge, ephemeral);
    const answer = await respond(user.clientId, responses, challenge.Session);
    expect(answer.body).toEqual({ __type: 'InvalidParameterException', message: 'Missing required parameter TIMESTAMP' });
  });

  it('refuses an unconfirmed user after a valid proof with UserNotConfirmedException', async () => {
    const { userPoolId, clientId } = await createPoolAndClient(t.sdk);
    await call(t.url, 'SignUp', { ClientId: clientId, Username: 'newbie', Password: 'Passw0rd!', UserAttributes: [{ Name: 'email', Value: 'n@example.com' }] });
    const newbie = { userPoolId, clientId, username: 'newbie', password: 'Passw0rd!' };
    const { challenge, ephemeral } = await startSrpSignIn(t.sdk, newbie);
    const answer = await respond(clientId, passwordVerifierResponses(newbie, challenge, ephemeral), challenge.Session);
    expect(answer.body).toEqual({ __type: 'UserNotConfirmedException', message: 'User is not confirmed.' });
  });
});

describe('InitiateAuth USER_SRP_AUTH refusals', () => {
  it('unknown user with LEGACY existence errors: UserNotFoundException "User does not exist."', async () => {
    const answer = await initiate(user.clientId, { USERNAME: 'nobody', SRP_A: generateSrpA().A });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ __type: 'UserNotFoundException', message: 'User does not exist.' });
  });

  it('unknown user with PreventUserExistenceErrors: the same simulated challenge twice, whose answer fails', async () => {
    const { clientId } = await createPoolAndClient(t.sdk, {}, { PreventUserExistenceErrors: 'ENABLED' });
    const first = await initiate(clientId, { USERNAME: 'ghost', SRP_A: generateSrpA().A });
    const second = await initiate(clientId, { USERNAME: 'ghost', SRP_A: generateSrpA().A });
    expect(first.body.ChallengeName).toBe('PASSWORD_VERIFIER');
    expect(first.body.ChallengeParameters.SALT).toBe(second.body.ChallengeParameters.SALT);
    expect(first.body.ChallengeParameters.USER_ID_FOR_SRP).toBe(second.body.ChallengeParameters.USER_ID_FOR_SRP);
    expect(first.body.ChallengeParameters.USER_ID_FOR_SRP).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(first.body.ChallengeParameters.SRP_B).not.toBe(second.body.ChallengeParameters.SRP_B);
    const p = first.body.ChallengeParameters;
    const answer = await respond(
      clientId,
      { USERNAME: p.USERNAME, PASSWORD_CLAIM_SECRET_BLOCK: p.SECRET_BLOCK, TIMESTAMP: clientTimestamp(), PASSWORD_CLAIM_SIGNATURE: Buffer.alloc(32).toString('base64') },
      first.body.Session,
    );
    expect(answer.body).toEqual({ __type: 'NotAuthorizedException', message: 'Incorrect username or password.' });
  });

  it('client without ALLOW_USER_SRP_AUTH: InvalidParameterException "USER_SRP_AUTH flow not enabled for this client"', async () => {
    const { clientId } = await createPoolAndClient(t.sdk, {}, { ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
    const answer = await initiate(clientId, { USERNAME: 'sam', SRP_A: generateSrpA().A });
    expect(answer.body).toEqual({ __type: 'InvalidParameterException', message: 'USER_SRP_AUTH flow not enabled for this client' });
  });

  it('missing SRP_A: InvalidParameterException "Missing required parameter SRP_A"', async () => {
    const answer = await initiate(user.clientId, { USERNAME: 'sam' });
    expect(answer.body).toEqual({ __type: 'InvalidParameterException', message: 'Missing required parameter SRP_A' });
  });

  it('SRP_A ≡ 0 mod N or not hex: InvalidParameterException, nothing stored', async () => {
    for (const A of [SRP_PRIME.toString(16), 'xyz', '0']) {
      const answer = await initiate(user.clientId, { USERNAME: 'sam', SRP_A: A });
      expect(answer.status).toBe(400);
      expect(answer.body.__type).toBe('InvalidParameterException');
    }
  });

  it('client with a secret: SECRET_HASH required and checked, over USERNAME', async () => {
    const { userPoolId, clientId, clientSecret } = await createPoolAndClient(t.sdk, {}, { GenerateSecret: true });
    expect(clientSecret).toBeTruthy();
    const missing = await initiate(clientId, { USERNAME: 'sam', SRP_A: generateSrpA().A });
    expect(missing.body).toEqual({ __type: 'NotAuthorizedException', message: `Client ${clientId} is configured with secret but SECRET_HASH was not received` });
    const wrong = await initiate(clientId, { USERNAME: 'sam', SRP_A: generateSrpA().A, SECRET_HASH: 'AAAA' });
    expect(wrong.body).toEqual({ __type: 'NotAuthorizedException', message: `Unable to verify secret hash for client ${clientId}` });
    const { createHmac } = await import('node:crypto');
    const hash = (name: string) => createHmac('sha256', clientSecret!).update(name + clientId).digest('base64');
    await call(t.url, 'AdminCreateUser', { UserPoolId: userPoolId, Username: 'sec', MessageAction: 'SUPPRESS' });
    const ok = await initiate(clientId, { USERNAME: 'sec', SRP_A: generateSrpA().A, SECRET_HASH: hash('sec') });
    expect(ok.body.ChallengeName).toBe('PASSWORD_VERIFIER');
  });
});

describe('USER_SRP_AUTH with a secret client answered pycognito-style (no Session, SECRET_HASH)', () => {
  it('signs in', async () => {
    const { userPoolId, clientId, clientSecret } = await createPoolAndClient(t.sdk, {}, { GenerateSecret: true });
    const { createHmac } = await import('node:crypto');
    const hash = (name: string) => createHmac('sha256', clientSecret!).update(name + clientId).digest('base64');
    const py = { userPoolId, clientId, username: 'py', password: 'Passw0rd!' };
    await call(t.url, 'SignUp', { ClientId: clientId, Username: 'py', Password: 'Passw0rd!', SecretHash: hash('py') });
    await call(t.url, 'AdminConfirmSignUp', { UserPoolId: userPoolId, Username: 'py' });
    const ephemeral = generateSrpA();
    const started = await initiate(clientId, { USERNAME: 'py', SRP_A: ephemeral.A, SECRET_HASH: hash('py') });
    const responses = passwordVerifierResponses(py, started.body, ephemeral);
    const answer = await respond(clientId, { ...responses, SECRET_HASH: hash('py') });
    expect(answer.status).toBe(200);
    expect(answer.body.AuthenticationResult.RefreshToken).toBeTruthy();
  });
});
