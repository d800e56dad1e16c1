// The scratch image without a Docker engine: deploy/rootfs.sh (the Dockerfile's own step)
// assembles the image's files into a folder, and the binary runs there under chroot as the
// image's user, with only /proc and /dev mounted in (as Docker does): --version, check, and a
// short replication whose health socket is asked from outside.

import { afterAll, beforeAll, expect, test } from 'bun:test'
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { $ } from 'bun'
import { buildBinary, REPO, TEST_COMMIT } from './support/binary.ts'
import { ChildRun } from '../support/child.ts'
import { ensureTools, healthOf, socatGet } from './support/http-tools.ts'
import { OpsWorld } from './support/world.ts'

const UID = 65532
let bin: { dir: string; path: string }
let root: string
let files: string[]

beforeAll(async () => {
  await ensureTools()
  bin = await buildBinary()
  root = mkdtempSync(join(tmpdir(), 'chsync-ops-scratch-'))
  const out = await $`sh ${join(REPO, 'deploy/rootfs.sh')} ${root} ${bin.path} ${UID}`.quiet()
  files = out.stdout.toString().trim().split('\n')
})
afterAll(() => {
  rmSync(bin.dir, { recursive: true, force: true })
  rmSync(root, { recursive: true, force: true })
})

/** argv for the binary inside the root, in a private mount namespace (the mounts end with it). */
function inScratch(args: string[]): string[] {
  const script = `mount --bind /proc "$0/proc" && mount --bind /dev "$0/dev" && exec chroot --userspec=${UID}:${UID} "$0" /usr/local/bin/chsync "$@"`
  return ['unshare', '--mount', 'sh', '-c', script, root, ...args]
}

test('the file set: the binary, the loader and every library ldd lists, CA certificates, time zones', async () => {
  const ldd = (await $`ldd ${bin.path}`.quiet()).stdout.toString()
  const libraries = [...ldd.matchAll(/(\/\S+)/g)].map((m) => m[1]!).sort()
  expect(libraries.length).toBeGreaterThanOrEqual(2)
  expect(files).toEqual([
    '/usr/local/bin/chsync',
    ...libraries,
    '/etc/ssl/certs/ca-certificates.crt',
    '/usr/share/zoneinfo/',
    '/etc/passwd',
    '/etc/group',
  ])
  expect(statSync(join(root, 'usr/share/zoneinfo/Europe/Berlin')).size).toBeGreaterThan(0)
  expect(statSync(join(root, 'var/lib/chsync')).uid).toBe(UID)
  expect(statSync(join(root, 'run/chsync')).uid).toBe(UID)
  // Nothing else: no shell, no package manager.
  const top = (await $`ls ${root}`.quiet()).stdout.toString().trim().split('\n')
  for (const d of top) expect(['dev', 'etc', 'lib', 'lib64', 'proc', 'run', 'tmp', 'usr', 'var']).toContain(d)
  expect((await $`find ${root} -name sh -o -name bash -o -name busybox`.quiet()).stdout.toString()).toBe('')
})

test('the Dockerfile assembles the same set with the same script, FROM scratch', () => {
  const dockerfile = readFileSync(join(REPO, 'Dockerfile'), 'utf8')
  expect(dockerfile).toContain('sh deploy/rootfs.sh /rootfs dist/chsync 65532')
  expect(dockerfile).toMatch(/^FROM scratch$/m)
  expect(dockerfile).toContain('COPY --from=build /rootfs/ /')
  expect(dockerfile).toContain(`USER ${UID}:${UID}`)
  expect(dockerfile).toContain('ENTRYPOINT ["/usr/local/bin/chsync"]')
})

test('--version inside the scratch root', async () => {
  const out = await $`${inScratch(['--version'])}`.quiet().nothrow()
  expect(out.stderr.toString()).toBe('')
  expect(out.stdout.toString()).toBe(`chsync 0.1.0 (${TEST_COMMIT}) bun ${Bun.version}\n`)
  expect(out.exitCode).toBe(0)
})

test('check and a short replication inside the scratch root (MariaDB)', async () => {
  const world = await OpsWorld.open('mariadb10', 't_ops_scratch', { root })
  let run: ChildRun | null = null
  try {
    await world.sql.query('CREATE TABLE t (id INT PRIMARY KEY, at DATETIME, v JSON)')
    await world.sql.query(`INSERT INTO t VALUES (1, '2024-02-29 12:00:00', '{"a": 1}')`)
    const check = await $`${inScratch(['check'])}`
      .env(world.env({ CHSYNC_CONFIG: world.configPath }))
      .quiet()
      .nothrow()
    expect(check.stdout.toString() + check.stderr.toString()).toContain('\nall checks passed\n')
    expect(check.exitCode).toBe(0)

    run = ChildRun.spawn(inScratch(['run', '-c', world.configPath]), world.env())
    await run.waitFor('streaming', async () => ((await healthOf(world.hostSocketPath))?.json.stage === 'streaming' ? true : undefined))
    // The socket belongs to the image's user, mode 0660; asked from outside with socat.
    const st = statSync(world.hostSocketPath)
    expect([st.uid, st.mode & 0o777]).toEqual([UID, 0o660])
    expect((await socatGet(world.hostSocketPath)).status).toBe(200)
    await world.sql.query(`INSERT INTO t VALUES (2, '1999-12-31 23:59:59', '[1, "x"]')`)
    await world.sql.query('DELETE FROM t WHERE id = 1')
    await world.waitEqual(run)
    expect(await run.stop('SIGTERM')).toBe(0)
    expect(statSync(world.hostStatePath).uid).toBe(UID)
  } finally {
    run?.kill()
    await world.close()
  }
}, 60_000)
