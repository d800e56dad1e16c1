// kill -9 of chsync at random moments while every kind of schema change it follows streams past —
// CREATE (LIKE, IF NOT EXISTS of an existing table), DROP (IF EXISTS, of a missing table),
// TRUNCATE, RENAME within and across databases and in and out of the replicated set, the swaps of
// gh-ost and pt-online-schema-change, column, index and key-column changes, keyless tables —
// between row changes and XA transactions, restarting it each time. Afterwards the copy is exact
// (tables, columns, rows), `chsync verify` agrees, health is streaming and ok with no error
// repeating in the log, and no temporary table is left in ClickHouse.
// CHSYNC_TORTURE_SEED=N replays a workload (the kill moments follow the clock, not the seed).

import { afterEach, describe, expect, test } from 'bun:test'
import { tableName } from '../../src/model/index.ts'
import { SERVERS, flavorOf, sqlSession } from '../support/servers.ts'
import { ReplicationContext } from '../replication/support/context.ts'
import { chRows, chTables, health, leftoverTempTables, repeatedLogLines, waitEqualIn, waitFor } from '../replication/support/observe.ts'
import { seeded } from '../support/random.ts'
import { DdlWorkload } from './support/ddl-workload.ts'
import { LONG, scale, scenario } from './support/report.ts'

let ctx: ReplicationContext | null = null
afterEach(async () => {
  await ctx?.close()
  ctx = null
})

// Short form: 10 per server, three servers in CI; the long form kills 120 times.
const KILLS = scale(10, 120)
/** Milliseconds between two steps of the workload: DDL at a rate a busy DBA team would not reach. */
const PACE_MS = 20
/** Share of the workload's steps that change a schema. */
const DDL_SHARE = 0.2

describe.each(SERVERS)('%s', (server) => {
  const flavor = flavorOf(server)
  test(
    'kill -9 during schema changes: every DDL chsync follows, XA and keyless tables; verify finds nothing',
    () =>
      scenario(`${KILLS} kill -9 during schema changes (${server})`, async (result) => {
        const seed = Number(process.env.CHSYNC_TORTURE_SEED) || (LONG ? Date.now() % 1_000_000_000 : flavor === 'mysql' ? 1001 : 1002)
        const main = `t_tor_schema_${server}`
        const dbs = { main, second: `${main}_b`, outside: `${main}_out` }
        ctx = await ReplicationContext.open(server, 't_tor_schema', {
          health: true,
          env: {
            CHSYNC_REPLICATE_DATABASES: `${dbs.main},${dbs.second}`,
            CHSYNC_SNAPSHOT_CHUNK_ROWS: '1000',
            CHSYNC_APPLY_FLUSH_INTERVAL_MS: '100',
            CHSYNC_LOG_LEVEL: 'info',
          },
        })
        const c = ctx
        for (const db of [dbs.second, dbs.outside]) await c.ch.command({ query: `DROP DATABASE IF EXISTS \`${db}\`` })
        const w = new DdlWorkload(c.sql, dbs, seed, () => sqlSession(server, c.db, c.source), DDL_SHARE)
        console.log(`schema torture (${server}): seed ${seed}, ${KILLS} kills`)
        try {
          await w.setup(scale(20_000, 50_000))
          // Not in the workload's model: no DDL touches it. Its row tells when chsync has read everything.
          await c.sql.query('CREATE TABLE _marker (id INT PRIMARY KEY, at BIGINT)')

          const rand = seeded(seed + 1)
          let writing = true
          let failed: unknown = null
          const writer = (async () => {
            while (writing) {
              await w.step()
              await Bun.sleep(PACE_MS)
            }
          })().catch((err) => {
            failed = err
            writing = false
          })
          let kills = 0
          for (; kills < KILLS && writing; kills++) {
            c.start()
            await Bun.sleep(300 + rand() * 2500)
            await c.stop('SIGKILL')
            await Bun.sleep(rand() * 300)
          }
          writing = false
          await writer
          if (failed) throw failed
          // Whatever kind of DDL the tour has not reached yet, while chsync is down.
          for (let i = 0; i < 3000 && w.missingKinds().length; i++) await w.step()
          await w.finish()
          expect(w.missingKinds()).toEqual([])
          expect(kills).toBe(KILLS)

          const from = c.logLines().length
          c.start()
          const at = Date.now()
          await c.sql.query('INSERT INTO _marker VALUES (1, ?)', [at])
          await waitFor(
            'chsync reads up to the marker',
            async () => {
              if (!c.running) throw new Error('chsync exited')
              const rows = await chRows<{ at: string }>(c.ch, `SELECT toString(at) AS at FROM \`${dbs.main}\`._marker FINAL WHERE id = 1`)
              return rows[0]?.at === String(at) ? true : undefined
            },
            scale(240_000, 900_000),
            500,
          ).catch((err) => {
            throw new Error(`${(err as Error).message}; chsync's log ends:\n${c.log.slice(-3000)}`)
          })
          const caughtUp = Date.now()
          // A rollback of an XA transaction prepared before chsync's restart cannot be undone (README,
          // Limits): chsync warns with the xid and `chsync resync` of its tables is the fix.
          const unknown = c.logLines().filter((l) => String(l.msg).startsWith('XA ROLLBACK of a transaction prepared before'))
          const xids = [...w.rolledBack.keys()].filter((xid) =>
            unknown.some((l) => String(l.xid).includes(Buffer.from(xid).toString('hex'))),
          )
          const fix = w.rolledBackTables(xids)
          if (fix.length) {
            const r = await c.cli('resync', ...fix.map(([d, t]) => tableName(d, t)))
            expect(r.out).toContain('copying again')
          }
          await waitEqualIn(c, [dbs.main, dbs.second], scale(180_000, 600_000))

          const h = await waitFor('health says streaming and ok', async () => {
            const r = await health(c)
            return r.body.stage === 'streaming' && r.body.status === 'ok' ? r : undefined
          })
          expect(h.code).toBe(200)
          expect(h.body.error).toBeNull()
          expect(h.body.tables_failed ?? []).toEqual([])
          // A retry loop shows within seconds: once chsync has read everything, nothing may repeat.
          await Bun.sleep(Math.max(3000, 15_000 - (Date.now() - caughtUp)))
          expect(repeatedLogLines(c.logLines().slice(from), Date.now() - caughtUp, 3)).toEqual([])
          const leftovers = (await leftoverTempTables(c.ch)).filter((t) => Object.values(dbs).some((db) => t.startsWith(`${db}.`)))
          expect(leftovers).toEqual([])

          const v = await c.cli('verify', '--retries', '1')
          expect(v.out).toMatch(/all \d+ tables equal/)
          expect(v.code).toBe(0)
          expect(await c.stop()).toBe(0)

          let found = 0
          for (const db of [dbs.main, dbs.second]) {
            for (const t of await chTables(c.ch, db))
              found += Number((await chRows<{ n: string }>(c.ch, `SELECT toString(count()) AS n FROM \`${db}\`.\`${t}\` FINAL`))[0]!.n)
          }
          const kinds = [...w.done].map(([k, n]) => `${k} ${n}`).join(', ')
          result({
            written: w.rowChanges,
            found,
            differences: 0,
            note: `seed ${seed}; ${w.statements} statements; ${fix.length} tables resynced after an XA rollback chsync could not undo; ${kinds}`,
          })
          for (const db of [dbs.second, dbs.outside]) await c.sql.query(`DROP DATABASE IF EXISTS \`${db}\``)
        } catch (err) {
          console.error(`schema torture (${server}) failed: replay with CHSYNC_TORTURE_SEED=${seed}; the last statements:\n${w.history()}`)
          throw err
        }
      }),
    scale(400_000, 2_400_000),
  )
})
