// A table without a primary key is copied in one scan that starts over after a crash (there is no
// key to resume from). So that its rows already in Kafka are not sent again, each position record
// carries, per unfinished keyless copy ("db.table@version"), the rows delivered so far and a hash
// chained over their lines; after a restart the scan's first rows are left out up to that count.
// The scan reads the same rows in the same order unless the table changed in between: the hash of
// the rows left out tells, and a mismatch is reported (the table should be copied again).

export interface CopyMark {
  rows: number
  /** xxHash64 chained over the lines' bodies, as decimal digits. */
  hash: string
}

export type CopyMarks = Record<string, CopyMark>

export class KeylessCopies {
  /** Rows written so far per copy (sent or not). */
  private written = new Map<string, { rows: number; hash: bigint }>()
  /** What the last committed position record says Kafka has; left out when the scan comes again. */
  private skip = new Map<string, { rows: number; hash: bigint; seen: bigint; left: number }>()

  /** The marks of the last committed position record (at start); `unfinished` tells the copies that go on. */
  resume(marks: CopyMarks | undefined, unfinished: (key: string) => boolean): void {
    for (const [key, m] of Object.entries(marks ?? {})) {
      if (!unfinished(key)) continue
      this.skip.set(key, { rows: m.rows, hash: BigInt(m.hash), seen: 0n, left: m.rows })
      this.written.set(key, { rows: m.rows, hash: BigInt(m.hash) })
    }
  }

  /**
   * A row of a keyless copy with this body: false when it is one already in Kafka (left out).
   * `mismatch` is called once if the rows left out were not the ones delivered.
   */
  admit(key: string, body: Uint8Array, mismatch: () => void): boolean {
    const s = this.skip.get(key)
    if (s && s.left > 0) {
      s.seen = chain(s.seen, body)
      if (--s.left === 0) {
        this.skip.delete(key)
        if (s.seen !== s.hash) mismatch()
      }
      return false
    }
    const w = this.written.get(key) ?? { rows: 0, hash: 0n }
    this.written.set(key, { rows: w.rows + 1, hash: chain(w.hash, body) })
    return true
  }

  /** The marks to commit with what was written so far. */
  marks(): CopyMarks {
    const out: CopyMarks = {}
    for (const [key, w] of this.written) out[key] = { rows: w.rows, hash: w.hash.toString() }
    return out
  }

  /** The copy is finished: its rows will not come again. */
  done(key: string): void {
    this.written.delete(key)
    this.skip.delete(key)
  }
}

function chain(hash: bigint, body: Uint8Array): bigint {
  return Bun.hash.xxHash64(body, hash)
}
