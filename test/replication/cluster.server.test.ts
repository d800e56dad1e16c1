// target.cluster: every statement chsync sends to ClickHouse for each DDL kind, as text — ON CLUSTER
// and the Replicated engine — run on the local engine without ON CLUSTER (cluster-proxy.ts) to
// prove it parses and does its job: the copy stays equal to the source throughout.

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

describe.each(SERVERS)('%s', (server) => {
  test('each DDL kind ON CLUSTER, with the Replicated engine, exactly', async () => {
    proxy = new ClusterProxy('main')
    const c = (ctx = await ReplicationContext.open(server, 't16_cluster', {
      env: { CHSYNC_TARGET_CLUSTER: 'main', CHSYNC_TARGET_URL: proxy.url },
    }))
    await c.sql.query('CREATE TABLE t (id INT PRIMARY KEY, a INT, b VARCHAR(10))')
    await c.sql.query("INSERT INTO t VALUES (1, 10, 'x'), (2, 20, 'y')")
    c.start()
    await c.waitForLog((l) => l.msg === 'streaming')
    await c.ddl('ALTER TABLE t ADD COLUMN c INT NOT NULL DEFAULT 5')
    await c.ddl('ALTER TABLE t DROP COLUMN b')
    await c.ddl('ALTER TABLE t CHANGE c d INT NOT NULL DEFAULT 5')
    await c.ddl('ALTER TABLE t MODIFY a BIGINT')
    // The retyped table is copied again: its cleanup comes before the rename only once the copy ended
    // (a rename during the copy carries it over to t2, whose own recopy below does the one cleanup).
    const firstCopy = c.logLines().findIndex((l) => l.msg === 'table copied')
    await c.waitForLog((l) => l.msg === 'table copied', firstCopy + 1, 60_000)
    await c.ddl('RENAME TABLE t TO t2')
    await c.ddl('ALTER TABLE t2 DROP PRIMARY KEY, ADD PRIMARY KEY (id, d)')
    await c.sql.query('INSERT INTO t2 VALUES (3, 30, 7)')
    await c.waitEqual()
    await c.ddl('TRUNCATE TABLE t2')
    await c.ddl('CREATE TABLE t3 (k BIGINT PRIMARY KEY)')
    await c.ddl('DROP TABLE t2')
    await c.waitEqual()
    expect(await c.stop()).toBe(0)

    // Each statement once, in order, with the database and chsync's ids made readable.
    const seen = [...new Set(proxy.readable(c.db).map((s) => s.replace(/_version < \d+/, '_version < X')))]
    const engine =
      "ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}', _version, _is_deleted)"
    const marked = "COMMENT 'chsync'"
    expect(seen).toEqual([
      'CREATE DATABASE IF NOT EXISTS `DB` ON CLUSTER `main`',
      `CREATE TABLE IF NOT EXISTS \`DB\`.\`t\` ON CLUSTER \`main\` (\n  \`id\` Int32 ${marked},\n  \`a\` Nullable(Int32) ${marked},\n  \`b\` Nullable(String) ${marked},\n  \`_version\` UInt64 ${marked},\n  \`_is_deleted\` UInt8 ${marked}\n) ${engine}\nORDER BY (\`id\`)\nCOMMENT 'chsync ID0 ID1'`,
      // The rows already there get the source's DEFAULT, as its bytes.
      `ALTER TABLE \`DB\`.\`t\` ON CLUSTER \`main\` ADD COLUMN IF NOT EXISTS \`c\` Int32 DEFAULT CAST(unhex('35') AS Int32) ${marked} AFTER \`b\``,
      'ALTER TABLE `DB`.`t` ON CLUSTER `main` DROP COLUMN IF EXISTS `b`',
      'ALTER TABLE `DB`.`t` ON CLUSTER `main` RENAME COLUMN IF EXISTS `c` TO `d`',
      // A retyped column starts over and its table is copied again; the copy's cleanup follows.
      'ALTER TABLE `DB`.`t` ON CLUSTER `main` DROP COLUMN IF EXISTS `a`',
      `ALTER TABLE \`DB\`.\`t\` ON CLUSTER \`main\` ADD COLUMN IF NOT EXISTS \`a\` Nullable(Int64) ${marked} AFTER \`id\``,
      'ALTER TABLE `DB`.`t` ON CLUSTER `main` DELETE WHERE _version < X',
      'RENAME TABLE `DB`.`t` TO `DB`.`t2` ON CLUSTER `main`',
      // A new primary key: the table starts over, created again and copied.
      'DROP TABLE IF EXISTS `DB`.`t2` ON CLUSTER `main` SYNC',
      `CREATE TABLE IF NOT EXISTS \`DB\`.\`t2\` ON CLUSTER \`main\` (\n  \`id\` Int32 ${marked},\n  \`a\` Nullable(Int64) ${marked},\n  \`d\` Int32 ${marked},\n  \`_version\` UInt64 ${marked},\n  \`_is_deleted\` UInt8 ${marked}\n) ${engine}\nORDER BY (\`id\`, \`d\`)\nCOMMENT 'chsync ID0 ID1'`,
      'ALTER TABLE `DB`.`t2` ON CLUSTER `main` DELETE WHERE _version < X',
      'TRUNCATE TABLE IF EXISTS `DB`.`t2` ON CLUSTER `main`',
      `CREATE TABLE IF NOT EXISTS \`DB\`.\`t3\` ON CLUSTER \`main\` (\n  \`k\` Int64 ${marked},\n  \`_version\` UInt64 ${marked},\n  \`_is_deleted\` UInt8 ${marked}\n) ${engine}\nORDER BY (\`k\`)\nCOMMENT 'chsync ID0 ID2'`,
    ])
  }, 120_000)
})
