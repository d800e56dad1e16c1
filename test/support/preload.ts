// Runs once before `bun test`: makes sure the real servers are up (test/servers/up is idempotent
// and takes about a second when they already run). CHSYNC_TEST_NO_SERVERS=1 skips it.

import { setDefaultTimeout } from 'bun:test'

// Tests talk to real servers, and a loaded machine makes them slow: two minutes unless a test says
// otherwise. (bunfig.toml's [test] has no timeout key: Bun ignored one there, and tests without
// their own timeout ended at Bun's default of 5 s.)
setDefaultTimeout(120_000)

if (!process.env.CHSYNC_TEST_NO_SERVERS) {
  const up = Bun.spawnSync(['bash', `${import.meta.dir}/../servers/up`], { stdout: 'inherit', stderr: 'inherit' })
  if (up.exitCode !== 0) throw new Error(`test/servers/up failed with exit code ${up.exitCode}`)
}
