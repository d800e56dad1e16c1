// GTID_LOG_EVENT (33) and ANONYMOUS_GTID_LOG_EVENT (34) bodies, decoded field by field the way
// the server does (libs/mysql/binlog/event/control_events.cpp, Gtid_event::Gtid_event): every
// field after the gno is read only when the body is long enough for it, so events of older
// servers decode with those fields null.
//
//   1 byte     flags (1 = FLAG_MAY_HAVE_SBR)
//   16 bytes   uuid (all zero for anonymous)
//   8 bytes    gno, signed (0 for anonymous; 1 .. 2^63-2 otherwise)
//   -- when 1 byte remains:
//   1 byte     logical timestamp type; only type 2 has the fields below
//   8 bytes    last_committed                 8 bytes sequence_number
//   -- when 7 bytes remain:
//   7 bytes    immediate_commit_timestamp (µs); bit 55 set = original_commit_timestamp follows
//   7 bytes    original_commit_timestamp (else equal to the immediate one)
//   -- when 1 byte remains:
//   1-9 bytes  transaction_length, packed integer (net_field_length)
//   -- when 4 bytes remain:
//   4 bytes    immediate_server_version; bit 31 set = original_server_version follows
//   4 bytes    original_server_version (else equal to the immediate one)
//   -- when 8 bytes remain:
//   8 bytes    commit_group_ticket

import { Cursor } from '../cursor.ts'
import { DecodeError } from '../errors.ts'
import { GNO_END, MIN_GNO } from './intervals.ts'
import { uuidFromBytes } from './uuid.ts'

export const GTID_LOG_EVENT = 33
export const ANONYMOUS_GTID_LOG_EVENT = 34
export const GTID_TAGGED_LOG_EVENT = 42

/** FLAG_MAY_HAVE_SBR: the transaction may contain statement-based events. */
export const GTID_FLAG_MAY_HAVE_SBR = 1

/** A MySQL GTID event of any of the three kinds. Fields the event does not carry are null. */
export interface GtidEvent {
  eventType: typeof GTID_LOG_EVENT | typeof ANONYMOUS_GTID_LOG_EVENT | typeof GTID_TAGGED_LOG_EVENT
  /** Anonymous transaction (gtid_mode OFF): uuid all zero, gno 0. */
  anonymous: boolean
  flags: number
  /** FLAG_MAY_HAVE_SBR is set (mysqlbinlog prints it as `rbr_only=no`). */
  mayHaveSbr: boolean
  uuid: string
  /** '' for untagged GTIDs. */
  tag: string
  gno: bigint
  lastCommitted: bigint | null
  sequenceNumber: bigint | null
  /** Commit time on the server that wrote this binlog, microseconds since the epoch. */
  immediateCommitTimestamp: bigint | null
  /** Commit time on the server where the transaction originated, microseconds since the epoch. */
  originalCommitTimestamp: bigint | null
  /** Bytes of the whole transaction, this event included. */
  transactionLength: bigint | null
  /** Like 90704 for 9.7.4. */
  immediateServerVersion: number | null
  originalServerVersion: number | null
  commitGroupTicket: bigint | null
}

const LOGICAL_TIMESTAMP_TYPECODE = 2
const TIMESTAMP_FLAG = 1n << 55n
const SERVER_VERSION_FLAG = 0x8000_0000

/** Decodes a GTID_LOG_EVENT or ANONYMOUS_GTID_LOG_EVENT body (after the header, without CRC). */
export function decodeGtidEvent(
  body: Uint8Array,
  eventType: typeof GTID_LOG_EVENT | typeof ANONYMOUS_GTID_LOG_EVENT = GTID_LOG_EVENT,
): GtidEvent {
  const c = Cursor.of(body)
  c.need(25, 'GTID event (flags, uuid, gno)')
  const flags = c.u8()
  const uuid = uuidFromBytes(c.bytes(16))
  const gno = c.i64()
  const anonymous = eventType === ANONYMOUS_GTID_LOG_EVENT
  if (anonymous ? gno !== 0n : gno < MIN_GNO || gno >= GNO_END) {
    throw new DecodeError(`invalid gno ${gno} in ${anonymous ? 'an anonymous' : 'a'} GTID event`)
  }
  const event: GtidEvent = {
    eventType,
    anonymous,
    flags,
    mayHaveSbr: (flags & GTID_FLAG_MAY_HAVE_SBR) !== 0,
    uuid,
    tag: '',
    gno,
    lastCommitted: null,
    sequenceNumber: null,
    immediateCommitTimestamp: null,
    originalCommitTimestamp: null,
    transactionLength: null,
    immediateServerVersion: null,
    originalServerVersion: null,
    commitGroupTicket: null,
  }
  if (c.remaining < 1 || c.u8() !== LOGICAL_TIMESTAMP_TYPECODE) return event
  c.need(16, 'logical timestamps')
  event.lastCommitted = c.i64()
  event.sequenceNumber = c.i64()

  if (c.remaining < 7) return event
  const immediate = readTimestamp(c)
  event.immediateCommitTimestamp = immediate & ~TIMESTAMP_FLAG
  event.originalCommitTimestamp = immediate & TIMESTAMP_FLAG ? readTimestamp(c) : event.immediateCommitTimestamp

  if (c.remaining < 1) return event
  event.transactionLength = c.lenencBig()

  if (c.remaining < 4) return event
  const immediateVersion = c.u32()
  event.immediateServerVersion = (immediateVersion & ~SERVER_VERSION_FLAG) >>> 0
  event.originalServerVersion = immediateVersion & SERVER_VERSION_FLAG ? c.u32() : event.immediateServerVersion

  if (c.remaining >= 8) event.commitGroupTicket = c.u64()
  return event
}

/** 7-byte little-endian unsigned integer. */
function readTimestamp(c: Cursor): bigint {
  const b = c.bytes(7, 'commit timestamp')
  return BigInt(b.readUIntLE(0, 6)) | (BigInt(b[6]) << 48n)
}
