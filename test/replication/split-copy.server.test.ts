// A table with an integer key copied by several connections in key ranges: killed with -9 while
// the ranges are half copied, it resumes each range where it was (the state holds all of them), and
// with writes going on all the while, the copy equals the source, 64-bit key ends included.

import { Database } from 'bun:sqlite'
import { afterEach, describe, expect, test } from 'bun:test'
import { SERVERS } from '../support/servers.ts'
import { ReplicationContext } from './support/context.ts'

let ctx: ReplicationContext | null = null
afterEach(async () => {
  await ctx?.close()
  ctx = null
})

/** The copy cursor of `tbl` in the state file (null before the first commit). */
function cursorOf(c: ReplicationContext, tbl: string): { cursor: string | null; rows: number } | null {
  try {
    const db = new Database(`${c.dir}/state.db`, { readonly: true })
    const row = db
      .query<{ cursor: string | null; rows: number }, [string]>('SELECT cursor, rows_copied AS rows FROM tables WHERE tbl = ?')
      .get(tbl)
    db.close()
    return row ?? null
  } catch {
    return null
  }
}

describe.each(SERVERS)('%s', (server) => {
  test('key ranges copied at once, killed half-way, resumed range by range, equal', async () => {
    ctx = await ReplicationContext.open(server, 't_rep_split', {
      env: {
        CHSYNC_SNAPSHOT_CHUNK_ROWS: '300',
        CHSYNC_SNAPSHOT_PARALLELISM: '4',
        CHSYNC_APPLY_FLUSH_INTERVAL_MS: '50',
        // Small buffers: the copy waits for each flush, so its progress is committed in steps of a
        // few thousand rows and the state passes through the middle of the copy on any machine
        // (with the default buffers a fast copy went from a tenth to done in one commit). The rows are
        // made wide enough (pad) for half a MiB to be a tenth of the table.
        CHSYNC_APPLY_MAX_BUFFER_BYTES: '1MiB',
        CHSYNC_APPLY_BATCH_BYTES: '128KiB',
        CHSYNC_LOG_LEVEL: 'info',
      },
    })
    const { sql } = ctx
    await sql.query(
      `CREATE TABLE big (id BIGINT PRIMARY KEY, v VARCHAR(20), d DECIMAL(10,2), pad VARCHAR(200) NOT NULL DEFAULT '${'p'.repeat(160)}')`,
    )
    // Keys spread over the whole BIGINT range, unevenly, with both ends taken.
    const ids = new Set<string>(['-9223372036854775808', '9223372036854775807', '0'])
    for (let i = 1; i <= 30_000; i++) ids.add(String(i % 3 === 0 ? -i * 104729 : i * 7919))
    for (let i = 1; i <= 3000; i++) ids.add(String(BigInt(i) * 3_000_000_000_000_000n))
    const rows = [...ids].map((id, i) => `(${id}, 'v${i % 1000}', ${(i % 5000) / 4})`)
    for (let i = 0; i < rows.length; i += 5000) await sql.query(`INSERT INTO big (id, v, d) VALUES ${rows.slice(i, i + 5000).join(', ')}`)
    await sql.query('ANALYZE TABLE big')

    let writing = true
    let n = 0
    const writer = (async () => {
      while (writing && ctx) {
        n++
        await sql.query(`INSERT INTO big (id, v, d) VALUES (${5_000_000_000 + n}, 'new', 1.5), (${-5_000_000_000 - n}, 'neg', 2.5)`)
        await sql.query(`UPDATE big SET v = CONCAT('u', ${n}) WHERE id = ${n * 7919}`)
        await sql.query(`DELETE FROM big WHERE id = ${-(n * 3) * 104729}`)
        await Bun.sleep(5)
      }
    })()

    try {
      ctx.start()
      // Until the state holds a split cursor with a third of the rows copied, then kill.
      const until = Date.now() + 30_000
      let seen: { cursor: string | null; rows: number } | null = null
      const states = new Set<string>()
      for (;;) {
        seen = cursorOf(ctx, 'big')
        // A cursor whose ranges are all done (parts: []) is the copy's end, not its middle.
        if (seen?.cursor?.startsWith('{"parts"') && JSON.parse(seen.cursor).parts.length > 0 && seen.rows >= ids.size / 3) break
        states.add(`${seen?.rows} rows, cursor ${seen?.cursor}`)
        if (Date.now() > until)
          throw new Error(
            `the copy's state never held a third of the rows in split ranges; it held:\n${[...states].join('\n')}\nchsync said:\n${ctx
              .logLines()
              .slice(-5)
              .map((l) => JSON.stringify(l))
              .join('\n')}`,
          )
        await Bun.sleep(5)
      }
      await ctx.stop('SIGKILL')
      const cursor = JSON.parse(seen!.cursor!) as { parts: { after: unknown; upTo: string | null }[] }
      expect(cursor.parts.length).toBeGreaterThan(0)
      expect(cursor.parts.length).toBeLessThanOrEqual(4)
      for (const part of cursor.parts) expect(Object.keys(part).sort()).toEqual(['after', 'upTo'])

      const from = ctx.logLines().length
      ctx.start()
      await ctx.waitForLog((l) => l.msg === 'copy done', from, 60_000)
      const resumed = ctx.logLines().filter((l) => l.msg === 'resuming copy' && l.table === `${ctx!.db}.big`)
      expect(resumed.length).toBe(1)
      expect(Number(resumed[0].rows_copied)).toBeGreaterThan(0)
      // Only what the ranges had left was read again, not the whole table.
      const copied = ctx
        .logLines()
        .slice(from)
        .find((l) => l.msg === 'table copied' && l.table === `${ctx!.db}.big`)
      expect(Number(copied!.rows_this_run)).toBeLessThan(ids.size * 0.8)
      // The table's rows are all of them, the earlier run's included.
      expect(Number(copied!.rows)).toBe(Number(resumed[0].rows_copied) + Number(copied!.rows_this_run))
      writing = false
      await writer
      await ctx.waitEqual(60_000)
      expect(await ctx.stop('SIGTERM')).toBe(0)
    } finally {
      writing = false
      await writer.catch(() => {})
    }
  }, 180_000)
})
