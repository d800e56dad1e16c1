// Binlog event type codes (MySQL libs/mysql/binlog/event/binlog_event.h, MariaDB sql/log_event.h).

export const EventType = {
  UNKNOWN: 0,
  START_V3: 1,
  QUERY: 2,
  STOP: 3,
  ROTATE: 4,
  INTVAR: 5,
  SLAVE: 7,
  APPEND_BLOCK: 9,
  DELETE_FILE: 11,
  RAND: 13,
  USER_VAR: 14,
  FORMAT_DESCRIPTION: 15,
  XID: 16,
  BEGIN_LOAD_QUERY: 17,
  EXECUTE_LOAD_QUERY: 18,
  TABLE_MAP: 19,
  WRITE_ROWS_V0: 20,
  UPDATE_ROWS_V0: 21,
  DELETE_ROWS_V0: 22,
  WRITE_ROWS_V1: 23,
  UPDATE_ROWS_V1: 24,
  DELETE_ROWS_V1: 25,
  INCIDENT: 26,
  HEARTBEAT: 27,
  IGNORABLE: 28,
  ROWS_QUERY: 29,
  WRITE_ROWS: 30,
  UPDATE_ROWS: 31,
  DELETE_ROWS: 32,
  GTID: 33,
  ANONYMOUS_GTID: 34,
  PREVIOUS_GTIDS: 35,
  TRANSACTION_CONTEXT: 36,
  VIEW_CHANGE: 37,
  XA_PREPARE: 38,
  PARTIAL_UPDATE_ROWS: 39,
  TRANSACTION_PAYLOAD: 40,
  HEARTBEAT_V2: 41,
  GTID_TAGGED: 42,
  // MariaDB
  MARIADB_ANNOTATE_ROWS: 160,
  MARIADB_BINLOG_CHECKPOINT: 161,
  MARIADB_GTID: 162,
  MARIADB_GTID_LIST: 163,
  MARIADB_START_ENCRYPTION: 164,
  MARIADB_QUERY_COMPRESSED: 165,
  MARIADB_WRITE_ROWS_COMPRESSED_V1: 166,
  MARIADB_UPDATE_ROWS_COMPRESSED_V1: 167,
  MARIADB_DELETE_ROWS_COMPRESSED_V1: 168,
  MARIADB_WRITE_ROWS_COMPRESSED: 169,
  MARIADB_UPDATE_ROWS_COMPRESSED: 170,
  MARIADB_DELETE_ROWS_COMPRESSED: 171,
} as const

export type EventTypeCode = (typeof EventType)[keyof typeof EventType]

const names = new Map<number, string>(Object.entries(EventType).map(([k, v]) => [v, k]))

export function eventTypeName(type: number): string {
  return names.get(type) ?? `UNKNOWN_${type}`
}

/** Header flag: a server that does not know the event may skip it (LOG_EVENT_IGNORABLE_F). */
export const LOG_EVENT_IGNORABLE_F = 0x80
/** Header flag on a FORMAT_DESCRIPTION: the file was not closed properly (LOG_EVENT_BINLOG_IN_USE_F). */
export const LOG_EVENT_BINLOG_IN_USE_F = 0x01
/** Header flag: the event was made up by the dump thread, it is not in the file (LOG_EVENT_ARTIFICIAL_F). */
export const LOG_EVENT_ARTIFICIAL_F = 0x20
