// The values a decoded row holds, one per column, exactly as the source stored them.

import type { JsonText } from './json-text.ts'

/**
 * - integers up to 32 bits, YEAR, FLOAT, DOUBLE: number (FLOAT is the float32 value, exact)
 * - BIGINT, BIT: bigint
 * - DECIMAL: its exact text ("-1.50"); DATE/DATETIME/TIMESTAMP/TIME: the text SELECT prints
 *   (TIMESTAMP in UTC), zero dates included ("0000-00-00")
 * - CHAR/VARCHAR/TEXT and ENUM: string; SET: the member labels in definition order
 * - BINARY/VARBINARY/BLOB, GEOMETRY (4-byte SRID + WKB), text in a charset chsync cannot decode:
 *   Uint8Array
 * - JSON: MySQL's text form of the document, as SELECT prints it: from MySQL's binlog a JsonText
 *   (the text's UTF-8 bytes, what the sinks write); copied by SELECT, or MariaDB's JSON (a
 *   LONGTEXT), a string. Both stand for the same text: every consumer treats them alike.
 * - VECTOR: the float32 components
 * - null for SQL NULL; undefined for a column the row image does not contain (binlog_row_image
 *   other than FULL)
 */
export type Cell = null | undefined | number | bigint | string | Uint8Array | JsonText | string[] | number[]

export type Row = Cell[]
