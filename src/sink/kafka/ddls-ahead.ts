// Statements whose DDL message went to Kafka before the position after them was committed. A DDL
// message goes with the next flush, and that flush's position can still be the statement's start
// (a flush a copy or the timer asked for before the statement's commit point was reached); after a
// crash, the replay from there applies the statement again. The position record lists such
// statements and the replay leaves them out, as it leaves out the row changes up to the record's
// last version.

import type { DdlChange } from '../../model/index.ts'
import type { Checkpoint } from '../../state/index.ts'

/** A statement: its GTID, or without GTIDs its binlog position ("file:offset", where it starts). */
export interface DdlMark {
  id: string
  position: string
}

export class DdlsAhead {
  /** From the last position record: statements in Kafka that its position is not past. */
  private replaying = new Map<string, string>()
  private pending: DdlMark[] = []
  private outgoing: DdlMark[] = []

  resume(marks: DdlMark[] | undefined): void {
    this.replaying = new Map((marks ?? []).map((m) => [m.id, m.position]))
  }

  /** True when the statement's message is in Kafka already: the replay of one sent ahead. */
  sent(ddl: DdlChange): boolean {
    const id = idOf(ddl)
    return id !== null && this.replaying.delete(id)
  }

  written(ddl: DdlChange): void {
    const id = idOf(ddl)
    if (id !== null && ddl.position !== null) this.pending.push({ id, position: ddl.position })
  }

  /** The written statements become the outgoing ones (the flush takes the written messages). */
  take(): void {
    this.outgoing = this.pending
    this.pending = []
  }

  delivered(): void {
    this.outgoing = []
  }

  /** For the position record: the statements in Kafka, or going with it, that `cp` is not past. */
  ahead(cp: Checkpoint): DdlMark[] {
    const replaying = [...this.replaying].map(([id, position]) => ({ id, position }))
    return [...replaying, ...this.outgoing].filter((m) => !isPast(cp, m.position))
  }
}

function idOf(ddl: DdlChange): string | null {
  return ddl.gtid ?? ddl.position
}

/** True when `cp` is after the start of the statement at `position` in the same binlog; false when unsure. */
function isPast(cp: Checkpoint, position: string): boolean {
  const colon = position.lastIndexOf(':')
  const file = position.slice(0, colon)
  const offset = Number(position.slice(colon + 1))
  if (file === cp.file) return cp.offset > offset
  const dot = file.lastIndexOf('.')
  // Another binlog of the same server: its files are numbered in order.
  if (dot < 0 || file.slice(0, dot) !== cp.file.slice(0, cp.file.lastIndexOf('.'))) return false
  return Number(cp.file.slice(dot + 1)) > Number(file.slice(dot + 1))
}
