# syntax=docker/dockerfile:1
# Shopwise: the self-hosted server (`dist/server/main.mjs`), its job worker and its migration job
# in one image; docs/decisions/023-compiled-server-and-docker.md. server/docker.test.ts runs these
# stages' commands in a temporary folder (no Docker engine where it runs) and starts the result as
# an unprivileged user against a real PostgreSQL. Keep to WORKDIR /app, COPY, RUN, ENV and USER
# lines that test can follow.
ARG NODE_IMAGE=node:24-bookworm-slim

# Every dependency, for the build. Its postinstall (patch-package, then `prisma generate`) needs the
# patches, the schema and the config.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json prisma.config.ts ./
COPY patches ./patches
COPY prisma/schema.prisma prisma/schema.prisma
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund

# next build (Turbopack) and the server bundle (esbuild). Next's security headers are evaluated
# here: pass the public URL as a build argument for HSTS on static files.
FROM deps AS build
ARG AUTH_URL
COPY . .
RUN npm run build && rm -rf .next/cache

# Production dependencies only, without install scripts: the Prisma client is compiled into
# dist/ and .next/ (its generator is a dev dependency), and embedded PostgreSQL's binaries serve
# installs without DATABASE_URL, which this image does not support. The patches of patches/ are
# applied all the same: the server loads those packages from node_modules (ADR 036).
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY patches ./patches
# npm's cache is a build cache mount: reused by the next build, never part of the image.
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npx patch-package --error-on-fail

FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/package.json /app/next.config.ts ./
# next.config.ts imports these two at start-up; the help centre's articles are indexed at start-up.
COPY --from=build /app/server/env.ts /app/server/security-headers.ts ./server/
COPY --from=build /app/server/knowledge/corpus ./server/knowledge/corpus
COPY --from=build /app/prisma/migrations ./prisma/migrations
COPY --from=build /app/public ./public
COPY --from=build /app/.next ./.next
COPY --from=build /app/dist ./dist
# Where the app writes: DATA_DIR (uploaded knowledge files; mount a volume) and Next's cache of
# regenerated pages (per container, rebuilt on demand).
RUN mkdir -p .data .next/cache && chown node:node .data .next/cache
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/api/health`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node itself is PID 1 (no npm, no shell): SIGTERM from `docker stop` reaches server/main.ts,
# which drains requests and jobs within SHUTDOWN_GRACE_SECONDS. compose.yaml adds `init: true`.
CMD ["node", "--enable-source-maps", "dist/server/main.mjs"]
