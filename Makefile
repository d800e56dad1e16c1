# chsync: `make run` replicates the local test servers into the local ClickHouse engine;
# `make test` runs every test against real servers (both bring the servers up first).

BUN ?= bun
export PATH := $(PATH)

.PHONY: install servers test run build release bench-decode typecheck clean

install:
	@command -v bun >/dev/null && [ "$$(bun --version)" = "1.4.5" ] || npm i -g bun@1.4.5
	$(BUN) install --frozen-lockfile

servers: install
	bash test/servers/up

test: servers
	$(BUN) test

typecheck:
	$(BUN) x tsc --noEmit -p .

bench-decode: servers
	$(BUN) bench/decode/main.ts

clean:
	rm -rf dist
