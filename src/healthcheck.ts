#!/usr/bin/env node
/**
 * The Docker image's HEALTHCHECK: asks /_kognito/health on the address and port the KOGNITO_*
 * variables configure (the same parsing as the server), so a container with KOGNITO_PORT set is
 * probed where it listens. Exit 0 healthy, 1 not.
 */
import { configFromEnv } from './config.js';

const { host, port } = configFromEnv(process.env);
// A wildcard address is reached on loopback; IPv6 literals go in brackets.
const target = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
try {
  const response = await fetch(`http://${target}:${port}/_kognito/health`, { signal: AbortSignal.timeout(2500) });
  process.exit(response.ok ? 0 : 1);
} catch {
  process.exit(1);
}
