// After a restart the pipeline replays what was written but not committed. The lines already in
// the file after the recovery mark are remembered here (by a hash of their body's UTF-8: everything
// but "ts"), and a replayed change whose line is among them is not written a second time.

import { tableKey } from '../../model/index.ts'

type Multiset = Map<bigint, number>

export class ReplayFilter {
  /** Binlog row changes and DDL. */
  private binlog: Multiset = new Map()
  private maxBinlogVersion = -1n
  /** Snapshot rows by snapshotKey. */
  private readonly snapshots = new Map<string, Multiset>()
  /** Lines read back from the file. */
  remembered = 0
  /** Replayed lines not written again. */
  skipped = 0

  get active(): boolean {
    return this.binlog.size > 0 || this.snapshots.size > 0
  }

  /** A binlog line (row change or DDL) after the mark that the replay will produce again. */
  rememberBinlog(body: Uint8Array, version: bigint): void {
    add(this.binlog, Bun.hash(body) as bigint)
    if (version > this.maxBinlogVersion) this.maxBinlogVersion = version
    this.remembered++
  }

  /** A copied row after the mark whose copy is not finished. */
  rememberSnapshot(database: string, table: string, version: bigint, body: Uint8Array): void {
    const key = snapshotKey(database, table, version)
    let set = this.snapshots.get(key)
    if (!set) this.snapshots.set(key, (set = new Map()))
    add(set, Bun.hash(body) as bigint)
    this.remembered++
  }

  /** True when this binlog line (row change or DDL) was written before the restart. */
  seenBinlog(body: Uint8Array, version: bigint, isRow: boolean): boolean {
    if (this.binlog.size === 0) return false
    if (isRow && version > this.maxBinlogVersion) {
      // The replay has gone past everything that was written: nothing more can match.
      this.binlog = new Map()
      return false
    }
    return this.take(this.binlog, body)
  }

  seenSnapshot(database: string, table: string, version: bigint, body: Uint8Array): boolean {
    const set = this.snapshots.get(snapshotKey(database, table, version))
    if (!set) return false
    const hit = this.take(set, body)
    if (set.size === 0) this.snapshots.delete(snapshotKey(database, table, version))
    return hit
  }

  /** The table's copy is complete: none of its remembered rows can come again. */
  copyDone(database: string, table: string): void {
    const prefix = `${tableKey(database, table)}@`
    for (const key of this.snapshots.keys()) if (key.startsWith(prefix)) this.snapshots.delete(key)
  }

  private take(set: Multiset, body: Uint8Array): boolean {
    const hash = Bun.hash(body) as bigint
    const n = set.get(hash)
    if (n === undefined) return false
    if (n === 1) set.delete(hash)
    else set.set(hash, n - 1)
    this.skipped++
    return true
  }
}

/** A table's copy at one version, as a key: the table's key, "@", the version. */
export function snapshotKey(database: string, table: string, version: bigint): string {
  return `${tableKey(database, table)}@${version}`
}

function add(set: Multiset, hash: bigint): void {
  set.set(hash, (set.get(hash) ?? 0) + 1)
}
