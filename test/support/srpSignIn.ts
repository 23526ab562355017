/**
 * A whole USER_SRP_AUTH sign-in over the wire (InitiateAuth + RespondToAuthChallenge PASSWORD_VERIFIER),
 * computed with the independent client SRP of srpClient.ts. Used by the SRP/device tests and the bench.
 */
import {
  AdminConfirmSignUpCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SignUpCommand,
  type CognitoIdentityProviderClient,
  type InitiateAuthCommandOutput,
  type RespondToAuthChallengeCommandOutput,
} from '@aws-sdk/client-cognito-identity-provider';
import { clientTimestamp, generateSrpA, passwordClaim, type ClientEphemeral } from './srpClient.js';

export interface SrpUser {
  userPoolId: string;
  clientId: string;
  username: string;
  password: string;
}

/** Signs a user up and confirms them (admin), ready for SRP sign-in. */
export async function confirmedUser(sdk: CognitoIdentityProviderClient, user: SrpUser, email = `${user.username}@example.com`) {
  await sdk.send(
    new SignUpCommand({ ClientId: user.clientId, Username: user.username, Password: user.password, UserAttributes: [{ Name: 'email', Value: email }] }),
  );
  await sdk.send(new AdminConfirmSignUpCommand({ UserPoolId: user.userPoolId, Username: user.username }));
}

/** InitiateAuth USER_SRP_AUTH; returns the challenge and the client's ephemeral. */
export async function startSrpSignIn(sdk: CognitoIdentityProviderClient, user: SrpUser, extra: Record<string, string> = {}) {
  const ephemeral = generateSrpA();
  const challenge = await sdk.send(
    new InitiateAuthCommand({ ClientId: user.clientId, AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: user.username, SRP_A: ephemeral.A, ...extra } }),
  );
  return { challenge, ephemeral };
}

/** The PASSWORD_VERIFIER ChallengeResponses a client computes for a challenge. */
export function passwordVerifierResponses(
  user: SrpUser,
  challenge: InitiateAuthCommandOutput,
  ephemeral: ClientEphemeral,
  timestamp = clientTimestamp(),
): Record<string, string> {
  const p = challenge.ChallengeParameters!;
  const claim = passwordClaim({
    poolName: user.userPoolId.split('_')[1],
    userIdForSrp: p.USER_ID_FOR_SRP,
    password: user.password,
    ephemeral,
    SALT: p.SALT,
    SRP_B: p.SRP_B,
    SECRET_BLOCK: p.SECRET_BLOCK,
    TIMESTAMP: timestamp,
  });
  return {
    USERNAME: p.USER_ID_FOR_SRP,
    PASSWORD_CLAIM_SECRET_BLOCK: p.SECRET_BLOCK,
    TIMESTAMP: timestamp,
    PASSWORD_CLAIM_SIGNATURE: claim.signature,
  };
}

/** A full SRP sign-in; `extra` goes into the PASSWORD_VERIFIER responses (e.g. DEVICE_KEY). */
export async function srpSignIn(
  sdk: CognitoIdentityProviderClient,
  user: SrpUser,
  extra: Record<string, string> = {},
): Promise<RespondToAuthChallengeCommandOutput> {
  const { challenge, ephemeral } = await startSrpSignIn(sdk, user);
  return sdk.send(
    new RespondToAuthChallengeCommand({
      ClientId: user.clientId,
      ChallengeName: 'PASSWORD_VERIFIER',
      Session: challenge.Session,
      ChallengeResponses: { ...passwordVerifierResponses(user, challenge, ephemeral), ...extra },
    }),
  );
}
