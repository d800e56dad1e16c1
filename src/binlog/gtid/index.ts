// GTID sets and GTID events of both flavors: the position chsync keeps and resumes from.

export { InvalidGtidError } from './errors.ts'
export { type GtidFlavor, type GtidSet, parseGtidSet } from './gtid-set.ts'
export { GNO_END, MAX_GNO, MIN_GNO } from './intervals.ts'
export {
  type GtidInterval,
  type MysqlGtid,
  MysqlGtidSet,
  type MysqlGtidSetEntry,
} from './mysql-gtid-set.ts'
export {
  decodeMysqlGtidSet,
  decodePreviousGtidsEvent,
  encodeMysqlGtidSet,
  PREVIOUS_GTIDS_LOG_EVENT,
} from './mysql-gtid-set-binary.ts'
export {
  ANONYMOUS_GTID_LOG_EVENT,
  decodeGtidEvent,
  GTID_FLAG_MAY_HAVE_SBR,
  GTID_LOG_EVENT,
  GTID_TAGGED_LOG_EVENT,
  type GtidEvent,
} from './mysql-gtid-event.ts'
export { decodeGtidTaggedEvent } from './mysql-gtid-tagged-event.ts'
export { formatMariadbGtid, type MariadbGtid, MariadbGtidList } from './mariadb-gtid-list.ts'
export {
  decodeMariadbGtidEvent,
  FL_ALLOW_PARALLEL,
  FL_COMMIT_ALTER_E1,
  FL_COMPLETED_XA,
  FL_DDL,
  FL_EXTRA_MULTI_ENGINE_E1,
  FL_GROUP_COMMIT_ID,
  FL_PREPARED_XA,
  FL_ROLLBACK_ALTER_E1,
  FL_STANDALONE,
  FL_START_ALTER_E1,
  FL_TRANSACTIONAL,
  FL_WAITED,
  MARIADB_GTID_EVENT,
  type MariadbGtidEvent,
  type MariadbXid,
} from './mariadb-gtid-event.ts'
export {
  decodeMariadbGtidListEvent,
  GTID_LIST_FLAG_IGN_GTIDS,
  GTID_LIST_FLAG_UNTIL_REACHED,
  MARIADB_GTID_LIST_EVENT,
  mariadbGtidListFlags,
} from './mariadb-gtid-list-event.ts'
