/**
 * Amplify v6 (`aws-amplify/auth`) against a real listening kognito: passkeys end to end. Node has no
 * WebAuthn, so this file gives Amplify the browser parts it asks for (a secure `window`, `document`,
 * `navigator.credentials`, PublicKeyCredential and the authenticator response classes) backed by the
 * software authenticator of test/support/passkey.ts; everything Amplify sends and reads is its own:
 * associateWebAuthnCredential, listWebAuthnCredentials, signIn with preferredChallenge WEB_AUTHN,
 * deleteWebAuthnCredential. Amplify's state is per process: this file only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SetUserPoolMfaConfigCommand } from '@aws-sdk/client-cognito-identity-provider';
import { associateWebAuthnCredential, deleteWebAuthnCredential, getCurrentUser, listWebAuthnCredentials, signIn, signOut } from 'aws-amplify/auth';
import { createPoolAndClient, startServer, type TestServer } from '../support/server.js';
import { configureAmplify, installNavigatorShim } from '../support/amplify.js';
import { confirmedUser, PASSWORD } from '../support/mfaUsers.js';
import { SoftwarePasskey } from '../support/passkey.js';

const ORIGIN = 'https://app.example.com';
const passkey = new SoftwarePasskey(ORIGIN);

const toBuffer = (b64url: string) => {
  const bytes = Buffer.from(b64url, 'base64url');
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length);
};
const toB64Url = (buffer: ArrayBuffer) => Buffer.from(buffer).toString('base64url');

/** The browser's WebAuthn objects, as far as Amplify uses them. */
class PublicKeyCredential {
  readonly type = 'public-key';
  readonly id: string;
  readonly rawId: ArrayBuffer;
  readonly authenticatorAttachment: string;
  constructor(
    json: { id: string; authenticatorAttachment: string },
    readonly response: unknown,
  ) {
    this.id = json.id;
    this.rawId = toBuffer(json.id);
    this.authenticatorAttachment = json.authenticatorAttachment;
  }
  getClientExtensionResults() {
    return {};
  }
}
class AuthenticatorAttestationResponse {
  readonly clientDataJSON: ArrayBuffer;
  readonly attestationObject: ArrayBuffer;
  constructor(private readonly json: ReturnType<SoftwarePasskey['register']>['response']) {
    this.clientDataJSON = toBuffer(json.clientDataJSON);
    this.attestationObject = toBuffer(json.attestationObject);
  }
  getTransports = () => this.json.transports;
  getPublicKeyAlgorithm = () => this.json.publicKeyAlgorithm;
  getAuthenticatorData = () => toBuffer(this.json.authenticatorData);
  getPublicKey = () => toBuffer(this.json.publicKey);
}
class AuthenticatorAssertionResponse {
  readonly clientDataJSON: ArrayBuffer;
  readonly authenticatorData: ArrayBuffer;
  readonly signature: ArrayBuffer;
  readonly userHandle = null;
  constructor(json: ReturnType<SoftwarePasskey['authenticate']>['response']) {
    this.clientDataJSON = toBuffer(json.clientDataJSON);
    this.authenticatorData = toBuffer(json.authenticatorData);
    this.signature = toBuffer(json.signature);
  }
}

/** navigator.credentials answered by the software passkey. */
const credentials = {
  async create({ publicKey }: { publicKey: { challenge: ArrayBuffer; rp: { id: string } } }) {
    const json = passkey.register({ challenge: toB64Url(publicKey.challenge), rp: publicKey.rp });
    return new PublicKeyCredential(json, new AuthenticatorAttestationResponse(json.response));
  },
  async get({ publicKey }: { publicKey: { challenge: ArrayBuffer; rpId: string } }) {
    const json = passkey.authenticate({ challenge: toB64Url(publicKey.challenge), rpId: publicKey.rpId });
    return new PublicKeyCredential(json, new AuthenticatorAssertionResponse(json.response));
  },
};

function installBrowserWebAuthn(): void {
  installNavigatorShim();
  Object.defineProperty(globalThis.navigator, 'credentials', { value: credentials, configurable: true });
  const noop = () => {};
  // Enough of a page for Amplify's framework detection (no framework found) and its session listener.
  const document = { visibilityState: 'visible', addEventListener: noop, removeEventListener: noop, querySelector: () => null, querySelectorAll: () => [] };
  const window = { document, isSecureContext: true, PublicKeyCredential, addEventListener: noop, removeEventListener: noop };
  Object.assign(globalThis, { window, document, PublicKeyCredential, AuthenticatorAttestationResponse, AuthenticatorAssertionResponse });
}

let t: TestServer;
beforeAll(async () => {
  t = await startServer();
  installBrowserWebAuthn();
});
afterAll(() => t.close());

describe('Amplify v6: passkeys', () => {
  it('registers a passkey, lists it, signs in with it (WEB_AUTHN), deletes it', async () => {
    const { userPoolId, clientId } = await createPoolAndClient(
      t.sdk,
      { Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'WEB_AUTHN'] } } },
      { ExplicitAuthFlows: ['ALLOW_USER_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] },
    );
    await t.sdk.send(new SetUserPoolMfaConfigCommand({ UserPoolId: userPoolId, WebAuthnConfiguration: { RelyingPartyId: 'example.com' } }));
    configureAmplify(t.url, userPoolId, clientId);
    await confirmedUser(t, userPoolId, clientId, 'amy');

    expect(await signIn({ username: 'amy', password: PASSWORD })).toEqual({ isSignedIn: true, nextStep: { signInStep: 'DONE' } });
    await associateWebAuthnCredential();
    const listed = await listWebAuthnCredentials();
    expect(listed.credentials).toEqual([
      {
        credentialId: passkey.credentialId,
        friendlyCredentialName: 'Passkey',
        relyingPartyId: 'example.com',
        authenticatorAttachment: 'platform',
        authenticatorTransports: ['internal', 'hybrid'],
        createdAt: expect.any(Date),
      },
    ]);
    await signOut();

    const signedIn = await signIn({ username: 'amy', options: { authFlowType: 'USER_AUTH', preferredChallenge: 'WEB_AUTHN' } });
    expect(signedIn).toEqual({ isSignedIn: true, nextStep: { signInStep: 'DONE' } });
    expect((await getCurrentUser()).username).toBe('amy');

    await deleteWebAuthnCredential({ credentialId: passkey.credentialId });
    expect((await listWebAuthnCredentials()).credentials).toEqual([]);
  });
});
