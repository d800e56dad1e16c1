// target.distributed: a Distributed table beside each replicated table, ON CLUSTER, following the
// table's columns, renames and drops; turned off, its tables go at the next start. Each statement
// is checked as exact text and run on the local engine without ON CLUSTER (cluster-proxy.ts, where
// a Merge table stands in for the Distributed engine, since no cluster exists here).

import { afterEach, describe, expect, test } from 'bun:test'
import { SERVERS } from '../support/servers.ts'
import { ClusterProxy } from './support/cluster-proxy.ts'
import { ReplicationContext } from './support/context.ts'

let ctx: ReplicationContext | null = null
let proxy: ClusterProxy | null = null
afterEach(async () => {
  proxy?.stop()
  proxy = null
  await ctx?.closeAndDrop()
  ctx = null
})

async function rows(c: ReplicationContext, sql: string): Promise<unknown[][]> {
  const r = await c.ch.query({ query: sql, format: 'JSONCompactEachRow' })
  return (await r.json()) as unknown[][]
}

describe.each(SERVERS)('%s', (server) => {
  test('a Distributed table per table, ON CLUSTER, following columns, renames and drops', async () => {
    proxy = new ClusterProxy('main')
    const env = { CHSYNC_TARGET_CLUSTER: 'main', CHSYNC_TARGET_URL: proxy.url, CHSYNC_TARGET_DISTRIBUTED: 'true' }
    const c = (ctx = await ReplicationContext.open(server, 't16_distributed', { env }))
    await c.sql.query('CREATE TABLE t (id INT PRIMARY KEY, a INT)')
    await c.sql.query('INSERT INTO t VALUES (1, 10), (2, 20)')
    c.start()
    await c.waitForLog((l) => l.msg === 'streaming')
    expect(await rows(c, `SELECT id, a FROM ${c.db}.t_all FINAL ORDER BY id`)).toEqual([
      [1, 10],
      [2, 20],
    ])

    await c.ddl("ALTER TABLE t ADD COLUMN b VARCHAR(5) NOT NULL DEFAULT 'x'")
    await c.ddl('ALTER TABLE t DROP COLUMN a')
    await c.sql.query("INSERT INTO t VALUES (3, 'y')")
    await c.waitEqual()
    expect(await rows(c, `SELECT id, b FROM ${c.db}.t_all FINAL ORDER BY id`)).toEqual([
      [1, 'x'],
      [2, 'x'],
      [3, 'y'],
    ])
    await c.ddl('RENAME TABLE t TO t2')
    await c.ddl('TRUNCATE TABLE t2')
    await c.ddl('CREATE TABLE t3 (k BIGINT PRIMARY KEY)')
    await c.ddl('DROP TABLE t2')
    await c.waitEqual()
    expect(await c.stop()).toBe(0)
    const names = `SELECT name FROM system.tables WHERE database = '${c.db}' ORDER BY name`
    expect(await rows(c, names)).toEqual([['t3'], ['t3_all']])

    // Turned off: its Distributed tables go at the next start.
    c.start([], { CHSYNC_TARGET_DISTRIBUTED: 'false' })
    await c.waitForLog((l) => l.msg === 'streaming', c.logLines().length)
    expect(await c.stop()).toBe(0)
    expect(await rows(c, names)).toEqual([['t3']])

    const distributed = proxy.readable(c.db).filter((s) => s.includes('_all'))
    const create = (t: string, id: string) =>
      `CREATE TABLE IF NOT EXISTS \`DB\`.\`${t}_all\` ON CLUSTER \`main\` AS \`DB\`.\`${t}\`\nENGINE = Distributed('main', 'DB', '${t}')\nCOMMENT 'chsync-distributed ID0 ${id}'`
    const drop = (t: string) => `DROP TABLE IF EXISTS \`DB\`.\`${t}_all\` ON CLUSTER \`main\` SYNC`
    expect(distributed).toEqual([
      create('t', 'ID1'),
      // Each column change: made again with the table's columns (it holds no rows).
      drop('t'),
      create('t', 'ID1'),
      drop('t'),
      create('t', 'ID1'),
      // A rename: the old one (found by its mark) goes, the new name's comes; TRUNCATE changes nothing.
      drop('t'),
      create('t2', 'ID1'),
      create('t3', 'ID2'),
      drop('t2'),
      // Turned off.
      drop('t3'),
    ])
    expect((await c.cli('verify', '--retries', '0')).code).toBe(0)
  }, 120_000)
})
