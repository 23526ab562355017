/**
 * GET /error: the page Cognito sends a browser to when the request cannot be answered at its
 * redirect_uri (no such client, a redirect_uri that is not a callback URL of the client).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { queryOf, sendPage } from './http.js';
import { errorPage } from './pages.js';

/** Where the hosted pages send a browser for an error (Cognito: /error?error=redirect_mismatch&client_id=...). */
export function errorPageLocation(error: string, description: string | undefined, clientId: string | null): string {
  const parameters = new URLSearchParams({ error, ...(description ? { error_description: description } : {}), ...(clientId ? { client_id: clientId } : {}) });
  return `/error?${parameters}`;
}

export const errorRoute = () => async (request: FastifyRequest, reply: FastifyReply) => {
  const query = queryOf(request);
  return sendPage(reply, 400, errorPage(query.get('error') ?? 'invalid_request', query.get('error_description') ?? undefined));
};
