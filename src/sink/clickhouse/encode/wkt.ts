// GEOMETRY values (4-byte little-endian SRID + WKB, as MySQL and MariaDB store them) to WKT as
// MySQL's ST_AsText prints it, prefixed `SRID=n;` (EWKT) when the SRID is not 0.
//
// WKB: byte order (0 big-endian, 1 little-endian), uint32 type, then by type: 1 Point (x, y
// doubles); 2 LineString (uint32 count, points); 3 Polygon (uint32 rings, each a LineString body);
// 4-6 Multi* and 7 GeometryCollection (uint32 count, then whole WKB geometries, each with its own
// byte order). Coordinates are printed in storage order (longitude latitude for geographic SRSs,
// which ST_AsText would swap to the SRS's latitude-longitude order).

import { DecodeError } from '../../../binlog/index.ts'

const NAMES = ['', 'POINT', 'LINESTRING', 'POLYGON', 'MULTIPOINT', 'MULTILINESTRING', 'MULTIPOLYGON', 'GEOMETRYCOLLECTION']
const MAX_DEPTH = 64

/** The EWKT of a stored GEOMETRY value. */
export function geometryToWkt(stored: Uint8Array): string {
  if (stored.length < 4 + 5) throw new DecodeError(`GEOMETRY value of ${stored.length} bytes is shorter than an SRID and a WKB header`)
  const view = new DataView(stored.buffer, stored.byteOffset, stored.length)
  const srid = view.getUint32(0, true)
  const r = new WkbReader(view, 4)
  const text = r.geometry(0, 0)
  if (r.pos !== stored.length) throw new DecodeError(`GEOMETRY value has ${stored.length - r.pos} bytes after its WKB`)
  return srid === 0 ? text : `SRID=${srid};${text}`
}

class WkbReader {
  little = true

  constructor(
    private readonly view: DataView,
    public pos: number,
  ) {}

  private need(n: number, what: string): void {
    if (this.pos + n > this.view.byteLength) throw new DecodeError(`WKB ends inside ${what} at byte ${this.pos}`)
  }

  private u32(what: string): number {
    this.need(4, what)
    const v = this.view.getUint32(this.pos, this.little)
    this.pos += 4
    return v
  }

  /** A count of items of at least `minSize` bytes each, checked against the bytes left. */
  private count(minSize: number, what: string): number {
    const n = this.u32(what)
    if (n * minSize > this.view.byteLength - this.pos)
      throw new DecodeError(`WKB ${what} count ${n} exceeds the ${this.view.byteLength - this.pos} bytes left`)
    return n
  }

  private point(): string {
    this.need(16, 'a point')
    const x = this.view.getFloat64(this.pos, this.little)
    const y = this.view.getFloat64(this.pos + 8, this.little)
    this.pos += 16
    return `${formatCoordinate(x)} ${formatCoordinate(y)}`
  }

  private points(): string {
    const n = this.count(16, 'point')
    let s = '('
    for (let i = 0; i < n; i++) s += (i ? ',' : '') + this.point()
    return s + ')'
  }

  private rings(): string {
    const n = this.count(4, 'ring')
    let s = '('
    for (let i = 0; i < n; i++) s += (i ? ',' : '') + this.points()
    return s + ')'
  }

  /** One WKB geometry; `expect` is the type a Multi* member must have (0: any). */
  geometry(expect: number, depth: number): string {
    if (depth > MAX_DEPTH) throw new DecodeError(`WKB nests deeper than ${MAX_DEPTH} collections`)
    this.need(5, 'a WKB header')
    const order = this.view.getUint8(this.pos++)
    if (order > 1) throw new DecodeError(`WKB byte order ${order} at byte ${this.pos - 1} is neither 0 nor 1`)
    this.little = order === 1
    const type = this.u32('a WKB header')
    if (type < 1 || type > 7) throw new DecodeError(`WKB geometry type ${type} is not one of 1-7 (2D OGC types)`)
    if (expect !== 0 && type !== expect) throw new DecodeError(`WKB ${NAMES[expect + 3]} member is a ${NAMES[type]}`)
    const name = NAMES[type]
    switch (type) {
      case 1:
        return `POINT(${this.point()})`
      case 2:
        return name + this.points()
      case 3:
        return name + this.rings()
    }
    // Multi* members and collection items are whole WKB geometries (9 bytes at least).
    const n = this.count(9, 'member')
    if (n === 0) return `${name} EMPTY`
    let s = name + '('
    for (let i = 0; i < n; i++) {
      if (i) s += ','
      if (type === 7) s += this.geometry(0, depth + 1)
      else s += this.geometry(type - 3, depth + 1).slice(NAMES[type - 3].length)
    }
    return s + ')'
  }
}

/**
 * A coordinate as MySQL prints it (my_gcvt with a 25-character field): the shortest digits that
 * read back as the same double, in fixed notation when that fits and the decimal exponent is
 * within -14..15 (or the number has a fraction), else in exponent notation ("1e15", "5e-324").
 */
export function formatCoordinate(x: number): string {
  if (x === 0) return Object.is(x, -0) ? '-0' : '0'
  if (!Number.isFinite(x)) throw new DecodeError(`GEOMETRY coordinate ${x} is not a finite number`)
  const e = x.toExponential()
  const neg = x < 0
  const mark = e.indexOf('e')
  const digits = e.slice(neg ? 1 : 0, mark).replace('.', '')
  const decpt = Number(e.slice(mark + 1)) + 1
  const len = digits.length
  const width = neg ? 24 : 25
  const fixedLength = decpt <= 0 ? len - decpt + 2 : decpt < len ? len + 1 : decpt
  const haveSpace = fixedLength <= width
  const expLen = 1 + (decpt >= 101 || decpt <= -99 ? 1 : 0) + (decpt >= 11 || decpt <= -9 ? 1 : 0)
  const forceE = decpt <= 0 && width <= 2 - decpt && width >= 3 + expLen
  const fixed =
    (haveSpace || (decpt <= width && (decpt >= -1 || (decpt === -2 && (len > 1 || !forceE))) && !forceE)) &&
    (!haveSpace || (decpt >= -14 && (decpt <= 15 || len > decpt)))
  const sign = neg ? '-' : ''
  if (fixed) {
    if (decpt <= 0) return `${sign}0.${'0'.repeat(-decpt)}${digits}`
    if (decpt < len) return `${sign}${digits.slice(0, decpt)}.${digits.slice(decpt)}`
    return sign + digits + '0'.repeat(decpt - len)
  }
  const mantissa = len > 1 ? `${digits[0]}.${digits.slice(1)}` : digits
  return `${sign}${mantissa}e${decpt - 1}`
}
