// XA transactions: applied when prepared, like any other, and their rows kept until the outcome. An
// XA ROLLBACK writes them back, last change first and as new versions (an insert deleted, a delete
// inserted, an update undone), so the committed position never waits for an outcome.

import type { RowsEvent, RowsOp } from '../../binlog/index.ts'
import type { ChangeKind, RowChange, SourceTable } from '../../model/index.ts'

/** Row changes held back with the table they were decoded for (the schema at event time). */
export interface HeldRows {
  table: SourceTable
  event: RowsEvent
  /** Child changes worked out for the event's foreign-key actions: an XA ROLLBACK undoes them too. */
  cascaded?: RowChange[]
  /** A parent that is not replicated: only its child changes are undone. */
  parentOnly?: boolean
}

/** What undoes a change of each kind. */
export const UNDO: Record<RowsOp, ChangeKind> = { insert: 'delete', update: 'update', delete: 'insert' }

/** The rows of the open XA transaction and of the prepared ones, by xid. */
export class XaTransactions {
  /** Rows of the open XA transaction (null outside one). */
  private open: HeldRows[] | null = null

  /** `prepared`: kept from the previous stream of the process (its prepared transactions end in this one). */
  constructor(readonly prepared: Map<string, HeldRows[]> = new Map()) {}

  /** XA START: the rows that follow are held. */
  start(): void {
    this.open = []
  }

  /** Rows written: held when an XA transaction is open. */
  hold(rows: readonly HeldRows[]): void {
    this.open?.push(...rows)
  }

  /** XA PREPARE (or XA COMMIT ONE PHASE, which needs nothing kept). */
  prepare(xid: string, onePhase: boolean): void {
    if (!onePhase) this.prepared.set(xid, this.open ?? [])
    this.open = null
  }

  /**
   * XA COMMIT or ROLLBACK: the held rows of the transaction, in the order they were applied;
   * undefined when it was prepared before this process read the binlog (its rows are unknown).
   */
  end(xid: string): HeldRows[] | undefined {
    const held = this.prepared.get(xid)
    this.prepared.delete(xid)
    return held
  }
}
