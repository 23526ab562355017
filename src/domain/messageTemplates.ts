/**
 * The text of the messages a pool "sends" (what the outbox shows): the pool's templates, with the
 * code (`{####}`) and the username (`{username}`) filled in. The message triggers
 * (triggers/messages.ts) may write their own text or take the delivery over.
 */
import type { UserPool } from '../store/userPools.js';

/** What a message is for; each kind has its CustomMessage_* and Custom*Sender_* trigger source. */
export type MessageKind =
  | 'SIGN_UP'
  | 'RESEND_CODE'
  | 'ADMIN_CREATE_USER'
  | 'FORGOT_PASSWORD'
  | 'UPDATE_USER_ATTRIBUTE'
  | 'VERIFY_USER_ATTRIBUTE'
  | 'AUTHENTICATION';

export const TRIGGER_SOURCE_SUFFIX: Record<MessageKind, string> = {
  SIGN_UP: 'SignUp',
  RESEND_CODE: 'ResendCode',
  ADMIN_CREATE_USER: 'AdminCreateUser',
  FORGOT_PASSWORD: 'ForgotPassword',
  UPDATE_USER_ATTRIBUTE: 'UpdateUserAttribute',
  VERIFY_USER_ATTRIBUTE: 'VerifyUserAttribute',
  AUTHENTICATION: 'Authentication',
};

export type DeliveryMedium = 'EMAIL' | 'SMS';
/** Codes for an email address go by email, for a phone number by SMS. */
export const mediumOf = (attribute: 'email' | 'phone_number'): DeliveryMedium => (attribute === 'email' ? 'EMAIL' : 'SMS');

export const CODE_PLACEHOLDER = '{####}';
export const USERNAME_PLACEHOLDER = '{username}';

/**
 * UNSURE: Cognito's default texts, as DescribeUserPool shows them for a pool created without
 * templates (verification and authentication messages end with ". ", as in the console).
 */
export const DEFAULT_MESSAGES = {
  verification: { subject: 'Your verification code', body: 'Your verification code is {####}. ' },
  invitation: { subject: 'Your temporary password', body: 'Your username is {username} and temporary password is {####}. ' },
  authentication: { subject: 'Your authentication code', body: 'Your authentication code is {####}. ' },
} as const;

/** A message's text with its placeholders (subject only for email). */
export interface MessageTemplate {
  subject?: string;
  body: string;
}

interface PoolTemplates {
  VerificationMessageTemplate?: { SmsMessage?: string; EmailMessage?: string; EmailSubject?: string };
  SmsVerificationMessage?: string;
  EmailVerificationMessage?: string;
  EmailVerificationSubject?: string;
  SmsAuthenticationMessage?: string;
  AdminCreateUserConfig?: { InviteMessageTemplate?: { SMSMessage?: string; EmailMessage?: string; EmailSubject?: string } };
}

/** The pool's own template for a kind of message and a medium. */
export function poolTemplate(pool: UserPool, kind: MessageKind, medium: DeliveryMedium): MessageTemplate {
  const d = pool.description as PoolTemplates;
  if (kind === 'ADMIN_CREATE_USER') {
    const invite = d.AdminCreateUserConfig?.InviteMessageTemplate;
    const fallback = DEFAULT_MESSAGES.invitation;
    return medium === 'SMS'
      ? { body: invite?.SMSMessage ?? fallback.body }
      : { subject: invite?.EmailSubject ?? fallback.subject, body: invite?.EmailMessage ?? fallback.body };
  }
  if (kind === 'AUTHENTICATION') {
    const email = (pool.mfaConfig.EmailMfaConfiguration ?? {}) as { Message?: string; Subject?: string };
    const fallback = DEFAULT_MESSAGES.authentication;
    return medium === 'SMS'
      ? { body: d.SmsAuthenticationMessage ?? fallback.body }
      : { subject: email.Subject ?? fallback.subject, body: email.Message ?? fallback.body };
  }
  const template = d.VerificationMessageTemplate;
  const fallback = DEFAULT_MESSAGES.verification;
  return medium === 'SMS'
    ? { body: template?.SmsMessage ?? d.SmsVerificationMessage ?? fallback.body }
    : {
        subject: template?.EmailSubject ?? d.EmailVerificationSubject ?? fallback.subject,
        body: template?.EmailMessage ?? d.EmailVerificationMessage ?? fallback.body,
      };
}

export const fillIn = (text: string, code: string, username: string) =>
  text.split(CODE_PLACEHOLDER).join(code).split(USERNAME_PLACEHOLDER).join(username);
