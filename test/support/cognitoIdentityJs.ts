/**
 * amazon-cognito-identity-js (6.x) as an app uses it, pointed at a test server, with its callback API
 * turned into promises. Node 20 has the global fetch the library needs; it gets an in-memory Storage
 * (it would otherwise fall back to a process-wide one) so each test sees only its own cached tokens
 * and device keys.
 */
import {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserAttribute,
  CognitoUserPool,
  type CognitoRefreshToken,
  type CognitoUserSession,
  type ICognitoStorage,
  type IMfaSettings,
  type ISignUpResult,
} from 'amazon-cognito-identity-js';

/** The library's Storage contract (a subset of the Web Storage API), in memory. */
export class MemoryStorage implements ICognitoStorage {
  readonly items = new Map<string, string>();
  setItem(key: string, value: string): void {
    this.items.set(key, String(value));
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
  clear(): void {
    this.items.clear();
  }
}

/** What the library reports on failure: `code`/`name` is the wire `__type`, `message` the wire message. */
export interface LibraryError extends Error {
  code: string;
}

export function userPool(url: string, userPoolId: string, clientId: string, storage: ICognitoStorage = new MemoryStorage()): CognitoUserPool {
  return new CognitoUserPool({ UserPoolId: userPoolId, ClientId: clientId, endpoint: `${url}/`, Storage: storage });
}

/** A fresh CognitoUser object, as an app creates on every sign-in; it shares the pool's Storage. */
export function cognitoUser(pool: CognitoUserPool, username: string): CognitoUser {
  return new CognitoUser({ Username: username, Pool: pool, Storage: (pool as unknown as { storage: ICognitoStorage }).storage });
}

export function signUp(pool: CognitoUserPool, username: string, password: string, attributes: Record<string, string> = {}): Promise<ISignUpResult> {
  const attributeList = Object.entries(attributes).map(([Name, Value]) => new CognitoUserAttribute({ Name, Value }));
  return new Promise((resolve, reject) =>
    pool.signUp(username, password, attributeList, [], (error, result) => (error ? reject(error) : resolve(result!))),
  );
}

export function confirmRegistration(user: CognitoUser, code: string): Promise<string> {
  return new Promise((resolve, reject) => user.confirmRegistration(code, false, (error, result) => (error ? reject(error) : resolve(result))));
}

/** Where an authentication call ended: which callback of the library fired. */
export type AuthOutcome =
  | { kind: 'success'; session: CognitoUserSession; userConfirmationNecessary: boolean | undefined }
  | { kind: 'totpRequired' | 'mfaRequired' | 'mfaSetup' | 'selectMFAType'; challengeName: string; challengeParameters: Record<string, string> }
  | { kind: 'newPasswordRequired' | 'customChallenge'; challengeParameters: Record<string, string> };

function outcomeCallbacks(resolve: (outcome: AuthOutcome) => void, reject: (error: LibraryError) => void) {
  const challenge = (kind: 'totpRequired' | 'mfaRequired' | 'mfaSetup' | 'selectMFAType') => (challengeName: string, challengeParameters: Record<string, string>) =>
    resolve({ kind, challengeName, challengeParameters });
  return {
    onSuccess: (session: CognitoUserSession, userConfirmationNecessary?: boolean) => resolve({ kind: 'success', session, userConfirmationNecessary }),
    onFailure: reject,
    totpRequired: challenge('totpRequired'),
    mfaRequired: challenge('mfaRequired'),
    mfaSetup: challenge('mfaSetup'),
    selectMFAType: challenge('selectMFAType'),
    newPasswordRequired: (challengeParameters: Record<string, string>) => resolve({ kind: 'newPasswordRequired', challengeParameters }),
    customChallenge: (challengeParameters: Record<string, string>) => resolve({ kind: 'customChallenge', challengeParameters }),
  };
}

/** `authenticateUser` with the library's default flow (USER_SRP_AUTH). */
export function authenticateUser(user: CognitoUser, password: string): Promise<AuthOutcome> {
  const details = new AuthenticationDetails({ Username: user.getUsername(), Password: password });
  return new Promise((resolve, reject) => user.authenticateUser(details, outcomeCallbacks(resolve, reject)));
}

/** refreshSession: REFRESH_TOKEN_AUTH with the device key the library cached for the last signed-in user. */
export function refreshSession(user: CognitoUser, refreshToken: CognitoRefreshToken): Promise<CognitoUserSession> {
  return new Promise((resolve, reject) => user.refreshSession(refreshToken, (error: LibraryError | null, session: CognitoUserSession) => (error ? reject(error) : resolve(session))));
}

export function sendMFACode(user: CognitoUser, code: string, mfaType: 'SOFTWARE_TOKEN_MFA' | 'SMS_MFA'): Promise<AuthOutcome> {
  return new Promise((resolve, reject) => user.sendMFACode(code, outcomeCallbacks(resolve, reject), mfaType));
}

/** SELECT_MFA_TYPE: the library stores the new Session and calls mfaRequired (SMS) or totpRequired (TOTP). */
export function sendMFASelectionAnswer(user: CognitoUser, answer: 'SMS_MFA' | 'SOFTWARE_TOKEN_MFA'): Promise<AuthOutcome> {
  return new Promise((resolve, reject) => user.sendMFASelectionAnswer(answer, outcomeCallbacks(resolve, reject) as never));
}

/** The legacy SMS MFA switch of a signed-in user: SetUserSettings with MFAOptions [SMS] (on) or [] (off). */
export function enableMFA(user: CognitoUser): Promise<string> {
  return new Promise((resolve, reject) => user.enableMFA((error, result) => (error ? reject(error) : resolve(result!))));
}

export function disableMFA(user: CognitoUser): Promise<string> {
  return new Promise((resolve, reject) => user.disableMFA((error, result) => (error ? reject(error) : resolve(result!))));
}

/** GetUser's MFAOptions, as the library returns them. */
export function getMFAOptions(user: CognitoUser): Promise<unknown> {
  return new Promise((resolve, reject) => user.getMFAOptions((error, result) => (error ? reject(error) : resolve(result))));
}

/** AssociateSoftwareToken: with the access token when signed in, with the Session during MFA_SETUP. */
export function associateSoftwareToken(user: CognitoUser): Promise<string> {
  return new Promise((resolve, reject) => user.associateSoftwareToken({ associateSecretCode: resolve, onFailure: reject }));
}

/** VerifySoftwareToken; during MFA_SETUP the library then answers the challenge itself and resolves with the session. */
export function verifySoftwareToken(user: CognitoUser, code: string, friendlyDeviceName: string): Promise<any> {
  return new Promise((resolve, reject) => user.verifySoftwareToken(code, friendlyDeviceName, { onSuccess: resolve, onFailure: reject }));
}

export function setUserMfaPreference(user: CognitoUser, sms: IMfaSettings | null, totp: IMfaSettings | null): Promise<string> {
  return new Promise((resolve, reject) => user.setUserMfaPreference(sms, totp, (error, result) => (error ? reject(error) : resolve(result!))));
}

export function setDeviceStatusRemembered(user: CognitoUser): Promise<string> {
  return new Promise((resolve, reject) => user.setDeviceStatusRemembered({ onSuccess: resolve, onFailure: reject }));
}

export function setDeviceStatusNotRemembered(user: CognitoUser): Promise<string> {
  return new Promise((resolve, reject) => user.setDeviceStatusNotRemembered({ onSuccess: resolve, onFailure: reject }));
}

export function getDevice(user: CognitoUser): Promise<any> {
  return new Promise((resolve, reject) => user.getDevice({ onSuccess: resolve, onFailure: reject }));
}

/** ListDevices: resolves with the raw response ({Devices, PaginationToken?}). */
export function listDevices(user: CognitoUser, limit = 60): Promise<{ Devices: any[]; PaginationToken?: string }> {
  return new Promise((resolve, reject) => user.listDevices(limit, null, { onSuccess: resolve, onFailure: reject }));
}

export function forgetDevice(user: CognitoUser): Promise<string> {
  return new Promise((resolve, reject) => user.forgetDevice({ onSuccess: resolve, onFailure: reject }));
}

/** The device the library cached for this user after ConfirmDevice (keyed by USER_ID_FOR_SRP). */
export function cachedDevice(storage: MemoryStorage, clientId: string, username: string) {
  const prefix = `CognitoIdentityServiceProvider.${clientId}.${username}`;
  return {
    deviceKey: storage.getItem(`${prefix}.deviceKey`),
    deviceGroupKey: storage.getItem(`${prefix}.deviceGroupKey`),
    randomPasswordKey: storage.getItem(`${prefix}.randomPasswordKey`),
  };
}

/** The session of a sign-in that ended with tokens; anything else is a test failure naming the callback. */
export function tokensOf(outcome: AuthOutcome): CognitoUserSession {
  if (outcome.kind !== 'success') throw new Error(`expected tokens, the library reported ${outcome.kind}`);
  return outcome.session;
}

/** signUp with an email, then confirmRegistration with the code the pool "emailed" (read from the server's outbox). */
export async function registerUser(pool: CognitoUserPool, url: string, username: string, password: string): Promise<ISignUpResult> {
  const signedUp = await signUp(pool, username, password, { email: `${username}@example.com` });
  const sent = await fetch(`${url}/_kognito/messages?userPoolId=${encodeURIComponent(pool.getUserPoolId())}&username=${encodeURIComponent(username)}`);
  const { messages } = (await sent.json()) as { messages: { code: string }[] };
  await confirmRegistration(cognitoUser(pool, username), messages[messages.length - 1].code);
  return signedUp;
}
