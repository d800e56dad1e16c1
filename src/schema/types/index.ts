// Public face of the type mapping: what a source column becomes in ClickHouse.

export { mapColumn, defaultType } from './map-column.ts'
export type { EncoderKind, MapOptions, MappedType, TargetColumn, TimeType } from './target-column.ts'
export { TypeMappingError } from './errors.ts'
export { TYPE_MAPPING_DOC, OVERRIDE_DOC, type TypeMappingRow } from './mapping-doc.ts'
export { parseClickHouseType, printClickHouseType, nullableType, decimalBytes, type TypeNode, type TypeArg } from './clickhouse-type.ts'
export { sourceTypeName, integerRange, BINARY_COLLATION } from './source-type.ts'
