# syntax=docker/dockerfile:1
# The CoMensha platform as one image: the API (node dist/main.js) and, with another command, the worker
# (node dist/cli.js worker). Built from the same bundle that CI starts and tests (tooling/bundle.mjs).
# See docs/deploy.md.

# --- build: the bootstrap installs the pinned pnpm and the locked dependencies, then the bundle is made ---------
FROM node:24-bookworm-slim AS build
WORKDIR /src
ENV CI=true
COPY . .
RUN node tooling/bundle.mjs /bundle

# --- run: the bundle alone, as an unprivileged user -------------------------------------------------------------
FROM node:24-bookworm-slim
# A 16 MB young-generation semi-space keeps a process near 200 MB resident (Node's default on a large machine lets
# the heap grow to about 200 MB of mostly empty young space); see docs/performance.md.
ENV NODE_ENV=production \
    NODE_OPTIONS=--max-semi-space-size=16 \
    PORT=3000 \
    HOST=0.0.0.0 \
    COMENSHA_DATA_DIR=/var/lib/comensha
WORKDIR /app
RUN mkdir -p /var/lib/comensha && chown node:node /var/lib/comensha
COPY --from=build --chown=root:root /bundle /app
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/main.js"]
