/** createServer(config): the Fastify app with every route, and its context. No listen() here. */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { pino, type Logger } from 'pino';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import type { Config } from './config.js';
import type { Context } from './context.js';
import { Clock } from './domain/clock.js';
import { KeyRing } from './domain/tokens.js';
import { Store } from './store/store.js';
import { CognitoError, internalError } from './protocol/errors.js';
import { errorPayload, makeApiHandler, sendError, toCognitoError } from './protocol/awsJson.js';
import { applyCors, browserPolicy, KOGNITO_PREFIX, preflight } from './http/cors.js';
import { wellKnownRoutes } from './http/wellKnown.js';
import { kognitoRoutes } from './http/kognito.js';
import { Lambdas } from './domain/triggers/lambdas.js';
import { TriggerInvocations } from './domain/triggers/invocations.js';
import type { Seed } from './seed/seedFile.js';
import { oauth2Routes } from './http/oauth2/index.js';
import { UserImports } from './domain/userImport.js';

export interface KognitoServer {
  app: FastifyInstance;
  ctx: Context;
  /** Closes the HTTP server, then the store. */
  close(): Promise<void>;
}

export const BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * Fastify's schema compilers (Ajv, fast-json-stringify), loaded from Fastify's own dependencies only
 * when a route declares a schema. No kognito route does (the API is checked against the Cognito model
 * by protocol/validate.ts), and Fastify would otherwise load them at start, a tenth of kognito's
 * start-up. (A route's `headers` schema would see header names as sent, as with any compiler given to Fastify.)
 */
const fastifyRequire = createRequire(createRequire(import.meta.url).resolve('fastify'));
type CompilerFactory = (...args: unknown[]) => unknown;
let validators: CompilerFactory | undefined;
let serializers: CompilerFactory | undefined;
const schemaCompilers = {
  buildValidator: (...args: unknown[]) => (validators ??= fastifyRequire('@fastify/ajv-compiler')())(...args),
  buildSerializer: (...args: unknown[]) => (serializers ??= fastifyRequire('@fastify/fast-json-stringify-compiler')())(...args),
};

export function createServer(
  config: Config,
  log: Logger = pino({ level: config.logLevel }),
  seed?: { seed: Seed; source: string },
): KognitoServer {
  const store = new Store(config.dataDir, log);
  const ctx: Context = {
    config,
    store,
    clock: new Clock(),
    keys: new KeyRing(store),
    log,
    issuer: config.issuer,
    lambdas: new Lambdas(config, log),
    triggerInvocations: new TriggerInvocations(),
    userImports: new UserImports(),
    seed,
  };
  ctx.userImports.resume(ctx);

  const app = Fastify({
    logger: false,
    bodyLimit: BODY_LIMIT_BYTES,
    genReqId: () => randomUUID(),
    return503OnClosing: false,
    schemaController: { compilersFactory: schemaCompilers as never },
  });

  // Every body is JSON text whatever its Content-Type (x-amz-json-1.1, json, none): parsed by the protocol.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  const browsers = browserPolicy(config);
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-amzn-requestid', request.id);
    applyCors(browsers, request, reply);
    request.commitFailures = store.commitFailures;
    done();
  });
  // Group commit (store.ts): nothing is answered before the writes it made or read are committed; a
  // request that was running when a commit failed answers an internal error, never a success.
  const sendCommitted = (request: FastifyRequest, reply: FastifyReply, payload: unknown, done: (error: null, payload: unknown) => void) => {
    if ((request.commitFailures ?? store.commitFailures) === store.commitFailures) return done(null, payload);
    reply.removeHeader('location');
    done(null, errorPayload(reply, internalError()));
  };
  app.addHook('onSend', (request, reply, payload, done) => {
    const committed = store.committed();
    if (committed) void committed.then(() => sendCommitted(request, reply, payload, done));
    else sendCommitted(request, reply, payload, done);
  });
  // One line per request, at info; not even built when the level is higher (the benchmark runs at warn).
  if (log.isLevelEnabled('info')) {
    app.addHook('onResponse', (request, reply, done) => {
      const line = { op: request.operation ?? `${request.method} ${request.url}`, status: reply.statusCode, ms: +reply.elapsedTime.toFixed(2) };
      const failure = request.failure;
      if (failure) log.info({ ...line, __type: failure.type, message: failure.message }, 'request');
      else log.info(line, 'request');
      done();
    });
  }

  app.options('*', preflight(browsers));
  // Operations still running (a client may hang up mid-way) finish before close() shuts the store.
  const running = new Set<Promise<unknown>>();
  const api = makeApiHandler(ctx);
  app.post('*', (request, reply) => {
    const answered = api(request, reply);
    running.add(answered);
    void answered.finally(() => running.delete(answered));
    return answered;
  });
  app.register(wellKnownRoutes(ctx));
  app.register(kognitoRoutes(ctx, browsers), { prefix: KOGNITO_PREFIX });
  app.register(oauth2Routes(ctx));

  app.setNotFoundHandler((request, reply) =>
    sendError(reply, new CognitoError('ResourceNotFoundException', `No resource at ${request.method} ${request.url.split('?')[0]}.`, 404)),
  );
  app.setErrorHandler((error: Error & { code?: string; statusCode?: number }, request, reply) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return sendError(reply, new CognitoError('SerializationException', `Request body is larger than ${BODY_LIMIT_BYTES} bytes.`, 413));
    }
    if (error.statusCode && error.statusCode < 500) {
      return sendError(reply, new CognitoError('SerializationException', error.message, 400));
    }
    return sendError(reply, toCognitoError(error, ctx, request.operation ?? request.url));
  });

  return {
    app,
    ctx,
    async close() {
      await app.close();
      await Promise.allSettled(running);
      await ctx.userImports.close();
      await ctx.lambdas.close();
      store.close();
    },
  };
}
