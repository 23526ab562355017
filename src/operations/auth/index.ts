/** Sign-in, tokens and sign-out. */
import type { AnyOperation } from '../registry.js';
import adminInitiateAuth from './adminInitiateAuth.js';
import adminRespondToAuthChallenge from './adminRespondToAuthChallenge.js';
import adminUserGlobalSignOut from './adminUserGlobalSignOut.js';
import getTokensFromRefreshToken from './getTokensFromRefreshToken.js';
import globalSignOut from './globalSignOut.js';
import initiateAuth from './initiateAuth.js';
import respondToAuthChallenge from './respondToAuthChallenge.js';
import revokeToken from './revokeToken.js';

export const authOperations: Record<string, AnyOperation> = {
  AdminInitiateAuth: adminInitiateAuth,
  AdminRespondToAuthChallenge: adminRespondToAuthChallenge,
  AdminUserGlobalSignOut: adminUserGlobalSignOut,
  GetTokensFromRefreshToken: getTokensFromRefreshToken,
  GlobalSignOut: globalSignOut,
  InitiateAuth: initiateAuth,
  RespondToAuthChallenge: respondToAuthChallenge,
  RevokeToken: revokeToken,
};
