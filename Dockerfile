# chsync as a scratch image: the compiled binary and only the files it needs at run time (the ELF
# loader and the libraries ldd lists, CA certificates, time-zone data), assembled by
# deploy/rootfs.sh, the same script test/ops/scratch.server.test.ts runs to try the file set in a chroot.
#
#   docker build --build-arg COMMIT=$(git rev-parse --short=12 HEAD) -t chsync .
#   docker run -v $PWD/config.toml:/etc/chsync/config.toml:ro -v chsync-state:/var/lib/chsync \
#     -v $PWD/secrets:/run/secrets:ro -e CHSYNC_SOURCE_PASSWORD_FILE=/run/secrets/source-password chsync
#
# Built natively for each platform (buildx --platform linux/amd64,linux/arm64), so that ldd in the
# build stage sees the libraries of the binary it builds.

FROM oven/bun:1.4.5-debian AS build
ARG COMMIT=unknown
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends make ca-certificates tzdata \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY package.json bun.lock bunfig.toml ./
RUN bun install --frozen-lockfile --production
COPY tsconfig.json Makefile ./
COPY src ./src
COPY deploy ./deploy
# -o install: the packages are in place (production only: the compiled binary needs no more).
RUN make -o install build COMMIT=$COMMIT \
 && ./dist/chsync --version \
 && sh deploy/rootfs.sh /rootfs dist/chsync 65532

FROM scratch
COPY --from=build /rootfs/ /
# COPY creates folders owned by root; the two chsync writes to belong to its user.
COPY --from=build --chown=65532:65532 /rootfs/var/lib/chsync/ /var/lib/chsync/
COPY --from=build --chown=65532:65532 /rootfs/run/chsync/ /run/chsync/
USER 65532:65532
# The state (state.path) and the socket (health.socket) default to the two folders above.
ENV TZ=UTC \
    SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt \
    CHSYNC_CONFIG=/etc/chsync/config.toml
VOLUME ["/var/lib/chsync"]
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s \
  CMD ["/usr/local/bin/chsync", "status", "--socket", "/run/chsync/health.sock", "--json"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/local/bin/chsync"]
CMD ["run"]
