// The checkpoint after a transaction, and the "file:offset" text positions travel as in changes.

import type { BinlogPosition } from '../../binlog/index.ts'
import type { Checkpoint } from '../../state/index.ts'

/** "file:offset" as file and offset (a file name may hold a colon; the offset never does). */
export function splitPosition(text: string): [string, number] {
  const at = text.lastIndexOf(':')
  return [text.slice(0, at), Number(text.slice(at + 1))]
}

/**
 * The checkpoint after a transaction. Its GTID text is made when first read — at a commit of the
 * position, not for every transaction (printing a GTID set of several sources costs more than
 * applying a small transaction). An own getter, so `{ ...cp }` and JSON copy the text.
 */
export function checkpointAt(p: BinlogPosition, version: bigint, timestampMs: number): Checkpoint {
  const set = p.gtidSet
  let text: string | null | undefined
  return {
    file: p.file,
    offset: p.offset,
    version,
    timestampMs,
    get gtid() {
      return (text ??= set ? set.toString() : null)
    },
  }
}
