/**
 * The message triggers. CustomMessage writes the text of a message before a code or temporary
 * password goes out: its request carries placeholders (codeParameter `{####}`, linkParameter, and
 * for AdminCreateUser usernameParameter `{username}`) that Cognito fills in the text it returns.
 * CustomEmailSender / CustomSMSSender take the delivery over: Cognito hands them the code and sends
 * nothing itself, without waiting for them (they are the asynchronous triggers).
 */
import type { Context } from '../../context.js';
import type { UserPool } from '../../store/userPools.js';
import type { User } from '../../store/users.js';
import {
  CODE_PLACEHOLDER,
  TRIGGER_SOURCE_SUFFIX,
  USERNAME_PLACEHOLDER,
  fillIn,
  mediumOf,
  poolTemplate,
  type DeliveryMedium,
  type MessageKind,
  type MessageTemplate,
} from '../messageTemplates.js';
import { newConfirmationCode } from '../ids.js';
import { eventUserAttributes, functionFor, optionalString, runTrigger, triggerEvent, withClientMetadata, type Caller } from './trigger.js';

export type Sender = 'CustomEmailSender' | 'CustomSMSSender';

/** A message as delivered: its text, or (custom sender) the trigger that delivers it instead. */
export interface ComposedMessage {
  code: string;
  subject?: string;
  /** null when a custom sender trigger writes and sends the message itself. */
  message: string | null;
  handedTo?: { sender: Sender; request: MessageRequest };
}

export interface MessageRequest {
  kind: MessageKind;
  medium: DeliveryMedium;
  /** The code or temporary password the message carries. */
  code: string;
  caller: Caller;
  clientMetadata?: Record<string, string>;
}

/** The request for a message that carries a new code to the user's `attribute` (email or SMS by it). */
export const codeMessage = (
  ctx: Context,
  kind: MessageKind,
  attribute: 'email' | 'phone_number',
  caller: Caller,
  clientMetadata: Record<string, string> | undefined,
): MessageRequest => ({ kind, medium: mediumOf(attribute), code: newConfirmationCode(ctx.config), caller, clientMetadata });

const filled = (template: MessageTemplate, code: string, user: User): ComposedMessage => ({
  code,
  ...(template.subject !== undefined ? { subject: fillIn(template.subject, code, user.username) } : {}),
  message: fillIn(template.body, code, user.username),
});

/** The pool's own message, no trigger asked (for callers that cannot wait). */
export function templateMessage(pool: UserPool, user: User, kind: MessageKind, medium: DeliveryMedium, code: string): ComposedMessage {
  return filled(poolTemplate(pool, kind, medium), code, user);
}

/**
 * The message that carries a code, asked of the pool's triggers before anything is written: a
 * custom sender for the medium takes the delivery over (deliverBySender, once written); otherwise
 * CustomMessage may write the text; otherwise the pool's template.
 */
export async function composeMessage(ctx: Context, pool: UserPool, user: User, request: MessageRequest): Promise<ComposedMessage> {
  const sender = request.medium === 'EMAIL' ? 'CustomEmailSender' : 'CustomSMSSender';
  if (functionFor(pool, sender)) return { code: request.code, message: null, handedTo: { sender, request } };
  const template = poolTemplate(pool, request.kind, request.medium);
  if (!functionFor(pool, 'CustomMessage')) return filled(template, request.code, user);
  return filled(await customMessage(ctx, pool, user, request, template), request.code, user);
}

/**
 * composeMessage, but synchronous when the pool has no trigger for the message (its template): an
 * operation waits between reading and writing only when it has a trigger to ask.
 */
export function messageFor(ctx: Context, pool: UserPool, user: User, request: MessageRequest): ComposedMessage | Promise<ComposedMessage> {
  const sender = request.medium === 'EMAIL' ? 'CustomEmailSender' : 'CustomSMSSender';
  if (functionFor(pool, sender) || functionFor(pool, 'CustomMessage')) return composeMessage(ctx, pool, user, request);
  return templateMessage(pool, user, request.kind, request.medium, request.code);
}

export const LINK_PLACEHOLDER = '{##Click Here##}';
/** The developer guide: "The maximum length for an email message is 20,000 UTF-8 characters ... includes the verification code." */
export const MAX_EMAIL_MESSAGE_LENGTH = 20_000;
/** "The maximum length of SMS messages is 140 UTF-8 characters. This length includes the verification code." */
export const MAX_SMS_MESSAGE_LENGTH = 140;

/**
 * UNSURE: a returned message Cognito cannot send (no `{####}`; for AdminCreateUser no `{username}`;
 * too long) is replaced by the pool's own message, silently. Reported for AdminCreateUser (the
 * developer guide fixed its wording after "the default message is used instead and no warning is
 * given") and for a too-long email; older reports show an InvalidParameterException instead.
 */
export const UNSENDABLE_MESSAGE_FALLS_BACK = true;

/**
 * CustomMessage_<kind>: the text the function writes for the medium. A member left null keeps the
 * pool's text (an email's subject and body are taken separately).
 */
async function customMessage(ctx: Context, pool: UserPool, user: User, request: MessageRequest, template: MessageTemplate): Promise<MessageTemplate> {
  const admin = request.kind === 'ADMIN_CREATE_USER';
  const event = triggerEvent(
    pool,
    `CustomMessage_${TRIGGER_SOURCE_SUFFIX[request.kind]}`,
    user.username,
    request.caller,
    {
      userAttributes: eventUserAttributes(pool, user),
      codeParameter: CODE_PLACEHOLDER,
      linkParameter: LINK_PLACEHOLDER,
      usernameParameter: admin ? USERNAME_PLACEHOLDER : null,
      ...withClientMetadata(request.clientMetadata),
    },
    { smsMessage: null, emailMessage: null, emailSubject: null },
  );
  const answer = await runTrigger(ctx, pool, 'CustomMessage', event, (response) => ({
    smsMessage: optionalString(response.smsMessage),
    emailMessage: optionalString(response.emailMessage),
    emailSubject: optionalString(response.emailSubject),
  }));
  const sendable = (text: string, maxLength: number) =>
    !UNSENDABLE_MESSAGE_FALLS_BACK ||
    (text.includes(CODE_PLACEHOLDER) && (!admin || text.includes(USERNAME_PLACEHOLDER)) && fillIn(text, request.code, user.username).length <= maxLength);

  if (request.medium === 'SMS') {
    return answer.smsMessage !== undefined && sendable(answer.smsMessage, MAX_SMS_MESSAGE_LENGTH) ? { body: answer.smsMessage } : template;
  }
  if (answer.emailMessage !== undefined && !sendable(answer.emailMessage, MAX_EMAIL_MESSAGE_LENGTH)) return template;
  return { subject: answer.emailSubject ?? template.subject, body: answer.emailMessage ?? template.body };
}

/**
 * UNSURE (and a deliberate difference): Cognito encrypts `request.code` with the pool's KMS key
 * (LambdaConfig.KMSKeyID) through the AWS Encryption SDK, and the function decrypts it with KMS.
 * kognito has no KMS: the code is handed over as it is, and a function should skip decryption
 * locally (see the README).
 */
export const SENDER_CODE_IN_PLAIN_TEXT = true;

/**
 * Custom<Email|SMS>Sender_<kind>: hands the code of a composed message to the pool's sender function,
 * without waiting (Cognito invokes the custom senders asynchronously: their errors never reach the
 * caller; they are listed by /_kognito/triggers and logged). Nothing for a message kognito delivers.
 */
export function handOver(ctx: Context, pool: UserPool, user: User, composed: ComposedMessage): void {
  if (!composed.handedTo) return;
  const { sender, request } = composed.handedTo;
  const event = triggerEvent(
    pool,
    `${sender}_${TRIGGER_SOURCE_SUFFIX[request.kind]}`,
    user.username,
    request.caller,
    {
      type: sender === 'CustomEmailSender' ? 'customEmailSenderRequestV1' : 'customSMSSenderRequestV1',
      code: composed.code,
      ...withClientMetadata(request.clientMetadata),
      userAttributes: eventUserAttributes(pool, user),
    },
    null,
  );
  runTrigger(ctx, pool, sender, event, () => undefined).catch(() => {
    // Recorded and logged by runTrigger; nobody waits for a sender.
  });
}
