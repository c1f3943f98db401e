# The mock endpoints: one image, the role chosen at start (`--role national-center`).
# BASE_IMAGE is any image with a Node >= 22 at /usr/local/bin/node: the official node:24 image
# where a registry is reachable, or the base `tekigo env build-images` makes from the local Node.
# No RUN: the base made locally has no shell.
ARG BASE_IMAGE=node:24-bookworm-slim
FROM ${BASE_IMAGE}
ARG TEKIGO_VERSION=0.0.0
ARG TEKIGO_SPEC_DIGEST=unknown
LABEL org.opencontainers.image.title="tekigo mock endpoint" \
      org.opencontainers.image.version="${TEKIGO_VERSION}" \
      io.tekigo.version="${TEKIGO_VERSION}" \
      io.tekigo.spec-digest="${TEKIGO_SPEC_DIGEST}" \
      io.tekigo.image="mock"
COPY app/ /app/
WORKDIR /app
# The user node (1000) of the official image and of the local base.
USER 1000
ENV NODE_ENV=production
EXPOSE 8080
# The Node options of a mock process: src/mocks/mock-node-flags.ts (a test keeps the two equal).
ENTRYPOINT ["/usr/local/bin/node", "--single-threaded-gc", "/app/src/mocks/main.js", "--host", "0.0.0.0", "--port", "8080"]
CMD ["--role", "national-center"]
