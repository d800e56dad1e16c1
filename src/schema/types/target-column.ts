// What a source column becomes in ClickHouse: the type text for DDL and how to encode its values;
// and the mapped type before nullability, what both the default mapping and an override give.

import type { ColumnDef } from '../../model/index.ts'

/**
 * How values are written (one RowBinary encoder per kind):
 * - int8 … uint256, bool, float32, float64: numbers (number or bigint cells)
 * - decimal: the exact decimal text, scaled to an integer of `bytes` bytes
 * - date32, datetime64, time64: the text SELECT prints, to days or ticks of 10^-scale seconds
 * - string: string cells as UTF-8, byte cells as they are
 * - text: any cell in its text form (a String override of a non-text column)
 * - wkt: GEOMETRY bytes (SRID + WKB) as WKT, EWKT when the SRID is not 0
 * - set: SET labels as Array(String); vector: VECTOR components as Array(Float32)
 * - json: a JSON document's text for ClickHouse's JSON type
 * - uuid, ipv6, ipv4: MariaDB's UUID, INET6, INET4 bytes as ClickHouse's UUID, IPv6, IPv4
 * - fixed: text of exactly `bytes` bytes (a sha256 mask's hex digits) as FixedString(bytes)
 */
export type EncoderKind =
  | 'int8'
  | 'uint8'
  | 'int16'
  | 'uint16'
  | 'int32'
  | 'uint32'
  | 'int64'
  | 'uint64'
  | 'int128'
  | 'uint128'
  | 'int256'
  | 'uint256'
  | 'bool'
  | 'float32'
  | 'float64'
  | 'decimal'
  | 'date32'
  | 'datetime64'
  | 'time64'
  | 'string'
  | 'text'
  | 'wkt'
  | 'set'
  | 'vector'
  | 'json'
  | 'uuid'
  | 'ipv6'
  | 'ipv4'
  | 'fixed'

/** A mapped type before nullability: `array` types hold NULL as an empty array instead. */
export interface MappedType {
  type: string
  kind: EncoderKind
  precision?: number
  scale?: number
  bytes?: number
  array?: boolean
  /** The override asked for Nullable even though the source column is NOT NULL. */
  nullable?: boolean
}

export interface TargetColumn {
  name: string
  /** ClickHouse type text as it goes into CREATE TABLE, Nullable(...) included. */
  type: string
  /** The type holds NULL (a Nullable prefix byte precedes each value). */
  nullable: boolean
  kind: EncoderKind
  /** Decimal precision (total digits). 0 otherwise. */
  precision: number
  /** Decimal scale; DateTime64 / Time64 precision (fraction digits). 0 otherwise. */
  scale: number
  /** Decimal: size of the scaled integer (4, 8, 16 or 32 bytes); fixed: the FixedString's length. 0 otherwise. */
  bytes: number
  /** The column it comes from. */
  source: ColumnDef
}

/** What a TIME column becomes: ClickHouse's Time64, or (a server without it) the text as String. */
export type TimeType = 'Time64' | 'String'

export interface MapOptions {
  /** What a JSON column becomes: String (MySQL's text, exact) or ClickHouse's JSON type. */
  jsonType: 'String' | 'JSON'
  /** What a TIME column becomes (default Time64). */
  timeType?: TimeType
  /** A ClickHouse type from the configuration that replaces the mapped type. */
  override?: string
  /** The column's values are text of exactly this many bytes (a sha256 mask's hex digits): FixedString. */
  fixedBytes?: number
}
