/**
 * Which browser pages may use kognito. A tool that listens on a developer's machine must not be
 * scriptable by the web pages they visit, yet a browser app (Amplify, amazon-cognito-identity-js) on
 * any development origin must be able to call the Cognito API:
 *
 * - The Cognito API (POST /) and the well-known documents answer every origin with
 *   `Access-Control-Allow-Origin: *`, never with credentials (no page can ride a developer's cookies).
 * - /_kognito (every user's codes, the clock, reset) serves only requests whose Host is kognito's own
 *   (no DNS rebinding) and pages of a loopback origin, of kognito's own origin or of an allowed origin
 *   (http/kognitoGuard.ts); a state-changing call needs a JSON body, which no form can send.
 * - Chrome's private-network access (a public page calling localhost) is granted to allowed origins only.
 *
 * Allowed origins and hosts come from --allowed-origins / KOGNITO_ALLOWED_ORIGINS and --allowed-hosts /
 * KOGNITO_ALLOWED_HOSTS (comma-separated; `*` allows any).
 */
import { isIP } from 'node:net';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';

const EXPOSED_HEADERS = 'x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date';
const DEFAULT_ALLOWED_HEADERS =
  'content-type,x-amz-target,x-amz-user-agent,cache-control,amz-sdk-invocation-id,amz-sdk-request,authorization,x-amz-date,x-amz-content-sha256,x-amz-security-token';
/** UNSURE what AWS sends; any value works for browsers. */
export const PREFLIGHT_MAX_AGE_SECONDS = 86400;

/** Where the developer API lives; its pages and hosts are checked (kognitoGuard.ts). */
export const KOGNITO_PREFIX = '/_kognito';

/**
 * Host names /_kognito answers besides IP literals and single-label names (`localhost`, a compose
 * service name such as `kognito`), none of which an attacker's DNS can point at kognito: a DNS
 * rebinding page always has a dotted name of the attacker's domain as Host.
 */
export const TRUSTED_HOST_NAMES: readonly string[] = ['host.docker.internal'];

export interface BrowserPolicy {
  /** Whether /_kognito answers a request with this Host header. */
  allowsHost(host: string | undefined): boolean;
  /** Whether a page of this origin may use /_kognito (the request's Host was allowed). */
  allowsPage(origin: string, host: string | undefined): boolean;
  /** Whether this origin was allowed by configuration (and so is granted private-network access). */
  listsOrigin(origin: string): boolean;
}

/** The host name of a Host header or URL host, lower case, without port or IPv6 brackets. */
export function hostName(host: string): string {
  const h = host.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(1, h.indexOf(']') === -1 ? undefined : h.indexOf(']'));
  const colon = h.lastIndexOf(':');
  return colon === -1 ? h : h.slice(0, colon);
}

const isLoopbackName = (name: string) =>
  name === 'localhost' || name.endsWith('.localhost') || name === '::1' || (isIP(name) === 4 && name.startsWith('127.'));

/** Normalizes one configured origin (`http://localhost:3000/` -> `http://localhost:3000`). */
function normalizeOrigin(origin: string): string {
  if (origin === '*') return origin;
  try {
    return new URL(origin).origin;
  } catch {
    return origin.toLowerCase();
  }
}

/** The policy of a configuration, built once at start-up. */
export function browserPolicy(config: Pick<Config, 'host' | 'allowedOrigins' | 'allowedHosts'>): BrowserPolicy {
  const origins = new Set((config.allowedOrigins ?? []).map(normalizeOrigin));
  const anyOrigin = origins.has('*');
  const hosts = new Set([...TRUSTED_HOST_NAMES, ...(config.allowedHosts ?? []).map((h) => hostName(h)), hostName(config.host)]);
  const anyHost = hosts.has('*');
  const allowsHost = (host: string | undefined) => {
    if (host === undefined || anyHost) return true; // HTTP/1.0 without Host: no browser sends that
    const name = hostName(host);
    return isIP(name) !== 0 || !name.includes('.') || name.endsWith('.localhost') || hosts.has(name);
  };
  const listsOrigin = (origin: string) => anyOrigin || origins.has(origin.toLowerCase()) || origins.has(normalizeOrigin(origin));
  return {
    allowsHost,
    listsOrigin,
    allowsPage(origin, host) {
      if (listsOrigin(origin)) return true;
      let url: URL;
      try {
        url = new URL(origin); // "null" (sandboxed pages, file:) is no origin we can trust
      } catch {
        return false;
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
      // kognito's own pages, or a page served from this machine's loopback.
      return (host !== undefined && url.host === host.toLowerCase()) || isLoopbackName(hostName(url.host));
    },
  };
}

const isKognito = (request: FastifyRequest) => request.url === KOGNITO_PREFIX || request.url.startsWith(`${KOGNITO_PREFIX}/`) || request.url.startsWith(`${KOGNITO_PREFIX}?`);

/**
 * CORS headers of every response. The Cognito API: any origin, no credentials. /_kognito: the page's
 * origin when it may use it (the guard refuses the others), nothing otherwise.
 */
export function applyCors(policy: BrowserPolicy, request: FastifyRequest, reply: FastifyReply): void {
  const origin = request.headers.origin;
  if (isKognito(request)) {
    if (origin && policy.allowsHost(request.headers.host) && policy.allowsPage(origin, request.headers.host)) {
      reply.header('access-control-allow-origin', origin);
      reply.header('vary', 'Origin');
      reply.header('access-control-expose-headers', EXPOSED_HEADERS);
    }
    return;
  }
  reply.header('access-control-allow-origin', '*');
  reply.header('access-control-expose-headers', EXPOSED_HEADERS);
}

/** OPTIONS on any path: the preflight a browser sends before a non-simple request. */
export const preflight = (policy: BrowserPolicy) => (request: FastifyRequest, reply: FastifyReply) => {
  const origin = request.headers.origin;
  if (isKognito(request) && !(origin && policy.allowsHost(request.headers.host) && policy.allowsPage(origin, request.headers.host))) {
    return reply.code(403).send();
  }
  reply.header('access-control-allow-methods', 'POST, GET, OPTIONS, DELETE');
  reply.header('access-control-allow-headers', request.headers['access-control-request-headers'] ?? DEFAULT_ALLOWED_HEADERS);
  reply.header('access-control-max-age', String(PREFLIGHT_MAX_AGE_SECONDS));
  if (request.headers['access-control-request-private-network'] === 'true' && origin && policy.listsOrigin(origin)) {
    reply.header('access-control-allow-private-network', 'true');
  }
  return reply.code(204).send();
};
