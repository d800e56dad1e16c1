// The mapping from a source column to a ClickHouse column. It loses nothing: every source value
// has exactly one ClickHouse value that reads back as the same thing, except values outside the
// ClickHouse type's range (dates, see encode/clamp), which are clamped and counted.

import { type ColumnDef, ColumnType, unhandledColumnType } from '../../model/index.ts'
import { decimalBytes, nullableType } from './clickhouse-type.ts'
import { TypeMappingError } from './errors.ts'
import { overrideColumn } from './override.ts'
import { sourceTypeName } from './source-type.ts'
import type { MapOptions, MappedType, TargetColumn } from './target-column.ts'

/** MariaDB's UUID, INET6 and INET4 as ClickHouse's own types for them. */
const FIXED_BINARY = {
  uuid: { type: 'UUID', kind: 'uuid' },
  inet6: { type: 'IPv6', kind: 'ipv6' },
  inet4: { type: 'IPv4', kind: 'ipv4' },
} as const satisfies Record<string, MappedType>

export function mapColumn(col: ColumnDef, opts: MapOptions): TargetColumn {
  const m: MappedType = opts.fixedBytes
    ? { type: `FixedString(${opts.fixedBytes})`, kind: 'fixed', bytes: opts.fixedBytes }
    : opts.override !== undefined
      ? overrideColumn(col, opts.override)
      : defaultType(col, opts)
  const nullable = !m.array && (col.nullable || m.nullable === true)
  return {
    name: col.name,
    type: nullable ? nullableType(m.type) : m.type,
    nullable,
    kind: m.kind,
    precision: m.precision ?? 0,
    scale: m.scale ?? 0,
    bytes: m.bytes ?? 0,
    source: col,
  }
}

export function defaultType(col: ColumnDef, opts: Pick<MapOptions, 'jsonType' | 'timeType'>): MappedType {
  const u = col.unsigned
  switch (col.type) {
    case ColumnType.TINY:
      return u ? { type: 'UInt8', kind: 'uint8' } : { type: 'Int8', kind: 'int8' }
    case ColumnType.SHORT:
      return u ? { type: 'UInt16', kind: 'uint16' } : { type: 'Int16', kind: 'int16' }
    case ColumnType.INT24:
    case ColumnType.LONG:
      return u ? { type: 'UInt32', kind: 'uint32' } : { type: 'Int32', kind: 'int32' }
    case ColumnType.LONGLONG:
      return u ? { type: 'UInt64', kind: 'uint64' } : { type: 'Int64', kind: 'int64' }
    case ColumnType.FLOAT:
      return { type: 'Float32', kind: 'float32' }
    case ColumnType.DOUBLE:
      return { type: 'Float64', kind: 'float64' }
    case ColumnType.NEWDECIMAL:
      return {
        type: `Decimal(${col.precision}, ${col.scale})`,
        kind: 'decimal',
        precision: col.precision,
        scale: col.scale,
        bytes: decimalBytes(col.precision),
      }
    case ColumnType.YEAR:
      return { type: 'UInt16', kind: 'uint16' }
    case ColumnType.BIT:
      return { type: 'UInt64', kind: 'uint64' }
    case ColumnType.DATE:
    case ColumnType.NEWDATE:
      return { type: 'Date32', kind: 'date32' }
    case ColumnType.DATETIME:
    case ColumnType.DATETIME2:
    case ColumnType.TIMESTAMP:
    case ColumnType.TIMESTAMP2:
      return { type: `DateTime64(${col.fsp}, 'UTC')`, kind: 'datetime64', scale: col.fsp }
    case ColumnType.TIME:
    case ColumnType.TIME2:
      // Where the server has no Time64: the text SELECT prints ('-838:59:59.000000'), exact.
      if (opts.timeType === 'String') return { type: 'String', kind: 'text' }
      return { type: `Time64(${col.fsp})`, kind: 'time64', scale: col.fsp }
    case ColumnType.STRING:
      if (col.fixedBinaryType) return FIXED_BINARY[col.fixedBinaryType]
      return { type: 'String', kind: 'string' }
    case ColumnType.VARCHAR:
    case ColumnType.VAR_STRING:
    case ColumnType.TINY_BLOB:
    case ColumnType.MEDIUM_BLOB:
    case ColumnType.LONG_BLOB:
    case ColumnType.BLOB:
      return { type: 'String', kind: 'string' }
    case ColumnType.ENUM:
      return { type: 'LowCardinality(String)', kind: 'string' }
    case ColumnType.SET:
      return { type: 'Array(LowCardinality(String))', kind: 'set', array: true }
    case ColumnType.JSON:
      return opts.jsonType === 'JSON' ? { type: 'JSON', kind: 'json' } : { type: 'String', kind: 'string' }
    case ColumnType.GEOMETRY:
      return { type: 'String', kind: 'wkt' }
    case ColumnType.VECTOR:
      return { type: 'Array(Float32)', kind: 'vector', array: true }
    case ColumnType.NULL:
      break
    default:
      unhandledColumnType(col.type)
  }
  throw new TypeMappingError(col.name, `source type ${sourceTypeName(col)} has no ClickHouse mapping`)
}
