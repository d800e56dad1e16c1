// Collation id → how to turn the stored bytes into text. The ids differ between servers and
// versions, so the registry is filled from the server's own list (collation-list.ts), at the start
// and again when a TABLE_MAP names an id it did not have (BinlogStream).

export type TextDecoderFn = (buf: Buffer, start: number, end: number) => string

export interface Charset {
  name: string
  /** null: the bytes are not text (binary), or chsync has no decoder for this charset. */
  decode: TextDecoderFn | null
  binary: boolean
}

/** Node's and Bun's Buffer decode a range without parsing an encoding name; not in the typings. */
export interface SlicingBuffer extends Buffer {
  utf8Slice(start: number, end: number): string
  latin1Slice(start: number, end: number): string
}

// The same text as toString('utf8' | 'latin1', start, end) (invalid UTF-8 included), in half the
// time for short values: this runs for every text value of every row.
const utf8: TextDecoderFn = (buf, start, end) => (buf as SlicingBuffer).utf8Slice(start, end)
const latin1Iso: TextDecoderFn = (buf, start, end) => (buf as SlicingBuffer).latin1Slice(start, end)

function whatwg(label: string): TextDecoderFn {
  const d = new TextDecoder(label as ConstructorParameters<typeof TextDecoder>[0])
  return (buf, start, end) => d.decode(buf.subarray(start, end))
}

/** UTF-32 big-endian, as MySQL stores utf32. */
const utf32: TextDecoderFn = (buf, start, end) => {
  let s = ''
  for (let p = start; p + 3 < end; p += 4) s += String.fromCodePoint(buf.readUInt32BE(p))
  return s
}

// MySQL charset name → WHATWG encoding label. MySQL's latin1 is cp1252 (0x80 = €), which is also
// what the WHATWG 'windows-1252' decoder does, undefined bytes included (they map to U+0080-U+009F).
const WHATWG: Record<string, string> = {
  latin1: 'windows-1252',
  latin2: 'iso-8859-2',
  latin5: 'windows-1254',
  latin7: 'iso-8859-13',
  greek: 'iso-8859-7',
  hebrew: 'iso-8859-8',
  cp1250: 'windows-1250',
  cp1251: 'windows-1251',
  cp1256: 'windows-1256',
  cp1257: 'windows-1257',
  cp866: 'ibm866',
  koi8r: 'koi8-r',
  koi8u: 'koi8-u',
  tis620: 'windows-874',
  macroman: 'macintosh',
  sjis: 'shift_jis',
  cp932: 'shift_jis',
  ujis: 'euc-jp',
  eucjpms: 'euc-jp',
  gbk: 'gbk',
  gb2312: 'gbk',
  gb18030: 'gb18030',
  big5: 'big5',
  euckr: 'euc-kr',
  ucs2: 'utf-16be',
  utf16: 'utf-16be',
  utf16le: 'utf-16le',
}

export function charsetByName(name: string): Charset {
  switch (name) {
    case 'utf8mb4':
    case 'utf8mb3':
    case 'utf8':
      return { name, decode: utf8, binary: false }
    case 'ascii':
      return { name, decode: latin1Iso, binary: false }
    case 'binary':
      return { name, decode: null, binary: true }
    case 'utf32':
      return { name, decode: utf32, binary: false }
  }
  const label = WHATWG[name]
  return { name, decode: label ? whatwg(label) : null, binary: false }
}

/**
 * Collations every supported server has under the same id. Only where no server can be asked:
 * decoding captured binlog bytes without a connection (test fixtures, the fuzzer). A connected
 * BinlogClient always fills its registry from the server.
 */
const WELL_KNOWN: [number, string][] = [
  [8, 'latin1'],
  [11, 'ascii'],
  [33, 'utf8mb3'],
  [35, 'ucs2'],
  [45, 'utf8mb4'],
  [46, 'utf8mb4'],
  [47, 'latin1'],
  [48, 'latin1'],
  [54, 'utf16'],
  [56, 'utf16le'],
  [60, 'utf32'],
  [63, 'binary'],
  [83, 'utf8mb3'],
  [192, 'utf8mb3'],
  [224, 'utf8mb4'],
  [255, 'utf8mb4'],
]

export class CharsetRegistry {
  private readonly byCollation = new Map<number, Charset>()
  private readonly byName = new Map<string, Charset>()
  /** Ids looked up and not known: each is reported once by sawUnknown(). */
  private readonly unknown = new Set<number>()
  private unreported = false

  constructor(collations: Iterable<[number, string]> = WELL_KNOWN) {
    for (const [id, name] of collations) this.add(id, name)
  }

  add(collation: number, charsetName: string): void {
    let cs = this.byName.get(charsetName)
    if (!cs) {
      cs = charsetByName(charsetName)
      this.byName.set(charsetName, cs)
    }
    this.byCollation.set(collation, cs)
  }

  /** The charset of a collation id; unknown ids are reported as such (decode null) and noted. */
  get(collation: number | undefined): Charset {
    if (collation === undefined) return UNKNOWN
    const cs = this.byCollation.get(collation)
    if (cs !== undefined) return cs
    if (!this.unknown.has(collation)) {
      this.unknown.add(collation)
      this.unreported = true
    }
    return { name: `collation#${collation}`, decode: null, binary: false }
  }

  has(collation: number): boolean {
    return this.byCollation.has(collation)
  }

  /** True when an id it did not know was looked up since the last call (each id counts once). */
  sawUnknown(): boolean {
    const saw = this.unreported
    this.unreported = false
    return saw
  }

  /** Text of a label or name stored in `collation`; UTF-8 when nothing better is known. */
  decodeText(bytes: Buffer, collation: number | undefined): string {
    const cs = this.get(collation)
    return (cs.decode ?? utf8)(bytes, 0, bytes.length)
  }
}

const UNKNOWN: Charset = { name: 'unknown', decode: null, binary: false }
