// Runs once before `bun test`: makes sure the real servers are up (test/servers/up is idempotent
// and takes about a second when they already run). CHSYNC_TEST_NO_SERVERS=1 skips it, and so does
// `make unit` (CHSYNC_TEST_UNIT=1), which runs only the tests that need no server.

import { setDefaultTimeout } from 'bun:test'

const unitRun = process.env.CHSYNC_TEST_UNIT === '1'

// Tests talk to real servers, and a loaded machine makes them slow: two minutes unless a test says
// otherwise; `make unit`'s tests wait for nothing outside the process: 20 s, so that one waiting for
// a server that is not there fails soon instead. This reaches only the first file of a run (Bun
// 1.4.5), so it serves `bun test <file>`; `make test` and `make unit` pass the same --timeout on the
// command line, which reaches every file (bunfig.toml's [test] has no timeout key).
setDefaultTimeout(unitRun ? 20_000 : 120_000)

if (!process.env.CHSYNC_TEST_NO_SERVERS && !unitRun) {
  const up = Bun.spawnSync(['bash', `${import.meta.dir}/../servers/up`], { stdout: 'inherit', stderr: 'inherit' })
  if (up.exitCode !== 0) throw new Error(`test/servers/up failed with exit code ${up.exitCode}`)
}
