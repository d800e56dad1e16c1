// kill -9 of chsync at many random moments of a long mixed workload — initial copy, streaming,
// DDL, large transactions — restarting it each time; at the end `chsync verify` finds no
// difference (and the test's own oracle agrees).

import { afterEach, describe, expect, test } from 'bun:test'
import { SERVERS, flavorOf } from '../support/servers.ts'
import { ReplicationContext } from '../replication/support/context.ts'
import { Workload } from '../replication/support/workload.ts'
import { differences } from './support/counts.ts'
import { scale, scenario } from './support/report.ts'
import { seeded } from '../support/random.ts'

let ctx: ReplicationContext | null = null
afterEach(async () => {
  await ctx?.close()
  ctx = null
})

const DDL = [
  'ALTER TABLE wide ADD COLUMN k1 INT NOT NULL DEFAULT 3',
  "ALTER TABLE wide ADD COLUMN k2 VARCHAR(20) DEFAULT 'x' AFTER a",
  'ALTER TABLE wide DROP COLUMN k1',
  'ALTER TABLE wide RENAME COLUMN k2 TO k3',
  'CREATE TABLE extra (id INT PRIMARY KEY, v TEXT)',
  "INSERT INTO extra VALUES (1, 'one'), (2, 'two')",
  'ALTER TABLE extra MODIFY v VARCHAR(100)',
  'TRUNCATE TABLE extra',
  "INSERT INTO extra VALUES (3, 'three')",
]

describe.each(SERVERS)('%s', (server) => {
  const flavor = flavorOf(server)
  // Short form: 8 per server, three servers in CI; the long form kills 60 times.
  const kills = scale(8, 60)
  test(
    'kill -9 at random moments of copy, streaming, DDL and large transactions; verify finds nothing',
    () =>
      scenario(`${kills} kill -9 (${server})`, async (result) => {
        ctx = await ReplicationContext.open(server, 't_tor_crash', {
          env: { CHSYNC_SNAPSHOT_CHUNK_ROWS: '1000', CHSYNC_APPLY_FLUSH_INTERVAL_MS: '100', CHSYNC_LOG_LEVEL: 'info' },
        })
        const rand = seeded(flavor === 'mysql' ? 111 : 112)
        const w = new Workload(ctx.sql, flavor, flavor === 'mysql' ? 113 : 114)
        await w.createTables()
        await w.bulk(scale(50_000, 100_000))
        let writing = true
        let ddl = 0
        const writer = (async () => {
          while (writing) {
            const r = rand()
            if (r < 0.01 && ddl < DDL.length) await ctx!.sql.query(DDL[ddl++])
            else if (r < 0.02) await w.largeTransaction(5000 + Math.floor(rand() * 20_000))
            else await w.step()
          }
        })()
        for (let i = 0; i < kills; i++) {
          ctx.start()
          await Bun.sleep(200 + rand() * 1500)
          await ctx.stop('SIGKILL')
        }
        writing = false
        await writer
        while (ddl < DDL.length) await ctx.sql.query(DDL[ddl++])
        ctx.start()
        await ctx.waitEqual(120_000)
        expect(await ctx.stop()).toBe(0)

        const { code, out } = await ctx.cli('verify', '--retries', '0')
        const d = await differences(ctx)
        result({ written: w.changes, found: d.rows, differences: d.differences + (code === 0 ? 0 : 1) })
        expect(out).toContain('tables equal')
        expect(code).toBe(0)
      }),
    scale(300_000, 1_800_000),
  )
})
