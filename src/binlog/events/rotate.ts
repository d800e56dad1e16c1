// ROTATE_EVENT: the next events come from another binlog file (also sent first, as an artificial
// event, to say which file the stream starts in).

import type { Cursor } from '../cursor.ts'

export interface RotateEvent {
  kind: 'rotate'
  /** Position in the new file where the next event is. */
  position: number
  file: string
  /** Made up by the server at the start of a dump (or by a rotation of the relay log), not in the file. */
  artificial: boolean
}

/** Body: position u64, file name (rest). */
export function decodeRotate(c: Cursor, artificial: boolean): RotateEvent {
  const position = c.u64n('rotate position')
  return { kind: 'rotate', position, file: c.rest().toString('utf8'), artificial }
}
