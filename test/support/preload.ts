// Runs once before `bun test`: makes sure the real servers are up (test/servers/up is idempotent
// and takes about a second when they already run). CHSYNC_TEST_NO_SERVERS=1 skips it.

if (!process.env.CHSYNC_TEST_NO_SERVERS) {
  const up = Bun.spawnSync(['bash', `${import.meta.dir}/../servers/up`], { stdout: 'inherit', stderr: 'inherit' })
  if (up.exitCode !== 0) throw new Error(`test/servers/up failed with exit code ${up.exitCode}`)
}
