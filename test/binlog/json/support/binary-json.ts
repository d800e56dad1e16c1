// Test support: seeded random documents in MySQL's binary JSON form (the layout decode.ts reads),
// written here from random values, so the decoders meet far more shapes than the captures hold:
// small and large objects and arrays, inlined and stored scalars, strings with escapes, non-ASCII
// and invalid UTF-8, and now and then keys out of MySQL's order (which the direct printer leaves
// to the tree decoder).

const SMALL_OBJECT = 0x00
const LARGE_OBJECT = 0x01
const SMALL_ARRAY = 0x02
const LARGE_ARRAY = 0x03
const LITERAL = 0x04
const INT16 = 0x05
const UINT16 = 0x06
const INT32 = 0x07
const UINT32 = 0x08
const INT64 = 0x09
const UINT64 = 0x0a
const DOUBLE = 0x0b
const STRING = 0x0c

/** A value as its type byte and its stored bytes. */
interface Stored {
  type: number
  bytes: Buffer
}

export class RandomBinaryJson {
  constructor(private readonly next: () => number) {}

  private int(n: number): number {
    return Math.floor(this.next() * n)
  }

  /** One whole document: its type byte, then the value. */
  document(depth: number): Buffer {
    const v = this.value(depth, this.next() < 0.1)
    return Buffer.concat([Buffer.from([v.type]), v.bytes])
  }

  private value(depth: number, large: boolean): Stored {
    const r = this.next()
    if (depth > 0 && r < 0.25) return this.container(depth - 1, large, true)
    if (depth > 0 && r < 0.45) return this.container(depth - 1, large, false)
    return this.scalar()
  }

  private scalar(): Stored {
    switch (this.int(9)) {
      case 0:
        return { type: LITERAL, bytes: Buffer.from([this.int(3)]) }
      case 1:
        return this.fixed(INT16, 2, (b) => b.writeInt16LE(this.int(65536) - 32768))
      case 2:
        return this.fixed(UINT16, 2, (b) => b.writeUInt16LE(this.int(65536)))
      case 3:
        return this.fixed(INT32, 4, (b) => b.writeInt32LE(this.int(2 ** 32) - 2 ** 31))
      case 4:
        return this.fixed(UINT32, 4, (b) => b.writeUInt32LE(this.int(2 ** 32)))
      case 5:
        return this.fixed(INT64, 8, (b) => b.writeBigInt64LE(BigInt(this.int(2 ** 53)) * BigInt(this.int(2000) - 1000)))
      case 6:
        return this.fixed(UINT64, 8, (b) => b.writeBigUInt64LE(BigInt(this.int(2 ** 53)) * BigInt(this.int(2000))))
      case 7:
        return this.fixed(DOUBLE, 8, (b) => b.writeDoubleLE((this.next() - 0.5) * 10 ** (this.int(40) - 20)))
      default: {
        const s = this.text()
        return { type: STRING, bytes: Buffer.concat([varlen(s.length), s]) }
      }
    }
  }

  private fixed(type: number, size: number, write: (b: Buffer) => void): Stored {
    const bytes = Buffer.alloc(size)
    write(bytes)
    return { type, bytes }
  }

  /** Text of ASCII, escapes, multi-byte characters and, rarely, bytes that are not UTF-8. */
  private text(): Buffer {
    const parts: Buffer[] = []
    for (let n = this.int(12); n > 0; n--) {
      const r = this.next()
      if (r < 0.5) parts.push(Buffer.from(String.fromCharCode(0x20 + this.int(95))))
      else if (r < 0.65) parts.push(Buffer.from([this.int(0x20)]))
      else if (r < 0.75) parts.push(Buffer.from(this.next() < 0.5 ? '"' : '\\'))
      else if (r < 0.95) parts.push(Buffer.from(['é', 'キー', '😀', '\u2028', '\u00a0', '\u007f'][this.int(6)]))
      else parts.push(Buffer.from([0x80 + this.int(128)]))
    }
    return Buffer.concat(parts)
  }

  private container(depth: number, large: boolean, object: boolean): Stored {
    const count = this.int(large ? 12 : 7)
    const keys: Buffer[] = []
    if (object) {
      const seen = new Set<string>()
      for (let i = 0; i < count; i++) {
        const k =
          this.next() < 0.9 ? Buffer.from(['id', 'a', 'name', 'b2', 'list', 'x y', 'é', ''][this.int(8)] + this.int(20)) : this.text()
        if (!seen.has(k.toString('hex'))) keys.push(k)
        seen.add(k.toString('hex'))
      }
      // MySQL's order: by length, then bytes; now and then another one.
      keys.sort((x, y) => x.length - y.length || Buffer.compare(x, y))
      if (this.next() < 0.05) keys.reverse()
    }
    const n = object ? keys.length : count
    const values = Array.from({ length: n }, () => this.value(depth, large))
    const os = large ? 4 : 2
    const entry = os + 1
    let at = 2 * os + (object ? n * (os + 2) : 0) + n * entry
    const keyEntries: Buffer[] = []
    for (const k of keys) {
      keyEntries.push(offsetAndLength(at, k.length, large))
      at += k.length
    }
    const valueEntries: Buffer[] = []
    const stored: Buffer[] = []
    for (const v of values) {
      const e = Buffer.alloc(entry)
      e[0] = v.type
      if (inlined(v.type, large)) v.bytes.copy(e, 1)
      else {
        writeOffset(e, 1, at, large)
        stored.push(v.bytes)
        at += v.bytes.length
      }
      valueEntries.push(e)
    }
    const head = Buffer.alloc(2 * os)
    writeOffset(head, 0, n, large)
    writeOffset(head, os, at, large)
    const type = object ? (large ? LARGE_OBJECT : SMALL_OBJECT) : large ? LARGE_ARRAY : SMALL_ARRAY
    return { type, bytes: Buffer.concat([head, ...keyEntries, ...valueEntries, ...keys, ...stored]) }
  }
}

/** Whether a value of this type sits in its entry instead of being stored after the header. */
function inlined(type: number, large: boolean): boolean {
  return type === LITERAL || type === INT16 || type === UINT16 || (large && (type === INT32 || type === UINT32))
}

function writeOffset(b: Buffer, at: number, v: number, large: boolean): void {
  if (large) b.writeUInt32LE(v, at)
  else b.writeUInt16LE(v, at)
}

function offsetAndLength(offset: number, length: number, large: boolean): Buffer {
  const b = Buffer.alloc(large ? 6 : 4)
  writeOffset(b, 0, offset, large)
  b.writeUInt16LE(length, large ? 4 : 2)
  return b
}

/** The string length: 7 bits a byte, least significant first. */
function varlen(n: number): Buffer {
  const out: number[] = []
  do {
    out.push((n & 0x7f) | (n >= 0x80 ? 0x80 : 0))
    n >>>= 7
  } while (n > 0)
  return Buffer.from(out)
}
