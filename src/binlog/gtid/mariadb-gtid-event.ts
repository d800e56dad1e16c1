// MariaDB GTID_EVENT (162) bodies, as sql/log_event.cc Gtid_log_event::Gtid_log_event reads them,
// with the bounds checks of MDEV-33672 (a flag never makes the reader run past the body):
//
//   8 bytes    seq_no
//   4 bytes    domain_id
//   1 byte     flags2: FL_STANDALONE 1, FL_GROUP_COMMIT_ID 2, FL_TRANSACTIONAL 4,
//              FL_ALLOW_PARALLEL 8, FL_WAITED 16, FL_DDL 32, FL_PREPARED_XA 64, FL_COMPLETED_XA 128
//   8 bytes    commit_id                       when FL_GROUP_COMMIT_ID
//   XA xid                                     when FL_PREPARED_XA or FL_COMPLETED_XA:
//     4 bytes formatID, 1 byte gtrid_length, 1 byte bqual_length, gtrid, bqual
//   -- when bytes remain:
//   1 byte     flags_extra: FL_EXTRA_MULTI_ENGINE_E1 1, FL_START_ALTER_E1 2,
//              FL_COMMIT_ALTER_E1 4, FL_ROLLBACK_ALTER_E1 8
//   1 byte     extra_engines                   when FL_EXTRA_MULTI_ENGINE_E1
//   8 bytes    sa_seq_no (the START ALTER's)   when FL_COMMIT_ALTER_E1 or FL_ROLLBACK_ALTER_E1
//   zero padding up to the 19-byte post-header (so a short event reads flags_extra = 0)
//
// The server id of the GTID is the event header's.

import { Cursor } from '../cursor.ts'
import { DecodeError } from '../errors.ts'
import type { MariadbGtid } from './mariadb-gtid-list.ts'

export const MARIADB_GTID_EVENT = 162

/** The post-header length the reader requires (GTID_HEADER_LEN). */
const GTID_HEADER_LEN = 19

export const FL_STANDALONE = 1
export const FL_GROUP_COMMIT_ID = 2
export const FL_TRANSACTIONAL = 4
export const FL_ALLOW_PARALLEL = 8
export const FL_WAITED = 16
export const FL_DDL = 32
export const FL_PREPARED_XA = 64
export const FL_COMPLETED_XA = 128

export const FL_EXTRA_MULTI_ENGINE_E1 = 1
export const FL_START_ALTER_E1 = 2
export const FL_COMMIT_ALTER_E1 = 4
export const FL_ROLLBACK_ALTER_E1 = 8

export interface MariadbXid {
  formatId: number
  gtrid: Buffer
  bqual: Buffer
}

/** The GTID (domain, server from the header, seq_no) and what the event says of its transaction. */
export interface MariadbGtidEvent extends MariadbGtid {
  /** flags2 as written (FL_*). */
  flags2: number
  /** No COMMIT/XID event ends the group (DDL, non-transactional statements). */
  standalone: boolean
  transactional: boolean
  allowParallel: boolean
  waited: boolean
  ddl: boolean
  preparedXa: boolean
  completedXa: boolean
  /** Same for all transactions of one binlog group commit; null without FL_GROUP_COMMIT_ID. */
  commitId: bigint | null
  xid: MariadbXid | null
  /** 0 when the event has no flags_extra byte. */
  flagsExtra: number
  extraEngines: number | null
  startAlter: boolean
  commitAlter: boolean
  rollbackAlter: boolean
  /** seq_no of the START ALTER that a COMMIT/ROLLBACK ALTER completes. */
  startAlterSeqNo: bigint | null
}

/** Decodes a GTID_EVENT body (after the header, without CRC); `serverId` is the header's. */
export function decodeMariadbGtidEvent(body: Uint8Array, serverId: number): MariadbGtidEvent {
  const c = Cursor.of(body)
  if (c.remaining < GTID_HEADER_LEN) {
    throw new DecodeError(`MariaDB GTID event body of ${c.remaining} bytes: need at least ${GTID_HEADER_LEN}`)
  }
  const seqNo = c.u64()
  const domainId = c.u32()
  const flags2 = c.u8()
  const commitId = flags2 & FL_GROUP_COMMIT_ID ? readChecked(c, 8, 'commit_id', () => c.u64()) : null
  let xid: MariadbXid | null = null
  if (flags2 & (FL_PREPARED_XA | FL_COMPLETED_XA)) {
    c.need(6, 'XA xid')
    const formatId = c.u32()
    const gtridLength = c.u8()
    const bqualLength = c.u8()
    c.need(gtridLength + bqualLength, 'XA xid data')
    xid = { formatId, gtrid: Buffer.from(c.bytes(gtridLength)), bqual: Buffer.from(c.bytes(bqualLength)) }
  }
  let flagsExtra = 0
  let extraEngines: number | null = null
  let startAlterSeqNo: bigint | null = null
  if (c.remaining > 0) {
    flagsExtra = c.u8()
    if (flagsExtra & FL_EXTRA_MULTI_ENGINE_E1) extraEngines = readChecked(c, 1, 'extra_engines', () => c.u8())
    if (flagsExtra & (FL_COMMIT_ALTER_E1 | FL_ROLLBACK_ALTER_E1)) {
      startAlterSeqNo = readChecked(c, 8, 'sa_seq_no', () => c.u64())
    }
  }
  return {
    domainId,
    serverId,
    seqNo,
    flags2,
    standalone: (flags2 & FL_STANDALONE) !== 0,
    transactional: (flags2 & FL_TRANSACTIONAL) !== 0,
    allowParallel: (flags2 & FL_ALLOW_PARALLEL) !== 0,
    waited: (flags2 & FL_WAITED) !== 0,
    ddl: (flags2 & FL_DDL) !== 0,
    preparedXa: (flags2 & FL_PREPARED_XA) !== 0,
    completedXa: (flags2 & FL_COMPLETED_XA) !== 0,
    commitId,
    xid,
    flagsExtra,
    extraEngines,
    startAlter: (flagsExtra & FL_START_ALTER_E1) !== 0,
    commitAlter: (flagsExtra & FL_COMMIT_ALTER_E1) !== 0,
    rollbackAlter: (flagsExtra & FL_ROLLBACK_ALTER_E1) !== 0,
    startAlterSeqNo,
  }
}

function readChecked<T>(c: Cursor, n: number, what: string, read: () => T): T {
  c.need(n, `${what} of a MariaDB GTID event`)
  return read()
}
