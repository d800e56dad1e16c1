// How rows decoding uses the MySQL binary JSON decoder: bytes → document → text, and partial
// updates applied to the document of the before-image.

import { JsonText } from '../../model/index.ts'
import { Cursor } from '../cursor.ts'
import { directJsonBytes } from './json/direct-text.ts'
import { JsonKeyTemplates } from './json/key-templates.ts'
import { type JsonValue, applyJsonDiffs, decodeJson, jsonText, readJsonDiffs } from './json/index.ts'

export type JsonDocument = JsonValue

/** What a codec may keep between the documents of one column to print the next one faster. */
export type JsonColumnMemo = JsonKeyTemplates

export interface JsonCodec {
  decode(bytes: Buffer): JsonDocument
  text(doc: JsonDocument): JsonText
  /**
   * text(decode(buf[start, end))), without keeping the document: what rows decoding needs for most
   * values. `memo`: the column's, from newColumnMemo(); the text is the same without it.
   */
  textOf(buf: Buffer, start: number, end: number, memo?: JsonColumnMemo): JsonText
  newColumnMemo(): JsonColumnMemo
  /** `diffBytes`: one column's diff list, after its 4-byte length (see json/diff.ts). */
  applyDiffs(doc: JsonDocument, diffBytes: Buffer): JsonDocument
}

export const mysqlJsonCodec: JsonCodec = {
  decode: decodeJson,
  text: (doc) => JsonText.ofText(jsonText(doc)),
  textOf: (buf, start, end, memo) =>
    directJsonBytes(buf, start, end, memo) ?? JsonText.ofText(jsonText(decodeJson(buf.subarray(start, end)))),
  newColumnMemo: () => new JsonKeyTemplates(),
  applyDiffs: (doc, diffBytes) => applyJsonDiffs(doc, readJsonDiffs(Cursor.of(diffBytes), diffBytes.length)),
}
