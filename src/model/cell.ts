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
 * - JSON: MySQL's text form of the document, as SELECT prints it, as a JsonText (the text's UTF-8
 *   bytes, what the sinks write). MariaDB's JSON is a LONGTEXT: a string. Consumers that compare
 *   or hash cells treat a JsonText and the string of its text alike.
 * - VECTOR: the float32 components
 * - null for SQL NULL; undefined for a column the row image does not contain (binlog_row_image
 *   other than FULL)
 */
export type Cell = null | undefined | number | bigint | string | Uint8Array | JsonText | string[] | number[]

export type Row = Cell[]
