// QUERY_EVENT (and MariaDB's QUERY_COMPRESSED_EVENT): a statement logged as text — DDL, BEGIN,
// COMMIT for non-transactional engines, XA — with the session state it ran in.

import type { Cursor } from '../cursor.ts'
import { DecodeError } from '../errors.ts'
import { uncompressMariadb } from './rows.ts'

export interface QueryStatus {
  flags2?: number
  sqlMode?: bigint
  catalog?: string
  autoIncrement?: { increment: number; offset: number }
  /** character_set_client, collation_connection, collation_server (collation ids). */
  charset?: { client: number; connection: number; server: number }
  timeZone?: string
  lcTimeNames?: number
  charsetDatabase?: number
  tableMapForUpdate?: bigint
  invoker?: { user: string; host: string }
  /** Databases the statement changed (absent when there were too many to list). */
  updatedDatabases?: string[]
  microseconds?: number
  explicitDefaultsForTimestamp?: boolean
  ddlXid?: bigint
  defaultCollationForUtf8mb4?: number
  sqlRequirePrimaryKey?: boolean
  defaultTableEncryption?: boolean
  /** MariaDB: high-resolution statement time (microseconds part). */
  hrnow?: number
  /** MariaDB: xid of a DDL statement. */
  xid?: bigint
  /** MariaDB 11: extra GTID flags. */
  gtidFlags3?: number
  /** A status variable this version of chsync does not know; the ones after it were not read. */
  unknownCode?: number
}

export interface QueryEvent {
  kind: 'query'
  threadId: number
  execTime: number
  errorCode: number
  /** The session's current database when the statement ran ('' when none). */
  database: string
  query: string
  status: QueryStatus
}

// Status variable codes (MySQL Query_event::Query_event_status_vars, MariaDB additions at 128+).
const Q_FLAGS2_CODE = 0
const Q_SQL_MODE_CODE = 1
const Q_CATALOG_CODE = 2
const Q_AUTO_INCREMENT = 3
const Q_CHARSET_CODE = 4
const Q_TIME_ZONE_CODE = 5
const Q_CATALOG_NZ_CODE = 6
const Q_LC_TIME_NAMES_CODE = 7
const Q_CHARSET_DATABASE_CODE = 8
const Q_TABLE_MAP_FOR_UPDATE_CODE = 9
const Q_MASTER_DATA_WRITTEN_CODE = 10
const Q_INVOKER = 11
const Q_UPDATED_DB_NAMES = 12
const Q_MICROSECONDS = 13
const Q_COMMIT_TS = 14
const Q_COMMIT_TS2 = 15
const Q_EXPLICIT_DEFAULTS_FOR_TIMESTAMP = 16
const Q_DDL_LOGGED_WITH_XID = 17
const Q_DEFAULT_COLLATION_FOR_UTF8MB4 = 18
const Q_SQL_REQUIRE_PRIMARY_KEY = 19
const Q_DEFAULT_TABLE_ENCRYPTION = 20
const Q_HRNOW = 128
const Q_XID = 129
const Q_GTID_FLAGS3 = 130

/** More databases than fit: the list is left out (OVER_MAX_DBS_IN_EVENT_MTS). */
const OVER_MAX_DBS = 254

/**
 * Body: thread_id u32, exec_time u32, database name length u8, error_code u16, status_vars_len u16,
 * status variables (code u8 + a value whose size the code implies), database name + NUL, then the
 * statement to the end (MariaDB's compressed variant: the statement in its compressed form).
 */
export function decodeQuery(c: Cursor, compressed: boolean): QueryEvent {
  const threadId = c.u32()
  const execTime = c.u32()
  const dbLen = c.u8()
  const errorCode = c.u16()
  const statusLen = c.u16()
  const statusEnd = c.need(statusLen, 'status variables') + statusLen
  const status = readStatusVars(c, statusEnd)
  c.pos = statusEnd
  const database = c.string(dbLen, 'database name')
  c.skip(1)
  const text = compressed ? uncompressMariadb(c.rest()) : c.rest()
  return { kind: 'query', threadId, execTime, errorCode, database, query: text.toString('utf8'), status }
}

function readStatusVars(c: Cursor, end: number): QueryStatus {
  const s: QueryStatus = {}
  const saved = c.end
  c.end = end
  try {
    while (c.pos < end) {
      const code = c.u8()
      switch (code) {
        case Q_FLAGS2_CODE:
          s.flags2 = c.u32()
          break
        case Q_SQL_MODE_CODE:
          s.sqlMode = c.u64()
          break
        case Q_CATALOG_CODE: {
          s.catalog = c.string(c.u8(), 'catalog')
          c.skip(1)
          break
        }
        case Q_AUTO_INCREMENT:
          s.autoIncrement = { increment: c.u16(), offset: c.u16() }
          break
        case Q_CHARSET_CODE:
          s.charset = { client: c.u16(), connection: c.u16(), server: c.u16() }
          break
        case Q_TIME_ZONE_CODE:
          s.timeZone = c.string(c.u8(), 'time zone')
          break
        case Q_CATALOG_NZ_CODE:
          s.catalog = c.string(c.u8(), 'catalog')
          break
        case Q_LC_TIME_NAMES_CODE:
          s.lcTimeNames = c.u16()
          break
        case Q_CHARSET_DATABASE_CODE:
          s.charsetDatabase = c.u16()
          break
        case Q_TABLE_MAP_FOR_UPDATE_CODE:
          s.tableMapForUpdate = c.u64()
          break
        case Q_MASTER_DATA_WRITTEN_CODE:
          c.skip(4)
          break
        case Q_INVOKER:
          s.invoker = { user: c.string(c.u8(), 'invoker user'), host: c.string(c.u8(), 'invoker host') }
          break
        case Q_UPDATED_DB_NAMES: {
          const n = c.u8()
          if (n !== OVER_MAX_DBS) {
            s.updatedDatabases = []
            for (let i = 0; i < n; i++) s.updatedDatabases.push(c.nulString('updated database name'))
          }
          break
        }
        case Q_MICROSECONDS:
        case Q_HRNOW:
          if (code === Q_HRNOW) s.hrnow = c.u24()
          else s.microseconds = c.u24()
          break
        case Q_COMMIT_TS:
        case Q_COMMIT_TS2:
          // Written by NDB only, and never with a defined size.
          throw new DecodeError(`status variable ${code} (NDB commit timestamp) is not supported`)
        case Q_EXPLICIT_DEFAULTS_FOR_TIMESTAMP:
          s.explicitDefaultsForTimestamp = c.u8() !== 0
          break
        case Q_DDL_LOGGED_WITH_XID:
          s.ddlXid = c.u64()
          break
        case Q_DEFAULT_COLLATION_FOR_UTF8MB4:
          s.defaultCollationForUtf8mb4 = c.u16()
          break
        case Q_SQL_REQUIRE_PRIMARY_KEY:
          s.sqlRequirePrimaryKey = c.u8() !== 0
          break
        case Q_DEFAULT_TABLE_ENCRYPTION:
          s.defaultTableEncryption = c.u8() !== 0
          break
        case Q_XID:
          s.xid = c.u64()
          break
        case Q_GTID_FLAGS3:
          s.gtidFlags3 = c.u8()
          break
        default:
          // The server's own reader stops here too: the sizes of unknown codes are unknown. The
          // statement itself is still found, because status_vars_len says where they end.
          s.unknownCode = code
          return s
      }
    }
    return s
  } catch (err) {
    if (err instanceof DecodeError) throw new DecodeError(`in status variables: ${err.message}`)
    throw err
  } finally {
    c.end = saved
  }
}
