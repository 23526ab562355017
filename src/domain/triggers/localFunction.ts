/**
 * A Lambda function run from a local JavaScript module (`--lambda-module name=file#export`), so
 * triggers work without a Lambda runtime. Each worker thread is one warm "execution environment":
 * the module is imported once (the cold start), then its handler is called once per invocation with
 * Lambda's contract (an async handler, or a callback, or context.succeed/fail/done). The server's
 * event loop never runs the function: a worker that outlives the timeout is terminated, one that
 * crashes or calls process.exit() only ends itself, and the next invocation gets a fresh worker.
 */
import { Worker } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import type { LambdaModule } from '../../config.js';
import type { FunctionRef, InvokeResult } from './lambdas.js';

/**
 * The worker's code, plain JavaScript run with `eval` (so it works from src/ under the tests and
 * from dist/ alike). Errors are described as the Node.js Lambda runtime does: errorType (the
 * error's name, or `typeof` for a thrown non-Error), errorMessage, trace.
 */
const WORKER_SOURCE = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const { basename, extname } = require('node:path');
const { functionName, functionArn, file, exportName } = workerData;

const describe = (error) =>
  error instanceof Error
    ? { errorType: error.name, errorMessage: error.message, trace: String(error.stack ?? '').split('\n') }
    : { errorType: typeof error, errorMessage: typeof error === 'string' ? error : JSON.stringify(error) ?? String(error) };

const loading = import(workerData.url).then(
  (mod) => {
    const handler = mod[exportName] ?? mod.default?.[exportName];
    if (typeof handler !== 'function') {
      throw Object.assign(new Error(basename(file, extname(file)) + '.' + exportName + ' is undefined or not exported'), { name: 'Runtime.HandlerNotFound' });
    }
    return handler;
  },
  (error) => {
    throw Object.assign(new Error(String(error && error.name ? error.name + ': ' + error.message : error)), { name: 'Runtime.ImportModuleError' });
  },
);
loading.catch(() => {}); // reported to each invocation

function invoke(handler, event, context) {
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (error, result) => {
      if (settled) return;
      settled = true;
      if (error !== undefined && error !== null) reject(error);
      else resolve(result);
    };
    Object.assign(context, { done: settle, succeed: (result) => settle(null, result), fail: (error) => settle(error ?? 'handled') });
    let returned;
    try {
      returned = handler(event, context, settle);
    } catch (error) {
      return settle(error);
    }
    if (returned && typeof returned.then === 'function') returned.then((result) => settle(null, result), (error) => settle(error ?? 'rejected'));
    // A handler that takes neither context nor callback and returns no promise answers null, as in Lambda.
    else if (handler.length < 2) settle(null, undefined);
  });
}

parentPort.on('message', async ({ requestId, event, timeoutMs }) => {
  const deadline = Date.now() + timeoutMs;
  const context = {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: functionArn,
    memoryLimitInMB: '128',
    awsRequestId: requestId,
    logGroupName: '/aws/lambda/' + functionName,
    logStreamName: new Date().toISOString().slice(0, 10).replace(/-/g, '/') + '/[$LATEST]' + requestId.replace(/-/g, ''),
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
  try {
    const result = await invoke(await loading, event, context);
    parentPort.postMessage({ requestId, payload: JSON.stringify(result === undefined ? null : result) });
  } catch (error) {
    parentPort.postMessage({ requestId, error: describe(error) });
  }
});
`;

/** Idle workers kept warm per function (more run side by side when invocations overlap). */
const WARM_WORKERS = 2;

export class LocalFunction {
  private readonly idle: Worker[] = [];
  private readonly busy = new Set<Worker>();

  constructor(
    private readonly ref: FunctionRef,
    private readonly module: LambdaModule,
  ) {}

  invoke(event: unknown, requestId: string, timeoutMs: number): Promise<InvokeResult> {
    const worker = this.idle.pop() ?? this.start();
    this.busy.add(worker);
    return new Promise<InvokeResult>((resolve) => {
      const finish = (result: InvokeResult, reusable: boolean) => {
        clearTimeout(timer);
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        this.busy.delete(worker);
        if (reusable && this.idle.length < WARM_WORKERS) this.idle.push(worker);
        else void worker.terminate();
        resolve(result);
      };
      const onMessage = (message: { requestId: string; payload?: string; error?: { errorType: string; errorMessage: string } }) => {
        if (message.requestId !== requestId) return;
        if (message.error) finish({ kind: 'functionError', ...message.error }, true);
        else finish({ kind: 'answered', payload: message.payload ?? 'null' }, true);
      };
      // An exception thrown outside the handler's promise (a timer, an unhandled rejection) ends the worker.
      const onError = (error: Error) => finish({ kind: 'functionError', errorType: error.name, errorMessage: error.message }, false);
      const onExit = (code: number) =>
        finish(
          { kind: 'functionError', errorType: 'Runtime.ExitError', errorMessage: `RequestId: ${requestId} Error: Runtime exited with error: exit status ${code}` },
          false,
        );
      const timer = setTimeout(() => finish({ kind: 'timeout' }, false), timeoutMs);
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      worker.postMessage({ requestId, event, timeoutMs });
    });
  }

  private start(): Worker {
    const { ref, module } = this;
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { functionName: ref.name, functionArn: ref.arn, file: module.file, exportName: module.exportName, url: pathToFileURL(module.file).href },
      env: { ...process.env, AWS_LAMBDA_FUNCTION_NAME: ref.name, AWS_REGION: ref.region, AWS_DEFAULT_REGION: ref.region },
    });
    worker.unref(); // a warm function never keeps kognito's process alive
    // A worker may die between invocations (a late timer throws): it leaves the warm set. Its error is
    // reported by the invocation it happens in, if any; an 'error' nobody listens to would end kognito.
    worker.on('error', () => {});
    worker.once('exit', () => {
      const index = this.idle.indexOf(worker);
      if (index >= 0) this.idle.splice(index, 1);
    });
    return worker;
  }

  async close(): Promise<void> {
    const workers = [...this.idle, ...this.busy];
    this.idle.length = 0;
    this.busy.clear();
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
