/**
 * AWS JSON 1.1 as cognito-idp speaks it: POST / routed by X-Amz-Target, JSON in, JSON out, errors as
 * {"__type","message"} with x-amzn-ErrorType. No signature is required or checked.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Context, Operation } from '../context.js';
import { operations } from '../operations/index.js';
import { CognitoError, SerializationError, UnknownOperation, internalError } from './errors.js';
import { isModeledOperation, validateInput } from './validate.js';
import { requestBaseUrl } from '../http/oauth2/http.js';

const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.';
export const CONTENT_TYPE = 'application/x-amz-json-1.1';

/** Real Cognito answers a non-enabled feature with this modeled 400; we answer unimplemented operations so. */
export const notImplemented = (name: string) =>
  new CognitoError('UnsupportedOperationException', `kognito does not implement ${name} yet.`);

export function operationName(target: string | string[] | undefined): string {
  if (typeof target !== 'string' || !target.startsWith(TARGET_PREFIX)) {
    throw UnknownOperation(`Missing or invalid X-Amz-Target header; expected ${TARGET_PREFIX}<Operation>.`);
  }
  const name = target.slice(TARGET_PREFIX.length);
  if (!isModeledOperation(name)) throw UnknownOperation(`Operation ${name} is not supported.`);
  return name;
}

/**
 * UNSURE: the deepest JSON nesting accepted, and the answer beyond it. Jackson (which Coral services
 * parse with) refuses more than 1000 levels since 2.15 (StreamReadConstraints); the message Coral
 * wraps it in was never observed. Only unknown members can nest deeper than the model (which is a
 * few levels deep); they are ignored, but are refused here before anything walks them.
 */
export const MAX_NESTING_DEPTH = 1000;
export const nestingTooDeep = (depth: number) =>
  `Document nesting depth (${depth}) exceeds the maximum allowed (${MAX_NESTING_DEPTH}).`;

/** The first nesting depth beyond MAX_NESTING_DEPTH in JSON text, or 0. */
export function excessNesting(text: string): number {
  // Each level takes an opening and a closing character: shorter texts cannot be too deep.
  if (text.length <= 2 * MAX_NESTING_DEPTH) return 0;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > MAX_NESTING_DEPTH) return depth;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return 0;
}

export function parseBody(body: unknown): Record<string, unknown> {
  if (body === undefined || body === null || body === '') return {};
  const tooDeep = excessNesting(body as string);
  if (tooDeep) throw SerializationError(nestingTooDeep(tooDeep));
  let parsed: unknown;
  try {
    parsed = JSON.parse(body as string);
  } catch {
    throw SerializationError('Invalid JSON in request body.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw SerializationError('Start of list or value found where a structure was expected.');
  }
  return parsed as Record<string, unknown>;
}

export function makeApiHandler(ctx: Context) {
  return async function api(request: FastifyRequest, reply: FastifyReply) {
    let name = 'unknown';
    try {
      name = operationName(request.headers['x-amz-target']);
      // Validation first, as AWS does: a bad input gets the same answer whether or not kognito implements the operation.
      const input = validateInput(name, parseBody(request.body));
      const handler = (operations as Record<string, Operation<unknown> | undefined>)[name];
      if (!handler) throw notImplemented(name);
      const output = await handler(input, ctx, {
        region: regionOf(request.headers.authorization),
        sourceIp: request.ip,
        // Only CreateUserImportJob reads it: built when read, not on every request.
        get baseUrl() {
          return requestBaseUrl(request);
        },
        userAgent: headerValue(request.headers['x-amz-user-agent']) ?? headerValue(request.headers['user-agent']),
      });
      request.operation = name;
      reply.header('content-type', CONTENT_TYPE);
      return reply.send(jsonBody(output ?? {}));
    } catch (error) {
      request.operation = name;
      return sendError(reply, toCognitoError(error, ctx, name));
    }
  };
}

export const DEFAULT_REGION = 'us-east-1';

const headerValue = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
const CREDENTIAL_SCOPE = /Credential=[^/]+\/\d{8}\/([a-z0-9-]+)\/cognito-idp\//;

/** The region a signed request names in its credential scope (signatures themselves are not checked). */
function regionOf(authorization: string | undefined): string {
  return (authorization && CREDENTIAL_SCOPE.exec(authorization)?.[1]) || DEFAULT_REGION;
}

export function toCognitoError(error: unknown, ctx: Pick<Context, 'log'>, operation: string): CognitoError {
  if (error instanceof CognitoError) return error;
  ctx.log.error({ err: error, operation }, 'internal error');
  return internalError();
}

/**
 * UNSURE: x-amzn-ErrorMessage is cut to this many characters (ending in "..."); the body keeps the whole
 * message. AWS's own bound was not found; a validation message repeats the offending value, and an
 * unbounded header breaks clients (Node's fetch and the SDK v3 refuse a header block over 16 KiB:
 * "Header overflow"). Every client reads the message from the body; 1024 keeps every message
 * kognito writes itself whole.
 */
export const MAX_ERROR_MESSAGE_HEADER_LENGTH = 1024;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** The x-amzn-ErrorMessage value of a message: printable ASCII only (Node refuses other bytes), bounded. */
export function errorMessageHeader(message: string): string | undefined {
  const bounded = message.length <= MAX_ERROR_MESSAGE_HEADER_LENGTH ? message : `${message.slice(0, MAX_ERROR_MESSAGE_HEADER_LENGTH - 3)}...`;
  return PRINTABLE_ASCII.test(bounded) ? bounded : undefined;
}

export function sendError(reply: FastifyReply, error: CognitoError) {
  return reply.send(errorPayload(reply, error));
}

/** Sets the status and headers of an error answer; returns its body. */
export function errorPayload(reply: FastifyReply, error: CognitoError): Buffer {
  reply.request.failure = error; // for the request's log line
  reply.code(error.status);
  reply.header('content-type', CONTENT_TYPE);
  reply.header('x-amzn-errortype', `${error.type}:`);
  const header = errorMessageHeader(error.message);
  if (header !== undefined) reply.header('x-amzn-errormessage', header);
  return jsonBody({ __type: error.type, message: error.message });
}

/** A Buffer, so Fastify sends the Content-Type exactly as set (a string would get `; charset=utf-8` appended). */
export const jsonBody = (value: unknown) => Buffer.from(JSON.stringify(value));

declare module 'fastify' {
  interface FastifyRequest {
    operation?: string;
    /** The store's commitFailures when the request came in (group commit, server.ts). */
    commitFailures?: number;
    /** The error the request was answered with, if any. */
    failure?: CognitoError;
  }
}
