/**
 * Devices in the sign-in (spec srp-and-devices.md B.3, B.5, B.7): the pre-check of a presented
 * DEVICE_KEY (which may spare MFA), the DEVICE_SRP_AUTH / DEVICE_PASSWORD_VERIFIER challenges that
 * prove the device's secret, NewDeviceMetadata for a sign-in without a known device, and the
 * binding of refresh tokens to their device.
 */
import { createHash } from 'node:crypto';
import { InvalidParameter, NotAuthorized, ResourceNotFound } from '../../protocol/errors.js';
import { DEVICE_NOT_FOUND, tracksDevices, userDevice } from '../devices.js';
import { newDeviceGroupKey, newDeviceKey, sessionToken } from '../ids.js';
import { isValidSrpA, verifyDevicePasswordClaim } from '../srp.js';
import { hashToken } from '../tokens.js';
import { challenge, INCORRECT_CREDENTIALS, INVALID_SESSION, keepSession, missingParameter } from './session.js';
import { claimOf, INVALID_SRP_A, newSrpState, sessionFromSecretBlock, srpSession, type SrpState } from './srp.js';
import type { ChallengeResponder, NewDeviceMetadata, SignIn, SignInStep } from './types.js';


/** UNSURE (spec B.5.1 step 3): a device never confirmed counts as no device (a new one is issued). */
export const UNCONFIRMED_DEVICE_IS_NO_DEVICE = true;
/** UNSURE (spec B.5.3 step 3): Cognito's text for a wrong device proof. */
export const WRONG_DEVICE_PROOF = INCORRECT_CREDENTIALS;
/** UNSURE (spec B.3 step 2): one DeviceGroupKey per user, shared by all their devices. */
export const ONE_DEVICE_GROUP_PER_USER = true;
/**
 * After the password: a presented DEVICE_KEY must be one of the user's devices (else "Device does
 * not exist.", and the Session stays usable so the client can retry without it). A confirmed device
 * is proven later by DEVICE_SRP_AUTH; when it is remembered and the pool says so, it spares MFA.
 */
export const devicePrecheck: SignInStep = (signIn) => {
  const { ctx, pool, user, state } = signIn;
  if (!tracksDevices(pool) || state.passed.includes('DEVICE') || !state.deviceKey) return undefined;
  const device = ctx.store.devices.get(state.deviceKey);
  if (!device || device.userPoolId !== pool.id || device.username !== user.username) {
    state.deviceKey = null;
    state.trustedDevice = undefined;
    throw keepSession(ResourceNotFound(DEVICE_NOT_FOUND));
  }
  if (!device.confirmed && UNCONFIRMED_DEVICE_IS_NO_DEVICE) return undefined;
  state.trustedDevice = device.deviceKey;
  state.mfaSpared = pool.description.DeviceConfiguration?.ChallengeRequiredOnNewDevice === true && device.remembered;
  return undefined;
};

/**
 * The Session of DEVICE_SRP_AUTH is derived from the device key, so the answer of a client that sends
 * no Session (pycognito, AWS's Python example) finds the sign-in the password (and MFA) opened.
 */
const deviceSrpSession = (deviceKey: string) => sessionToken(createHash('sha512').update(`kognito device SRP session:${deviceKey}`).digest());

/** Last step before the tokens: a confirmed device presented in this sign-in must prove its secret. */
export const deviceChallenge: SignInStep = (signIn) => {
  const { ctx, state } = signIn;
  const deviceKey = state.trustedDevice as string | undefined;
  if (!deviceKey || state.passed.includes('DEVICE')) return undefined;
  const session = deviceSrpSession(deviceKey);
  ctx.store.authSessions.delete(hashToken(session)); // an earlier, unanswered sign-in with this device
  return challenge(signIn, 'DEVICE_SRP_AUTH', {}, session);
};

/** DEVICE_SRP_AUTH: the device's SRP_A; answers DEVICE_PASSWORD_VERIFIER with the device's SALT. */
export const deviceSrpAuth: ChallengeResponder = Object.assign(
  (signIn: SignIn, responses: Record<string, string>) => {
    const { ctx, user, state } = signIn;
    const deviceKey = responses.DEVICE_KEY;
    if (deviceKey === undefined) throw missingParameter('DEVICE_KEY');
    if (responses.SRP_A === undefined) throw missingParameter('SRP_A');
    if (deviceKey !== state.trustedDevice) throw ResourceNotFound(DEVICE_NOT_FOUND);
    const device = userDevice(ctx, user, deviceKey);
    if (!isValidSrpA(responses.SRP_A)) throw InvalidParameter(INVALID_SRP_A);
    const srp = newSrpState(responses.SRP_A, device.verifier!);
    state.deviceSrp = srp;
    return challenge(
      signIn,
      'DEVICE_PASSWORD_VERIFIER',
      { SRP_B: srp.B, SALT: device.salt!, SECRET_BLOCK: srp.secretBlock, USERNAME: user.username, DEVICE_KEY: deviceKey },
      srpSession(srp.secretBlock),
    );
  },
  {
    sessionFrom: (responses: Record<string, string>) => {
      if (responses.DEVICE_KEY === undefined) throw missingParameter('DEVICE_KEY');
      return deviceSrpSession(responses.DEVICE_KEY);
    },
  },
);

/** DEVICE_PASSWORD_VERIFIER: the proof of the device's secret (DeviceGroupKey, DeviceKey, device password). */
export const devicePasswordVerifier: ChallengeResponder = Object.assign(
  (signIn: SignIn, responses: Record<string, string>) => {
    const { ctx, user, state } = signIn;
    const srp = state.deviceSrp as SrpState;
    const claim = claimOf(responses);
    if (claim.secretBlock !== srp.secretBlock) throw NotAuthorized(INVALID_SESSION);
    if (responses.DEVICE_KEY === undefined) throw missingParameter('DEVICE_KEY');
    if (responses.DEVICE_KEY !== state.trustedDevice) throw ResourceNotFound(DEVICE_NOT_FOUND);
    const device = userDevice(ctx, user, responses.DEVICE_KEY);
    const proven = verifyDevicePasswordClaim({
      deviceGroupKey: device.deviceGroupKey,
      deviceKey: device.deviceKey,
      verifierHex: device.verifier!,
      A_hex: srp.A,
      b: srp.b,
      B: srp.B,
      ...claim,
    });
    if (!proven) throw NotAuthorized(WRONG_DEVICE_PROOF);
    state.passed.push('DEVICE');
    state.deviceKey = device.deviceKey;
    device.lastAuthenticatedAt = ctx.clock.now();
    ctx.store.devices.save(device);
  },
  { sessionFrom: sessionFromSecretBlock, refusal: INCORRECT_CREDENTIALS },
);

/**
 * ON_TOKENS: a sign-in that did not prove a known device, in a pool that tracks devices, gets a new
 * device (unconfirmed until ConfirmDevice) and its NewDeviceMetadata; the access token carries its key.
 */
export function newDeviceMetadata(signIn: SignIn): NewDeviceMetadata | undefined {
  const { ctx, pool, user, state } = signIn;
  if (!tracksDevices(pool) || state.passed.includes('DEVICE')) return undefined;
  const now = ctx.clock.now();
  const device = {
    deviceKey: newDeviceKey(pool.region),
    userPoolId: pool.id,
    username: user.username,
    deviceGroupKey: (ONE_DEVICE_GROUP_PER_USER && ctx.store.devices.groupKeyOf(pool.id, user.username)) || newDeviceGroupKey(),
    confirmed: false,
    remembered: false,
    salt: null,
    verifier: null,
    attributes: {},
    createdAt: now,
    modifiedAt: now,
    lastAuthenticatedAt: now,
  };
  ctx.store.devices.save(device);
  return { DeviceKey: device.deviceKey, DeviceGroupKey: device.deviceGroupKey };
}
