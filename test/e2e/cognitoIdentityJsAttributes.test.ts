/**
 * amazon-cognito-identity-js 6.x managing the signed-in user's attributes against a real kognito:
 * updateAttributes, getAttributeVerificationCode / verifyAttribute, deleteAttributes,
 * getUserAttributes, and Cognito's errors as the library reports them.
 */
import { describe, expect, it } from 'vitest';
import { CognitoUserAttribute, type CognitoUser } from 'amazon-cognito-identity-js';
import { createPoolAndClient, messages, type TestServer } from '../support/server.js';
import { withServerAndWire, type WireLog } from '../support/wireLog.js';
import { authenticateUser, cognitoUser, registerUser, userPool, type LibraryError } from '../support/cognitoIdentityJs.js';

const PASSWORD = 'Corr3ct-Horse!';

let server: TestServer;
let wire: WireLog;
withServerAndWire((started, log) => {
  server = started;
  wire = log;
});

// The library's callback API as promises (attributes only; the shared helpers cover sign-in).
const asList = (attributes: Record<string, string>) => Object.entries(attributes).map(([Name, Value]) => new CognitoUserAttribute({ Name, Value }));
const updateAttributes = (user: CognitoUser, attributes: Record<string, string>) =>
  new Promise<{ result: string; details: any }>((resolve, reject) =>
    user.updateAttributes(asList(attributes), (error, result, details) => (error ? reject(error) : resolve({ result: result!, details }))),
  );
const getUserAttributes = (user: CognitoUser) =>
  new Promise<Record<string, string>>((resolve, reject) =>
    user.getUserAttributes((error, list) => (error ? reject(error) : resolve(Object.fromEntries(list!.map((a) => [a.getName(), a.getValue()]))))),
  );
const getAttributeVerificationCode = (user: CognitoUser, name: string) =>
  new Promise<any>((resolve, reject) => user.getAttributeVerificationCode(name, { onSuccess: resolve, onFailure: reject, inputVerificationCode: resolve }));
const verifyAttribute = (user: CognitoUser, name: string, code: string) =>
  new Promise<string>((resolve, reject) => user.verifyAttribute(name, code, { onSuccess: resolve, onFailure: reject }));
const deleteAttributes = (user: CognitoUser, names: string[]) =>
  new Promise<string>((resolve, reject) => user.deleteAttributes(names, (error, result) => (error ? reject(error) : resolve(result!))));

/** A signed-in CognitoUser of a pool that auto-verifies email. */
async function signedIn(username: string) {
  const { userPoolId, clientId } = await createPoolAndClient(server.sdk, { AutoVerifiedAttributes: ['email'] });
  const pool = userPool(server.url, userPoolId, clientId);
  await registerUser(pool, server.url, username, PASSWORD);
  const user = cognitoUser(pool, username);
  expect((await authenticateUser(user, PASSWORD)).kind).toBe('success');
  wire.clear();
  return { user, userPoolId };
}

describe('amazon-cognito-identity-js: user attributes', () => {
  it('updateAttributes with a new email: SUCCESS with CodeDeliveryDetailsList; verifyAttribute with the code', async () => {
    const { user, userPoolId } = await signedIn('ines');
    const updated = await updateAttributes(user, { email: 'ines@new.example', nickname: 'In' });
    expect(updated).toEqual({
      result: 'SUCCESS',
      details: { CodeDeliveryDetailsList: [{ Destination: 'i***@n***', DeliveryMedium: 'EMAIL', AttributeName: 'email' }] },
    });
    expect(await getUserAttributes(user)).toMatchObject({ email: 'ines@new.example', email_verified: 'false', nickname: 'In' });
    const code = (await messages(server.url, userPoolId, 'ines')).at(-1)!.code;
    await expect(verifyAttribute(user, 'email', code)).resolves.toBe('SUCCESS');
    expect(await getUserAttributes(user)).toMatchObject({ email_verified: 'true' });
    expect(wire.steps()).toEqual(['UpdateUserAttributes', 'GetUser', 'GetUser', 'VerifyUserAttribute', 'GetUser']);
  });

  it('getAttributeVerificationCode sends a code (inputVerificationCode gets CodeDeliveryDetails); a wrong code is CodeMismatchException', async () => {
    const { user, userPoolId } = await signedIn('jon');
    const data = await getAttributeVerificationCode(user, 'email');
    expect(data).toEqual({ CodeDeliveryDetails: { Destination: 'j***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' } });
    const code = (await messages(server.url, userPoolId, 'jon')).at(-1)!.code;
    const error = (await verifyAttribute(user, 'email', code === '000000' ? '111111' : '000000').catch((e: LibraryError) => e)) as LibraryError;
    expect({ code: error.code, message: error.message }).toEqual({ code: 'CodeMismatchException', message: 'Invalid verification code provided, please try again.' });
    const refused = (await getAttributeVerificationCode(user, 'nickname').catch((e: LibraryError) => e)) as LibraryError;
    expect({ code: refused.code, message: refused.message }).toEqual({
      code: 'InvalidParameterException',
      message: 'Invalid attribute name. Only phone_number and email can be verified.',
    });
  });

  it('deleteAttributes removes optional attributes and refuses sub; an unknown attribute is refused', async () => {
    const { user } = await signedIn('kai');
    await updateAttributes(user, { given_name: 'Kai', website: 'https://kai.example' });
    await expect(deleteAttributes(user, ['website'])).resolves.toBe('SUCCESS');
    const after = await getUserAttributes(user);
    expect(after).toMatchObject({ given_name: 'Kai' });
    expect(after).not.toHaveProperty('website');
    const refused = (await deleteAttributes(user, ['sub']).catch((e: LibraryError) => e)) as LibraryError;
    expect({ code: refused.code, message: refused.message }).toEqual({ code: 'InvalidParameterException', message: 'user.sub: Attribute cannot be updated.\n' });
    const unknown = (await updateAttributes(user, { 'custom:x': '1' }).catch((e: LibraryError) => e)) as LibraryError;
    expect({ code: unknown.code, message: unknown.message }).toEqual({
      code: 'InvalidParameterException',
      message: 'user.custom:x: Attribute does not exist in the schema.\n',
    });
  });
});
