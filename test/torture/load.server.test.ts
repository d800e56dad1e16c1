// Load: writers keep the source as busy as it gets (several connections, multi-row inserts,
// updates, deletes) while chsync streams. Its memory stays under its bound, and once the load
// stops the lag is back under a second within seconds; the copy is then exact.

import { afterEach, describe, expect, test } from 'bun:test'
import { SERVERS, sqlSession } from '../support/servers.ts'
import { ReplicationContext } from '../replication/support/context.ts'
import { differences } from './support/counts.ts'
import { scale, scenario } from './support/report.ts'

let ctx: ReplicationContext | null = null
afterEach(async () => {
  await ctx?.close()
  ctx = null
})

const WRITERS = 4
/** Newest ids each writer keeps. */
const WINDOW = 20_000
const MEMORY_BOUND_MB = 600

describe.each(SERVERS)('%s', (server) => {
  // Short form: 15 s per server, three servers in CI (the long form is where load is measured): at
  // the 90,000 to 100,000 changes a second seen in CI, over a million changes per server.
  const seconds = scale(15, 600)
  test(
    'sustained write load: bounded memory, lag back under a second, exact copy',
    () =>
      scenario(`load ${seconds}s (${server})`, async (result) => {
        ctx = await ReplicationContext.open(server, 't_tor_load', { health: true, env: { CHSYNC_APPLY_MAX_BUFFER_BYTES: '64MiB' } })
        await ctx.sql.query(
          'CREATE TABLE events (id BIGINT PRIMARY KEY, w INT, n INT, v VARCHAR(64), amount DECIMAL(14,4), at DATETIME(6), note TEXT)',
        )
        await ctx.sql.query('CREATE TABLE marker (id INT PRIMARY KEY, at BIGINT)')
        ctx.start()
        await ctx.waitForLog((l) => l.msg === 'streaming')

        let writing = true
        let written = 0
        const writer = async (w: number) => {
          const sql = await sqlSession(server, ctx!.db, ctx!.source)
          let id = w * 1_000_000_000
          let n = 0
          try {
            while (writing) {
              n++
              const rows = Array.from(
                { length: 100 },
                () => `(${++id}, ${w}, ${n}, 'v${id}', ${(id % 100000) / 7}, NOW(6), ${id % 4 ? `'${'x'.repeat(id % 40)}'` : 'NULL'})`,
              )
              await sql.query(`INSERT INTO events VALUES ${rows.join(',')}`)
              const [u] = await sql.query(
                `UPDATE events SET n = n + 1, amount = amount * 2 WHERE id BETWEEN ${id - 300} AND ${id} AND id % 3 = 0`,
              )
              const [d] = await sql.query(`DELETE FROM events WHERE id BETWEEN ${id - 200} AND ${id} AND id % 7 = 0`)
              // A window of the newest rows per writer: the table (and the final comparison) stays the
              // same size however long the load runs.
              const [old] = await sql.query(`DELETE FROM events WHERE id > ${w * 1_000_000_000} AND id <= ${id - WINDOW}`)
              written += 100 + [u, d, old].reduce((n, r) => n + (r as { affectedRows: number }).affectedRows, 0)
            }
          } finally {
            await sql.end()
          }
        }
        const writers = Array.from({ length: WRITERS }, (_, w) => writer(w + 1))
        let peakRss = 0
        for (let s = 0; s < seconds; s++) {
          await Bun.sleep(1000)
          peakRss = Math.max(peakRss, ctx.rssMB())
        }
        writing = false
        await Promise.all(writers)

        // The end-to-end lag: a marker written now, seen in ClickHouse how much later.
        const stoppedAt = Date.now()
        await ctx.sql.query('INSERT INTO marker VALUES (1, ?)', [stoppedAt])
        let seenAfter = -1
        while (Date.now() - stoppedAt < 60_000) {
          const rs = await ctx.ch
            .query({ query: `SELECT count() AS n FROM ${ctx.db}.marker FINAL`, format: 'JSONEachRow' })
            .catch(() => null)
          const rows = rs ? ((await rs.json()) as { n: string }[]) : []
          if (Number(rows[0]?.n) === 1) {
            seenAfter = Date.now() - stoppedAt
            break
          }
          await Bun.sleep(100)
        }
        let lag = Number.POSITIVE_INFINITY
        for (let i = 0; i < 100 && lag >= 1; i++) {
          lag = Number((await ctx.health()).lag_seconds ?? Number.POSITIVE_INFINITY)
          if (lag >= 1) await Bun.sleep(200)
        }
        await ctx.waitEqual(120_000)
        const d = await differences(ctx)
        const rate = Math.round(written / seconds)
        result({
          written,
          found: d.rows,
          differences: d.differences,
          note: `${rate} changes/s, peak RSS ${Math.round(peakRss)} MB, caught up ${seenAfter} ms after the load stopped`,
        })
        expect(d.differences).toBe(0)
        expect(peakRss).toBeLessThan(MEMORY_BOUND_MB)
        expect(seenAfter).toBeGreaterThanOrEqual(0)
        expect(seenAfter).toBeLessThan(15_000)
        expect(lag).toBeLessThan(1)
      }),
    scale(300_000, 1_200_000),
  )
})
