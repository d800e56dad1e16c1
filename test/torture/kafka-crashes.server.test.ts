// Exactly once into Kafka across kill -9: chsync with the Kafka sink (exactly_once) is killed at
// random moments of the initial copy (a keyed and a keyless table), of streaming under writes
// (transactions, 400-row statements, DDL) and in the middle of a transaction sent in many requests,
// and restarted each time; the broker stops answering for a while (its process frozen) once. An
// independent consumer (kcat, read_committed) then reads the topics: every binlog change once
// (versions 1..N), in source order per key, every DDL statement once, every copied row once (the
// copy's progress is committed row by row in the transaction that carries the rows, and chunks of
// 250 rows span several flushes), and replaying the messages gives the source's tables.
// The consumer's view is rebuilt from the mock cluster's topics (feed/support/kafka-view.ts).

import { afterEach, describe, expect, test } from 'bun:test'
import { killInCopy } from '../feed/support/copy-kill.ts'
import { FeedContext } from '../feed/support/feed-context.ts'
import { FeedModel } from '../feed/support/feed-model.ts'
import { FeedWriter, crashTables } from '../feed/support/feed-writer.ts'
import { seeded } from '../support/random.ts'
import { committedView, inVersionOrder } from '../feed/support/kafka-view.ts'
import { KafkaBroker } from '../support/kafka-broker.ts'
import { SERVERS } from '../support/servers.ts'
import { scale, scenario } from './support/report.ts'

let ctx: FeedContext | null = null
let broker: KafkaBroker | null = null
afterEach(async () => {
  await ctx?.close()
  await broker?.stop()
  ctx = null
  broker = null
})

const PREFIX = 't12k'

describe.each(SERVERS)('%s', (server) => {
  const copyKills = scale(3, 15)
  const streamKills = scale(5, 40)
  const name = `kafka exactly once: ${copyKills + streamKills + 1} kill -9, broker frozen 8 s (${server})`
  test(
    'kafka: kill -9 at random moments of copy and stream; read_committed sees every change once',
    () =>
      scenario(name, async (result) => {
        broker = await KafkaBroker.start()
        const b = broker
        ctx = await FeedContext.open(server, 't12_kafka_crash', {
          sink: () =>
            `[sink]\nkind = "kafka"\n[sink.kafka]\nbrokers = [${b.brokers.map((x) => `"${x}"`).join(', ')}]\n` +
            `topic_prefix = "${PREFIX}"\ncompression = "zstd"\nrequest_bytes = "16KiB"\ntimeout_ms = 2000\nretries = 2\n`,
          env: {
            CHSYNC_SNAPSHOT_CHUNK_ROWS: '250',
            CHSYNC_SNAPSHOT_PARALLELISM: '2',
            CHSYNC_APPLY_BATCH_ROWS: '2000',
            // Small buffers: the copy waits for each flush, so its committed progress moves in
            // small steps and the kills below land in its middle (with 64 MiB one step took it all).
            CHSYNC_APPLY_MAX_BUFFER_BYTES: '1MiB',
            CHSYNC_APPLY_BATCH_BYTES: '64KiB',
          },
        })
        const c = ctx
        const rand = seeded(1207 + SERVERS.indexOf(server))
        const seedRows = scale(6000, 20_000)
        await crashTables(c.sql, seedRows)

        // During the copy: each run once the committed copy has moved on, by up to 5% of the rows
        // (a fixed time after the start found the copy done on a fast run: "0 kills during the copy").
        let killedCopying = 0
        const copyRows = seedRows + 3000 // seed and kl
        for (let i = 0; i < copyKills; i++) if ((await killInCopy(c, rand() * 0.05 * copyRows, rand)).copying) killedCopying++

        // During streaming, with writes going on; once, the broker stops answering for 8 s.
        // The long form writes slower: the mock keeps about 5 MB per partition, aborted transactions' messages included.
        const writer = new FeedWriter(c.sql, rand, scale(3, 12))
        writer.start()
        for (let i = 0; i < streamKills; i++) {
          c.start()
          await Bun.sleep(700 + rand() * 900)
          if (i === 1) {
            await b.freeze(8_000)
            await Bun.sleep(1500)
          }
          await c.stop('SIGKILL')
        }
        await writer.stop()

        // In the middle of one large transaction sent in many requests.
        const seen = c.logLines().length
        c.start()
        await c.waitForLog((l) => l.msg === 'streaming', seen, 60_000)
        const topicEv = `${PREFIX}.${c.db}.ev`
        const before = (await b.read(topicEv)).length
        await c.sql.query(
          `INSERT INTO ev (id, n, pad) VALUES ${Array.from({ length: 10_000 }, (_, i) => `(${1_000_000 + i}, 0, 'big')`).join(', ')}`,
        )
        // A read takes tens of milliseconds (it reads the whole topic): 200 ms between two keeps the
        // polling from taking a core while chsync sends the transaction.
        for (const until = Date.now() + 10_000; Date.now() < until && (await b.read(topicEv)).length < before + 2000; ) await Bun.sleep(200)
        await c.stop('SIGKILL')

        const last = c.logLines().length
        c.start()
        await c.waitForLog((l) => l.msg === 'streaming', last, 60_000)
        let view = await committedView(b, PREFIX, c.db, ['seed', 'kl', 'ev'])
        let diff: string[] = ['not compared yet']
        for (const deadline = Date.now() + 60_000; Date.now() < deadline; await Bun.sleep(500)) {
          view = await committedView(b, PREFIX, c.db, ['seed', 'kl', 'ev'])
          const m = new FeedModel({ seed: ['id'], kl: [], ev: ['id'] }).apply(inVersionOrder(view.records))
          diff = [...(await m.diff(c.sql, c.db, 'seed')), ...(await m.diff(c.sql, c.db, 'kl')), ...(await m.diff(c.sql, c.db, 'ev'))]
          if (view.records.filter((r) => r.kind === 'ddl').length < writer.ddl) diff.push('DDL messages missing')
          if (diff.length === 0) break
        }
        expect({ exit: await c.stop('SIGTERM') }).toEqual({ exit: 0 })
        view = await committedView(b, PREFIX, c.db, ['seed', 'kl', 'ev'])
        const records = view.records
        const versions = records
          .filter((r) => r.kind === 'insert' || r.kind === 'update' || r.kind === 'delete')
          .map((r) => Number(r.version))
        const sorted = [...versions].sort((x, y) => x - y)
        const repeats = sorted.filter((v, i) => i > 0 && v === sorted[i - 1]).length
        const copiedRows = records.filter((r) => r.kind === 'snapshot_insert')
        // A copied row of a keyed table is one key of one copy (version): twice is a difference.
        const keyed = copiedRows.filter((r) => r.table !== 'kl').map((r) => `${r.table}/${r.version}/${JSON.stringify(r.columnvalues![0])}`)
        const copiedTwice = keyed.length - new Set(keyed).size
        result({
          written: sorted.length + copiedRows.length - copiedTwice + writer.ddl,
          found: records.length,
          differences: diff.length + repeats + copiedTwice,
          note: `${killedCopying} kills during the copy; ${view.uncommitted} messages of uncommitted transactions left out; ${copiedTwice} copied rows twice`,
        })
        expect(diff).toEqual([])
        // The scenario happened: at least 3 kills landed in the copy (all of them in the short form).
        expect(killedCopying).toBeGreaterThanOrEqual(3)

        // Binlog changes: versions 1..N, each once; per key in source order.
        expect(sorted.length).toBeGreaterThan(1000)
        expect(sorted).toEqual(Array.from({ length: sorted.length }, (_, i) => i + 1))
        for (const [key, vs] of view.versionsByKey) expect({ key, vs }).toEqual({ key, vs: [...vs].sort((x, y) => x - y) })
        // Copied rows: every row of seed once, each row of ev's copy once, and the keyless kl (one
        // scan, counted by chsync) exactly once.
        const copied = (table: string) =>
          records.filter((r) => r.kind === 'snapshot_insert' && r.table === table).map((r) => `${r.version}/${r.columnvalues![0]}`)
        const seed = copied('seed')
        expect({ rows: seed.length, keys: new Set(seed).size }).toEqual({ rows: seedRows, keys: seedRows })
        expect(copiedTwice).toBe(0)
        expect(copied('kl').length).toBe(3000)
        // DDL statements once each, in order.
        expect(records.filter((r) => r.kind === 'ddl').map((r) => r.statement)).toEqual(
          Array.from({ length: writer.ddl }, (_, i) => `ALTER TABLE ev ADD COLUMN c${i + 1} INT NULL`),
        )
      }),
    scale(240_000, 1_800_000),
  )
})
