/**
 * Passkeys through the SDK v3 against a listening kognito, with a software authenticator (P-256,
 * test/support/passkey.ts): StartWebAuthnRegistration / CompleteWebAuthnRegistration, the list and the
 * deletion, sign-in with USER_AUTH's WEB_AUTHN (preferred or chosen), single-use challenges and Sessions,
 * each refusal named (origin, relying party, client, signature, counter), the pool's configuration and plan.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AdminDeleteUserCommand,
  AdminInitiateAuthCommand,
  AdminRespondToAuthChallengeCommand,
  CompleteWebAuthnRegistrationCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolDomainCommand,
  DeleteWebAuthnCredentialCommand,
  GetUserAuthFactorsCommand,
  GetUserCommand,
  InitiateAuthCommand,
  ListWebAuthnCredentialsCommand,
  RespondToAuthChallengeCommand,
  SetUserMFAPreferenceCommand,
  SetUserPoolMfaConfigCommand,
  StartWebAuthnRegistrationCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { advanceClock, call, createPoolAndClient, expectSdkError, startServer, type TestServer } from '../support/server.js';
import { confirmedUser, passwordSignIn, userWithVerifiedToken } from '../support/mfaUsers.js';
import { SoftwarePasskey } from '../support/passkey.js';
import { WEBAUTHN_MESSAGES, WEBAUTHN_TIMEOUT_MS } from '../../src/domain/webAuthn.js';

let t: TestServer;
beforeAll(async () => {
  t = await startServer();
});
afterAll(() => t.close());

const RP_ID = 'example.com';
const ORIGIN = 'https://app.example.com';
const INCORRECT = 'Incorrect username or password.';
const INVALID_SESSION = 'Invalid session for the user.';
const FLOWS = ['ALLOW_USER_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];

/** A pool allowing passwords and passkeys first, with example.com as its relying party (`webAuthn` overrides). */
async function passkeyPool(pool: Record<string, unknown> = {}, webAuthn: Record<string, unknown> | null = { RelyingPartyId: RP_ID }) {
  const ids = await createPoolAndClient(t.sdk, { Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'WEB_AUTHN'] } }, ...pool }, { ExplicitAuthFlows: FLOWS });
  if (webAuthn) await t.sdk.send(new SetUserPoolMfaConfigCommand({ UserPoolId: ids.userPoolId, WebAuthnConfiguration: webAuthn }));
  return ids;
}

/** A confirmed user signed in with their password: their access token. */
async function signedInUser(userPoolId: string, clientId: string, username: string) {
  await confirmedUser(t, userPoolId, clientId, username);
  return (await passwordSignIn(t, clientId, username)).AuthenticationResult!.AccessToken!;
}

const start = async (accessToken: string) => (await t.sdk.send(new StartWebAuthnRegistrationCommand({ AccessToken: accessToken }))).CredentialCreationOptions as any;
const complete = (accessToken: string, credential: unknown) => new CompleteWebAuthnRegistrationCommand({ AccessToken: accessToken, Credential: credential as any });
const list = async (accessToken: string) => (await t.sdk.send(new ListWebAuthnCredentialsCommand({ AccessToken: accessToken }))).Credentials;

/** Registers a new software passkey for the user behind the token. */
async function registeredPasskey(accessToken: string, origin = ORIGIN) {
  const passkey = new SoftwarePasskey(origin);
  await t.sdk.send(complete(accessToken, passkey.register(await start(accessToken))));
  return passkey;
}

const initiate = (clientId: string, parameters: Record<string, string>) =>
  t.sdk.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_AUTH', AuthParameters: parameters }));
const respond = (clientId: string, ChallengeName: 'WEB_AUTHN' | 'SELECT_CHALLENGE', Session: string | undefined, ChallengeResponses: Record<string, string>) =>
  new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName, Session, ChallengeResponses });
const requestOptionsOf = (challenge: { ChallengeParameters?: Record<string, string> }) => JSON.parse(challenge.ChallengeParameters!.CREDENTIAL_REQUEST_OPTIONS);
const signedInAs = async (accessToken: string | undefined) => (await t.sdk.send(new GetUserCommand({ AccessToken: accessToken }))).Username;

describe('registering a passkey', () => {
  it('StartWebAuthnRegistration hands the browser its creation options, on the wire', async () => {
    const { userPoolId, clientId } = await passkeyPool();
    const accessToken = await signedInUser(userPoolId, clientId, 'ana');
    const raw = await call(t.url, 'StartWebAuthnRegistration', { AccessToken: accessToken });
    expect(raw.status).toBe(200);
    const sub = (await t.sdk.send(new GetUserCommand({ AccessToken: accessToken }))).UserAttributes!.find((a) => a.Name === 'sub')!.Value!;
    expect(raw.body).toEqual({
      CredentialCreationOptions: {
        challenge: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
        rp: { id: RP_ID, name: RP_ID },
        user: { id: Buffer.from(sub).toString('base64url'), name: 'ana', displayName: 'ana' },
        pubKeyCredParams: [
          { type: 'public-key', alg: -7 },
          { type: 'public-key', alg: -257 },
        ],
        timeout: WEBAUTHN_TIMEOUT_MS,
        excludeCredentials: [],
        authenticatorSelection: { residentKey: 'required', requireResidentKey: true, userVerification: 'preferred' },
        attestation: 'none',
      },
    });
  });

  it('CompleteWebAuthnRegistration keeps the passkey; ListWebAuthnCredentials and GetUserAuthFactors show it; the next start excludes it', async () => {
    const { userPoolId, clientId } = await passkeyPool();
    const accessToken = await signedInUser(userPoolId, clientId, 'bo');
    expect(await list(accessToken)).toEqual([]);
    const before = Date.now();
    const passkey = new SoftwarePasskey(ORIGIN);
    const raw = await call(t.url, 'CompleteWebAuthnRegistration', { AccessToken: accessToken, Credential: passkey.register(await start(accessToken)) });
    expect({ status: raw.status, body: raw.body }).toEqual({ status: 200, body: {} });

    const credentials = await list(accessToken);
    expect(credentials).toEqual([
      {
        CredentialId: passkey.credentialId,
        FriendlyCredentialName: 'Passkey',
        RelyingPartyId: RP_ID,
        AuthenticatorAttachment: 'platform',
        AuthenticatorTransports: ['internal', 'hybrid'],
        CreatedAt: expect.any(Date),
      },
    ]);
    expect(credentials![0].CreatedAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    const factors = await t.sdk.send(new GetUserAuthFactorsCommand({ AccessToken: accessToken }));
    expect(factors.ConfiguredUserAuthFactors).toEqual(['PASSWORD', 'WEB_AUTHN']);
    expect((await start(accessToken)).excludeCredentials).toEqual([{ type: 'public-key', id: passkey.credentialId, transports: ['internal', 'hybrid'] }]);
  });

  it('a challenge registers once: completing it again, or with another passkey, is WebAuthnChallengeNotFoundException', async () => {
    const { userPoolId, clientId } = await passkeyPool();
    const accessToken = await signedInUser(userPoolId, clientId, 'cy');
    const options = await start(accessToken);
    const credential = new SoftwarePasskey(ORIGIN).register(options);
    await t.sdk.send(complete(accessToken, credential));
    await expectSdkError(t.sdk, complete(accessToken, credential), 'WebAuthnChallengeNotFoundException', WEBAUTHN_MESSAGES.challengeNotFound);
    await expectSdkError(t.sdk, complete(accessToken, new SoftwarePasskey(ORIGIN).register(options)), 'WebAuthnChallengeNotFoundException', WEBAUTHN_MESSAGES.challengeNotFound);
    expect(await list(accessToken)).toHaveLength(1);

    // A challenge past its time is gone too; a start replaces the challenge before it.
    const late = await start(accessToken);
    await advanceClock(t.url, WEBAUTHN_TIMEOUT_MS / 1000);
    await expectSdkError(t.sdk, complete(accessToken, new SoftwarePasskey(ORIGIN).register(late)), 'WebAuthnChallengeNotFoundException', WEBAUTHN_MESSAGES.challengeNotFound);
    const replaced = await start(accessToken);
    await start(accessToken);
    await expectSdkError(t.sdk, complete(accessToken, new SoftwarePasskey(ORIGIN).register(replaced)), 'WebAuthnChallengeNotFoundException', WEBAUTHN_MESSAGES.challengeNotFound);
    expect(await list(accessToken)).toHaveLength(1);
  });

  it('refuses, each by name, another origin, another relying party, another app client, and data that is no credential', async () => {
    const { userPoolId, clientId } = await passkeyPool();
    const accessToken = await signedInUser(userPoolId, clientId, 'dot');
    const passkey = new SoftwarePasskey(ORIGIN);
    await expectSdkError(t.sdk, complete(accessToken, passkey.register(await start(accessToken), { origin: 'https://example.org' })), 'WebAuthnOriginNotAllowedException', WEBAUTHN_MESSAGES.originNotAllowed);
    await expectSdkError(t.sdk, complete(accessToken, passkey.register(await start(accessToken), { origin: 'http://app.example.com' })), 'WebAuthnOriginNotAllowedException', WEBAUTHN_MESSAGES.originNotAllowed);
    await expectSdkError(t.sdk, complete(accessToken, passkey.register(await start(accessToken), { rpId: 'example.org' })), 'WebAuthnRelyingPartyMismatchException', WEBAUTHN_MESSAGES.relyingPartyMismatch);
    // The refused credential spent its challenge.
    const spent = await start(accessToken);
    await expectSdkError(t.sdk, complete(accessToken, passkey.register(spent, { origin: 'https://evil.example.org' })), 'WebAuthnOriginNotAllowedException', WEBAUTHN_MESSAGES.originNotAllowed);
    await expectSdkError(t.sdk, complete(accessToken, passkey.register(spent)), 'WebAuthnChallengeNotFoundException', WEBAUTHN_MESSAGES.challengeNotFound);

    const other = await t.sdk.send(new CreateUserPoolClientCommand({ UserPoolId: userPoolId, ClientName: 'other', ExplicitAuthFlows: FLOWS as any }));
    const otherToken = (await passwordSignIn(t, other.UserPoolClient!.ClientId!, 'dot')).AuthenticationResult!.AccessToken!;
    const options = await start(accessToken);
    await expectSdkError(t.sdk, complete(otherToken, passkey.register(options)), 'WebAuthnClientMismatchException', WEBAUTHN_MESSAGES.clientMismatch);

    for (const junk of [{}, { id: 'x', type: 'public-key', response: {} }, 'text', [1, 2]]) {
      await expectSdkError(t.sdk, complete(accessToken, junk), 'InvalidParameterException', 'Credential data is not valid');
    }
    // Nothing was kept; the challenge the other client could not use is still there for its own.
    await t.sdk.send(complete(accessToken, passkey.register(options)));
    expect((await list(accessToken))!.map((c) => c.CredentialId)).toEqual([passkey.credentialId]);
  });

  it('of concurrent completions of one challenge exactly one registers', async () => {
    const { userPoolId, clientId } = await passkeyPool();
    const accessToken = await signedInUser(userPoolId, clientId, 'dee');
    const options = await start(accessToken);
    const passkeys = [1, 2, 3].map(() => new SoftwarePasskey(ORIGIN));
    const completions = await Promise.allSettled(passkeys.map((passkey) => t.sdk.send(complete(accessToken, passkey.register(options)))));
    const registered = passkeys.filter((_, i) => completions[i].status === 'fulfilled');
    expect(registered).toHaveLength(1);
    expect(completions.filter((c) => c.status === 'rejected').map((c) => (c as PromiseRejectedResult).reason.name)).toEqual([
      'WebAuthnChallengeNotFoundException',
      'WebAuthnChallengeNotFoundException',
    ]);
    expect((await list(accessToken))!.map((c) => c.CredentialId)).toEqual([registered[0].credentialId]);
  });

  it('a pool requiring user verification refuses an authenticator that did not verify the user', async () => {
    const { userPoolId, clientId } = await passkeyPool({}, { RelyingPartyId: RP_ID, UserVerification: 'required' });
    const accessToken = await signedInUser(userPoolId, clientId, 'eve');
    const options = await start(accessToken);
    expect(options.authenticatorSelection.userVerification).toBe('required');
    await expectSdkError(t.sdk, complete(accessToken, new SoftwarePasskey(ORIGIN).register(options, { userVerified: false })), 'WebAuthnCredentialNotSupportedException', WEBAUTHN_MESSAGES.credentialNotSupported);
    expect(await list(accessToken)).toEqual([]);
  });
});

describe('the pool takes passkeys', () => {
  it('only when its sign-in policy allows WEB_AUTHN and it is on the Essentials plan or better', async () => {
    const passwordsOnly = await passkeyPool({ Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD'] } } });
    const token = await signedInUser(passwordsOnly.userPoolId, passwordsOnly.clientId, 'fay');
    await expectSdkError(t.sdk, new StartWebAuthnRegistrationCommand({ AccessToken: token }), 'WebAuthnNotEnabledException', WEBAUTHN_MESSAGES.notEnabled);
    await expectSdkError(t.sdk, complete(token, {}), 'WebAuthnNotEnabledException', WEBAUTHN_MESSAGES.notEnabled);
    expect(await list(token)).toEqual([]);

    const lite = await passkeyPool({ UserPoolTier: 'LITE' });
    const liteToken = await signedInUser(lite.userPoolId, lite.clientId, 'gus');
    await expectSdkError(t.sdk, new StartWebAuthnRegistrationCommand({ AccessToken: liteToken }), 'WebAuthnNotEnabledException', WEBAUTHN_MESSAGES.notEnabled);
  });

  it('needs a relying party: the configured one, else the pool domain; neither is WebAuthnConfigurationMissingException', async () => {
    const { userPoolId, clientId } = await passkeyPool({}, null);
    const accessToken = await signedInUser(userPoolId, clientId, 'hal');
    await expectSdkError(t.sdk, new StartWebAuthnRegistrationCommand({ AccessToken: accessToken }), 'WebAuthnConfigurationMissingException', WEBAUTHN_MESSAGES.configurationMissing);
    const prefix = `passkeys-${userPoolId.slice(-6).toLowerCase()}`;
    await t.sdk.send(new CreateUserPoolDomainCommand({ UserPoolId: userPoolId, Domain: prefix }));
    const host = `${prefix}.auth.us-east-1.amazoncognito.com`;
    expect((await start(accessToken)).rp).toEqual({ id: host, name: host });
    const passkey = await registeredPasskey(accessToken, `https://${host}`);
    expect((await list(accessToken))!.map((c) => [c.CredentialId, c.RelyingPartyId])).toEqual([[passkey.credentialId, host]]);
  });

  it('takes http://localhost pages for the relying party localhost, and no other plain http page', async () => {
    const { userPoolId, clientId } = await passkeyPool({}, { RelyingPartyId: 'localhost' });
    const accessToken = await signedInUser(userPoolId, clientId, 'ike');
    await expectSdkError(t.sdk, complete(accessToken, new SoftwarePasskey('http://127.0.0.1:5173').register(await start(accessToken))), 'WebAuthnOriginNotAllowedException', WEBAUTHN_MESSAGES.originNotAllowed);
    const passkey = await registeredPasskey(accessToken, 'http://localhost:5173');
    const challenge = await initiate(clientId, { USERNAME: 'ike', PREFERRED_CHALLENGE: 'WEB_AUTHN' });
    expect(requestOptionsOf(challenge).rpId).toBe('localhost');
    const signedIn = await t.sdk.send(respond(clientId, 'WEB_AUTHN', challenge.Session, { USERNAME: 'ike', CREDENTIAL: JSON.stringify(passkey.authenticate(requestOptionsOf(challenge))) }));
    expect(await signedInAs(signedIn.AuthenticationResult!.AccessToken)).toBe('ike');
  });

  it('the access token must be valid and carry aws.cognito.signin.user.admin', async () => {
    await expectSdkError(t.sdk, new StartWebAuthnRegistrationCommand({ AccessToken: 'not.a.token' }), 'NotAuthorizedException', 'Invalid Access Token');
    await expectSdkError(t.sdk, new ListWebAuthnCredentialsCommand({ AccessToken: 'not.a.token' }), 'NotAuthorizedException', 'Invalid Access Token');
  });
});

describe('signing in with a passkey (USER_AUTH, WEB_AUTHN)', () => {
  it('PREFERRED_CHALLENGE=WEB_AUTHN answers WEB_AUTHN with the request options; the signed answer signs in, once', async () => {
    const { userPoolId, clientId } = await passkeyPool();
    const passkey = await registeredPasskey(await signedInUser(userPoolId, clientId, 'ida'));
    const raw = await call(t.url, 'InitiateAuth', { ClientId: clientId, AuthFlow: 'USER_AUTH', AuthParameters: { USERNAME: 'ida', PREFERRED_CHALLENGE: 'WEB_AUTHN' } });
    expect(raw.status).toBe(200);
    expect(raw.body).toEqual({ ChallengeName: 'WEB_AUTHN', ChallengeParameters: { CREDENTIAL_REQUEST_OPTIONS: expect.any(String) }, Session: expect.any(String) });
    const options = requestOptionsOf(raw.body);
    expect(options).toEqual({
      challenge: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
      timeout: WEBAUTHN_TIMEOUT_MS,
      rpId: RP_ID,
      allowCredentials: [{ type: 'public-key', id: passkey.credentialId, transports: ['internal', 'hybrid'] }],
      userVerification: 'preferred',
    });
    const answer = { USERNAME: 'ida', CREDENTIAL: JSON.stringify(passkey.authenticate(options)) };
    const signedIn = await t.sdk.send(respond(clientId, 'WEB_AUTHN', raw.body.Session, answer));
    expect(signedIn.ChallengeName).toBeUndefined();
    expect(await signedInAs(signedIn.AuthenticationResult!.AccessToken)).toBe('ida');
    expect(signedIn.AuthenticationResult!.RefreshToken).toEqual(expect.any(String));
    // The Session and its challenge are spent.
    await expectSdkError(t.sdk, respond(clientId, 'WEB_AUTHN', raw.body.Session, answer), 'NotAuthorizedException', INVALID_SESSION);
  });

  it('SELECT_CHALLENGE offers WEB_AUTHN after the password; ANSWER=WEB_AUTHN gives its challenge', async () => {
    const { userPoolId, clientId } = await passkeyPool();
    const passkey = await registeredPasskey(await signedInUser(userPoolId, clientId, 'jo'));
    const choice = await initiate(clientId, { USERNAME: 'jo' });
    expect({ name: choice.ChallengeName, available: choice.AvailableChallenges }).toEqual({ name: 'SELECT_CHALLENGE', available: ['PASSWORD', 'PASSWORD_SRP', 'WEB_AUTHN'] });
    const challenge = await t.sdk.send(respond(clientId, 'SELECT_CHALLENGE', choice.Session, { USERNAME: 'jo', ANSWER: 'WEB_AUTHN' }));
    expect(challenge.ChallengeName).toBe('WEB_AUTHN');
    const signedIn = await t.sdk.send(respond(clientId, 'WEB_AUTHN', challenge.Session, { USERNAME: 'jo', CREDENTIAL: JSON.stringify(passkey.authenticate(requestOptionsOf(challenge))) }));
    expect(await signedInAs(signedIn.AuthenticationResult!.AccessToken)).toBe('jo');
  });

  it('refuses another origin, another relying party, a bad signature and another challenge, as a wrong password', async () => {
    const { userPoolId, clientId } = await passkeyPool();
    const passkey = await registeredPasskey(await signedInUser(userPoolId, clientId, 'kim'));
    const attempt = async (ceremony: Parameters<SoftwarePasskey['authenticate']>[1]) => {
      const challenge = await initiate(clientId, { USERNAME: 'kim', PREFERRED_CHALLENGE: 'WEB_AUTHN' });
      const answer = { USERNAME: 'kim', CREDENTIAL: JSON.stringify(passkey.authenticate(requestOptionsOf(challenge), ceremony)) };
      await expectSdkError(t.sdk, respond(clientId, 'WEB_AUTHN', challenge.Session, answer), 'NotAuthorizedException', INCORRECT);
      // A refused answer spends the Session.
      await expectSdkError(t.sdk, respond(clientId, 'WEB_AUTHN', challenge.Session, answer), 'NotAuthorizedException', INVALID_SESSION);
    };
    await attempt({ origin: 'https://example.org' });
    await attempt({ rpId: 'example.org' });
    await attempt({ signWith: SoftwarePasskey.strangerKey() });
    await attempt({ challenge: 'AAAAAAAAAAAAAAAAAAAAAA' });
  });

  it('the signature counter must grow; a passkey of another user does not sign this one in', async () => {
    const { userPoolId, clientId } = await passkeyPool();
    const passkey = await registeredPasskey(await signedInUser(userPoolId, clientId, 'lou'));
    const other = await registeredPasskey(await signedInUser(userPoolId, clientId, 'mo'));
    const signIn = async (key: SoftwarePasskey, ceremony: Parameters<SoftwarePasskey['authenticate']>[1] = {}) => {
      const challenge = await initiate(clientId, { USERNAME: 'lou', PREFERRED_CHALLENGE: 'WEB_AUTHN' });
      return t.sdk.send(respond(clientId, 'WEB_AUTHN', challenge.Session, { USERNAME: 'lou', CREDENTIAL: JSON.stringify(key.authenticate(requestOptionsOf(challenge), ceremony)) }));
    };
    expect((await signIn(passkey, { signCount: 5 })).AuthenticationResult).toBeDefined();
    await expect(signIn(passkey, { signCount: 5 })).rejects.toMatchObject({ name: 'NotAuthorizedException', message: INCORRECT });
    await expect(signIn(passkey, { signCount: 4 })).rejects.toMatchObject({ name: 'NotAuthorizedException', message: INCORRECT });
    expect((await signIn(passkey, { signCount: 6 })).AuthenticationResult).toBeDefined();
    await expect(signIn(other)).rejects.toMatchObject({ name: 'NotAuthorizedException', message: INCORRECT });
  });

  it('a passkey spares the MFA the password would be asked for', async () => {
    const { userPoolId, clientId } = await passkeyPool();
    await t.sdk.send(new SetUserPoolMfaConfigCommand({ UserPoolId: userPoolId, SoftwareTokenMfaConfiguration: { Enabled: true }, MfaConfiguration: 'OPTIONAL' }));
    const { accessToken } = await userWithVerifiedToken(t, clientId, userPoolId, 'nan');
    await t.sdk.send(new SetUserMFAPreferenceCommand({ AccessToken: accessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }));
    const passkey = await registeredPasskey(accessToken);
    expect((await passwordSignIn(t, clientId, 'nan')).ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    const challenge = await initiate(clientId, { USERNAME: 'nan', PREFERRED_CHALLENGE: 'WEB_AUTHN' });
    const signedIn = await t.sdk.send(respond(clientId, 'WEB_AUTHN', challenge.Session, { USERNAME: 'nan', CREDENTIAL: JSON.stringify(passkey.authenticate(requestOptionsOf(challenge))) }));
    expect(await signedInAs(signedIn.AuthenticationResult!.AccessToken)).toBe('nan');
  });

  it('the admin twins sign in the same way; a device-tracking pool hands a passkey sign-in NewDeviceMetadata', async () => {
    const { userPoolId, clientId } = await passkeyPool({ DeviceConfiguration: { ChallengeRequiredOnNewDevice: false, DeviceOnlyRememberedOnUserPrompt: true } });
    const passkey = await registeredPasskey(await signedInUser(userPoolId, clientId, 'pam'));
    const challenge = await t.sdk.send(
      new AdminInitiateAuthCommand({ UserPoolId: userPoolId, ClientId: clientId, AuthFlow: 'USER_AUTH', AuthParameters: { USERNAME: 'pam', PREFERRED_CHALLENGE: 'WEB_AUTHN' } }),
    );
    expect(challenge.ChallengeName).toBe('WEB_AUTHN');
    const answer = { USERNAME: 'pam', CREDENTIAL: JSON.stringify(passkey.authenticate(requestOptionsOf(challenge))) };
    // An admin Session is not the client's.
    await expectSdkError(t.sdk, respond(clientId, 'WEB_AUTHN', challenge.Session, answer), 'NotAuthorizedException', INVALID_SESSION);
    const again = await t.sdk.send(
      new AdminInitiateAuthCommand({ UserPoolId: userPoolId, ClientId: clientId, AuthFlow: 'USER_AUTH', AuthParameters: { USERNAME: 'pam', PREFERRED_CHALLENGE: 'WEB_AUTHN' } }),
    );
    const signedIn = await t.sdk.send(
      new AdminRespondToAuthChallengeCommand({
        UserPoolId: userPoolId,
        ClientId: clientId,
        ChallengeName: 'WEB_AUTHN',
        Session: again.Session,
        ChallengeResponses: { USERNAME: 'pam', CREDENTIAL: JSON.stringify(passkey.authenticate(requestOptionsOf(again))) },
      }),
    );
    expect(await signedInAs(signedIn.AuthenticationResult!.AccessToken)).toBe('pam');
    expect(signedIn.AuthenticationResult!.NewDeviceMetadata).toEqual({ DeviceKey: expect.stringMatching(/^us-east-1_/), DeviceGroupKey: expect.any(String) });
  });

  it('of concurrent answers to one WEB_AUTHN Session exactly one signs in', async () => {
    const { userPoolId, clientId } = await passkeyPool();
    const passkey = await registeredPasskey(await signedInUser(userPoolId, clientId, 'ray'));
    const challenge = await initiate(clientId, { USERNAME: 'ray', PREFERRED_CHALLENGE: 'WEB_AUTHN' });
    const options = requestOptionsOf(challenge);
    const answers = await Promise.allSettled(
      [1, 2, 3].map((n) => t.sdk.send(respond(clientId, 'WEB_AUTHN', challenge.Session, { USERNAME: 'ray', CREDENTIAL: JSON.stringify(passkey.authenticate(options, { signCount: n })) }))),
    );
    expect(answers.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
    expect(answers.filter((a) => a.status === 'rejected').map((a) => (a as PromiseRejectedResult).reason.message)).toEqual([INVALID_SESSION, INVALID_SESSION]);
  });

  it('CREDENTIAL is required and must be a credential', async () => {
    const { userPoolId, clientId } = await passkeyPool();
    await registeredPasskey(await signedInUser(userPoolId, clientId, 'oz'));
    const first = await initiate(clientId, { USERNAME: 'oz', PREFERRED_CHALLENGE: 'WEB_AUTHN' });
    await expectSdkError(t.sdk, respond(clientId, 'WEB_AUTHN', first.Session, { USERNAME: 'oz' }), 'InvalidParameterException', 'Missing required parameter CREDENTIAL');
    const second = await initiate(clientId, { USERNAME: 'oz', PREFERRED_CHALLENGE: 'WEB_AUTHN' });
    await expectSdkError(t.sdk, respond(clientId, 'WEB_AUTHN', second.Session, { USERNAME: 'oz', CREDENTIAL: '{not json' }), 'InvalidParameterException', 'Credential data is not valid');
  });
});

describe('deleting passkeys', () => {
  it('DeleteWebAuthnCredential removes it: the list is empty and USER_AUTH no longer offers WEB_AUTHN', async () => {
    const { userPoolId, clientId } = await passkeyPool();
    const accessToken = await signedInUser(userPoolId, clientId, 'pat');
    const passkey = await registeredPasskey(accessToken);
    const stranger = await signedInUser(userPoolId, clientId, 'quin');
    await expectSdkError(t.sdk, new DeleteWebAuthnCredentialCommand({ AccessToken: stranger, CredentialId: passkey.credentialId }), 'ResourceNotFoundException', WEBAUTHN_MESSAGES.credentialNotFound);
    const raw = await call(t.url, 'DeleteWebAuthnCredential', { AccessToken: accessToken, CredentialId: passkey.credentialId });
    expect({ status: raw.status, body: raw.body }).toEqual({ status: 200, body: {} });
    expect(await list(accessToken)).toEqual([]);
    await expectSdkError(t.sdk, new DeleteWebAuthnCredentialCommand({ AccessToken: accessToken, CredentialId: passkey.credentialId }), 'ResourceNotFoundException', WEBAUTHN_MESSAGES.credentialNotFound);
    const choice = await initiate(clientId, { USERNAME: 'pat', PREFERRED_CHALLENGE: 'WEB_AUTHN' });
    expect({ name: choice.ChallengeName, available: choice.AvailableChallenges }).toEqual({ name: 'SELECT_CHALLENGE', available: ['PASSWORD', 'PASSWORD_SRP'] });
    await expectSdkError(t.sdk, respond(clientId, 'SELECT_CHALLENGE', choice.Session, { USERNAME: 'pat', ANSWER: 'WEB_AUTHN' }), 'InvalidParameterException', 'WEB_AUTHN is not one of the available challenges.');
  });

  it('a deleted user takes their passkeys along (a new user of that name has none)', async () => {
    const { userPoolId, clientId } = await passkeyPool();
    await registeredPasskey(await signedInUser(userPoolId, clientId, 'rex'));
    await t.sdk.send(new AdminDeleteUserCommand({ UserPoolId: userPoolId, Username: 'rex' }));
    const again = await signedInUser(userPoolId, clientId, 'rex');
    expect(await list(again)).toEqual([]);
    expect(t.server.ctx.store.db.prepare('SELECT count(*) AS n FROM webauthn_credentials WHERE user_pool_id = ?').get(userPoolId)).toEqual({ n: 0 });
  });

  it('ListWebAuthnCredentials pages with MaxResults and NextToken', async () => {
    const { userPoolId, clientId } = await passkeyPool();
    const accessToken = await signedInUser(userPoolId, clientId, 'sam');
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push((await registeredPasskey(accessToken)).credentialId);
      await advanceClock(t.url, 1);
    }
    const first = await t.sdk.send(new ListWebAuthnCredentialsCommand({ AccessToken: accessToken, MaxResults: 2 }));
    expect(first.Credentials!.map((c) => c.CredentialId)).toEqual(ids.slice(0, 2));
    const second = await t.sdk.send(new ListWebAuthnCredentialsCommand({ AccessToken: accessToken, MaxResults: 2, NextToken: first.NextToken }));
    expect({ ids: second.Credentials!.map((c) => c.CredentialId), next: second.NextToken }).toEqual({ ids: ids.slice(2), next: undefined });
  });
});
