// How rows decoding uses the MySQL binary JSON decoder: bytes → document → text, and partial
// updates applied to the document of the before-image.

import { Cursor } from '../cursor.ts'
import { type JsonValue, applyJsonDiffs, decodeJson, jsonText, readJsonDiffs } from './json/index.ts'

export type JsonDocument = JsonValue

export interface JsonCodec {
  decode(bytes: Buffer): JsonDocument
  text(doc: JsonDocument): string
  /** `diffBytes`: one column's diff list, after its 4-byte length (see json/diff.ts). */
  applyDiffs(doc: JsonDocument, diffBytes: Buffer): JsonDocument
}

export const mysqlJsonCodec: JsonCodec = {
  decode: decodeJson,
  text: jsonText,
  applyDiffs: (doc, diffBytes) => applyJsonDiffs(doc, readJsonDiffs(Cursor.of(diffBytes), diffBytes.length)),
}
