// Reads the list of JSON diffs MySQL writes for a partially updated JSON column.
//
// Where it sits: a PARTIAL_UPDATE_ROWS_EVENT (type 39) after-image row starts with
// value_options (packed integer; bit 0 = PARTIAL_JSON). When that bit is set, a bitmap follows
// with one bit per JSON column of the table (in column order, counting JSON columns only,
// ceil(n/8) bytes, least significant bit first); then the usual null bitmap and values. A JSON
// column whose partial bit is set holds, instead of a document:
//
//   u32 LE  L       size of the diff list in bytes (Json_diff_vector::write_binary; the same
//                   4 bytes a full JSON value's length prefix takes)
//   L bytes         the diffs, back to back; L = 0 means the column did not change
//
// Each diff (Json_diff::write_binary):
//   u8              operation: 0 REPLACE, 1 INSERT, 2 REMOVE
//   packed int      path length, then the path text (e.g. `$.a`, `$."a b"[3]`, `$[last]`)
//   packed int      value length, then that many bytes of binary JSON  (not for REMOVE)
// "Packed int" is the length-encoded integer of the protocol (Cursor.lenenc).
//
// readJsonDiffs expects the cursor just after the u32 and `length` = L; it leaves the cursor
// after the L bytes.

import { Cursor } from '../../cursor.ts'
import { DecodeError } from '../../errors.ts'
import { decodeJson } from './decode.ts'
import { parseJsonPath, type JsonPathLeg } from './path.ts'
import type { JsonValue } from './types.ts'

/** One change: replace or insert `value` at `path`, or remove what is at `path`. */
export type JsonDiff =
  | {
      readonly op: 'replace' | 'insert'
      /** The path as written in the event. */
      readonly path: string
      readonly legs: readonly JsonPathLeg[]
      readonly value: JsonValue
    }
  | { readonly op: 'remove'; readonly path: string; readonly legs: readonly JsonPathLeg[] }

const OPERATIONS = ['replace', 'insert', 'remove'] as const

/** Parses the `length` bytes of one column's diff list at the cursor. */
export function readJsonDiffs(cursor: Cursor, length: number): JsonDiff[] {
  const start = cursor.need(length, 'JSON diff list')
  const end = start + length
  // A cursor that ends with the list, so a bad length inside cannot read past it.
  const c = new Cursor(cursor.buf, start, end)
  const diffs: JsonDiff[] = []
  while (c.pos < end) {
    const at = c.pos
    const code = c.u8()
    const op = OPERATIONS[code]
    if (op === undefined) throw new DecodeError(`unknown JSON diff operation ${code} at byte ${at}`)
    const path = c.string(c.lenenc('JSON diff path length'), 'JSON diff path')
    const legs = parseJsonPath(path)
    if (op === 'remove') {
      diffs.push({ op, path, legs })
    } else {
      const value = decodeJson(c.bytes(c.lenenc('JSON diff value length'), 'JSON diff value'))
      diffs.push({ op, path, legs, value })
    }
  }
  cursor.pos = end
  return diffs
}
