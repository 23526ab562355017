/**
 * Who is calling the token and revoke endpoints: the app client named by HTTP Basic
 * (client_secret_basic) or by client_id / client_secret in the form (client_secret_post). Any of a
 * confidential client's secrets (two during a rotation) authenticates it.
 */
import type { FastifyRequest } from 'fastify';
import type { Context } from '../../context.js';
import type { UserPool } from '../../store/userPools.js';
import type { UserPoolClientDescription } from '../../store/userPoolClients.js';
import { isClientSecret, secretsOf } from '../../domain/appClients.js';
import { ENDPOINTS_NEED_A_DOMAIN } from './request.js';

/**
 * UNSURE: a client secret sent for a public client (one without secrets) fails authentication, as
 * RFC 6749 2.3 has it; Cognito is reported to refuse such requests too.
 */
export const PUBLIC_CLIENT_WITH_SECRET_FAILS = true;

/** `Basic base64(client_id:client_secret)`, each part form-encoded (RFC 6749 2.3.1). */
function basicCredentials(request: FastifyRequest): { id: string; secret: string } | undefined | 'malformed' {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header);
  if (!match) return 'malformed';
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return 'malformed';
  try {
    return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
  } catch {
    return 'malformed';
  }
}

/** The authenticated client and its pool, or undefined: the caller answers `invalid_client`. */
export function authenticateClient(ctx: Context, request: FastifyRequest, form: URLSearchParams): { client: UserPoolClientDescription; pool: UserPool } | undefined {
  const basic = basicCredentials(request);
  if (basic === 'malformed') return undefined;
  const formId = form.get('client_id') ?? undefined;
  if (basic && formId !== undefined && formId !== basic.id) return undefined;
  const id = basic?.id ?? formId;
  const secret = basic?.secret ?? form.get('client_secret') ?? undefined;
  const client = id === undefined ? undefined : ctx.store.clients.get(id);
  const pool = client && ctx.store.userPools.get(client.UserPoolId);
  if (!client || !pool || (ENDPOINTS_NEED_A_DOMAIN && !ctx.store.domains.ofPool(pool.id))) return undefined;
  if (secretsOf(client).length) {
    if (secret === undefined || !isClientSecret(client, secret)) return undefined;
  } else if (secret !== undefined && secret !== '' && PUBLIC_CLIENT_WITH_SECRET_FAILS) {
    return undefined;
  }
  return { client, pool };
}
