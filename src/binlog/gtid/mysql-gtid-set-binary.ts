// The binary GTID set of COM_BINLOG_DUMP_GTID and PREVIOUS_GTIDS_LOG_EVENT
// (sql/rpl_gtid_set.cc: Gtid_set::encode, Gtid_set::add_gtid_encoding, encode_nsids_format).
//
//   8 bytes    n_sids_and_format, little-endian:
//                classic: bits 0..55 = n_sids, top byte = 0 (format "untagged")
//                tagged (MySQL 8.3+): byte 0 = 1, bits 8..55 = n_sids, top byte = 1
//   n_sids times, sorted by uuid bytes then tag ('' first):
//     16 bytes   uuid
//     tagged format only: tag as a serialization-library string: varlen length, then the
//                lowercase characters ('' = untagged: a single 0x00)
//     8 bytes    n_intervals
//     n_intervals times: 8 bytes start, 8 bytes end (exclusive), signed little-endian
//
// Servers before 8.3 only read the classic format, so the tagged one is written only when a tag
// is present, as the server does.

import { Cursor } from '../cursor.ts'
import { DecodeError } from '../errors.ts'
import { MysqlGtidSet, type MysqlGtidSetEntry } from './mysql-gtid-set.ts'
import { readEncodedTag } from './tag.ts'
import { uuidFromBytes, uuidToBytes } from './uuid.ts'
import { encodeVarUint } from './varlen.ts'

const FORMAT_UNTAGGED = 0
const FORMAT_TAGGED = 1

export function encodeMysqlGtidSet(set: MysqlGtidSet): Buffer {
  const tagged = set.hasTags
  const entries = set.entries()
  const parts: Buffer[] = []
  const head = Buffer.alloc(8)
  const n = BigInt(entries.length)
  head.writeBigUInt64LE(tagged ? (1n << 56n) | (n << 8n) | 1n : n)
  parts.push(head)
  for (const e of entries) {
    parts.push(uuidToBytes(e.uuid))
    if (tagged) {
      parts.push(encodeVarUint(BigInt(e.tag.length)), Buffer.from(e.tag, 'ascii'))
    }
    const body = Buffer.alloc(8 + 16 * e.intervals.length)
    body.writeBigUInt64LE(BigInt(e.intervals.length), 0)
    e.intervals.forEach((iv, k) => {
      body.writeBigInt64LE(iv.first, 8 + 16 * k)
      body.writeBigInt64LE(iv.last + 1n, 16 + 16 * k)
    })
    parts.push(body)
  }
  return Buffer.concat(parts)
}

/** Decodes both formats; the bytes must be exactly one encoded set. */
export function decodeMysqlGtidSet(bytes: Uint8Array): MysqlGtidSet {
  const c = Cursor.of(bytes)
  if (c.remaining < 8) throw new DecodeError(`GTID set encoding of ${c.remaining} bytes: need at least 8`)
  const word = c.u64()
  const format = Number(word >> 56n)
  if (format !== FORMAT_UNTAGGED && format !== FORMAT_TAGGED) {
    throw new DecodeError(`unknown GTID set encoding format ${format}`)
  }
  const tagged = format === FORMAT_TAGGED
  const nSids = tagged ? (word >> 8n) & 0xffff_ffff_ffffn : word & 0xff_ffff_ffff_ffffn
  // Each sid takes at least 24 bytes: refuse counts the bytes cannot hold before looping.
  if (nSids * 24n > BigInt(c.remaining)) {
    throw new DecodeError(`GTID set encoding claims ${nSids} uuids in ${c.remaining} bytes`)
  }
  const entries: MysqlGtidSetEntry[] = []
  for (let k = 0; k < Number(nSids); k++) {
    const at = c.pos
    const uuid = uuidFromBytes(c.bytes(16, 'GTID set uuid'))
    const tag = tagged ? readEncodedTag(c) : ''
    const nIntervals = c.u64()
    if (nIntervals * 16n > BigInt(c.remaining)) {
      throw new DecodeError(`GTID set uuid at ${at} claims ${nIntervals} intervals in ${c.remaining} bytes`)
    }
    const intervals: { first: bigint; last: bigint }[] = []
    let last = 0n
    for (let i = 0; i < Number(nIntervals); i++) {
      const start = c.i64()
      const end = c.i64()
      // As the server: intervals ascending, disjoint and not touching, gnos >= 1.
      if (start <= last || end <= start) {
        throw new DecodeError(`GTID set interval [${start}, ${end}) at ${c.pos - 16} after ${last}`)
      }
      last = end
      intervals.push({ first: start, last: end - 1n })
    }
    entries.push({ uuid, tag, intervals })
  }
  if (c.remaining !== 0) throw new DecodeError(`${c.remaining} bytes after the GTID set encoding`)
  return MysqlGtidSet.fromEntries(entries)
}

export const PREVIOUS_GTIDS_LOG_EVENT = 35

/** PREVIOUS_GTIDS_LOG_EVENT (35): the body (no post-header) is one encoded GTID set. */
export function decodePreviousGtidsEvent(body: Uint8Array): MysqlGtidSet {
  return decodeMysqlGtidSet(body)
}
