// Exactly once into Kafka through kill -9 during the initial copy: two keyed tables of many chunks
// (an integer key, copied in key ranges by two readers, and a two-column text key, copied by one),
// chunks of 400 rows that span several flushes (a Kafka transaction per 40 rows or so), writes and
// DDL on both tables all along, chsync killed at random moments of the copy (after its committed
// progress moved a random few percent of the rows further) and started again. An
// independent read_committed consumer (kcat) then finds each copied row once, each binlog change
// once, and replaying the messages gives the source's tables.

import { afterEach, describe, expect, test } from 'bun:test'
import { seeded } from '../support/random.ts'
import { KafkaBroker } from '../support/kafka-broker.ts'
import { SERVERS } from '../support/servers.ts'
import { killInCopy } from './support/copy-kill.ts'
import { FeedContext } from './support/feed-context.ts'
import { FeedModel } from './support/feed-model.ts'
import { SourceWriter } from './support/feed-writer.ts'
import { committedView, inVersionOrder } from './support/kafka-view.ts'

let ctx: FeedContext | null = null
let broker: KafkaBroker | null = null
afterEach(async () => {
  await ctx?.close()
  await broker?.stop()
  ctx = null
  broker = null
})

const PREFIX = 't12c'
const INT_ROWS = 30_000
const TEXT_ROWS = 16_000
const TABLES = ['cp_int', 'cp_txt']

describe.each(SERVERS)('%s', (server) => {
  test('kill -9 at random moments of a multi-chunk copy under writes: every copied row and change once', async () => {
    broker = await KafkaBroker.start()
    const b = broker
    ctx = await FeedContext.open(server, 't12_kafka_copy', {
      sink: () =>
        `[sink]\nkind = "kafka"\n[sink.kafka]\nbrokers = [${b.brokers.map((x) => `"${x}"`).join(', ')}]\n` +
        `topic_prefix = "${PREFIX}"\npartitions = 48\ntimeout_ms = 2000\nretries = 2\n`,
      env: {
        CHSYNC_SNAPSHOT_CHUNK_ROWS: '400',
        CHSYNC_SNAPSHOT_PARALLELISM: '2',
        CHSYNC_APPLY_BATCH_ROWS: '40',
        // Small buffers: the readers wait for each flush, so the committed progress the kills are
        // timed by moves in steps of a few percent of the rows (with the default 64 MiB it moved
        // by up to a fifth at once while a transaction was in flight).
        CHSYNC_APPLY_MAX_BUFFER_BYTES: '1MiB',
        CHSYNC_APPLY_BATCH_BYTES: '64KiB',
      },
    })
    const c = ctx
    const rand = seeded(1212 + SERVERS.indexOf(server))
    await c.sql.query('CREATE TABLE cp_int (id INT PRIMARY KEY, n INT NOT NULL, pad VARCHAR(60))')
    await c.sql.query('CREATE TABLE cp_txt (k VARCHAR(40) NOT NULL, j INT NOT NULL, v VARCHAR(40), PRIMARY KEY (k, j))')
    for (let from = 1; from <= INT_ROWS; from += 5000)
      await c.sql.query(
        `INSERT INTO cp_int VALUES ${Array.from({ length: 5000 }, (_, i) => `(${from + i}, 0, 'seed ${from + i} ${'x'.repeat(i % 30)}')`).join(', ')}`,
      )
    await c.sql.query(
      `INSERT INTO cp_txt VALUES ${Array.from({ length: TEXT_ROWS }, (_, i) => `('${textKey(i)}', ${i % 5}, 'v${i}')`).join(', ')}`,
    )
    // The tables' row estimates decide the split into key ranges.
    await c.sql.query('ANALYZE TABLE cp_int, cp_txt')

    // A pause between steps: the mock cluster keeps a few MB per partition (4 per topic), aborted
    // transactions included, and a loaded machine makes the copy phase, so the writing, last longer.
    const writer = new CopyWriter(c.sql, rand, 15)
    writer.start()
    let copyKills = 0
    let resumed = 0
    for (let i = 0; i < 12; i++) {
      // Once the committed copy has moved a random 3-12% of the rows further: a moment in the middle
      // of the copy on any machine. Kills at a fixed 20-150 ms after the start found the copy done
      // after 2 of them once the sink got faster (MariaDB 11.8 in CI).
      const run = await killInCopy(c, (0.03 + rand() * 0.09) * (INT_ROWS + TEXT_ROWS), rand)
      resumed += run.lines.filter((x) => x.msg === 'resuming copy').length
      if (!run.copying) break
      copyKills++
    }
    await writer.stop()

    const seen = c.logLines().length
    c.start()
    await c.waitForLog((l) => l.msg === 'streaming', seen, 120_000)
    let view = await committedView(b, PREFIX, c.db, TABLES)
    let diff: string[] = ['not compared yet']
    for (const deadline = Date.now() + 60_000; Date.now() < deadline; await Bun.sleep(500)) {
      view = await committedView(b, PREFIX, c.db, TABLES)
      const m = new FeedModel({ cp_int: ['id'], cp_txt: ['k', 'j'] }).apply(inVersionOrder(view.records))
      diff = [...(await m.diff(c.sql, c.db, 'cp_int')), ...(await m.diff(c.sql, c.db, 'cp_txt'))]
      if (diff.length === 0) break
    }
    expect({ exit: await c.stop('SIGTERM') }).toEqual({ exit: 0 })
    expect(diff).toEqual([])
    // The scenario happened: kills in the middle of the copy, copies resumed from their progress.
    expect(copyKills).toBeGreaterThanOrEqual(3)
    expect(resumed).toBeGreaterThanOrEqual(2)

    view = await committedView(b, PREFIX, c.db, TABLES)
    const copied = view.records.filter((r) => r.kind === 'snapshot_insert')
    const keys = copied.map(
      (r) => `${r.table}/${r.version}/${JSON.stringify(r.table === 'cp_int' ? r.columnvalues![0] : r.columnvalues!.slice(0, 2))}`,
    )
    expect({ copied: copied.length, twice: keys.length - new Set(keys).size }).toEqual({ copied: copied.length, twice: 0 })
    // Rows no write touched are there from the copy alone: at least those.
    expect(copied.length).toBeGreaterThan((INT_ROWS + TEXT_ROWS) / 2)
    console.log(
      `kafka copy crash (${server}): ${copyKills} kills during the copy, ${resumed} copies resumed, ${copied.length} rows copied (${keys.length - new Set(keys).size} twice), ${view.uncommitted} messages of uncommitted transactions left out`,
    )
    const versions = view.records
      .filter((r) => r.kind === 'insert' || r.kind === 'update' || r.kind === 'delete')
      .map((r) => Number(r.version))
      .sort((x, y) => x - y)
    expect(versions.length).toBeGreaterThan(100)
    // A version twice: its messages, with their transactions and places.
    const twice = new Set(versions.filter((v, i) => i > 0 && v === versions[i - 1]))
    const repeated = view.messages
      .filter((m) => twice.has(Number(m.headers.version)) && !m.value!.startsWith('{"kind":"snapshot_insert"'))
      .map(
        (m) =>
          `${m.topic}:${m.partition}@${m.offset} txn ${m.headers['chsync.txn']} version ${m.headers.version} ${m.value!.slice(0, 160)}`,
      )
    expect(repeated).toEqual([])
    expect(versions).toEqual(Array.from({ length: versions.length }, (_, i) => i + 1))
    for (const [key, vs] of view.versionsByKey) expect({ key, vs }).toEqual({ key, vs: [...vs].sort((x, y) => x - y) })
    expect(view.records.filter((r) => r.kind === 'ddl').map((r) => r.statement)).toEqual(
      Array.from({ length: writer.ddl }, (_, i) => `ALTER TABLE cp_int ADD COLUMN c${i + 1} INT NULL`),
    )
  }, 600_000)
})

/** Text keys that sort differently from their numbers, with a multi-byte character. */
function textKey(i: number): string {
  return `k${(i * 7919) % 1000}-é-${Math.floor(i / 5)}`
}

/** Small transactions on both tables, over keys already copied and keys still to copy; now and then DDL. */
class CopyWriter extends SourceWriter {
  private nextId = INT_ROWS + 1
  private nextText = TEXT_ROWS

  protected async once(): Promise<void> {
    const k = this.step++
    if (k % 150 === 149) {
      await this.sql.query(`ALTER TABLE cp_int ADD COLUMN c${++this.ddl} INT NULL`)
      return
    }
    const id = () => 1 + Math.floor(this.rand() * (this.nextId - 1))
    const text = () => Math.floor(this.rand() * this.nextText)
    const t = text()
    await this.sql.query('BEGIN')
    await this.sql.query(`UPDATE cp_int SET n = n + 1, pad = CONCAT('u', n + 1) WHERE id = ${id()}`)
    await this.sql.query(`DELETE FROM cp_int WHERE id = ${id()}`)
    // New keys at the end and below the first: ahead of the copy and behind it.
    await this.sql.query(`INSERT INTO cp_int (id, n, pad) VALUES (${this.nextId++}, 0, 'new'), (${-k - 1}, 0, 'low')`)
    await this.sql.query(`UPDATE cp_txt SET v = CONCAT(v, '+') WHERE k = '${textKey(t)}' AND j = ${t % 5}`)
    if (k % 3 === 0) await this.sql.query(`DELETE FROM cp_txt WHERE k = '${textKey(text())}'`)
    const n = this.nextText++
    await this.sql.query(`INSERT INTO cp_txt VALUES ('${textKey(n)}', ${n % 5}, 'new')`)
    await this.sql.query('COMMIT')
  }
}
