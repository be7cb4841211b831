# ConsentLens server image: the built app (dist/) and the compiled server (dist-server/) with
# production dependencies only, run as the unprivileged `node` user, data in the /data volume.
# .ci/production-install.sh proves the same steps in CI (Docker cannot run there).
#
#   docker build -t consentlens .
#   docker run -d -p 8080:8080 -v consentlens-data:/data -e DEMO=off consentlens
#   docker exec -it <container> consentlens-admin create-setting --name "…" --manager "…"
#
# See README "Run it in production"; compose.yaml runs it with PostgreSQL.

# 1. Build: every dependency (Vite, esbuild, TypeScript), then `npm run build`.
FROM node:20-bookworm-slim AS build
WORKDIR /src
# better-sqlite3 is native: a compiler in case no prebuilt binary fits.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# 2. Production dependencies only, from the same lockfile.
FROM node:20-bookworm-slim AS production-deps
WORKDIR /app
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# 3. The image: no compiler, no devDependencies, no sources.
FROM node:20-bookworm-slim
# UV_THREADPOOL_SIZE: photo writes and their flushes hold libuv's threads (src/server/threadPool.ts).
ENV NODE_ENV=production \
  DATA_DIR=/data \
  HOST=0.0.0.0 \
  PORT=8080 \
  UV_THREADPOOL_SIZE=12
WORKDIR /app
COPY package.json package-lock.json ./
COPY --from=production-deps /app/node_modules ./node_modules
COPY --from=build /src/dist ./dist
COPY --from=build /src/dist-server ./dist-server
RUN ln -s /app/dist-server/admin.js /usr/local/bin/consentlens-admin \
  && mkdir -p /data \
  && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8080
# Plain HTTP inside the container (TLS at the reverse proxy). With TLS_CERT/TLS_KEY set, point
# a health check of your own at https instead.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8080) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--enable-source-maps", "dist-server/start.js"]
