// GTID_TAGGED_LOG_EVENT (42, MySQL 8.3+) bodies. The body is one message of MySQL's serialization
// library (libs/mysql/serialization: serializer_default_impl.hpp, serializer_impl.hpp), with the
// fields Gtid_event::define_fields() lists (libs/mysql/binlog/event/control_events.h):
//
//   varlen     serialization format version, must be 1
//   varlen     message size in bytes, counted from the version byte (= body length)
//   varlen     last_non_ignorable_field_id: 1 + id of the last field a reader must understand
//   then fields in increasing id order, each: varlen field id, then the value:
//     0  gtid_flags                 varlen unsigned (8 bits)
//     1  uuid                       16 x varlen unsigned (one per byte: 0x80..0xff take 2 bytes)
//     2  gno                        varlen signed (zigzag)
//     3  tag                        varlen length (<= 32), then the characters
//     4  last_committed             varlen signed
//     5  sequence_number            varlen signed
//     6  immediate_commit_timestamp varlen unsigned, microseconds
//     7  original_commit_timestamp  optional; absent = equal to the immediate one
//     8  transaction_length         varlen unsigned
//     9  immediate_server_version   varlen unsigned (32 bits)
//     10 original_server_version    optional; absent = equal to the immediate one
//     11 commit_group_ticket        optional varlen unsigned
//   Fields with ids above 11 come from newer servers; the reader skips them to the message end
//   (unless last_non_ignorable_field_id says one of them must be understood: then it fails).
//
// Example (MySQL 9.7, tag t_gtid_tag, gno 1): 02 | 80 | 00 | 00 00 | 02 25 03 5a 71 ... | 04 04 |
// 06 14 "t_gtid_tag" | 08 1c | 0a 24 | 0c 7f <7 bytes> | 10 dd 04 | 12 83 12 0b
// = version 1, size 64, lnif 0, flags 0, uuid c9 2d 9c ..., gno 1, tag, last_committed 7,
// sequence_number 9, timestamp, transaction_length 311, server version 90704.

import { Cursor } from '../cursor.ts'
import { DecodeError } from '../errors.ts'
import { GNO_END, MIN_GNO } from './intervals.ts'
import { GTID_FLAG_MAY_HAVE_SBR, GTID_TAGGED_LOG_EVENT, type GtidEvent } from './mysql-gtid-event.ts'
import { readEncodedTag } from './tag.ts'
import { uuidFromBytes } from './uuid.ts'
import { readVarInt, readVarUint, readVarUintOf } from './varlen.ts'

const SERIALIZATION_FORMAT_VERSION = 1n
const LAST_KNOWN_FIELD_ID = 11

export function decodeGtidTaggedEvent(body: Uint8Array): GtidEvent {
  const c = Cursor.of(body)
  const version = readVarUint(c, 'serialization format version')
  if (version !== SERIALIZATION_FORMAT_VERSION) {
    throw new DecodeError(`GTID_TAGGED event in serialization format ${version}, expected 1`)
  }
  const size = readVarUint(c, 'message size')
  if (size > BigInt(body.length) || size < BigInt(c.pos)) {
    throw new DecodeError(`GTID_TAGGED event message of ${size} bytes in a body of ${body.length}`)
  }
  const lastNonIgnorable = readVarUint(c, 'last non-ignorable field id')
  if (lastNonIgnorable > BigInt(LAST_KNOWN_FIELD_ID + 1)) {
    throw new DecodeError(`GTID_TAGGED event needs field ${lastNonIgnorable - 1n}, unknown to this reader`)
  }
  if (BigInt(c.pos) > size) throw new DecodeError(`GTID_TAGGED event message of ${size} bytes ends in its header`)
  c.end = Number(size)

  const seen = new Set<number>()
  let previous = -1
  let uuid: string | undefined
  let gno: bigint | undefined
  let tag: string | undefined
  let flags = 0
  const event: GtidEvent = {
    eventType: GTID_TAGGED_LOG_EVENT,
    anonymous: false,
    flags: 0,
    mayHaveSbr: false,
    uuid: '',
    tag: '',
    gno: 0n,
    lastCommitted: null,
    sequenceNumber: null,
    immediateCommitTimestamp: null,
    originalCommitTimestamp: null,
    transactionLength: null,
    immediateServerVersion: null,
    originalServerVersion: null,
    commitGroupTicket: null,
  }

  while (c.remaining > 0) {
    const at = c.pos
    const idBig = readVarUint(c, 'field id')
    if (idBig > BigInt(LAST_KNOWN_FIELD_ID)) break // newer, ignorable fields: skip to the end
    const id = Number(idBig)
    if (id <= previous) throw new DecodeError(`GTID_TAGGED event field ${id} at ${at} after field ${previous}`)
    previous = id
    seen.add(id)
    switch (id) {
      case 0:
        flags = Number(readVarUintOf(c, 8, 'gtid_flags'))
        break
      case 1: {
        const bytes = Buffer.alloc(16)
        for (let k = 0; k < 16; k++) bytes[k] = Number(readVarUintOf(c, 8, 'uuid byte'))
        uuid = uuidFromBytes(bytes)
        break
      }
      case 2:
        gno = readVarInt(c, 'gno')
        break
      case 3:
        tag = readEncodedTag(c)
        break
      case 4:
        event.lastCommitted = readVarInt(c, 'last_committed')
        break
      case 5:
        event.sequenceNumber = readVarInt(c, 'sequence_number')
        break
      case 6:
        event.immediateCommitTimestamp = readVarUintOf(c, 64, 'immediate_commit_timestamp')
        break
      case 7:
        event.originalCommitTimestamp = readVarUintOf(c, 64, 'original_commit_timestamp')
        break
      case 8:
        event.transactionLength = readVarUintOf(c, 64, 'transaction_length')
        break
      case 9:
        event.immediateServerVersion = Number(readVarUintOf(c, 32, 'immediate_server_version'))
        break
      case 10:
        event.originalServerVersion = Number(readVarUintOf(c, 32, 'original_server_version'))
        break
      case 11:
        event.commitGroupTicket = readVarUintOf(c, 64, 'commit_group_ticket')
        break
    }
  }

  if (uuid === undefined || gno === undefined || tag === undefined || !seen.has(0)) {
    throw new DecodeError('GTID_TAGGED event without flags, uuid, gno or tag')
  }
  if (gno < MIN_GNO || gno >= GNO_END) throw new DecodeError(`invalid gno ${gno} in a GTID_TAGGED event`)
  event.flags = flags
  event.mayHaveSbr = (flags & GTID_FLAG_MAY_HAVE_SBR) !== 0
  event.uuid = uuid
  event.gno = gno
  event.tag = tag
  // Optional fields the writer leaves out when equal to their partner (Field_missing_functor).
  if (!seen.has(7)) event.originalCommitTimestamp = event.immediateCommitTimestamp
  if (!seen.has(10)) event.originalServerVersion = event.immediateServerVersion
  return event
}
