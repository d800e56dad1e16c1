// MySQL JSON column values: binary JSON decoding, MySQL's exact text form, partial-update diffs.

export { decodeJson, MAX_DEPTH } from './decode.ts'
export { jsonText, quoteJsonString } from './text.ts'
export { formatJsonDouble } from './double.ts'
export { readJsonDiffs, type JsonDiff } from './diff.ts'
export { applyJsonDiffs } from './apply.ts'
export { parseJsonPath, formatJsonPath, type JsonPathLeg } from './path.ts'
export {
  JsonInt,
  JsonUint,
  JsonDouble,
  JsonDecimal,
  JsonTemporal,
  JsonOpaque,
  MYSQL_TYPE_DATE,
  MYSQL_TYPE_DATETIME,
  MYSQL_TYPE_NEWDECIMAL,
  MYSQL_TYPE_TIME,
  MYSQL_TYPE_TIMESTAMP,
  MYSQL_TYPE_VAR_STRING,
  type JsonArray,
  type JsonObject,
  type JsonScalar,
  type JsonValue,
  type TemporalFieldType,
} from './types.ts'
