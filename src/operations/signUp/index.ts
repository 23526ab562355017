/** Sign-up and its confirmation. */
import type { AnyOperation } from '../registry.js';
import adminConfirmSignUp from './adminConfirmSignUp.js';
import confirmSignUp from './confirmSignUp.js';
import resendConfirmationCode from './resendConfirmationCode.js';
import signUp from './signUp.js';

export const signUpOperations: Record<string, AnyOperation> = {
  AdminConfirmSignUp: adminConfirmSignUp,
  ConfirmSignUp: confirmSignUp,
  ResendConfirmationCode: resendConfirmationCode,
  SignUp: signUp,
};
