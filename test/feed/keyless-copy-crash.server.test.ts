// kill -9 in the middle of a keyless table's copy, right after a commit recorded how far its scan
// had got: the restarted copy scans the table from its first row again, and the file must hold
// every row once (identical rows as often as the table has them). Before the recovery mark was
// kept before a keyless copy's rows, the rows before the committed count were written twice.

import { Database } from 'bun:sqlite'
import { afterEach, describe, expect, test } from 'bun:test'
import { join } from 'node:path'
import { SERVERS } from '../support/servers.ts'
import { FeedContext } from './support/feed-context.ts'

let ctx: FeedContext | null = null
afterEach(async () => {
  await ctx?.close()
  ctx = null
})

const ROWS = 40_000
const row = (i: number) => `${i % 7000}|k${i % 3}`

describe.each(SERVERS)('%s', (server) => {
  test('kill -9 after a commit in the middle of a keyless copy: every row once', async () => {
    ctx = await FeedContext.open(server, 't12d_keyless_crash', {
      sink: (out) => `[sink]\nkind = "ndjson"\n[sink.ndjson]\noutput = "${out}"`,
      env: { CHSYNC_APPLY_BATCH_ROWS: '200' },
    })
    const c = ctx
    await c.sql.query('CREATE TABLE kl (a INT, b VARCHAR(20))')
    for (let from = 0; from < ROWS; from += 10_000) {
      const values = Array.from({ length: 10_000 }, (_, k) => row(from + k).split('|'))
      await c.sql.query(`INSERT INTO kl VALUES ${values.map(([a, b]) => `(${a}, '${b}')`).join(', ')}`)
    }
    // The scan's progress as committed: rows copied while the table is still being copied.
    const midScan = () => {
      const db = new Database(join(c.dir, 'state.db'), { readonly: true })
      try {
        const t = db.query('SELECT stage, rows_copied FROM tables WHERE tbl = ?').get('kl') as { stage: string; rows_copied: number } | null
        return t && t.stage !== 'streaming' && t.rows_copied > 0 ? true : undefined
      } catch {
        return undefined // not created yet
      } finally {
        db.close()
      }
    }
    let kills = 0
    for (let attempt = 0; attempt < 5 && kills === 0; attempt++) {
      const seen = c.logLines().length
      c.start()
      const landed = await c.poll(midScan, 30_000, 'no commit in the middle of the copy').then(
        () => true,
        () => false,
      )
      await c.stop('SIGKILL')
      if (
        landed &&
        !c
          .logLines()
          .slice(seen)
          .some((l) => l.msg === 'table copied')
      )
        kills++
    }
    expect(kills).toBe(1)
    const seen = c.logLines().length
    c.start()
    await c.waitForLog((l) => l.msg === 'streaming', seen, 60_000)
    expect({ exit: await c.stop('SIGTERM') }).toEqual({ exit: 0 })

    const got = new Map<string, number>()
    for (const r of c.records()) {
      if (r.kind !== 'snapshot_insert') continue
      const key = `${r.columnvalues![0]}|${r.columnvalues![1]}`
      got.set(key, (got.get(key) ?? 0) + 1)
    }
    const want = new Map<string, number>()
    for (let i = 0; i < ROWS; i++) want.set(row(i), (want.get(row(i)) ?? 0) + 1)
    const wrong = [...new Set([...got.keys(), ...want.keys()])].filter((k) => got.get(k) !== want.get(k))
    expect({
      lines: [...got.values()].reduce((a, b) => a + b, 0),
      wrong: wrong.slice(0, 5).map((k) => `${k}: ${got.get(k)} for ${want.get(k)}`),
    }).toEqual({
      lines: ROWS,
      wrong: [],
    })
  }, 120_000)
})
