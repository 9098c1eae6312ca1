# syntax=docker/dockerfile:1
# The Tokligence gateway as a container image.
#
#   docker build -t tokligence .
#   docker run -p 8081:8081 -e ANTHROPIC_API_KEY=… tokligence            # personal profile
#   docker run -p 8081:8081 -e TOKLIGENCE_PROFILE=team … tokligence      # see docker-compose.yml
#
# BASE is any image with Node.js 20 (node, npm) and a POSIX shell. Air-gapped builds point it at
# an image from a local registry or a `podman import`ed root filesystem (see .ci/image.sh).
ARG BASE=docker.io/library/node:20-bookworm-slim

# ---- build: the full dev install, compiled to dist/ ----
FROM ${BASE} AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --prefer-offline --no-audit --no-fund --ignore-scripts
COPY tsconfig.json tsup.config.ts ./
COPY src ./src
# Type declarations are for library users, not for the image.
RUN npx tsup --no-dts

# ---- production dependencies only, plus the drivers a shared deployment loads ----
FROM ${BASE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# Optional peers the image ships so the team and enterprise profiles work as they are: PostgreSQL
# (the shared store) and Redis (shared cache and rate limits). SQLite (better-sqlite3) is native
# and left out: a container uses PostgreSQL. Versions from package.json.
ARG EXTRAS="ioredis pg"
# The extras are devDependencies of the package (optional peers for its users): listed as
# dependencies here, so the production install keeps them, at the lockfile's versions.
RUN if [ -n "$EXTRAS" ]; then \
      node -e 'const fs=require("fs");const p=require("./package.json");p.dependencies??={};for(const n of process.argv.slice(1)){p.dependencies[n]=p.devDependencies?.[n]??p.peerDependencies?.[n]??"*";delete p.devDependencies?.[n];}fs.writeFileSync("package.json",JSON.stringify(p))' $EXTRAS; \
    fi \
 && npm install --prefer-offline --omit=dev --no-audit --no-fund --ignore-scripts \
 && node -e 'for (const n of process.argv.slice(1)) require.resolve(n)' $EXTRAS

# ---- runtime ----
FROM ${BASE}
ENV NODE_ENV=production \
    TOKLIGENCE_HOST=0.0.0.0 \
    TOKLIGENCE_PORT=8081
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /src/dist ./dist
COPY package.json README.md LICENSE ./
COPY profiles ./profiles
# `tokligence …` on the PATH (the CLI: user, apikey, usage, serve).
# Its state directory (the usage spool) exists and belongs to the user, so a volume mounted there is writable.
RUN ln -s /app/dist/cli/index.js /usr/local/bin/tokligence && chmod 755 /app/dist/cli/index.js \
 && mkdir -p /home/node/.tokligence && chown 1000:1000 /home/node/.tokligence
# A non-root user (uid 1000, `node` in the official image); it owns nothing it could rewrite.
USER 1000:1000
EXPOSE 8081
# Liveness from inside the container, without curl: node's own fetch.
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.TOKLIGENCE_PORT||8081)+'/healthz').then((r)=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# `serve` drains on SIGTERM: /readyz turns 503, in-flight requests finish (up to 10 s), then exit.
STOPSIGNAL SIGTERM
ENTRYPOINT ["node", "/app/dist/cli/index.js"]
CMD ["serve"]
