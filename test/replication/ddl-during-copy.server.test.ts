// DDL on a table while its copy runs: the copy stops writing while the target changes, then goes
// on (or starts over when the change needs a fresh copy); the stream's changes keep flowing; the
// copy ends equal to the source. A rename, a column type change, a dropped and an added column.

import { afterEach, describe, expect, test } from 'bun:test'
import { SERVERS } from '../support/servers.ts'
import { ReplicationContext } from './support/context.ts'

let ctx: ReplicationContext | null = null
afterEach(async () => {
  await ctx?.close()
  ctx = null
})

describe.each(SERVERS)('%s', (server) => {
  test('a rename, a type change, a dropped and an added column while the table is being copied', async () => {
    ctx = await ReplicationContext.open(server, 't_rep_ddlcopy', {
      env: { CHSYNC_SNAPSHOT_CHUNK_ROWS: '20000', CHSYNC_SNAPSHOT_PARALLELISM: '2', CHSYNC_LOG_LEVEL: 'info' },
    })
    const { sql } = ctx
    await sql.query('CREATE TABLE big (id INT PRIMARY KEY, n INT, s VARCHAR(30), d DECIMAL(10,2))')
    for (let from = 0; from < 300_000; from += 5000) {
      const rows = Array.from({ length: 5000 }, (_, i) => `(${from + i}, ${(from + i) % 1000}, 's${from + i}', ${((from + i) % 9999) / 4})`)
      await sql.query(`INSERT INTO big VALUES ${rows.join(', ')}`)
    }
    ctx.start()
    await ctx.waitForLog((l) => l.msg === 'initial copy')
    await sql.query('ALTER TABLE big MODIFY n BIGINT')
    await sql.query('UPDATE big SET n = n * 1000000000 WHERE id % 97 = 0')
    await sql.query('RENAME TABLE big TO large')
    await sql.query('ALTER TABLE large DROP COLUMN s')
    await sql.query("ALTER TABLE large ADD COLUMN t VARCHAR(10) NOT NULL DEFAULT 'new'")
    await sql.query("INSERT INTO large (id, n, d, t) VALUES (900000, -1, 1.25, 'late')")
    await sql.query('DELETE FROM large WHERE id BETWEEN 100 AND 199')
    await ctx.waitEqual(60_000)
    const lines = ctx.logLines()
    const errors = lines.filter((l) => l.level === 'error' || l.msg === 'flush failed, retrying')
    expect(errors.map((l) => `${l.msg}: ${l.reason ?? l.error ?? ''}`)).toEqual([])
    // The case this test is about happened: a DDL applied while a copy of the table ran.
    let copying = false
    let duringCopy = 0
    for (const l of lines) {
      if (l.msg === 'initial copy') copying = true
      else if (l.msg === 'table copied') copying = false
      else if (l.msg === 'DDL applied' && copying) duringCopy++
    }
    expect(duringCopy).toBeGreaterThan(0)
    expect(await ctx.stop()).toBe(0)
  }, 120_000)
})
