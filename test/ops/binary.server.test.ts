// The single binary from `make build`: it prints its version with the commit compiled in, runs the
// preflight, and replicates — with its health socket, and sd_notify through bun:ffi, which must
// work inside a compiled binary too.

import { afterAll, beforeAll, expect, test } from 'bun:test'
import { rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { $ } from 'bun'
import { ChildRun } from '../support/child.ts'
import { buildBinary, TEST_COMMIT } from './support/binary.ts'
import { ensureTools, healthOf, socatGet } from './support/http-tools.ts'
import { NotifyReceiver } from './support/notify-receiver.ts'
import { OpsWorld } from './support/world.ts'

let bin: { dir: string; path: string }
beforeAll(async () => {
  await ensureTools()
  bin = await buildBinary()
})
afterAll(() => rmSync(bin.dir, { recursive: true, force: true }))

test('make build: one executable that prints the version and the commit', async () => {
  expect(statSync(bin.path).mode & 0o111).not.toBe(0)
  const out = await $`${bin.path} --version`.quiet()
  expect(out.stdout.toString()).toBe(`chsync 0.1.0 (${TEST_COMMIT}) bun ${Bun.version}\n`)
  const help = await $`${bin.path} run --help`.quiet()
  expect(help.stdout.toString()).toStartWith('usage: chsync run')
})

test('check and a short replication, from the binary (MySQL)', async () => {
  const world = await OpsWorld.open('mysql', 't_ops_binary')
  let run: ChildRun | null = null
  const rx = await NotifyReceiver.open(join(world.dir, 'notify.sock'))
  try {
    await world.sql.query('CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(20))')
    await world.sql.query("INSERT INTO t VALUES (1, 'copied'), (2, 'copied')")
    const check = await $`${bin.path} check -c ${world.configPath}`.env(world.env()).quiet().nothrow()
    expect(check.stdout.toString()).toContain('\nall checks passed\n')
    expect(check.exitCode).toBe(0)

    run = ChildRun.spawn([bin.path, 'run', '-c', world.configPath], world.env({ NOTIFY_SOCKET: rx.address }))
    await rx.waitFor('READY=1')
    await run.waitFor('streaming', async () => ((await healthOf(world.socketPath))?.json.stage === 'streaming' ? true : undefined))
    await world.sql.query("INSERT INTO t VALUES (3, 'streamed')")
    await world.sql.query("UPDATE t SET v = 'updated' WHERE id = 1")
    await world.waitEqual(run)
    const health = await socatGet(world.socketPath)
    expect(health.status).toBe(200)
    expect(JSON.parse(health.body).version).toBe('0.1.0')
    expect((await socatGet(world.socketPath, '/metrics')).body).toContain(`chsync_build_info{version="0.1.0",commit="${TEST_COMMIT}"} 1\n`)
    expect(await run.stop('SIGTERM')).toBe(0)
    await rx.waitFor('STOPPING=1')
  } finally {
    run?.kill()
    await rx.close()
    await world.close()
  }
}, 60_000)
