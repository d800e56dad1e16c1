// HEARTBEAT_LOG_EVENT (v1 and v2): the source is alive and has nothing new; says where it is.

import type { Cursor } from '../cursor.ts'
import { DecodeError } from '../errors.ts'

export interface HeartbeatEvent {
  kind: 'heartbeat'
  file: string
  /** Position in `file` the source has sent up to (v1: from the event header). */
  position: number
}

/** v1 body: the current binlog file name; the header's log_pos is the position. */
export function decodeHeartbeat(c: Cursor, logPos: number): HeartbeatEvent {
  return { kind: 'heartbeat', file: c.rest().toString('utf8'), position: logPos }
}

// HEARTBEAT_V2 fields (mysql::binlog::event::codecs: type code, packed length, value).
const HB_END_MARK = 0
const HB_LOG_FILENAME = 1
const HB_LOG_POSITION = 2

/** v2 body: fields of (type packed, length packed, value) until the end mark. */
export function decodeHeartbeatV2(c: Cursor): HeartbeatEvent {
  let file = ''
  let position = 0
  while (c.remaining > 0) {
    const type = c.lenenc('heartbeat field type')
    if (type === HB_END_MARK) break
    const length = c.lenenc('heartbeat field length')
    const end = c.need(length, 'heartbeat field') + length
    if (type === HB_LOG_FILENAME) file = c.string(length)
    else if (type === HB_LOG_POSITION) position = c.lenenc('heartbeat position')
    c.pos = end
  }
  if (!file) throw new DecodeError('HEARTBEAT_V2 without a file name')
  return { kind: 'heartbeat', file, position }
}
