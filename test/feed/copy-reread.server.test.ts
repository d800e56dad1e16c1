// A copy whose connection is cut in the middle of a chunk reads on from the last row it wrote, not
// from the chunk's start: with every connection to the source cut while a chunk of 100,000 rows
// stream (a proxy between chsync and the source), the copy of a keyed table still writes each row
// into the feed once, within one run.

import { afterEach, describe, expect, test } from 'bun:test'
import { readFileSync, writeFileSync } from 'node:fs'
import { SERVERS } from '../support/servers.ts'
import { FaultProxy } from '../torture/support/proxy.ts'
import { FeedContext } from './support/feed-context.ts'

let ctx: FeedContext | null = null
let proxy: FaultProxy | null = null
afterEach(async () => {
  proxy?.stop()
  proxy = null
  await ctx?.close()
  ctx = null
})

const ROWS = 200_000
const CHUNK = 100_000

describe.each(SERVERS)('%s', (server) => {
  test('the copy connection cut mid-chunk: the chunk goes on after its last row written, every row once', async () => {
    ctx = await FeedContext.open(server, 't12_copy_reread', {
      env: { CHSYNC_SNAPSHOT_CHUNK_ROWS: String(CHUNK), CHSYNC_SNAPSHOT_PARALLELISM: '1', CHSYNC_APPLY_BATCH_ROWS: '50' },
    })
    const c = ctx
    await c.sql.query('CREATE TABLE t (id INT PRIMARY KEY, pad VARCHAR(200))')
    for (let from = 1; from <= ROWS; from += 10_000)
      await c.sql.query(
        `INSERT INTO t VALUES ${Array.from({ length: 10_000 }, (_, i) => `(${from + i}, '${'p'.repeat(150)}')`).join(', ')}`,
      )
    const source = readFileSync(c.configPath, 'utf8').match(/url = "\w+:\/\/[^@]+@127\.0\.0\.1:(\d+)"/)!
    proxy = new FaultProxy(Number(source[1])).start()
    writeFileSync(c.configPath, readFileSync(c.configPath, 'utf8').replace(`127.0.0.1:${source[1]}"`, `127.0.0.1:${proxy.port}"`))
    const seen = c.logLines().length
    c.start()
    await c.waitForLog((l) => l.msg === 'initial copy', seen)
    // Cut while the copy runs (its first chunk takes longer than this), rows of it handed to the sink
    // (read again from its start, the chunk would repeat them).
    await Bun.sleep(250)
    const doneBeforeCut = c
      .logLines()
      .slice(seen)
      .some((l) => l.msg === 'table copied')
    proxy.cutAll()
    await c.waitForLog((l) => l.msg === 'table copied', seen, 60_000)
    const records = await c.waitForRecords((r) => r.filter((x) => x.kind === 'snapshot_insert').length >= ROWS, 30_000)
    const ids = records.filter((r) => r.kind === 'snapshot_insert').map((r) => r.columnvalues![0] as number)
    expect({ rows: ids.length, distinct: new Set(ids).size }).toEqual({ rows: ROWS, distinct: ROWS })
    // The cut came during the copy.
    expect(doneBeforeCut).toBe(false)
    expect(await c.stop()).toBe(0)
  }, 120_000)
})
