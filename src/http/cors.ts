/** CORS so a browser app (Amplify, amazon-cognito-identity-js) can call kognito from any origin. */
import type { FastifyReply, FastifyRequest } from 'fastify';

const EXPOSED_HEADERS = 'x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date';
const DEFAULT_ALLOWED_HEADERS =
  'content-type,x-amz-target,x-amz-user-agent,cache-control,amz-sdk-invocation-id,amz-sdk-request,authorization,x-amz-date,x-amz-content-sha256,x-amz-security-token';
/** UNSURE what AWS sends; any value works for browsers. */
export const PREFLIGHT_MAX_AGE_SECONDS = 86400;

/** Reflects the Origin (with credentials allowed) so fetch credentials:'include' works too. */
export function applyCors(request: FastifyRequest, reply: FastifyReply): void {
  const origin = request.headers.origin;
  if (origin) {
    reply.header('access-control-allow-origin', origin);
    reply.header('access-control-allow-credentials', 'true');
    reply.header('vary', 'Origin');
  } else {
    reply.header('access-control-allow-origin', '*');
  }
  reply.header('access-control-expose-headers', EXPOSED_HEADERS);
}

export function preflight(request: FastifyRequest, reply: FastifyReply) {
  reply.header('access-control-allow-methods', 'POST, GET, OPTIONS, DELETE');
  reply.header('access-control-allow-headers', request.headers['access-control-request-headers'] ?? DEFAULT_ALLOWED_HEADERS);
  reply.header('access-control-max-age', String(PREFLIGHT_MAX_AGE_SECONDS));
  if (request.headers['access-control-request-private-network'] === 'true') {
    reply.header('access-control-allow-private-network', 'true');
  }
  return reply.code(204).send();
}
