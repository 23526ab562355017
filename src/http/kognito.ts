/**
 * The developer API under /_kognito: health, the outbox of "sent" codes, trigger invocations, the clock, reset, two
 * helpers for clients without a TOTP or SRP library (the current TOTP code, a device verifier), and
 * the auth events' FeedbackTokens.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { Context } from '../context.js';
import { CognitoError } from '../protocol/errors.js';
import { sendError } from '../protocol/awsJson.js';
import { decodeSecretCode, totpCode } from '../domain/totp.js';
import { createDeviceVerifierConfig } from '../domain/srp.js';
import type { BrowserPolicy } from './cors.js';
import { guardKognito } from './kognitoGuard.js';
import { applySeed } from '../seed/applySeed.js';
import { authEventType } from '../domain/authEvents.js';
import { findUser } from '../domain/users.js';
import { MAX_CSV_BYTES, UPLOAD_URL_VALIDITY_SECONDS } from '../domain/userImport.js';
import { sameSecret } from '../domain/secrets.js';
import { createHash } from 'node:crypto';
import type { FastifyReply } from 'fastify';

const badRequest = (message: string) => new CognitoError('InvalidParameterException', message);

/** A query parameter given at most once, or the error to answer (`?a=1&a=2` arrives as an array). */
function once(query: Record<string, string | string[] | undefined>, name: string): string | undefined | CognitoError {
  const value = query[name];
  return typeof value === 'object' ? new CognitoError('InvalidParameterException', `${name} must be given once.`) : value;
}

export const kognitoRoutes =
  (ctx: Context, policy: BrowserPolicy): FastifyPluginAsync =>
  async (app) => {
    app.addHook('onRequest', guardKognito(policy));
    app.get('/health', async () => ({ status: 'ok' }));

    app.get<{ Querystring: Record<string, string | string[] | undefined> }>('/messages', async (request, reply) => {
      const userPoolId = once(request.query, 'userPoolId');
      const username = once(request.query, 'username');
      if (userPoolId instanceof CognitoError) return sendError(reply, userPoolId);
      if (username instanceof CognitoError) return sendError(reply, username);
      return { messages: ctx.store.outbox.list({ userPoolId, username }) };
    });

    // The last code sent to a user, as plain text: CODE=$(curl -s .../_kognito/code?userPoolId=...&username=...).
    app.get<{ Querystring: { userPoolId?: string; username?: string } }>('/code', async (request, reply) => {
      const { userPoolId, username } = request.query;
      if (!userPoolId || !username) return sendError(reply, badRequest('Query must name userPoolId and username.'));
      const sent = ctx.store.outbox.list({ userPoolId, username });
      if (!sent.length) return sendError(reply, new CognitoError('ResourceNotFoundException', `No message was sent to ${username} in ${userPoolId}.`, 404));
      reply.header('content-type', 'text/plain; charset=utf-8');
      return sent[sent.length - 1].code;
    });

    // A user's auth events with their FeedbackTokens (Cognito mails those in notification links; kognito sends none).
    app.get<{ Querystring: { userPoolId?: string; username?: string } }>('/auth-events', async (request, reply) => {
      const { userPoolId, username } = request.query;
      if (!userPoolId || !username) return sendError(reply, badRequest('Query must name userPoolId and username.'));
      const pool = ctx.store.userPools.get(userPoolId);
      const user = pool && findUser(ctx.store, pool, username);
      const events = user ? ctx.store.authEvents.listForUser(userPoolId, user.username, undefined, 1000) : [];
      return { events: events.map((event) => ({ ...authEventType(event), FeedbackToken: event.feedbackToken })) };
    });

    // What an authenticator app shows now (kognito's clock) for a SecretCode, as plain text.
    app.get<{ Querystring: { secret?: string } }>('/totp', async (request, reply) => {
      const secret = request.query.secret ?? '';
      try {
        if (!secret) throw new Error('empty');
        decodeSecretCode(secret);
      } catch {
        return sendError(reply, badRequest('Query must give secret=<the SecretCode of AssociateSoftwareToken (base32)>.'));
      }
      reply.header('content-type', 'text/plain; charset=utf-8');
      return totpCode(secret, ctx.clock.now());
    });

    // A DeviceSecretVerifierConfig for ConfirmDevice, made from a device password the caller chose.
    app.post('/device-verifier', async (request, reply) => {
      let body: { DeviceGroupKey?: unknown; DeviceKey?: unknown; Password?: unknown };
      try {
        body = JSON.parse((request.body as string) || '{}');
      } catch {
        body = {};
      }
      const { DeviceGroupKey, DeviceKey, Password } = body ?? {};
      if (typeof DeviceGroupKey !== 'string' || typeof DeviceKey !== 'string' || typeof Password !== 'string' || !DeviceGroupKey || !DeviceKey || !Password) {
        return sendError(reply, badRequest('Body must be {"DeviceGroupKey": "...", "DeviceKey": "...", "Password": "..."}.'));
      }
      return createDeviceVerifierConfig(DeviceGroupKey, DeviceKey, Password);
    });

    app.get<{ Querystring: Record<string, string | string[] | undefined> }>('/triggers', async (request, reply) => {
      const userPoolId = once(request.query, 'userPoolId');
      const trigger = once(request.query, 'trigger');
      if (userPoolId instanceof CognitoError) return sendError(reply, userPoolId);
      if (trigger instanceof CognitoError) return sendError(reply, trigger);
      return { invocations: ctx.triggerInvocations.list({ userPoolId, trigger }) };
    });

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

    // A user import job's .csv file, PUT to its PreSignedUrl as S3 receives it (curl -T file -H
    // "x-amz-server-side-encryption:aws:kms" URL): the URL's signature, its signed header, 15 minutes.
    app.put<{ Params: { jobId: string }; Querystring: Record<string, string | string[] | undefined> }>(
      '/user-import/:jobId',
      { bodyLimit: MAX_CSV_BYTES },
      async (request, reply) => {
        const signature = request.query['X-Amz-Signature'];
        const csv = typeof request.body === 'string' ? request.body : '';
        const refusal = ctx.store.transaction(() => {
          const job = ctx.store.userImportJobs.byId(request.params.jobId);
          if (!job || typeof signature !== 'string' || !sameSecret(signature, job.uploadSignature) || request.headers['x-amz-server-side-encryption'] !== 'aws:kms') {
            return s3Error(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your key and signing method.');
          }
          if (ctx.clock.now() > job.CreationDate + UPLOAD_URL_VALIDITY_SECONDS * 1000) return s3Error(403, 'AccessDenied', 'Request has expired');
          if (job.Status !== 'Created') return s3Error(403, 'AccessDenied', UPLOAD_AFTER_START);
          ctx.store.userImportJobs.putCsv(job.JobId, csv);
          return undefined;
        });
        if (refusal) return sendS3Error(reply, refusal, request.id);
        const etag = createHash('md5').update(csv).digest('hex');
        return reply.header('etag', `"${etag}"`).code(200).send('');
      },
    );

    app.post('/reset', async () => {
      await resetKognito(ctx);
      return { status: 'reset' };
    });
  };

/** Forgets every pool, user, device and message, puts the clock back, and applies the seed again. */
export async function resetKognito(ctx: Context): Promise<void> {
  ctx.store.reset();
  ctx.keys.forget();
  ctx.triggerInvocations.clear();
  ctx.clock.reset();
  if (ctx.seed) await applySeed(ctx, ctx.seed.seed, ctx.seed.source);
}

/**
 * UNSURE: an upload once the job was started is refused (S3 would take it while the URL is valid, but
 * the import may already have read the file).
 */
export const UPLOAD_AFTER_START = 'The user import job is no longer Created: its file can no longer be replaced.';

const s3Error = (status: number, code: string, message: string) => ({ status, code, message });

/** An error as S3 answers a pre-signed URL: XML. */
function sendS3Error(reply: FastifyReply, error: { status: number; code: string; message: string }, requestId: string) {
  reply.code(error.status).header('content-type', 'application/xml');
  return reply.send(
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${error.code}</Code><Message>${error.message}</Message><RequestId>${requestId}</RequestId></Error>`,
  );
}
