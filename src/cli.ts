#!/usr/bin/env node
/**
 * The `kognito` command. Node's compile cache (Node 22.1 and later) is turned on before the server's
 * modules load: compiling them is most of a start-up, and the cache (in the OS temporary directory,
 * or NODE_COMPILE_CACHE) spares it from the second start on. Node 20 has no such cache.
 */
import nodeModule from 'node:module';

(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();
await import('./command.js');
