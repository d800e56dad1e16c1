// The Kafka sink: every change as one message whose value is the change's JSON line (the ndjson
// sink's format), keyed by the row's primary key, with the GTID, binlog position and version as
// headers. With exactly_once, a flush is one Kafka transaction that ends with a position record
// (the commit the pipeline then makes in the state file); at start the producer fences a crashed
// predecessor's open transaction, and a record newer than the state file becomes the state: what a
// read_committed consumer sees is every change once. Without it, delivery is at least once.
// chsync encodes the record batches itself (record-sender.ts); the client library does the rest.

import type { Admin, Producer } from '@platformatic/kafka'
import type { KafkaSinkConfig } from '../../config/index.ts'
import type { Logger } from '../../log/index.ts'
import { type DdlChange, type RowChange, type SourceTable, splitTableKey, tableKey } from '../../model/index.ts'
import { type CommitRecord, encodeCommitRecord, type StateStore } from '../../state/index.ts'
import { BaseSink, type DdlResult } from '../sink.ts'
import { type KafkaClient, kafkaClient } from './client.ts'
import { ACKS, clientOptions } from './client-options.ts'
import { hasKafkaCode, type KafkaPlace, kafkaError, mentions } from './errors.ts'
import { MessageKeys } from './message-key.ts'
import { missingTopics, missingTopicsError } from './missing-topics.ts'
import { type CopyMarks, KeylessCopies } from './keyless-copies.ts'
import { DdlsAhead } from './ddls-ahead.ts'
import { lastPositionRecord, type PositionRecord } from './position-log.ts'
import { NO_MESSAGES, PendingMessages, singleMessage, type TakenMessages } from './pending-messages.ts'
import type { BatchProducer } from './record-batch.ts'
import { partitionsOf, RecordSender } from './record-sender.ts'
import { stepBudgetMs, withinBudget } from './step-deadline.ts'
import { TopicNames } from './topics.ts'

export interface KafkaSinkOptions {
  config: KafkaSinkConfig
  /** The state file the pipeline commits to: a newer position record found at start is restored into it. */
  state: () => StateStore
  log: Logger
}

const TOPIC_EXISTS = 36
type Transaction = Awaited<ReturnType<Producer['beginTransaction']>>
/** Bytes of the JavaScript object of a message besides its bytes in the buffers (roughly). */
const MESSAGE_OVERHEAD = 100

export class KafkaSink extends BaseSink {
  readonly name = 'kafka'
  private readonly k: KafkaSinkConfig
  private readonly topics: TopicNames
  private readonly pending: PendingMessages
  private readonly keys = new MessageKeys()
  private client: KafkaClient | null = null
  private producer: Producer | null = null
  /** Sends the record batches of `producer`; replaced with it. */
  private sender: RecordSender | null = null
  /** Without exactly_once: the idempotent producer's id and epoch, asked for once per producer. */
  private idempotence: BatchProducer | null = null
  private admin: Admin | null = null
  private state: StateStore | null = null
  /** Messages a flush took and not yet acknowledged: sent again, first, by the next flush. */
  private outgoing: TakenMessages = NO_MESSAGES
  private readonly copies = new KeylessCopies()
  /** The keyless copies' marks as of the outgoing messages. */
  private outgoingCopies: CopyMarks = {}
  private readonly ddls = new DdlsAhead()
  /**
   * The highest binlog change version written, and as of the outgoing messages. A flush can end
   * inside a source transaction, whose replay after a crash starts at its beginning with the same
   * versions: those up to the last record's version are in Kafka already and are left out.
   */
  private writtenVersion = 0n
  private outgoingVersion = 0n
  private replayedUpTo = 0n
  private readonly knownTopics = new Set<string>()
  /** The seq of a transaction whose commit request failed: it may have committed all the same. */
  private unsureSeq: number | null = null
  /** The chsync.txn header of a transaction: this process's random id and the transaction's number. */
  private readonly run = crypto.randomUUID().slice(0, 8)
  private transactions = 0
  /** How long one step of the client library may take (step-deadline.ts). */
  private readonly stepMs: number

  constructor(private readonly opts: KafkaSinkOptions) {
    super()
    this.k = opts.config
    this.topics = new TopicNames(this.k)
    this.pending = new PendingMessages({ includeBefore: this.k.includeBefore })
    this.stepMs = stepBudgetMs(this.k.timeoutMs, this.k.retries)
  }

  /** A step of the client library, failed once the brokers had all the tries the configuration gives them. */
  private step<T>(what: string, step: Promise<T>): Promise<T> {
    return withinBudget(what, this.stepMs, step)
  }

  get pendingBytes(): number {
    // Each message also holds objects (key, headers, the message itself) besides its line: counted,
    // so that back-pressure bounds the memory they take too.
    return this.pending.bytes + this.outgoing.bytes + this.pendingRows * MESSAGE_OVERHEAD
  }

  get pendingRows(): number {
    return this.pending.count + this.outgoing.entries.length
  }

  async start(): Promise<void> {
    const k = this.k
    this.state ??= this.opts.state()
    this.client ??= await kafkaClient()
    this.admin ??= new this.client.Admin(clientOptions(k))
    if (!this.producer) this.newProducer()
    if (!k.exactlyOnce) return
    try {
      await this.ensureTopics([this.topics.position])
    } catch (err) {
      throw kafkaError('create', this.place([this.topics.position]), err)
    }
    const found = await this.fenceAndRead()
    const record = found?.commit
    const state = this.state
    if (record && record.seq > state.commitSeq) {
      // The transaction reached Kafka and the crash came before the state file's commit.
      state.restore(record)
      this.opts.log.info('position recovered from the Kafka position record (newer than the state file)', {
        topic: this.topics.position,
        position: `${record.checkpoint.file}:${record.checkpoint.offset}`,
        gtid: record.checkpoint.gtid,
      })
    }
    this.replayedUpTo = found?.lastVersion ?? 0n
    this.writtenVersion = this.replayedUpTo
    this.ddls.resume(found?.ddlsAhead)
    this.copies.resume(found?.copies, (key) => {
      const at = key.lastIndexOf('@')
      const [database, table] = splitTableKey(key.slice(0, at))
      const t = state.table(database, table)
      return t !== null && t.stage !== 'streaming' && t.snapshotVersion === BigInt(key.slice(at + 1))
    })
  }

  /** A producer for the client's share of the work (metadata, producer id, transactions) and the sender of the batches. */
  private newProducer(): void {
    const k = this.k
    this.producer = new this.client!.Producer({
      ...clientOptions(k),
      idempotent: true,
      acks: ACKS[k.acks],
      autocreateTopics: false,
      // InitProducerId asks for a new producer (or, with a transactional id, the id's current
      // one, whatever epoch a crashed run left): the client's default (0, 0) asks to bump
      // producer 0, which brokers refuse (UNKNOWN_PRODUCER_ID, or a history of the id).
      producerId: -1n,
      producerEpoch: -1,
      ...(k.exactlyOnce ? { transactionalId: k.transactionalId } : {}),
    })
    this.sender = new RecordSender({
      client: this.client!,
      producer: this.producer,
      transactionalId: k.exactlyOnce ? k.transactionalId : null,
      compression: k.compression,
      timeoutMs: k.timeoutMs,
      requestBytes: k.requestBytes,
    })
    this.idempotence = null
  }

  /** After a failure: the producer's state is unknown, a new one starts a new epoch (and aborts what the old left open). */
  private async replaceProducer(): Promise<void> {
    await this.producer!.close(true).catch(() => {})
    this.newProducer()
  }

  /**
   * Registers the producer with the transaction coordinator (a transaction begun and aborted),
   * which first ends what an earlier producer of this transactional id left open: from then on
   * nothing of it can still commit. Then reads back the newest committed position record.
   */
  private async fenceAndRead(): Promise<PositionRecord | null> {
    const place = this.place([this.topics.position])
    try {
      const tx = await this.step('begin transaction', this.producer!.beginTransaction())
      await this.step('abort', tx.abort())
    } catch (err) {
      await this.replaceProducer()
      throw kafkaError('start the transactional producer', place, err)
    }
    try {
      return await lastPositionRecord(this.client!, clientOptions(this.k), this.topics.position, this.k.transactionalId)
    } catch (err) {
      throw kafkaError('read the last position record from', place, err)
    }
  }

  private place(topics: string[]): KafkaPlace {
    return { brokers: this.k.brokers, topics, transactionalId: this.k.transactionalId }
  }

  write(change: RowChange): void {
    if (change.kind !== 'snapshot') {
      if (change.version <= this.replayedUpTo) return
      this.writtenVersion = change.version
    }
    const lines = this.pending.lines
    const start = lines.end
    const bodyEnd = lines.row(change)
    const t = change.table
    if (change.kind === 'snapshot' && t.primaryKey.length === 0) {
      const key = copyKey(t, change.version)
      if (!this.copies.admit(key, lines.buffer.view(start, bodyEnd), () => this.keylessChanged(key))) {
        lines.dropFrom(start)
        return
      }
    }
    const tombstone = change.kind === 'delete' && this.k.tombstones
    this.pending.add(this.topics.table(t), start, this.keys.of(change), change.gtid, change.position, change.version, tombstone)
  }

  /** The DDL message goes with the flush that commits the statement's position (one transaction). */
  async applyDdl(ddl: DdlChange): Promise<DdlResult> {
    if (this.ddls.sent(ddl)) return { rebuilt: [], refused: [] }
    this.ddls.written(ddl)
    const lines = this.pending.lines
    const start = lines.end
    const { version } = lines.ddl(ddl, this.state?.checkpoint?.version)
    this.pending.add(this.topics.ddl(ddl.database), start, JSON.stringify(ddl.database), ddl.gtid, ddl.position, version)
    return { rebuilt: [], refused: [] }
  }

  async flush(commit?: CommitRecord): Promise<void> {
    // A failed flush is tried again with the same commit: it must send the same messages, not
    // those written since, which belong after the commit's position.
    if (this.outgoing.entries.length === 0) this.takePending()
    if (this.outgoing.entries.length === 0) return
    const topics = [...new Set(this.outgoing.entries.map((m) => m.topic))]
    const place = this.place(topics)
    try {
      await this.ensureTopics(topics)
    } catch (err) {
      throw kafkaError('create', place, err)
    }
    if (this.k.exactlyOnce) await this.sendInTransaction(place, commit)
    else {
      try {
        const p = (this.idempotence ??= {
          ...(await this.step('producer id', this.producer!.initIdempotentProducer({}))),
          transactional: false,
        })
        await this.sendOutgoing(topics, p, null, null)
      } catch (err) {
        await this.replaceProducer()
        throw kafkaError('deliver to', place, err)
      }
    }
    this.pending.recycle(this.outgoing)
    this.outgoing = NO_MESSAGES
    this.ddls.delivered()
  }

  /**
   * The outgoing messages and the position record as one transaction. After a failure the
   * producer is replaced (the new one aborts what the old left open); when the commit request
   * itself failed, whether it committed is read back from the position record before sending again.
   */
  private async sendInTransaction(place: KafkaPlace, commit: CommitRecord | undefined): Promise<void> {
    if (this.unsureSeq !== null) {
      const record = await this.fenceAndRead()
      const committed = record !== null && record.commit.seq >= this.unsureSeq
      this.unsureSeq = null
      if (committed) return
    }
    // One id per attempt: an attempt that failed is aborted, and its messages are not the retry's.
    const txn = Buffer.from(`${this.run}:${++this.transactions}`)
    let committing = false
    try {
      const producer = this.producer!
      const tx = await this.step('begin transaction', producer.beginTransaction())
      const p: BatchProducer = { producerId: producer.producerId!, producerEpoch: producer.producerEpoch!, transactional: true }
      await this.sendOutgoing([...place.topics!], p, txn, commit ? this.positionRecord(commit) : null, tx)
      committing = true
      await this.step('commit', tx.commit())
    } catch (err) {
      if (committing && commit) this.unsureSeq = commit.seq
      await this.replaceProducer()
      throw kafkaError(committing ? 'commit the transaction to' : 'deliver (transaction aborted) to', place, err)
    }
  }

  override async snapshotDone(table: SourceTable, version: bigint): Promise<void> {
    this.copies.done(copyKey(table, version))
  }

  async close(): Promise<void> {
    await this.producer?.close().catch(() => {})
    await this.admin?.close().catch(() => {})
    this.producer = null
    this.admin = null
    this.state?.close()
    this.state = null
  }

  private keylessChanged(key: string): void {
    this.opts.log.error(
      'a keyless table changed while its interrupted copy was started over: rows of it may be missing or doubled in Kafka; copy it again (chsync resync)',
      { copy: key },
    )
  }

  /** Turns what was written into messages; the buffers' bytes belong to them from here. */
  private takePending(): void {
    this.outgoingCopies = this.copies.marks()
    this.outgoingVersion = this.writtenVersion
    this.ddls.take()
    if (this.pending.count > 0) this.outgoing = this.pending.take()
  }

  /**
   * The outgoing messages in requests of about request_bytes, then the position record (last in
   * the transaction: present only if everything before it was sent). In a transaction, its
   * partitions are added to it first.
   */
  private async sendOutgoing(
    topics: string[],
    p: BatchProducer,
    txn: Buffer | null,
    position: TakenMessages | null,
    tx?: Transaction,
  ): Promise<void> {
    const sender = this.sender!
    const meta = await this.step(
      'metadata',
      this.producer!.metadata({ topics: position ? [...topics, this.topics.position] : topics, autocreateTopics: false }),
    )
    sender.assignPartitions(meta, this.outgoing)
    if (position) sender.assignPartitions(meta, position)
    if (tx) await this.step('add partitions', tx.addPartitions(meta, partitionsOf([this.outgoing, ...(position ? [position] : [])])))
    await sender.send(meta, this.outgoing, p, txn)
    if (position) await sender.send(meta, position, p, txn)
  }

  /** The commit record with more fields: the keyless copies' marks, the last version sent, the statements sent ahead. */
  private positionRecord(commit: CommitRecord): TakenMessages {
    const more = `"copies":${JSON.stringify(this.outgoingCopies)},"lastVersion":"${this.outgoingVersion}","ddlsAhead":${JSON.stringify(this.ddls.ahead(commit.checkpoint))}`
    const value = `${encodeCommitRecord(commit).slice(0, -1)},${more}}`
    return singleMessage(this.topics.position, Buffer.from(this.k.transactionalId), Buffer.from(value))
  }

  /** Creates the topics not seen yet when allowed (an existing one is fine); else they must exist. */
  private async ensureTopics(names: string[]): Promise<void> {
    const missing = names.filter((n) => !this.knownTopics.has(n))
    if (missing.length === 0) return
    const admin = this.admin!
    if (this.k.createTopics) {
      for (const name of missing) {
        const compact = name === this.topics.position
        const created = admin.createTopics({
          topics: [name],
          partitions: compact ? 1 : this.k.partitions,
          replicas: this.k.replicationFactor,
          ...(compact ? { configs: [{ name: 'cleanup.policy', value: 'compact' }] } : {}),
        })
        await this.step('create topic', created).catch(async (err) => {
          if (hasKafkaCode(err, TOPIC_EXISTS)) return
          // A broker without CreateTopics (librdkafka's mock cluster) creates topics when asked for their metadata.
          if (!mentions(err, /Unsupported API CreateTopics/i)) throw err
          await this.step('metadata', admin.metadata({ topics: [name], autocreateTopics: true }))
        })
      }
    } else {
      const absent = await missingTopics(missing, this.step('metadata', admin.metadata({ topics: missing, autocreateTopics: false })))
      if (absent.length) throw missingTopicsError(absent)
    }
    for (const n of missing) this.knownTopics.add(n)
  }
}

function copyKey(t: SourceTable, version: bigint): string {
  return `${tableKey(t.database, t.table)}@${version}`
}
