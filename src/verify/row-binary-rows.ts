// Splits a RowBinary stream into rows, knowing the columns' types: each row comes out as the
// bytes of its values, exactly what the encoders write for the same values.

import type { TargetColumn } from '../schema/types/index.ts'

/** Bytes of one value at `p` (or -1 when the buffer ends before it does). */
type Skip = (b: Buffer, p: number, end: number) => number

const FIXED: Record<string, number> = {
  int8: 1,
  uint8: 1,
  bool: 1,
  int16: 2,
  uint16: 2,
  int32: 4,
  uint32: 4,
  float32: 4,
  date32: 4,
  int64: 8,
  uint64: 8,
  float64: 8,
  datetime64: 8,
  time64: 8,
  int128: 16,
  uint128: 16,
  int256: 32,
  uint256: 32,
  uuid: 16,
  ipv6: 16,
  ipv4: 4,
}

function varint(b: Buffer, p: number, end: number): [value: number, size: number] {
  let v = 0
  let shift = 0
  for (let i = 0; p + i < end; i++) {
    const byte = b[p + i]
    v += (byte & 0x7f) * 2 ** shift
    if ((byte & 0x80) === 0) return [v, i + 1]
    shift += 7
  }
  return [0, -1]
}

function fixed(n: number): Skip {
  return (_b, p, end) => (p + n <= end ? n : -1)
}

const string: Skip = (b, p, end) => {
  const [len, size] = varint(b, p, end)
  return size < 0 || p + size + len > end ? -1 : size + len
}

function array(item: Skip): Skip {
  return (b, p, end) => {
    const [count, size] = varint(b, p, end)
    if (size < 0) return -1
    let q = p + size
    for (let i = 0; i < count; i++) {
      const n = item(b, q, end)
      if (n < 0) return -1
      q += n
    }
    return q - p
  }
}

function nullable(inner: Skip): Skip {
  return (b, p, end) => {
    if (p >= end) return -1
    if (b[p] === 1) return 1
    const n = inner(b, p + 1, end)
    return n < 0 ? -1 : n + 1
  }
}

export function skipperFor(c: TargetColumn): Skip {
  let s: Skip
  if (c.kind in FIXED) s = fixed(FIXED[c.kind])
  else if (c.kind === 'decimal' || c.kind === 'fixed') s = fixed(c.bytes)
  else if (c.kind === 'set') s = array(string)
  else if (c.kind === 'vector') s = array(fixed(4))
  else if (c.kind === 'json') throw new Error(`column ${c.name}: verify cannot compare ClickHouse JSON columns (target.json_type = "JSON")`)
  else s = string
  return c.nullable && c.kind !== 'set' ? nullable(s) : s
}

/** Feeds RowBinary chunks in, hands complete rows out (as views valid during the callback). */
export class RowSplitter {
  private pending: Buffer = Buffer.alloc(0)
  private readonly skips: Skip[]

  constructor(
    columns: number | Skip[],
    private readonly onRow: (row: Buffer, values: number[]) => void,
  ) {
    this.skips = typeof columns === 'number' ? [] : columns
  }

  push(chunk: Buffer): void {
    const b = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk
    let p = 0
    const ends: number[] = new Array(this.skips.length)
    outer: while (p < b.length) {
      let q = p
      for (let i = 0; i < this.skips.length; i++) {
        const n = this.skips[i](b, q, b.length)
        if (n < 0) break outer
        q += n
        ends[i] = q
      }
      this.onRow(
        b.subarray(p, q),
        ends.map((e) => e - p),
      )
      p = q
    }
    this.pending = Buffer.from(b.subarray(p))
  }

  end(): void {
    if (this.pending.length) throw new Error(`RowBinary stream ends inside a row (${this.pending.length} bytes left)`)
  }
}
