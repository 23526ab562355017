/**
 * The guard of /_kognito (see cors.ts for the whole policy): a request must name kognito's own Host
 * (a DNS rebinding page names the attacker's domain), come from no page or from a page that may use
 * /_kognito, and, when it changes state (POST), carry a JSON body: an HTML form or a `no-cors` fetch
 * can only send form or text bodies, without a preflight.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CognitoError } from '../protocol/errors.js';
import { sendError } from '../protocol/awsJson.js';
import { hostName, type BrowserPolicy } from './cors.js';

const forbidden = (message: string) => new CognitoError('ForbiddenException', message, 403);

const JSON_CONTENT_TYPE = /^application\/json\s*(;|$)/i;

export const guardKognito = (policy: BrowserPolicy) => (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
  const { host, origin } = request.headers;
  if (!policy.allowsHost(host)) {
    const name = hostName(host!);
    return sendError(reply, forbidden(`Host ${name} may not use /_kognito; allow it with --allowed-hosts ${name} (or KOGNITO_ALLOWED_HOSTS).`));
  }
  if (origin !== undefined && !policy.allowsPage(origin, host)) {
    return sendError(reply, forbidden(`Pages of ${origin} may not use /_kognito; allow them with --allowed-origins ${origin} (or KOGNITO_ALLOWED_ORIGINS).`));
  }
  if (request.method === 'POST' && !JSON_CONTENT_TYPE.test(request.headers['content-type'] ?? '')) {
    return sendError(
      reply,
      new CognitoError('UnsupportedMediaTypeException', `POST ${request.url.split('?')[0]} needs Content-Type: application/json.`, 415),
    );
  }
  done();
};
