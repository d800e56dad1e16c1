// Per-column overrides from the configuration: a ClickHouse type that replaces the mapped one,
// accepted only when the encoder can write every value of the source type into it.

import { type ColumnDef, ColumnType, isCharacterType } from '../../model/index.ts'
import { type TypeNode, decimalBytes, isTypeNode, parseClickHouseType, printClickHouseType } from './clickhouse-type.ts'
import { TypeMappingError } from './errors.ts'
import { integerRange, isTextColumn, sourceTypeName } from './source-type.ts'
import type { EncoderKind, MappedType } from './target-column.ts'

const INTEGERS: Record<string, { kind: EncoderKind; min: bigint; max: bigint }> = {}
for (const bits of [8, 16, 32, 64, 128, 256]) {
  const b = BigInt(bits)
  INTEGERS[`Int${bits}`] = { kind: `int${bits}` as EncoderKind, min: -(1n << (b - 1n)), max: (1n << (b - 1n)) - 1n }
  INTEGERS[`UInt${bits}`] = { kind: `uint${bits}` as EncoderKind, min: 0n, max: (1n << b) - 1n }
}

const NAMES = [
  ...Object.keys(INTEGERS),
  'String',
  'Bool',
  'Float32',
  'Float64',
  'Decimal',
  'Date32',
  'DateTime64',
  'Time64',
  'Array',
  'JSON',
  'Nullable',
  'LowCardinality',
]
const CANONICAL = new Map(NAMES.map((n) => [n.toLowerCase(), n]))

export function overrideColumn(col: ColumnDef, text: string): MappedType {
  const parsed = parseClickHouseType(text)
  const refuse = (reason: string) =>
    new TypeMappingError(col.name, `cannot write ${sourceTypeName(col)} as ${JSON.stringify(text)}: ${reason}`)
  if (typeof parsed === 'string') throw new TypeMappingError(col.name, `override is not a ClickHouse type: ${parsed}`)
  let node = canonical(parsed)
  let nullable = false
  let lowCardinality = false
  if (node.name === 'Nullable') {
    node = onlyType(node, refuse)
    nullable = true
  }
  if (node.name === 'LowCardinality') {
    node = onlyType(node, refuse)
    lowCardinality = true
    if (node.name === 'Nullable') {
      node = onlyType(node, refuse)
      nullable = true
    }
    if (node.name !== 'String' || node.args.length > 0) throw refuse('LowCardinality is offered for String only')
  }
  const m = baseType(col, node, refuse)
  if (m.array && nullable) throw refuse('ClickHouse has no Nullable(Array); NULL is written as an empty array')
  if (lowCardinality) m.type = 'LowCardinality(String)'
  if (nullable) m.nullable = true
  return m
}

function baseType(col: ColumnDef, node: TypeNode, refuse: (reason: string) => TypeMappingError): MappedType {
  const type = printClickHouseType(node)
  const noArgs = () => {
    if (node.args.length > 0) throw refuse(`${node.name} takes no arguments`)
  }
  const int = INTEGERS[node.name]
  if (int) {
    noArgs()
    const range = integerRange(col)
    if (!range) throw refuse('only integer, YEAR and BIT columns can become integers')
    if (range[0] < int.min || range[1] > int.max) throw refuse(`values ${range[0]}..${range[1]} do not fit ${node.name}`)
    return { type, kind: int.kind }
  }
  switch (node.name) {
    case 'String':
      noArgs()
      if (col.type === ColumnType.GEOMETRY) return { type, kind: 'wkt' }
      // Strings and bytes are written as they are; everything else in its text form.
      if (hasStringCells(col)) return { type, kind: 'string' }
      return { type, kind: 'text' }
    case 'Bool':
      noArgs()
      if (col.type === ColumnType.TINY || (col.type === ColumnType.BIT && col.bits === 1)) return { type, kind: 'bool' }
      throw refuse('Bool is offered for TINYINT and BIT(1) (any non-zero value is true)')
    case 'Float32':
    case 'Float64': {
      noArgs()
      if (col.type === ColumnType.FLOAT || (node.name === 'Float64' && col.type === ColumnType.DOUBLE))
        return { type, kind: node.name === 'Float32' ? 'float32' : 'float64' }
      const range = integerRange(col)
      const limit = node.name === 'Float32' ? 1n << 24n : 1n << 53n
      if (range && range[0] >= -limit && range[1] <= limit) return { type, kind: node.name === 'Float32' ? 'float32' : 'float64' }
      throw refuse(`not every value is exact in ${node.name}`)
    }
    case 'Decimal': {
      const [p, s = 0] = node.args
      if (typeof p !== 'number' || typeof s !== 'number' || node.args.length > 2) throw refuse('expected Decimal(P, S)')
      if (col.type !== ColumnType.NEWDECIMAL) throw refuse('only DECIMAL columns can become Decimal')
      if (p < 1 || p > 76 || s < 0 || s > p) throw refuse(`Decimal(${p}, ${s}) is not a ClickHouse decimal`)
      if (s < col.scale || p - s < col.precision - col.scale)
        throw refuse(`Decimal(${p}, ${s}) cannot hold every DECIMAL(${col.precision},${col.scale}) value`)
      return { type: `Decimal(${p}, ${s})`, kind: 'decimal', precision: p, scale: s, bytes: decimalBytes(p) }
    }
    case 'Date32':
      noArgs()
      if (col.type === ColumnType.DATE || col.type === ColumnType.NEWDATE) return { type, kind: 'date32' }
      throw refuse('only DATE columns can become Date32')
    case 'DateTime64': {
      const [p, tz] = node.args
      if (typeof p !== 'number' || (tz !== undefined && (typeof tz !== 'object' || !('quoted' in tz))) || node.args.length > 2)
        throw refuse("expected DateTime64(P[, 'timezone'])")
      if (!isDatetime(col)) throw refuse('only DATETIME and TIMESTAMP columns can become DateTime64')
      if (p < col.fsp || p > 9) throw refuse(`precision ${p} is not within ${col.fsp}..9`)
      return { type, kind: 'datetime64', scale: p }
    }
    case 'Time64': {
      const [p] = node.args
      if (typeof p !== 'number' || node.args.length !== 1) throw refuse('expected Time64(P)')
      if (col.type !== ColumnType.TIME && col.type !== ColumnType.TIME2) throw refuse('only TIME columns can become Time64')
      if (p < col.fsp || p > 9) throw refuse(`precision ${p} is not within ${col.fsp}..9`)
      return { type, kind: 'time64', scale: p }
    }
    case 'Array': {
      const inner = onlyType(node, refuse)
      const innerType = printClickHouseType(inner)
      if (col.type === ColumnType.SET && (innerType === 'String' || innerType === 'LowCardinality(String)'))
        return { type, kind: 'set', array: true }
      if (col.type === ColumnType.VECTOR && innerType === 'Float32') return { type, kind: 'vector', array: true }
      throw refuse('Array(String) is offered for SET, Array(Float32) for VECTOR')
    }
    case 'JSON':
      if (col.type === ColumnType.JSON || isTextColumn(col)) return { type, kind: 'json' }
      throw refuse('only JSON and text columns can become JSON')
  }
  throw refuse(`${node.name} is not a type chsync can write`)
}

function isDatetime(col: ColumnDef): boolean {
  return (
    col.type === ColumnType.DATETIME ||
    col.type === ColumnType.DATETIME2 ||
    col.type === ColumnType.TIMESTAMP ||
    col.type === ColumnType.TIMESTAMP2
  )
}

/** Columns whose cells are strings or bytes: character and binary strings, ENUM, JSON. */
function hasStringCells(col: ColumnDef): boolean {
  // MariaDB's UUID and INET types are bytes in the binlog: as String they take their text form.
  if (col.fixedBinaryType) return false
  return isCharacterType(col.type) || col.type === ColumnType.ENUM || col.type === ColumnType.JSON
}

/** Type names are matched case-insensitively and printed the way ClickHouse spells them. */
function canonical(node: TypeNode): TypeNode {
  return {
    name: CANONICAL.get(node.name.toLowerCase()) ?? node.name,
    args: node.args.map((a) => (isTypeNode(a) ? canonical(a) : a)),
  }
}

function onlyType(node: TypeNode, refuse: (reason: string) => TypeMappingError): TypeNode {
  const [inner] = node.args
  if (node.args.length !== 1 || !isTypeNode(inner)) throw refuse(`${node.name} takes one type`)
  return inner
}
