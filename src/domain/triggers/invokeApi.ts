/**
 * Lambda functions behind a Lambda Invoke API (`--lambda-endpoint`): SAM CLI's `sam local
 * start-lambda`, LocalStack, serverless-offline... Cognito invokes triggers synchronously
 * (RequestResponse) and names the function; the endpoint knows it by the name in the ARN.
 */
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { FunctionRef, InvokeResult } from './lambdas.js';

/**
 * The AWS SDK's Lambda client, imported on the first invocation: it is the bulk of the code kognito
 * would otherwise load at start, and most runs never invoke a function through an endpoint.
 */
let sdk: Promise<typeof import('@aws-sdk/client-lambda')> | undefined;
const lambdaSdk = () => (sdk ??= import('@aws-sdk/client-lambda'));

/**
 * UNSURE: Cognito's word for a function it cannot reach at all (it never happens in AWS). A
 * connection refused or reset names this in "<Trigger> invocation failed due to error ...".
 */
export const UNREACHABLE_FUNCTION_ERROR = 'ServiceException';

export class InvokeApi {
  /** One client per region (the region is part of the request's signature). */
  private readonly clients = new Map<string, LambdaClient>();

  constructor(readonly endpoint: string) {}

  async invoke(ref: FunctionRef, event: unknown, timeoutMs: number): Promise<InvokeResult> {
    // Before the function's time starts: the first import takes a moment.
    const { InvokeCommand, LambdaClient } = await lambdaSdk();
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), timeoutMs);
    try {
      const output = await this.client(ref.region, LambdaClient).send(
        new InvokeCommand({
          FunctionName: ref.name,
          Qualifier: ref.qualifier,
          InvocationType: 'RequestResponse',
          Payload: Buffer.from(JSON.stringify(event)),
        }),
        { abortSignal: abort.signal },
      );
      const payload = output.Payload ? Buffer.from(output.Payload).toString('utf8') : '';
      if (output.FunctionError) return functionError(payload);
      return { kind: 'answered', payload };
    } catch (error) {
      if (abort.signal.aborted) return { kind: 'timeout' };
      const { name, message, $metadata } = error as Error & { $metadata?: { httpStatusCode?: number } };
      // A service answer (ResourceNotFoundException...) names itself; a network failure does not.
      return { kind: 'failed', error: $metadata?.httpStatusCode ? name : UNREACHABLE_FUNCTION_ERROR, detail: message };
    } finally {
      clearTimeout(timer);
    }
  }

  private client(region: string, Client: typeof LambdaClient): LambdaClient {
    let client = this.clients.get(region);
    if (!client) {
      client = new Client({
        endpoint: this.endpoint,
        region,
        // Local Invoke APIs accept any credentials; the environment's are used when set.
        credentials: {
          accessKeyId: process.env.AWS_ACCESS_KEY_ID || 'kognito',
          secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY || 'kognito',
          sessionToken: process.env.AWS_SESSION_TOKEN || undefined,
        },
        maxAttempts: 1,
      });
      this.clients.set(region, client);
    }
    return client;
  }

  close(): void {
    for (const client of this.clients.values()) client.destroy();
    this.clients.clear();
  }
}

/** A function error's payload: {"errorType","errorMessage","trace"} as Lambda runtimes write it. */
function functionError(payload: string): InvokeResult {
  let parsed: { errorType?: unknown; errorMessage?: unknown } = {};
  try {
    parsed = JSON.parse(payload) ?? {};
  } catch {
    parsed = { errorMessage: payload };
  }
  return {
    kind: 'functionError',
    errorType: typeof parsed.errorType === 'string' ? parsed.errorType : 'Error',
    errorMessage: typeof parsed.errorMessage === 'string' ? parsed.errorMessage : payload,
  };
}
