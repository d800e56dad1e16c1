// The Kafka sink against a real Kafka-protocol broker cluster (kcat's mock cluster), read back by an
// independent consumer (kcat): each message's value is the very line the ndjson sink writes for the
// change (a second chsync with the ndjson sink runs beside it), its key the primary key (a keyless
// table's `_key`), its headers the GTID, position and version; one row's changes are in one
// partition in source order; deletes are followed by a tombstone; DDL goes to the schema topic.
// (Replaying the messages into the source's tables is test/torture/kafka-crashes.server.test.ts's check.)

import { afterEach, describe, expect, test } from 'bun:test'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { KafkaBroker } from '../support/kafka-broker.ts'
import { SERVERS, replicaServerId } from '../support/servers.ts'
import { CLI, FeedContext, type FeedRecord, parseLines } from './support/feed-context.ts'

let ctx: FeedContext | null = null
let broker: KafkaBroker | null = null
let beside: ReturnType<typeof Bun.spawn> | null = null
afterEach(async () => {
  beside?.kill('SIGKILL')
  await beside?.exited
  beside = null
  await ctx?.close()
  await broker?.stop()
  ctx = null
  broker = null
})

function kafkaSink(b: KafkaBroker, more = ''): string {
  return `[sink]\nkind = "kafka"\n[sink.kafka]\nbrokers = [${b.brokers.map((x) => `"${x}"`).join(', ')}]\npartitions = 3\n${more}`
}

describe.each(SERVERS)('%s', (server) => {
  test('messages: the ndjson line as value, the key, headers, order per key, tombstones, DDL', async () => {
    broker = await KafkaBroker.start()
    const b = broker
    ctx = await FeedContext.open(server, 't12_kafka_msg', { sink: () => kafkaSink(b, 'topic_prefix = "t12"\ntombstones = true') })
    const c = ctx
    await c.sql.query('CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(40), d DECIMAL(12,2), big BIGINT UNSIGNED)')
    await c.sql.query('CREATE TABLE kl (a INT, b VARCHAR(20))')
    await c.sql.query("INSERT INTO t VALUES (1, 'one', 1.50, 18446744073709551615), (2, 'two', NULL, 0)")
    await c.sql.query("INSERT INTO kl VALUES (1, 'x'), (1, 'x')")

    // The same feed as JSON lines, from a second chsync beside it.
    const ndjsonPath = join(c.dir, 'beside.ndjson')
    const besideConfig = join(c.dir, 'beside.toml')
    writeFileSync(
      besideConfig,
      readFileSync(c.configPath, 'utf8')
        .replace(/server_id = \d+/, `server_id = ${replicaServerId()}`)
        .replace(/path = ".*state\.db"/, `path = "${join(c.dir, 'beside-state.db')}"`)
        .replace(/\[sink\][\s\S]*$/, `[sink]\nkind = "ndjson"\n[sink.ndjson]\noutput = "${ndjsonPath}"\n`),
    )
    const seen = c.logLines().length
    c.start()
    beside = Bun.spawn(['bun', CLI, 'run', '-c', besideConfig], { env: c.env, stdout: 'ignore', stderr: 'ignore' })
    await c.waitForLog((l) => l.msg === 'streaming', seen)
    await c.poll(
      () => (lines(ndjsonPath).filter((r) => r.kind === 'snapshot_insert').length === 4 ? true : undefined),
      20_000,
      'the ndjson chsync did not copy',
    )

    await c.sql.query("INSERT INTO t VALUES (3, 'three', 3.00, 9007199254740993)")
    await c.sql.query("UPDATE t SET v = 'uno' WHERE id = 1")
    await c.sql.query("UPDATE t SET v = 'uno bis' WHERE id = 1")
    await c.sql.query('UPDATE t SET id = 4 WHERE id = 2')
    await c.sql.query('DELETE FROM t WHERE id = 3')
    await c.sql.query("UPDATE kl SET b = 'y' LIMIT 1")
    await c.sql.query('ALTER TABLE t ADD COLUMN note TEXT')
    await c.sql.query("INSERT INTO t VALUES (5, 'five', NULL, NULL, 'after DDL')")

    const topicT = `t12.${c.db}.t`
    const topicKl = `t12.${c.db}.kl`
    const done = async () => (await b.read(topicT)).filter((m) => m.value?.includes('"after DDL"')).length === 1
    for (const deadline = Date.now() + 30_000; !(await done()); ) {
      if (Date.now() > deadline) throw new Error(`the last change never reached ${topicT}:\n${c.log.slice(-3000)}`)
      await Bun.sleep(200)
    }
    await c.poll(
      () => (lines(ndjsonPath).some((r) => JSON.stringify(r).includes('after DDL')) ? true : undefined),
      20_000,
      'the ndjson chsync lags',
    )

    const t = await b.read(topicT)
    const kl = await b.read(topicKl)
    const ddl = await b.read('t12.schema_changes')
    const values = [...t, ...kl].filter((m) => m.value !== null)

    // Binlog changes: byte for byte the ndjson sink's lines (copied rows differ only in "ts", the copy's time).
    const fileLines = readFileSync(ndjsonPath, 'utf8')
      .split('\n')
      .filter((l) => l !== '')
    const binlogLines = (ms: (string | null)[]) =>
      (ms as string[]).filter((l) => !l.startsWith('{"kind":"snapshot_insert"') && !l.startsWith('{"kind":"ddl"')).sort()
    expect(binlogLines(values.map((m) => m.value!))).toEqual(binlogLines(fileLines))
    const noTs = (l: string) => l.replace(/,"ts":.*$/, '')
    expect(
      values
        .filter((m) => m.value!.startsWith('{"kind":"snapshot_insert"'))
        .map((m) => noTs(m.value!))
        .sort(),
    ).toEqual(
      fileLines
        .filter((l) => l.startsWith('{"kind":"snapshot_insert"'))
        .map(noTs)
        .sort(),
    )
    expect(ddl.map((m) => m.value)).toEqual(fileLines.filter((l) => l.startsWith('{"kind":"ddl"')))
    expect(ddl.map((m) => m.key)).toEqual([JSON.stringify(c.db)])

    // Keys: the primary key as a JSON array; the keyless table's `_key` (digits).
    const row1 = t.filter((m) => m.key === '[1]')
    expect(row1.map((m) => (JSON.parse(m.value!) as FeedRecord).kind)).toEqual(['snapshot_insert', 'update', 'update'])
    expect(new Set(row1.map((m) => m.partition)).size).toBe(1)
    expect(row1.map((m) => (JSON.parse(m.value!) as FeedRecord).columnvalues![1])).toEqual(['one', 'uno', 'uno bis'])
    expect(kl.every((m) => /^\d+$/.test(m.key ?? ''))).toBe(true)
    // The key change: a message under the new key; the delete of 3 and its tombstone.
    expect(t.filter((m) => m.key === '[4]').map((m) => (JSON.parse(m.value!) as FeedRecord).kind)).toEqual(['update'])
    const three = t.filter((m) => m.key === '[3]')
    expect(three.map((m) => (m.value === null ? 'tombstone' : (JSON.parse(m.value) as FeedRecord).kind))).toEqual([
      'insert',
      'delete',
      'tombstone',
    ])

    // Headers: gtid, position and version as the line has them.
    for (const m of values) {
      const r = JSON.parse(m.value!) as FeedRecord
      expect({ gtid: m.headers.gtid ?? null, position: m.headers.position ?? null, version: m.headers.version } as Record<
        string,
        string | null
      >).toEqual({
        gtid: r.gtid,
        position: r.position,
        version: String(r.version),
      })
    }

    expect({ exit: await c.stop('SIGTERM') }).toEqual({ exit: 0 })
  }, 90_000)
})

// The client reads its WebAssembly (CRC32C, lz4, snappy) from beside its module unless the build
// takes its 'bundled' entry (deploy/compile.ts, what make build runs): a binary has no node_modules.
test('the compiled binary (deploy/compile.ts) sends to Kafka with compression, and resumes after a stop', async () => {
  const binDir = mkdtempSync(join(tmpdir(), 'chsync-kafka-bin-'))
  try {
    const bin = join(binDir, 'chsync')
    const built = Bun.spawnSync(['bun', join(import.meta.dir, '../../deploy/compile.ts'), '--outfile', bin], {
      stderr: 'pipe',
      stdout: 'pipe',
    })
    expect({ build: built.exitCode, err: built.stderr.toString().slice(0, 500) }).toEqual({ build: 0, err: '' })
    broker = await KafkaBroker.start()
    const b = broker
    ctx = await FeedContext.open('mariadb10', 't12_kafka_bin', { sink: () => kafkaSink(b, 'topic_prefix = "t12b"\ncompression = "lz4"') })
    const c = ctx
    await c.sql.query('CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(20))')
    await c.sql.query("INSERT INTO t VALUES (1, 'copied')")
    const topic = `t12b.${c.db}.t`
    // Partitions one after another: the kinds in a fixed order.
    const kinds = async () => (await b.read(topic)).map((m) => (JSON.parse(m.value!) as FeedRecord).kind).sort()
    for (const [round, expected] of [
      [1, ['snapshot_insert', 'insert']],
      [2, ['snapshot_insert', 'insert', 'insert']],
    ] as const) {
      const seen = c.logLines().length
      c.start([bin])
      await c.waitForLog((l) => l.msg === 'streaming', seen)
      await c.sql.query(`INSERT INTO t VALUES (${round + 1}, 'streamed')`)
      for (const until = Date.now() + 20_000; (await kinds()).length < expected.length && Date.now() < until; ) await Bun.sleep(100)
      expect(await kinds()).toEqual([...expected].sort())
      expect({ exit: await c.stop('SIGTERM') }).toEqual({ exit: 0 })
    }
  } finally {
    rmSync(binDir, { recursive: true, force: true })
  }
}, 90_000)

function lines(path: string): FeedRecord[] {
  try {
    return parseLines(readFileSync(path, 'utf8'))
  } catch {
    return []
  }
}
