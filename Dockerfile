# orgraph's API for `docker compose up`: Neo4j runs in its own container, so NEO4J_URI is always set here
# and the Java/Maven launcher is not needed in this image.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json ./
COPY src ./src
COPY scripts ./scripts
COPY tests ./tests
COPY bench ./bench
RUN npm run build

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY --from=build /app/dist ./dist
COPY bin ./bin
COPY cypher ./cypher
COPY data ./data
COPY schema ./schema
EXPOSE 4000
CMD ["node", "bin/orgraph.js", "serve"]
