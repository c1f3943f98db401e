# The reference implementations and their replicas: one image, the role and the target chosen at
# start (`--role national-center [--replica NAME]`, plus any option of the reference's process).
# BASE_IMAGE as in mock.Dockerfile. No RUN: the base made locally has no shell.
ARG BASE_IMAGE=node:24-bookworm-slim
FROM ${BASE_IMAGE}
ARG TEKIGO_VERSION=0.0.0
ARG TEKIGO_SPEC_DIGEST=unknown
LABEL org.opencontainers.image.title="tekigo reference implementations" \
      org.opencontainers.image.version="${TEKIGO_VERSION}" \
      io.tekigo.version="${TEKIGO_VERSION}" \
      io.tekigo.spec-digest="${TEKIGO_SPEC_DIGEST}" \
      io.tekigo.image="reference"
COPY app/ /app/
WORKDIR /app
COPY --chown=1000:1000 data/ /data/
# The user node (1000) of the official image and of the local base.
USER 1000
ENV NODE_ENV=production
ENV TEKIGO_DATA_DIR=/data
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/node", "/app/test-env/containers/images/reference-entry.js", "--host", "0.0.0.0", "--port", "8080", "--data-dir", "/data"]
CMD ["--role", "national-center"]
