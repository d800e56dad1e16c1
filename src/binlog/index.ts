// Public face of the binlog client: connect, stream decoded events or whole transactions, positions.

export { BinlogClient } from './client.ts'
export { SourceConnection, isConnectionLost, type Flavor, type ServerInfo, type SourceOptions, type TlsOptions } from './connection.ts'
export { BinlogStream, type CharsetSource, type StreamEvent, type StreamOptions, type StreamStart } from './stream.ts'
export {
  TransactionReader,
  type BinlogPosition,
  type TxBegin,
  type TxCommit,
  type TxDdl,
  type TxItem,
  type TxKeepAlive,
  type TxRows,
} from './transactions.ts'
export { EventDecoder, type DecodedEvent, type EventBody, type EventHeader } from './decoder.ts'
export { EventType, eventTypeName } from './event-type.ts'
export type { TableMapEvent } from './events/table-map.ts'
export type { RowsEvent, RowsOp } from './events/rows.ts'
export type { QueryEvent, QueryStatus } from './events/query.ts'
export { CharsetRegistry } from './values/charsets.ts'
export { readCollationList } from './collation-list.ts'
export { civilFromDays } from './values/temporal.ts'
export { fixedBinaryText } from './values/fixed-binary.ts'
export {
  BinlogError,
  ChecksumError,
  DecodeError,
  PacketTooLargeError,
  ReplicationError,
  UnknownEventError,
  type BinlogPlace,
} from './errors.ts'
export { Cursor } from './cursor.ts'
export * from './gtid/index.ts'
