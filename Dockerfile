# syntax=docker/dockerfile:1
# Node 24 is the current LTS (Node 20 reached end of life in April 2026).
# Build: compile TypeScript (the bot and the operator CLI) with the dev dependencies.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# Runtime: production dependencies, the compiled app and CLI, and the migrations, as a non-root user.
# .ci/production-check does what this stage does (without Docker) and runs the app and every CLI command.
FROM node:24-bookworm-slim AS runtime
# V8's heap is capped at 512 MB (the app keeps ~30-60 MB live at 10,000 members): with a cap that size
# V8 collects sooner instead of growing the heap fourfold under a burst, so RSS stays under 200 MB.
# The same cap as `npm start`; set NODE_OPTIONS to change it.
ENV NODE_ENV=production \
    NODE_OPTIONS=--max-old-space-size=512 \
    PORT=3000 \
    DATA_DIR=/data
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY migrations ./migrations
COPY manifest.json ./
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# node as PID 1 gets SIGTERM from `docker stop` and drains before exiting.
# Operator commands: docker compose exec punchcard node dist/cli.js <command> (or npm run cli -- <command>).
CMD ["node", "dist/main.js"]
