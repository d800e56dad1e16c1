// Public face of RowBinary encoding: the writer, per-column encoders, whole rows, row-image keys.

export { CHUNK_BYTES, RowBinaryWriter } from './writer.ts'
export { columnEncoder, type Encoder } from './column-encoder.ts'
export { RowEncoder } from './row.ts'
export { encodeTextRow, textValueEncoder, type TextValueEncoder } from './text-encoder.ts'
export { isUtf8 } from '../../../model/index.ts'
export { keyHash } from './key-hash.ts'
export { ClampCounter, type ClampNotice } from './clamp.ts'
export { EncodeError } from './errors.ts'
export { geometryToWkt, formatCoordinate } from './wkt.ts'
export { float32Text, textForm } from './text-form.ts'
export { daysFromCivil } from './temporal.ts'
export { ROW_BINARY_INSERT_SETTINGS } from './settings.ts'
