# chsync: `make run` replicates the local test servers into the local ClickHouse engine;
# `make test` typechecks and runs every test against real servers (both bring the servers up
# first); `make unit` runs the tests that need no server, in about half a minute.

BUN ?= bun
export PATH := $(PATH)

# `make build`: one self-contained binary, $(DIST)/chsync, for this machine; `make release`: the
# four Linux builds with their SHA-256 sums. The commit is compiled in (chsync --version).
DIST ?= dist
COMMIT ?= $(shell git describe --always --dirty --abbrev=12 2>/dev/null || echo unknown)
# deploy/compile.ts: bun build --compile --minify --bytecode, with the Kafka client's WebAssembly inline.
COMPILE = $(BUN) deploy/compile.ts --commit '$(COMMIT)'
RELEASE_TARGETS = linux-x64 linux-arm64 linux-x64-musl linux-arm64-musl

# `make run` without a configuration of your own: config.toml replicates the demo database `shop`
# of the local MySQL test server into the local ClickHouse engine, as the replication-only user.
CHSYNC_SOURCE_PASSWORD ?= repl-test-pw
export CHSYNC_SOURCE_PASSWORD

.PHONY: lint format torture install servers test unit run build release bench-decode bench-startup bench-snapshot bench-stream bench-tail bench-kafka bench-cascade bench-encode typecheck clean

install:
	@command -v bun >/dev/null && [ "$$(bun --version)" = "1.4.5" ] || npm i -g bun@1.4.5
	$(BUN) install --frozen-lockfile

servers: install
	bash test/servers/up

# Both run even when the first fails, so one run reports every problem; either failing fails it.
# Tests talk to real servers, and a loaded machine makes them slow: two minutes unless a test says
# otherwise. Only the command line sets that for every file: bunfig.toml's [test] has no timeout
# key, and setDefaultTimeout in the preload reaches the first file only (the others kept Bun's 5 s).
test: servers
	@typed=0; $(BUN) x tsc --noEmit -p . || { typed=1; echo "typecheck failed"; }; \
	  $(BUN) test --timeout 120000; status=$$?; [ $$typed -eq 0 ] && [ $$status -eq 0 ]

# Every test file but *.server.test.ts (those talk to the test servers, or need the loopback
# network): no server is started, and one a unit test reaches for fails at once
# (test/support/servers.ts), and a test waiting for something that is not there fails after 20 s
# instead of hanging. Needs the packages (make install), nothing else.
unit:
	CHSYNC_TEST_UNIT=1 $(BUN) test --timeout 20000 --path-ignore-patterns '**/*.server.test.ts'

# Biome (biome.jsonc): every file in its format and clear of the lint rules, warnings included.
# `make format` rewrites the files into the format.
lint:
	$(BUN) x biome ci --diagnostic-level=warn --error-on-warnings .

format:
	$(BUN) x biome format --write .

run: servers
	chroot /var/cache/chsync/sid-root mysql -h127.0.0.1 -P33307 -uchsync -pchsync-test-pw < test/servers/demo.sql 2>/dev/null
	$(BUN) src/cli.ts run -c $${CHSYNC_CONFIG:-config.toml}

# The torture suite at full length (kill -9 at 60 moments, 10 minutes of load per server, ...);
# `bun test` runs the same scenarios shorter. Ends with "torture: N scenarios, D differences".
torture: servers
	rm -f .torture-report.jsonl
	CHSYNC_TORTURE=long CHSYNC_TORTURE_REPORT=$(CURDIR)/.torture-report.jsonl $(BUN) test --timeout 1800000 test/torture; \
	  status=$$?; $(BUN) test/torture/summary.ts .torture-report.jsonl && exit $$status

typecheck:
	$(BUN) x tsc --noEmit -p .

build: install
	@mkdir -p $(DIST)
	$(COMPILE) --outfile $(DIST)/chsync

release: install
	@mkdir -p $(DIST)/release
	@for t in $(RELEASE_TARGETS); do \
	  $(COMPILE) --target=bun-$$t --outfile $(DIST)/release/chsync-$$t || exit 1; \
	done
	cd $(DIST)/release && sha256sum $(addprefix chsync-,$(RELEASE_TARGETS)) > SHA256SUMS
	@cat $(DIST)/release/SHA256SUMS

bench-startup: servers build
	$(BUN) bench/startup/main.ts $(DIST)/chsync

bench-decode: servers
	$(BUN) bench/decode/main.ts

# RowBinary encoding and key hashing of a mixed 8-column row, in one process (no server).
bench-encode: install
	$(BUN) bench/encode/main.ts

# The initial copy of a 5-million-row table next to the source's scan and ClickHouse's ingest speed.
bench-tail: servers
	$(BUN) bench/tail/main.ts

# bench-decode's binlog range through chsync into Kafka (the kcat mock cluster), exactly once.
bench-kafka: servers
	$(BUN) bench/kafka/main.ts

bench-snapshot: servers
	$(BUN) bench/snapshot/main.ts

# Streaming: a million-change backlog, the lag at 20,000 changes/s, memory under one big transaction and one 60 MB row.
bench-stream: servers
	$(BUN) bench/stream/main.ts

# Emulated foreign-key actions: rows events deleting parents of a million-row child table.
bench-cascade: servers
	$(BUN) bench/cascade/main.ts

clean:
	rm -rf dist
