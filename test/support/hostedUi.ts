/**
 * The hosted pages driven over HTTP, as a browser without script would: a cookie jar, redirects
 * followed by hand (so each hop can be asserted), forms read from the HTML and posted back.
 */
import { createServer } from 'node:net';
import {
  CreateResourceServerCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  CreateUserPoolDomainCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { startServer, type TestServer } from './server.js';

/** A kognito whose issuer is its own address, so OIDC discovery (openid-client) accepts it. */
export async function startServerWithOwnIssuer(): Promise<TestServer> {
  const port = await new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
  return startServer({ issuer: `http://127.0.0.1:${port}` }, port);
}

export interface Page {
  status: number;
  location?: string;
  html: string;
  url: string;
}

/** A browser's cookies and its requests (no redirect followed unless asked). */
export class Browser {
  readonly cookies = new Map<string, string>();
  constructor(readonly base: string) {}

  private absolute(url: string) {
    return url.startsWith('http') ? url : `${this.base}${url}`;
  }

  async request(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Page> {
    const target = this.absolute(url);
    const response = await fetch(target, {
      method: init.method ?? (init.form ? 'POST' : 'GET'),
      redirect: 'manual',
      headers: {
        cookie: [...this.cookies].map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join('; '),
        ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: init.form ? new URLSearchParams(init.form).toString() : undefined,
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair, ...attributes] = cookie.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = decodeURIComponent(pair.slice(at + 1).trim());
      if (attributes.some((a) => /^\s*max-age=0$/i.test(a))) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return { status: response.status, location: response.headers.get('location') ?? undefined, html: await response.text(), url: target };
  }

  /** Follows redirects within kognito; stops at the first hop that leaves it (the app's callback) or at a page. */
  async follow(url: string, init: { form?: Record<string, string> } = {}): Promise<Page> {
    let page = await this.request(url, init);
    while (page.status === 302 && page.location && (page.location.startsWith('/') || page.location.startsWith(this.base))) {
      page = await this.request(page.location);
    }
    return page;
  }

  /** Posts a page's form: its hidden fields, plus the given ones. */
  submit(page: Page, fields: Record<string, string>, formId?: string): Promise<Page> {
    return this.follow(formAction(page, formId), { form: { ...hiddenFields(page.html, formId), ...fields } });
  }
}

const unescape = (text: string) => text.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

function formHtml(html: string, formId?: string): string {
  const start = formId ? html.indexOf(`<form id="${formId}"`) : html.indexOf('<form');
  if (start < 0) throw new Error(`no form${formId ? ` #${formId}` : ''} in the page:\n${html}`);
  return html.slice(start, html.indexOf('</form>', start));
}

export function formAction(page: Page, formId?: string): string {
  return unescape(/action="([^"]*)"/.exec(formHtml(page.html, formId))![1]);
}

export function hiddenFields(html: string, formId?: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const match of formHtml(html, formId).matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) fields[unescape(match[1])] = unescape(match[2]);
  return fields;
}

/** The text of the element with this id, if the page has it. */
export function textOf(html: string, id: string): string | undefined {
  const match = new RegExp(`id="${id}"[^>]*>([^<]*)<`).exec(html);
  return match ? unescape(match[1]) : undefined;
}

/**
 * A pool with a domain, a resource server `api` (read, write), a public code-flow client `web`, a
 * confidential code-flow client `server` and a client_credentials client `m2m`.
 */
export async function oauthPool(t: TestServer, options: { pool?: Record<string, unknown>; web?: Record<string, unknown> } = {}) {
  const pool = (await t.sdk.send(new CreateUserPoolCommand({ PoolName: 'hosted', AutoVerifiedAttributes: ['email'], ...options.pool } as any))).UserPool!;
  const userPoolId = pool.Id!;
  await t.sdk.send(new CreateUserPoolDomainCommand({ UserPoolId: userPoolId, Domain: `hosted-${userPoolId.split('_')[1].toLowerCase()}` }));
  await t.sdk.send(
    new CreateResourceServerCommand({
      UserPoolId: userPoolId,
      Identifier: 'api',
      Name: 'API',
      Scopes: [
        { ScopeName: 'read', ScopeDescription: 'Read' },
        { ScopeName: 'write', ScopeDescription: 'Write' },
      ],
    }),
  );
  const codeClient = {
    AllowedOAuthFlowsUserPoolClient: true,
    AllowedOAuthFlows: ['code'],
    AllowedOAuthScopes: ['openid', 'email', 'profile', 'aws.cognito.signin.user.admin', 'api/read'],
    CallbackURLs: [CALLBACK],
    LogoutURLs: [SIGNED_OUT],
    SupportedIdentityProviders: ['COGNITO'],
    ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
  };
  const client = async (settings: Record<string, unknown>) =>
    (await t.sdk.send(new CreateUserPoolClientCommand({ UserPoolId: userPoolId, ...settings } as any))).UserPoolClient!;
  const web = await client({ ClientName: 'web', ...codeClient, ...options.web });
  const server = await client({ ClientName: 'server', GenerateSecret: true, ...codeClient });
  const m2m = await client({
    ClientName: 'm2m',
    GenerateSecret: true,
    AllowedOAuthFlowsUserPoolClient: true,
    AllowedOAuthFlows: ['client_credentials'],
    AllowedOAuthScopes: ['api/read', 'api/write'],
  });
  return { userPoolId, web, server, m2m };
}

export const CALLBACK = 'http://localhost:3000/callback';
export const SIGNED_OUT = 'http://localhost:3000/signed-out';
