/**
 * Amplify v6 (`aws-amplify`, `aws-amplify/auth`) configured against a test server, as a Node 20 app
 * would need it:
 * - `navigator`: Amplify names a new device from `navigator.userAgent` (Node 20 has no navigator; without
 *   it Amplify silently skips ConfirmDevice), so a minimal one is installed;
 * - tokens and device metadata go to an in-memory key-value storage the test can inspect and clear.
 * Amplify's state is global per process: one configuration per test file (vitest forks a worker per file).
 */
import { Amplify } from 'aws-amplify';
import { cognitoUserPoolsTokenProvider } from 'aws-amplify/auth/cognito';
import type { KeyValueStorageInterface } from '@aws-amplify/core';

/** The navigator.userAgent installed where the runtime has none (Node 20). */
export const TEST_USER_AGENT = 'kognito-e2e/1.0 (Node.js)';

/** The device name Amplify sends in ConfirmDevice: `navigator.userAgent`, Node's own since Node 21 ("Node.js/26"). */
export function amplifyDeviceName(): string {
  return (globalThis as { navigator?: { userAgent?: string } }).navigator?.userAgent ?? TEST_USER_AGENT;
}

export function installNavigatorShim(): void {
  if (typeof (globalThis as { navigator?: unknown }).navigator === 'undefined') {
    Object.defineProperty(globalThis, 'navigator', { value: { userAgent: TEST_USER_AGENT }, configurable: true, writable: true });
  }
}

export class MemoryKeyValueStorage implements KeyValueStorageInterface {
  readonly items = new Map<string, string>();
  async setItem(key: string, value: string): Promise<void> {
    this.items.set(key, value);
  }
  async getItem(key: string): Promise<string | null> {
    return this.items.get(key) ?? null;
  }
  async removeItem(key: string): Promise<void> {
    this.items.delete(key);
  }
  async clear(): Promise<void> {
    this.items.clear();
  }
  /** The value stored under the key that ends with `suffix` (Amplify prefixes keys with the client id and user). */
  find(suffix: string): string | undefined {
    for (const [key, value] of this.items) if (key.endsWith(suffix)) return value;
    return undefined;
  }
}

/** Points Amplify at the server's pool and client; returns the storage holding tokens and device keys. */
export function configureAmplify(url: string, userPoolId: string, userPoolClientId: string): MemoryKeyValueStorage {
  installNavigatorShim();
  Amplify.configure({ Auth: { Cognito: { userPoolId, userPoolClientId, userPoolEndpoint: url } } });
  // configure() installs its default storage; replace it after.
  const storage = new MemoryKeyValueStorage();
  cognitoUserPoolsTokenProvider.setKeyValueStorage(storage);
  return storage;
}
