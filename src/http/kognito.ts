/** The developer API under /_kognito: health, the outbox of "sent" codes, the clock, reset. */
import type { FastifyPluginAsync } from 'fastify';
import type { Context } from '../context.js';
import { CognitoError } from '../protocol/errors.js';
import { sendError } from '../protocol/awsJson.js';

export const kognitoRoutes =
  (ctx: Context): FastifyPluginAsync =>
  async (app) => {
    app.get('/health', async () => ({ status: 'ok' }));

    app.get<{ Querystring: { userPoolId?: string; username?: string } }>('/messages', async (request) => ({
      messages: ctx.store.outbox.list({ userPoolId: request.query.userPoolId, username: request.query.username }),
    }));

    app.post('/clock', async (request, reply) => {
      let advanceSeconds: unknown;
      try {
        advanceSeconds = (JSON.parse((request.body as string) || '{}') as { advanceSeconds?: unknown }).advanceSeconds;
      } catch {
        advanceSeconds = undefined;
      }
      if (typeof advanceSeconds !== 'number' || !Number.isFinite(advanceSeconds)) {
        return sendError(reply, new CognitoError('InvalidParameterException', 'Body must be {"advanceSeconds": <number>}.'));
      }
      ctx.clock.advance(advanceSeconds);
      return { offsetSeconds: ctx.clock.offsetSeconds, now: new Date(ctx.clock.now()).toISOString() };
    });

    app.delete('/clock', async () => {
      ctx.clock.reset();
      return { offsetSeconds: 0, now: new Date(ctx.clock.now()).toISOString() };
    });

    app.post('/reset', async () => {
      ctx.store.reset();
      ctx.keys.forget();
      ctx.clock.reset();
      return { status: 'reset' };
    });
  };
