/**
 * A small Lambda Invoke API (`POST /2015-03-31/functions/<name>/invocations`), as `sam local
 * start-lambda` or LocalStack serve it: kognito's `--lambda-endpoint` in the tests. It records every
 * invocation it receives and answers with the handler registered under the function's name: the
 * returned value as the payload, a thrown error as an `Unhandled` function error, an unknown name as
 * ResourceNotFoundException.
 */
import { createServer, type Server } from 'node:http';

export type Handler = (event: any, context: Record<string, unknown>, callback: (error: unknown, result?: unknown) => void) => unknown;

export interface ReceivedInvocation {
  functionName: string;
  qualifier: string | null;
  invocationType: string | null;
  event: any;
}

export interface InvokeEndpoint {
  url: string;
  received: ReceivedInvocation[];
  close(): Promise<void>;
}

/** Runs a handler with Lambda's contract: a promise, the callback, or context.succeed/fail/done. */
function run(handler: Handler, event: unknown, context: Record<string, unknown>): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const callback = (error: unknown, result?: unknown) => (error ? reject(error) : resolve(result));
    Object.assign(context, { done: callback, succeed: (result: unknown) => resolve(result), fail: (error: unknown) => reject(error) });
    try {
      const returned = handler(event, context, callback) as Promise<unknown> | undefined;
      if (returned && typeof returned.then === 'function') returned.then(resolve, reject);
    } catch (error) {
      reject(error);
    }
  });
}

export async function startInvokeEndpoint(handlers: Record<string, Handler>): Promise<InvokeEndpoint> {
  const received: ReceivedInvocation[] = [];
  const sockets = new Set<import('node:net').Socket>();
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const match = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/.exec(url.pathname);
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        response.writeHead(status, { 'content-type': 'application/json', ...headers });
        response.end(JSON.stringify(body));
      };
      if (request.method !== 'POST' || !match) return send(404, { message: 'Not found' });
      const functionName = decodeURIComponent(match[1]);
      const event = JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null');
      received.push({ functionName, qualifier: url.searchParams.get('Qualifier'), invocationType: request.headers['x-amz-invocation-type'] as string ?? null, event });
      const handler = handlers[functionName];
      if (!handler) {
        return send(404, { Type: 'User', message: `Function not found: arn:aws:lambda:us-east-1:000000000000:function:${functionName}` }, { 'x-amzn-errortype': 'ResourceNotFoundException' });
      }
      try {
        const result = await run(handler, event, { functionName, awsRequestId: 'test' });
        send(200, result === undefined ? null : result, { 'x-amz-executed-version': '$LATEST' });
      } catch (error) {
        const { name, message } = error instanceof Error ? error : { name: typeof error, message: String(error) };
        send(200, { errorType: name, errorMessage: message, trace: [] }, { 'x-amz-function-error': 'Unhandled' });
      }
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    url,
    received,
    async close() {
      for (const socket of sockets) socket.destroy(); // a hanging function's request
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
