/**
 * What the pool endpoints share on the wire: form bodies, cookies, the addresses kognito is reached
 * at, OAuth error bodies and HTML pages.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Call, Context } from '../../context.js';
import type { UserPool } from '../../store/userPools.js';

/** The query string of a request, as URLSearchParams (first value of a repeated name wins, as get() does). */
export const queryOf = (request: FastifyRequest) => new URLSearchParams(request.url.split('?')[1] ?? '');

/** An application/x-www-form-urlencoded body (the server hands every body over as text). */
export const formOf = (request: FastifyRequest) => new URLSearchParams(typeof request.body === 'string' ? request.body : '');

/** Whether the body is a form, as the token and revoke endpoints require ("Must always be application/x-www-form-urlencoded"). */
export const isForm = (request: FastifyRequest) =>
  (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase() === 'application/x-www-form-urlencoded';

export function cookiesOf(request: FastifyRequest): Record<string, string> {
  const cookies: Record<string, string> = Object.create(null);
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at <= 0) continue;
    const value = part.slice(at + 1).trim();
    try {
      cookies[part.slice(0, at).trim()] = decodeURIComponent(value);
    } catch {
      cookies[part.slice(0, at).trim()] = value; // not ours: a malformed escape is kept as sent
    }
  }
  return cookies;
}

/** Sets a cookie only this site's pages read: HttpOnly, SameSite=Lax, Secure when served over https. */
export function setCookie(request: FastifyRequest, reply: FastifyReply, name: string, value: string, maxAgeSeconds: number): void {
  const secure = request.protocol === 'https' ? '; Secure' : '';
  const cookie = `${name}=${encodeURIComponent(value)}; Path=/; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Lax${secure}`;
  const existing = reply.getHeader('set-cookie');
  reply.header('set-cookie', existing === undefined ? [cookie] : [...(Array.isArray(existing) ? existing : [String(existing)]), cookie]);
}

/** The address this request came to: where its caller reaches kognito. */
export const requestBaseUrl = (request: FastifyRequest) => `${request.protocol}://${request.headers.host ?? request.hostname}`;

/** Where browsers reach kognito: --public-url when set, else the address the request came to. */
export const browserBaseUrl = (request: FastifyRequest, ctx: Context) => ctx.config.publicUrl ?? requestBaseUrl(request);

/** Appends parameters to a redirect URI, in its query (`?` or `&`) or, for implicit grants, its fragment. */
export function withParameters(uri: string, parameters: Record<string, string | undefined>, inFragment = false): string {
  const encoded = new URLSearchParams(Object.entries(parameters).filter((entry): entry is [string, string] => entry[1] !== undefined)).toString();
  if (inFragment) return `${uri}#${encoded}`;
  return `${uri}${uri.includes('?') ? '&' : '?'}${encoded}`;
}

/** An OAuth error answered as JSON, as the token, userInfo and revoke endpoints answer them. */
export function sendOAuthError(reply: FastifyReply, status: number, error: string, description?: string) {
  reply.code(status).header('content-type', 'application/json;charset=UTF-8');
  return reply.send(JSON.stringify({ error, ...(description ? { error_description: description } : {}) }));
}

export function sendJson(reply: FastifyReply, body: unknown) {
  reply.code(200).header('content-type', 'application/json;charset=UTF-8').header('cache-control', 'no-store');
  return reply.send(JSON.stringify(body));
}

export function sendPage(reply: FastifyReply, status: number, html: string) {
  reply.code(status).header('content-type', 'text/html;charset=UTF-8').header('cache-control', 'no-store');
  return reply.send(html);
}

export const redirect = (reply: FastifyReply, location: string) => reply.code(302).header('location', location).header('cache-control', 'no-store').send();

/** The call as the triggers' callerContext sees it: the pool's region, the browser's or app's address and agent. */
export const callOf = (request: FastifyRequest, pool: UserPool): Call => ({
  region: pool.region,
  sourceIp: request.ip,
  userAgent: request.headers['user-agent'],
});
