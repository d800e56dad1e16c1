// XID_EVENT: commit of a transaction on a transactional engine.

import type { Cursor } from '../cursor.ts'

export interface XidEvent {
  kind: 'xid'
  xid: bigint
}

/** Body: xid u64. */
export function decodeXid(c: Cursor): XidEvent {
  return { kind: 'xid', xid: c.u64() }
}
