// The (E)WKT the sink writes for a GEOMETRY value (encode/wkt.ts) back to what the source stores:
// a 4-byte little-endian SRID and little-endian WKB. Coordinates are printed as the shortest text
// that reads back as the same double, so the bytes come back exactly.

const TYPES: Record<string, number> = {
  POINT: 1,
  LINESTRING: 2,
  POLYGON: 3,
  MULTIPOINT: 4,
  MULTILINESTRING: 5,
  MULTIPOLYGON: 6,
  GEOMETRYCOLLECTION: 7,
}

export class WktError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'WktError'
  }
}

/** SRID (4 bytes LE) + WKB of `text`: `[SRID=n;]TYPE(...)`. */
export function wktToGeometry(text: string): Uint8Array {
  let srid = 0
  let body = text
  const m = /^SRID=(\d+);/.exec(text)
  if (m !== null) {
    srid = Number(m[1])
    body = text.slice(m[0].length)
  }
  const out = new WkbWriter()
  out.u32(srid)
  const r = new WktReader(body)
  r.geometry(out, 0)
  if (r.pos !== body.length) throw new WktError(`text after the geometry at ${r.pos}: ${JSON.stringify(body.slice(r.pos, r.pos + 20))}`)
  return out.bytes()
}

class WkbWriter {
  private buf = new DataView(new ArrayBuffer(256))
  pos = 0

  private room(n: number): void {
    if (this.pos + n <= this.buf.byteLength) return
    const bigger = new DataView(new ArrayBuffer(Math.max(this.buf.byteLength * 2, this.pos + n)))
    new Uint8Array(bigger.buffer).set(new Uint8Array(this.buf.buffer, 0, this.pos))
    this.buf = bigger
  }

  u8(v: number): void {
    this.room(1)
    this.buf.setUint8(this.pos++, v)
  }

  u32(v: number): void {
    this.room(4)
    this.buf.setUint32(this.pos, v, true)
    this.pos += 4
  }

  /** Writes a placeholder count; returns where, for `patch`. */
  count(): number {
    this.u32(0)
    return this.pos - 4
  }

  patch(at: number, v: number): void {
    this.buf.setUint32(at, v, true)
  }

  f64(v: number): void {
    this.room(8)
    this.buf.setFloat64(this.pos, v, true)
    this.pos += 8
  }

  bytes(): Uint8Array {
    return new Uint8Array(this.buf.buffer.slice(0, this.pos))
  }
}

class WktReader {
  pos = 0

  constructor(private readonly s: string) {}

  private expect(c: string): void {
    if (this.s[this.pos] !== c) throw new WktError(`expected ${c} at ${this.pos} of ${JSON.stringify(this.s.slice(0, 60))}`)
    this.pos++
  }

  private accept(c: string): boolean {
    if (this.s[this.pos] !== c) return false
    this.pos++
    return true
  }

  private word(): string {
    const m = /^[A-Z]+/.exec(this.s.slice(this.pos, this.pos + 20))
    if (m === null) throw new WktError(`expected a geometry type at ${this.pos}`)
    this.pos += m[0].length
    return m[0]
  }

  private number(): number {
    const m = /^-?[0-9.]+(e[-+]?\d+)?/.exec(this.s.slice(this.pos, this.pos + 40))
    if (m === null) throw new WktError(`expected a coordinate at ${this.pos}`)
    this.pos += m[0].length
    return Number(m[0])
  }

  private point(w: WkbWriter): void {
    w.f64(this.number())
    this.expect(' ')
    w.f64(this.number())
  }

  /** (x y,x y,...) as a count and the points. */
  private points(w: WkbWriter): void {
    this.expect('(')
    const at = w.count()
    let n = 0
    if (!this.accept(')')) {
      do {
        this.point(w)
        n++
      } while (this.accept(','))
      this.expect(')')
    }
    w.patch(at, n)
  }

  /** ((...),(...)) as a count of rings and each ring. */
  private rings(w: WkbWriter): void {
    this.expect('(')
    const at = w.count()
    let n = 0
    if (!this.accept(')')) {
      do {
        this.points(w)
        n++
      } while (this.accept(','))
      this.expect(')')
    }
    w.patch(at, n)
  }

  /** A whole geometry with its WKB header; `member` is the type of a Multi* member written without its name. */
  geometry(w: WkbWriter, depth: number, member = 0): void {
    if (depth > 64) throw new WktError('geometry nests deeper than 64 collections')
    const type = member !== 0 ? member : TYPES[this.word()]
    if (type === undefined) throw new WktError(`unknown geometry type at ${this.pos}`)
    w.u8(1)
    w.u32(type)
    switch (type) {
      case 1:
        this.expect('(')
        this.point(w)
        this.expect(')')
        return
      case 2:
        return this.points(w)
      case 3:
        return this.rings(w)
    }
    const at = w.count()
    if (this.s.startsWith(' EMPTY', this.pos)) {
      this.pos += 6
      return
    }
    this.expect('(')
    let n = 0
    do {
      if (type === 7) this.geometry(w, depth + 1)
      else this.geometry(w, depth + 1, type - 3)
      n++
    } while (this.accept(','))
    this.expect(')')
    w.patch(at, n)
  }
}
