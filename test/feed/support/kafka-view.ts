// What a Kafka broker would show a read_committed consumer of chsync's topics, rebuilt from what
// librdkafka's mock cluster keeps: the mock accepts transactions but shows the messages of aborted
// ones too. Each transaction's messages carry its id (header chsync.txn) and its last message is
// its position record with the same id, sent only after everything before it was acknowledged; a
// transaction without its position record never committed and is left out.

import type { KafkaBroker, KafkaMessage } from '../../support/kafka-broker.ts'
import type { FeedRecord } from './feed-context.ts'

export interface CommittedView {
  /** The committed changes, topic after topic (each in offset order per partition). */
  records: FeedRecord[]
  /** Their messages, in the same order. */
  messages: KafkaMessage[]
  /** Messages of transactions that never committed. */
  uncommitted: number
  /** Versions of the binlog changes by topic, partition and message key, in offset order. */
  versionsByKey: Map<string, number[]>
}

/** The committed messages of `<prefix>.<db>.<table>` for each table and of the schema topic. */
export async function committedView(b: KafkaBroker, prefix: string, db: string, tables: string[]): Promise<CommittedView> {
  const committed = new Set((await b.read(`${prefix}.positions`)).map((m) => m.headers['chsync.txn']))
  const messages: KafkaMessage[] = []
  for (const t of tables) messages.push(...(await b.read(`${prefix}.${db}.${t}`)))
  messages.push(...(await b.read(`${prefix}.schema_changes`)))
  const kept = messages.filter((m) => committed.has(m.headers['chsync.txn']) && m.value !== null)
  const versionsByKey = new Map<string, number[]>()
  for (const m of kept) {
    if (m.topic.endsWith('.schema_changes') || m.value!.startsWith('{"kind":"snapshot_insert"')) continue
    const k = `${m.topic}:${m.partition}:${m.key}`
    versionsByKey.set(k, [...(versionsByKey.get(k) ?? []), Number(m.headers.version)])
  }
  return {
    records: kept.map((m) => JSON.parse(m.value!) as FeedRecord),
    messages: kept,
    uncommitted: messages.length - kept.length,
    versionsByKey,
  }
}

/** Copied rows first (by copy), then binlog changes by version: the order the source had them. */
export function inVersionOrder(records: FeedRecord[]): FeedRecord[] {
  const rank = (r: FeedRecord) => (r.kind === 'snapshot_insert' ? -1 : Number(r.version))
  return records.filter((r) => r.kind !== 'ddl').sort((x, y) => rank(x) - rank(y))
}
