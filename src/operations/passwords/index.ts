/** Passwords: reset, change, and their administration. */
import type { AnyOperation } from '../registry.js';
import adminResetUserPassword from './adminResetUserPassword.js';
import adminSetUserPassword from './adminSetUserPassword.js';
import changePassword from './changePassword.js';
import confirmForgotPassword from './confirmForgotPassword.js';
import forgotPassword from './forgotPassword.js';

export const passwordsOperations: Record<string, AnyOperation> = {
  AdminResetUserPassword: adminResetUserPassword,
  AdminSetUserPassword: adminSetUserPassword,
  ChangePassword: changePassword,
  ConfirmForgotPassword: confirmForgotPassword,
  ForgotPassword: forgotPassword,
};
