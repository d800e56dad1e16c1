// Reads chsync's committed position from its state file while chsync runs (SQLite in WAL mode
// lets a reader in beside the writer): how a benchmark knows what chsync has made durable.

import { Database } from 'bun:sqlite'
import { existsSync } from 'node:fs'

export interface CommittedPosition {
  file: string
  offset: number
  gtid: string | null
}

export class StateFileReader {
  private db: Database | null = null

  constructor(private readonly path: string) {}

  /** The committed position, or null before chsync wrote one. */
  checkpoint(): CommittedPosition | null {
    if (!this.db) {
      if (!existsSync(this.path)) return null
      this.db = new Database(this.path, { readonly: true })
    }
    try {
      const row = this.db.query<{ value: string }, []>("SELECT value FROM meta WHERE key = 'checkpoint'").get()
      if (!row) return null
      const c = JSON.parse(row.value) as CommittedPosition
      return { file: c.file, offset: Number(c.offset), gtid: c.gtid ?? null }
    } catch {
      // The schema is not there yet (chsync is creating the file).
      return null
    }
  }

  close(): void {
    this.db?.close()
    this.db = null
  }
}

/** Whether binlog position a is at or after b (file names of one server sort by their number). */
export function atOrAfter(a: { file: string; offset: number }, b: { file: string; offset: number }): boolean {
  return a.file > b.file || (a.file === b.file && a.offset >= b.offset)
}
