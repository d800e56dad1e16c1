// One flush's commit as a self-contained record: the position with the copy progress and schema
// history that belong to it, numbered by the state store's commit sequence. A sink that can store
// it in the same atomic write as the changes (a Kafka transaction) keeps it there, so that a crash
// between that write and the state file's commit loses nothing: the record is the later state.
//
// JSON: {"seq":12,"checkpoint":{"file":"binlog.000003","offset":1234,"gtid":"…","version":"1042",
//        "timestampMs":…},"tables":[{…,"snapshotVersion":"7"}],"schemas":[…],"forgotten":[["db","t"]]}
// (bigints as decimal strings).

import type { Checkpoint, SchemaEntry, TableState } from './store.ts'

export interface CommitRecord {
  /** The state store's commit sequence this commit gets: the higher of two records is the later. */
  seq: number
  checkpoint: Checkpoint
  tables: TableState[]
  schemas: SchemaEntry[]
  forgotten: [string, string][]
}

export function encodeCommitRecord(r: CommitRecord): string {
  return JSON.stringify(r, (_key, value) => (typeof value === 'bigint' ? value.toString() : value))
}

/** The record, or an error saying what is wrong with it (`where` names its place). */
export function decodeCommitRecord(text: string, where: string): CommitRecord {
  const fail = (why: string) => new Error(`${where}: not a chsync position record (${why})`)
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (err) {
    throw fail((err as Error).message)
  }
  const r = raw as Record<string, unknown>
  const cp = r?.checkpoint as Record<string, unknown> | undefined
  if (typeof r?.seq !== 'number' || !Number.isSafeInteger(r.seq)) throw fail('no seq')
  if (
    !cp ||
    typeof cp.file !== 'string' ||
    typeof cp.offset !== 'number' ||
    typeof cp.version !== 'string' ||
    !/^\d{1,20}$/.test(cp.version)
  )
    throw fail('no checkpoint')
  if (!Array.isArray(r.tables) || !Array.isArray(r.schemas) || !Array.isArray(r.forgotten)) throw fail('no tables, schemas or forgotten')
  return {
    seq: r.seq,
    checkpoint: {
      file: cp.file,
      offset: cp.offset,
      gtid: typeof cp.gtid === 'string' ? cp.gtid : null,
      version: BigInt(cp.version),
      ...(typeof cp.timestampMs === 'number' ? { timestampMs: cp.timestampMs } : {}),
    },
    tables: (r.tables as Record<string, unknown>[]).map((t) => ({
      ...(t as unknown as TableState),
      snapshotVersion: BigInt(String(t.snapshotVersion)),
    })),
    schemas: r.schemas as SchemaEntry[],
    forgotten: r.forgotten as [string, string][],
  }
}
