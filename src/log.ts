/**
 * The logger: pino, one JSON object a line, or (logFormat 'pretty') one coloured line a request for
 * people, through pino-pretty in pino's worker-thread transport, so the request path only writes
 * a JSON line either way. Level 'silent' builds no transport at all.
 */
import { pino, type Logger, type transport } from 'pino';
import { createRequire } from 'node:module';
import type { Config } from './config.js';

/**
 * pino's transport starts its worker thread from pino's own files by path, so it comes from the pino
 * package on disk (a require the build's bundler leaves alone), while the logger itself is bundled.
 */
const pinoTransport: typeof transport = (options) => (createRequire(import.meta.url)('pino') as { transport: typeof transport }).transport(options);

export interface KognitoLogger {
  log: Logger;
  /** Flushes and stops the transport, if any (startKognito's stop()). */
  close(): Promise<void>;
}

/** A request line reads `request ConfirmSignUp 400 (0.8 ms) CodeMismatchException: Invalid verification code...`. */
const PRETTY = {
  translateTime: 'SYS:HH:MM:ss.l',
  ignore: 'pid,hostname,op,status,ms,__type,message',
  messageFormat: '{msg}{if op} {op} {status} ({ms} ms){end}{if __type} {__type}: {message}{end}',
};

export function createLogger(config: Pick<Config, 'logLevel' | 'logFormat'>): KognitoLogger {
  if (config.logFormat !== 'pretty' || config.logLevel === 'silent') {
    return { log: pino({ level: config.logLevel }), close: async () => {} };
  }
  // Colours only on a terminal, and never with NO_COLOR (https://no-color.org).
  const colorize = Boolean(process.stdout.isTTY) && process.env.NO_COLOR === undefined;
  const transport = pinoTransport({ target: 'pino-pretty', options: { ...PRETTY, colorize } });
  const log = pino({ level: config.logLevel }, transport);
  return {
    log,
    close: () =>
      new Promise<void>((resolve) => {
        transport.once('close', () => resolve());
        transport.end();
      }),
  };
}
