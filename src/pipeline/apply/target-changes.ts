// Changes to the target that the stream waits for (preparing a table, applying DDL): tried again
// with growing waits while they fail in passing (the target down or busy), shown in the health
// output while they wait; what the target refuses for a table sets that table aside.

import type { Stats } from '../../health/stats.ts'
import type { Logger } from '../../log/index.ts'
import { retry } from '../../retry/index.ts'
import { type SourceTable, tableName } from '../../model/index.ts'
import { type Sink, TargetRefusedError } from '../../sink/sink.ts'
import type { ApplyContext } from './context.ts'

/** Longest wait between two tries of a target change that failed in passing (ClickHouse down). */
const RETRY_CAP_MS = 30_000

export class TargetChanges {
  constructor(
    private readonly sink: Sink,
    private readonly stats: Stats,
    private readonly log: Logger,
    private readonly ctx: Pick<ApplyContext, 'stopSignal' | 'setAside'>,
  ) {}

  /** The sink's preparation of a table; a refusal sets the table aside. */
  async prepare(t: SourceTable): Promise<'ready' | 'rebuilt' | 'refused'> {
    try {
      return await this.retrying(`prepare ${tableName(t.database, t.table)}`, () => this.sink.prepareTable(t))
    } catch (err) {
      if (!(err instanceof TargetRefusedError)) throw err
      this.ctx.setAside(t, err.message)
      return 'refused'
    }
  }

  /**
   * Runs a target change, trying again with growing waits while it fails in passing (the target
   * down or busy); what the target refuses for a table is thrown at once.
   */
  async retrying<T>(what: string, fn: () => Promise<T>): Promise<T> {
    let failed = false
    const out = await retry(fn, {
      what,
      signal: this.ctx.stopSignal,
      capMs: RETRY_CAP_MS,
      transient: (err) => !(err instanceof TargetRefusedError),
      onRetry: (err, attempt, delay) => {
        failed = true
        this.stats.countError('sink')
        this.stats.sinkFailingSince ??= Date.now()
        this.stats.waitingFor = `${this.sink.name}: ${err.message} (${what}; retry ${attempt} in ${Math.round(delay / 1000)}s)`
        this.log.warn('target change failed, retrying', { what, error: err.message, attempt })
      },
    })
    if (failed) {
      this.stats.waitingFor = null
      this.stats.sinkFailingSince = null
    }
    return out
  }
}
