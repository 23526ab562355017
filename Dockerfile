# kognito: a local emulator of Amazon Cognito user pools.
# Node 26 is the Active LTS line (LTS since 2026-10-28); better-sqlite3 12 builds and runs on it.

# Build stage: all dependencies, better-sqlite3 compiled, the server compiled and bundled to dist/src, then only
# production dependencies kept and the native module's build intermediates removed.
FROM node:26-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# Dependencies and the native module in their own layer: a change of src/ does not recompile SQLite.
RUN npm ci --ignore-scripts --no-audit --no-fund && npm rebuild better-sqlite3
COPY tsconfig.json tsconfig.build.json ./
COPY scripts/bundle.mjs ./scripts/
COPY src ./src
RUN npm run build \
 && npm prune --omit=dev --ignore-scripts --no-audit --no-fund \
 && cd node_modules/better-sqlite3 \
 && rm -rf deps src build/deps build/Release/obj build/Release/obj.target build/Release/.deps build/Release/test_extension.node build/Release/sqlite3.a \
      build/Makefile build/*.mk build/config.gypi build/binding.Makefile

# Runtime stage: Node, the compiled server and its production dependencies; no compiler, no sources.
FROM node:26-bookworm-slim
ENV NODE_ENV=production \
    KOGNITO_HOST=0.0.0.0 \
    KOGNITO_PORT=9329 \
    KOGNITO_DATA_DIR=/data
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist/src ./dist/src
COPY package.json ./
# The store belongs to the unprivileged user `node` (uid 1000). A bind-mounted host directory must be
# writable by uid 1000 (chown 1000 <dir>), or run the container with --user <its owner's uid>.
RUN mkdir /data /app/.compile-cache && chown node:node /data /app/.compile-cache
USER node
# Node's compile cache (cli.ts turns it on), filled now: a container's first start skips compiling the
# server's modules (about a fifth of a start's CPU).
ENV NODE_COMPILE_CACHE=/app/.compile-cache
RUN node /app/dist/src/cli.js --version
VOLUME /data
EXPOSE 9329
# Follows KOGNITO_HOST and KOGNITO_PORT, as the server does.
HEALTHCHECK --interval=5s --timeout=3s --start-period=10s --retries=3 CMD ["node", "/app/dist/src/healthcheck.js"]
# Settings come from the KOGNITO_* variables; flags given to `docker run <image> --fixed-code 123456`
# are appended here. SIGTERM stops it cleanly (node is PID 1 and handles it).
ENTRYPOINT ["node", "/app/dist/src/cli.js"]
