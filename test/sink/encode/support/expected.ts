// What ClickHouse must print (JSONEachRow, 64-bit integers and decimals quoted, trailing zeros
// kept) for a source value under the type mapping, computed from the source server's own SELECT
// text, independently of the encoders. Byte strings are compared as hex (the test selects
// hex(c) for them).

import { type ColumnDef, ColumnType } from '../../../../src/model/index.ts'
import type { Flavor } from '../../../../src/binlog/index.ts'
import type { TargetColumn } from '../../../../src/schema/types/index.ts'

const q = (name: string) => '`' + name.replace(/`/g, '``') + '`'

/** The source select list whose text is what `expectedValue` reads. */
export function sourceExpression(col: ColumnDef, flavor: Flavor): string {
  if (col.type === ColumnType.FLOAT) return `CAST(${q(col.name)} AS DOUBLE)`
  // ClickHouse prints some IPv6 addresses differently (no "::" for one zero group): compare bytes.
  if (col.fixedBinaryType === 'inet6') return `HEX(CAST(${q(col.name)} AS BINARY))`
  if (col.type === ColumnType.GEOMETRY) {
    // MySQL prints geographic SRSs in latitude-longitude order unless told otherwise.
    const text = flavor === 'mysql' ? `ST_AsText(${q(col.name)}, 'axis-order=long-lat')` : `ST_AsText(${q(col.name)})`
    return `CONCAT(IF(ST_SRID(${q(col.name)}) = 0, '', CONCAT('SRID=', ST_SRID(${q(col.name)}), ';')), ${text})`
  }
  return q(col.name)
}

/** Columns whose ClickHouse String holds bytes that are not UTF-8 text. */
export function holdsBytes(t: TargetColumn): boolean {
  return t.kind === 'string' && t.source.collation === 63
}

/** The ClickHouse select expression for a column (hex for byte strings). */
export function clickhouseExpression(t: TargetColumn): string {
  return holdsBytes(t) || t.kind === 'ipv6' ? `hex(\`${t.name}\`) AS \`${t.name}\`` : `\`${t.name}\``
}

function validDate(text: string): boolean {
  const [y, m, d] = text.slice(0, 10).split('-').map(Number)
  if (m < 1 || m > 12 || d < 1) return false
  const probe = new Date(0)
  probe.setUTCFullYear(y, m - 1, d)
  return probe.getUTCDate() === d
}

/** The out-of-range rule, written out on the text: [1900-01-01, 2299-12-31], not-a-date → minimum. */
export function clampedDate(text: string): string {
  if (!validDate(text) || text < '1900-01-01') return '1900-01-01'
  return text > '2299-12-31' ? '2299-12-31' : text
}

export function clampedDatetime(text: string, scale: number): string {
  const frac = (digits: string) => (scale > 0 ? '.' + digits.repeat(scale) : '')
  if (!validDate(text) || text < '1900-01-01') return `1900-01-01 00:00:00${frac('0')}`
  if (text.slice(0, 10) > '2299-12-31') return `2299-12-31 23:59:59${frac('9')}`
  // A fraction shorter than the target precision is printed with zeros after it.
  const dot = text.indexOf('.')
  const have = dot < 0 ? 0 : text.length - dot - 1
  return scale === have ? text : (dot < 0 ? text + '.' : text) + '0'.repeat(scale - have)
}

/** The source value as a number-like text: integers as digits, BIT as its unsigned value. */
function integerText(raw: Buffer, col: ColumnDef): string {
  return col.type === ColumnType.BIT ? BigInt('0x' + (raw.toString('hex') || '0')).toString() : raw.toString('utf8')
}

/** `text` with its fraction (after '.') widened to `scale` digits. */
function widenFraction(text: string, scale: number): string {
  const dot = text.indexOf('.')
  const have = dot < 0 ? 0 : text.length - dot - 1
  if (scale === have) return text
  return (dot < 0 ? text + '.' : text) + '0'.repeat(scale - have)
}

function float32Components(raw: Buffer): number[] {
  return Array.from({ length: raw.length / 4 }, (_, i) => raw.readFloatLE(4 * i))
}

export function expectedValue(raw: Buffer | null, t: TargetColumn): unknown {
  const col = t.source
  if (raw === null) return t.kind === 'set' || t.kind === 'vector' ? [] : null
  const text = raw.toString('utf8')
  switch (t.kind) {
    case 'int8':
    case 'uint8':
    case 'int16':
    case 'uint16':
    case 'int32':
    case 'uint32':
      return Number(integerText(raw, col))
    case 'int64':
    case 'uint64':
    case 'int128':
    case 'uint128':
    case 'int256':
    case 'uint256':
      return integerText(raw, col)
    case 'bool':
      return integerText(raw, col) !== '0'
    case 'float32':
      return Math.fround(Number(integerText(raw, col)))
    case 'float64':
      return Number(integerText(raw, col))
    case 'decimal':
      return widenFraction(text, t.scale)
    case 'date32':
      return clampedDate(text)
    case 'datetime64':
      return clampedDatetime(text, t.scale)
    case 'time64':
      return widenFraction(text, t.scale)
    case 'string':
    case 'json':
      return holdsBytes(t) ? raw.toString('hex').toUpperCase() : text
    case 'text':
      // Numbers are compared by value (see actualValue); everything else by its text.
      if (col.type === ColumnType.FLOAT) return Math.fround(Number(text))
      if (col.type === ColumnType.DOUBLE) return Number(text)
      if (col.type === ColumnType.VECTOR) return float32Components(raw)
      return integerText(raw, col)
    case 'set':
      return text === '' ? [] : text.split(',')
    case 'wkt':
    case 'uuid':
    case 'ipv4':
    case 'ipv6':
      return text
    case 'vector':
      return float32Components(raw)
  }
  throw new Error(`no expectation for kind ${t.kind}`)
}

/** ClickHouse's JSON value made comparable with expectedValue (Float32 to its float32 value). */
export function actualValue(v: unknown, t: TargetColumn): unknown {
  if (t.kind === 'float32' && typeof v === 'number') return Math.fround(v)
  if (t.kind === 'vector' && Array.isArray(v)) return v.map((x) => Math.fround(x as number))
  if (t.kind === 'text' && typeof v === 'string') {
    // Floating-point text must be the shortest form that reads back as the same value.
    const col = t.source
    if (col.type === ColumnType.FLOAT || col.type === ColumnType.DOUBLE) return shortestOrMark(v, col.type === ColumnType.FLOAT)
    if (col.type === ColumnType.VECTOR && v.startsWith('[') && v.endsWith(']'))
      return v
        .slice(1, -1)
        .split(',')
        .map((x) => shortestOrMark(x, true))
  }
  return v
}

/** The number `text` stands for, or a marker string when a shorter text would have done. */
function shortestOrMark(text: string, float32: boolean): number | string {
  const v = float32 ? Math.fround(Number(text)) : Number(text)
  const digits = text.replace(/^-/, '').replace(/e.*$/, '').replace('.', '').replace(/^0+/, '').length
  for (let p = 1; p < digits; p++) {
    const shorter = Number(v.toPrecision(p))
    if ((float32 ? Math.fround(shorter) : shorter) === v) return `${text} is not the shortest form`
  }
  return Object.is(v, -0) && !text.startsWith('-') ? `${text} lost the sign of zero` : v
}
