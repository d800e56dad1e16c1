// MariaDB GTID_LIST_EVENT (163) bodies (sql/log_event.cc Gtid_list_log_event): the binlog state
// when the file was started, one GTID per domain and server.
//
//   4 bytes    count in bits 0..27; flags in bits 28..31
//              (FLAG_UNTIL_REACHED = 1 << 28 on the fake event ending START SLAVE UNTIL,
//               FLAG_IGN_GTIDS = 1 << 29 when the GTIDs were already applied)
//   count times: 4 bytes domain_id, 4 bytes server_id, 8 bytes seq_no
//
// The server writes the entries in its hash order; the list returned is sorted by domain, as
// @@gtid_binlog_state prints it. Bytes after the last entry are ignored, as the server does.

import { Cursor } from '../cursor.ts'
import { DecodeError } from '../errors.ts'
import { type MariadbGtid, MariadbGtidList } from './mariadb-gtid-list.ts'

export const MARIADB_GTID_LIST_EVENT = 163
export const GTID_LIST_FLAG_UNTIL_REACHED = 1 << 28
export const GTID_LIST_FLAG_IGN_GTIDS = 1 << 29

export function decodeMariadbGtidListEvent(body: Uint8Array): MariadbGtidList {
  const c = Cursor.of(body)
  const count = readCountWord(c) & 0x0fff_ffff
  if (count * 16 > c.remaining) {
    throw new DecodeError(`GTID list of ${count} entries in ${c.remaining} bytes`)
  }
  const gtids: MariadbGtid[] = []
  for (let k = 0; k < count; k++) {
    gtids.push({ domainId: c.u32(), serverId: c.u32(), seqNo: c.u64() })
  }
  return MariadbGtidList.of(gtids)
}

/** The flag bits of a GTID_LIST_EVENT body, in place (compare with GTID_LIST_FLAG_*). */
export function mariadbGtidListFlags(body: Uint8Array): number {
  return (readCountWord(Cursor.of(body)) & 0xf000_0000) >>> 0
}

function readCountWord(c: Cursor): number {
  c.need(4, 'GTID list count')
  return c.u32()
}
