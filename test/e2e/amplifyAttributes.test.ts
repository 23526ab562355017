/**
 * Amplify v6 (`aws-amplify/auth`) managing the signed-in user's attributes against a real kognito:
 * updateUserAttributes (a new email needs confirmUserAttribute), sendUserAttributeVerificationCode,
 * deleteUserAttributes, fetchUserAttributes, and Cognito's errors as Amplify surfaces them.
 * Amplify's state is per process: this file only.
 */
import { describe, expect, it } from 'vitest';
import { AdminConfirmSignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import {
  confirmUserAttribute,
  deleteUserAttributes,
  fetchAuthSession,
  fetchUserAttributes,
  sendUserAttributeVerificationCode,
  signIn,
  signOut,
  signUp,
  updateUserAttribute,
  updateUserAttributes,
} from 'aws-amplify/auth';
import { createPoolAndClient, lastCode, messages, type TestServer } from '../support/server.js';
import { configureAmplify } from '../support/amplify.js';
import { withServerAndWire, type WireLog } from '../support/wireLog.js';

const PASSWORD = 'Corr3ct-Horse!';

let server: TestServer;
let wire: WireLog;
withServerAndWire((started, log) => {
  server = started;
  wire = log;
});

/** A pool that auto-verifies email (and keeps a verified email until a new one is verified, when asked), a user signed in. */
async function signedInUser(username: string, pool: Record<string, unknown> = {}) {
  const { userPoolId, clientId } = await createPoolAndClient(server.sdk, {
    AutoVerifiedAttributes: ['email'],
    Schema: [{ Name: 'plan', AttributeDataType: 'String', Mutable: false }],
    ...pool,
  });
  configureAmplify(server.url, userPoolId, clientId);
  await signUp({ username, password: PASSWORD, options: { userAttributes: { email: `${username}@example.com`, 'custom:plan': 'basic' } } });
  await server.sdk.send(new AdminConfirmSignUpCommand({ UserPoolId: userPoolId, Username: username }));
  await signIn({ username, password: PASSWORD });
  wire.clear();
  return { userPoolId, clientId };
}

describe('Amplify v6: user attributes', () => {
  it('updateUserAttributes: a name is DONE, a new email waits for confirmUserAttribute with the emailed code', async () => {
    const { userPoolId } = await signedInUser('alma');
    const result = await updateUserAttributes({ userAttributes: { name: 'Alma Ruiz', email: 'alma.ruiz@example.com' } });
    expect(result).toEqual({
      name: { isUpdated: true, nextStep: { updateAttributeStep: 'DONE' } },
      email: {
        isUpdated: false,
        nextStep: {
          updateAttributeStep: 'CONFIRM_ATTRIBUTE_WITH_CODE',
          codeDeliveryDetails: { attributeName: 'email', deliveryMedium: 'EMAIL', destination: 'a***@e***' },
        },
      },
    });
    expect(wire.steps()).toEqual(['UpdateUserAttributes']);
    expect(await fetchUserAttributes()).toMatchObject({ name: 'Alma Ruiz', email: 'alma.ruiz@example.com', email_verified: 'false' });

    const sent = (await messages(server.url, userPoolId, 'alma')).at(-1)!;
    expect(sent.destination).toBe('alma.ruiz@example.com');
    await expect(confirmUserAttribute({ userAttributeKey: 'email', confirmationCode: sent.code === '000000' ? '111111' : '000000' })).rejects.toMatchObject({
      name: 'CodeMismatchException',
      message: 'Invalid verification code provided, please try again.',
    });
    await confirmUserAttribute({ userAttributeKey: 'email', confirmationCode: sent.code });
    expect(await fetchUserAttributes()).toMatchObject({ email: 'alma.ruiz@example.com', email_verified: 'true' });
    expect(wire.steps()).toEqual(['UpdateUserAttributes', 'GetUser', 'VerifyUserAttribute', 'VerifyUserAttribute', 'GetUser']);
    await signOut();
  });

  it('with AttributesRequireVerificationBeforeUpdate the old email stays until confirmed; sendUserAttributeVerificationCode resends to the new one', async () => {
    const { userPoolId } = await signedInUser('bram', { UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] } });
    // Verify the first email, so there is an original value to keep.
    await sendUserAttributeVerificationCode({ userAttributeKey: 'email' });
    await confirmUserAttribute({ userAttributeKey: 'email', confirmationCode: await lastCode(server.url, userPoolId, 'bram') });

    const pending = await updateUserAttribute({ userAttribute: { attributeKey: 'email', value: 'bram2@example.com' } });
    expect(pending.nextStep.updateAttributeStep).toBe('CONFIRM_ATTRIBUTE_WITH_CODE');
    expect(await fetchUserAttributes()).toMatchObject({ email: 'bram@example.com', email_verified: 'true' });

    const resent = await sendUserAttributeVerificationCode({ userAttributeKey: 'email' });
    expect(resent).toEqual({ attributeName: 'email', deliveryMedium: 'EMAIL', destination: 'b***@e***' });
    const code = (await messages(server.url, userPoolId, 'bram')).at(-1)!;
    expect(code.destination).toBe('bram2@example.com');
    await confirmUserAttribute({ userAttributeKey: 'email', confirmationCode: code.code });
    expect(await fetchUserAttributes()).toMatchObject({ email: 'bram2@example.com', email_verified: 'true' });
    await signOut();
  });

  it('deleteUserAttributes removes them; fetchUserAttributes and the next ID token no longer have them', async () => {
    await signedInUser('cato');
    await updateUserAttributes({ userAttributes: { nickname: 'C', given_name: 'Cato' } });
    await deleteUserAttributes({ userAttributeKeys: ['nickname'] });
    const attributes = await fetchUserAttributes();
    expect(attributes).toMatchObject({ given_name: 'Cato' });
    expect(attributes).not.toHaveProperty('nickname');
    const { tokens } = await fetchAuthSession({ forceRefresh: true });
    expect(tokens!.idToken!.payload).toMatchObject({ given_name: 'Cato' });
    expect(tokens!.idToken!.payload).not.toHaveProperty('nickname');
    await signOut();
  });

  it("surfaces Cognito's errors: immutable, unknown and unverifiable attributes, a verified flag", async () => {
    await signedInUser('dora');
    await expect(updateUserAttributes({ userAttributes: { 'custom:plan': 'pro' } })).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'user.custom:plan: Attribute cannot be updated.\n',
    });
    await expect(updateUserAttributes({ userAttributes: { 'custom:none': 'x' } })).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'user.custom:none: Attribute does not exist in the schema.\n',
    });
    await expect(deleteUserAttributes({ userAttributeKeys: ['custom:plan'] })).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await expect(sendUserAttributeVerificationCode({ userAttributeKey: 'phone_number' })).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'User does not have a valid registered phone number',
    });
    await expect(updateUserAttributes({ userAttributes: { email_verified: 'true' } })).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'A client attempted to write unauthorized attribute',
    });
    await signOut();
  });
});
