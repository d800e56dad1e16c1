// The rows written since the last flush: one RowBinary batch per prepared target table, and the
// batches a failed flush could not deliver, sent first next time. Counts what is pending.

import type { CharsetRegistry } from '../../binlog/index.ts'
import { type Cell, type Row, type RowChange, type SourceTable, tableKey } from '../../model/index.ts'
import {
  type ClampCounter,
  RowBinaryWriter,
  type RowEncoder,
  type TextValueEncoder,
  encodeTextRow,
  keyHash,
  textValueEncoder,
} from './encode/index.ts'
import { encodeHistory } from './history.ts'
import type { TargetTable } from './target-table.ts'

/** A target table ready for rows: its encoder and INSERT statement. */
export interface PreparedTable {
  target: TargetTable
  encoder: RowEncoder
  insertSql: string
  /** Primary key column indexes; empty when keyless. */
  key: number[]
  /** Encoders of copied rows in the text protocol's form, made on first use (for these charsets). */
  text?: { charsets: CharsetRegistry | undefined; encoders: TextValueEncoder[] }
}

export interface Batch {
  prepared: PreparedTable
  writer: RowBinaryWriter
  /** Rows encoded (an update that moves a key writes two). */
  rows: number
  /** Changes written into it. */
  changes: number
}

export class PendingBatches {
  private batches = new Map<PreparedTable, Batch>()
  /** Batches a failed flush could not deliver, and those of a preparation replaced meanwhile. */
  private retry: Batch[] = []
  /** Bytes encoded and changes written, not yet delivered. */
  bytes = 0
  changes = 0

  constructor(
    private readonly clamps: ClampCounter,
    /** apply.ignore_deletes: no tombstones (in tables that replace rows; a history table keeps every delete). */
    private readonly ignoreDeletes: boolean,
  ) {}

  write(p: PreparedTable, change: RowChange): void {
    const b = this.batchOf(p)
    const w = b.writer
    const before = w.length
    const keyless = p.target.keyless
    const enc = p.encoder
    const v = change.version
    // A history table keeps every delete (apply.ignore_deletes is for replacing tables), and each
    // of its rows ends with `_op` and `_ts`.
    const history = p.target.history
    const deletes = history || !this.ignoreDeletes
    const ts = change.timestampMs
    switch (change.kind) {
      case 'insert':
      case 'snapshot':
        enc.encode(w, change.after!, v, false, keyless ? keyHash(change.after!) : undefined)
        if (history) encodeHistory(w, 'insert', ts)
        b.rows++
        break
      case 'delete':
        if (!deletes) break
        enc.encode(w, change.before!, v, true, keyless ? keyHash(change.before!) : undefined)
        if (history) encodeHistory(w, 'delete', ts)
        b.rows++
        break
      case 'update': {
        const bk = keyless ? keyHash(change.before!) : undefined
        const ak = keyless ? keyHash(change.after!) : undefined
        // A new key leaves the old one behind: it gets a tombstone (a delete in the history).
        if (deletes && (keyless ? bk !== ak : !sameKey(change.before!, change.after!, p.key))) {
          enc.encode(w, change.before!, v, true, bk)
          if (history) encodeHistory(w, 'delete', ts)
          b.rows++
        }
        enc.encode(w, change.after!, v, false, ak)
        if (history) encodeHistory(w, 'update', ts)
        b.rows++
        break
      }
    }
    this.added(b, before)
  }

  /** A copied row from the text protocol (see SnapshotTextWriter); false for a keyless table, whose `_key` hashes the Cells. */
  writeText(p: PreparedTable, buf: Buffer, at: Int32Array, version: bigint, charsets?: CharsetRegistry): boolean {
    if (p.target.keyless) return false
    if (!p.text || p.text.charsets !== charsets)
      p.text = { charsets, encoders: p.target.columns.map((c) => textValueEncoder(c, this.clamps, charsets)) }
    const b = this.batchOf(p)
    const before = b.writer.length
    encodeTextRow(b.writer, p.text.encoders, buf, at, version)
    if (p.target.history) encodeHistory(b.writer, 'insert', Date.now())
    b.rows++
    this.added(b, before)
    return true
  }

  /** Everything written so far, for one flush; later writes start new batches. */
  take(): Batch[] {
    const work = [...this.retry, ...this.batches.values()].filter((b) => b.rows > 0)
    this.retry = []
    this.batches = new Map()
    return work
  }

  /** After a flush of `work`: the delivered batches are no longer pending, the failed ones are sent first next time. */
  settle(work: Batch[], failed: ReadonlySet<Batch>): void {
    for (const b of work) {
      if (failed.has(b)) continue
      this.bytes -= b.writer.length
      this.changes -= b.changes
    }
    // Batches moved aside while the flush ran (a table prepared again) stay, after the failed ones.
    if (failed.size) this.retry = [...failed, ...this.retry]
  }

  /** Keeps a table's pending rows when its preparation is replaced (they keep their own columns). */
  moveAside(p: PreparedTable): void {
    const b = this.batches.get(p)
    if (!b) return
    this.batches.delete(p)
    this.retry.push(b)
  }

  /** Drops every pending batch of a table, also those of an earlier preparation of it. */
  discard(table: SourceTable): void {
    const key = tableKey(table.database, table.table)
    const ofTable = (b: Batch) => tableKey(b.prepared.target.source.database, b.prepared.target.source.table) === key
    const dropped = [...this.retry.filter(ofTable), ...[...this.batches.values()].filter(ofTable)]
    this.retry = this.retry.filter((b) => !ofTable(b))
    for (const b of dropped) {
      this.batches.delete(b.prepared)
      this.bytes -= b.writer.length
      this.changes -= b.changes
    }
  }

  private batchOf(p: PreparedTable): Batch {
    let b = this.batches.get(p)
    if (!b) {
      b = { prepared: p, writer: new RowBinaryWriter(), rows: 0, changes: 0 }
      this.batches.set(p, b)
    }
    return b
  }

  private added(b: Batch, lengthBefore: number): void {
    b.changes++
    this.bytes += b.writer.length - lengthBefore
    this.changes++
  }
}

function sameKey(a: Row, b: Row, key: number[]): boolean {
  for (const i of key) if (!sameCell(a[i], b[i])) return false
  return true
}

function sameCell(a: Cell, b: Cell): boolean {
  if (a === b) return true
  if (a instanceof Uint8Array && b instanceof Uint8Array) return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b)
  return false
}
