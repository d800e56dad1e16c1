// The state file's disk fills up: chsync stops with a clear error naming the state file, commits
// nothing wrongly, and once there is room again a restart ends with an exact copy.

import { afterEach, expect, test } from 'bun:test'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ReplicationContext } from '../replication/support/context.ts'
import { Workload } from '../replication/support/workload.ts'
import { differences } from './support/counts.ts'
import { scenario } from './support/report.ts'

let ctx: ReplicationContext | null = null
let mounted: string | null = null
afterEach(async () => {
  await ctx?.stop('SIGKILL')
  if (mounted) Bun.spawnSync(['umount', '-l', mounted])
  mounted = null
  await ctx?.close()
  ctx = null
})

test(
  'disk full for the state file: a clear error, then a clean resume',
  () =>
    scenario('disk full for the state file (mariadb)', async (result) => {
      ctx = await ReplicationContext.open('mariadb10', 't_tor_diskfull')
      const fs = join(ctx.dir, 'statefs')
      mkdirSync(fs)
      const mount = Bun.spawnSync(['mount', '-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', fs])
      expect(mount.exitCode).toBe(0)
      mounted = fs
      const env = { CHSYNC_STATE_PATH: join(fs, 'state.db') }
      const w = new Workload(ctx.sql, 'mariadb', 131)
      await w.createTables()
      await w.bulk(2000)
      ctx.start([], env)
      await ctx.waitEqual()

      // Fill the file system to the last byte.
      const filler = join(fs, 'filler')
      for (let chunk = 1 << 20; chunk >= 1; chunk >>= 1) {
        try {
          for (;;) writeFileSync(filler, Buffer.alloc(chunk), { flag: 'a' })
        } catch {}
      }
      for (let i = 0; i < 300 && ctx.running; i++) await w.step()
      await ctx.waitForLog((l) => l.msg === 'replication failed', 0, 60_000)
      // It exits by itself, with the failure's code (a signal now could only race with that exit).
      expect(await ctx.exited(10_000)).toBe(1)
      expect(ctx.log).toMatch(/state file .*state\.db.*(full|disk)/i)

      rmSync(filler)
      for (let i = 0; i < 100; i++) await w.step()
      ctx.start([], env)
      await ctx.waitEqual()
      const d = await differences(ctx)
      result({ written: w.changes, found: d.rows, differences: d.differences })
      expect(d.differences).toBe(0)
    }),
  120_000,
)
