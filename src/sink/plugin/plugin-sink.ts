// The plugin sink: a user's module receives the changes and the life-cycle events, in order.
// Everything goes through one queue (changes, life-cycle marks, transaction ends); a flush
// delivers what was queued before it and resolves once the plugin took it (and, for a plugin
// that acknowledges by hand, once it said so), so the position is committed only after that.
// A hook that throws stops delivery for good: the flush fails with a PluginError naming the
// plugin and the change, and nothing after the last commit is committed.
//
// Until the pipeline signals the life cycle and transaction ends (its SinkLifeCycle capability),
// the sink infers them: the copy starts with its first row (or table done), ends when the state
// has no table left to copy, the stream starts with the first binlog change, and onCommit follows
// each commit of the position.

import type { Stats } from '../../health/stats.ts'
import type { Logger } from '../../log/index.ts'
import type { DdlChange, RowChange, SourceTable } from '../../model/index.ts'
import type { TableState } from '../../state/index.ts'
import { BaseSink, type DdlResult, type SinkLifeCycle, type TransactionEnd } from '../sink.ts'
import type { ChangeEvent, ChsyncPlugin, CommitPosition, PluginContext } from './api.ts'
import { PluginError } from './errors.ts'
import { EventBuilder } from './events.ts'
import { type LoadedPlugin, loadPlugin } from './load-plugin.ts'
import { ProcessGuard } from './process-guard.ts'

type LifeCycleHook = 'onSnapshotStart' | 'onSnapshotEnd' | 'onStreamStart'

type Item = { t: 'change'; event: ChangeEvent } | { t: 'hook'; hook: LifeCycleHook } | { t: 'commit'; position: CommitPosition }

/** What the sink reads of the state store: whether copies are still pending. */
export interface PluginState {
  tables(): TableState[]
  readonly checkpoint: { version: bigint } | null
  close?(): void
}

export interface PluginSinkOptions {
  /** The module (sink.plugin.path); or `plugin` for a plugin given as an object. */
  path?: string
  plugin?: LoadedPlugin
  options: Readonly<Record<string, unknown>>
  state?: () => PluginState
  log: Logger
  stats?: Stats
  /** Told of a plugin's failure, after the plugin was closed; then the flush rejects. */
  onFatal?: (err: PluginError) => void | Promise<void>
}

export class PluginSink extends BaseSink implements SinkLifeCycle {
  name = 'plugin'
  /** The pipeline tells the plugin of the life cycle and of each transaction's end. */
  override readonly lifeCycle: SinkLifeCycle = this
  private loaded: LoadedPlugin | null = null
  private log: Logger
  private state: PluginState | null = null
  private readonly events = new EventBuilder()
  private queue: Item[] = []
  /** Changes handed to the plugin so far (all time), and the count when it last acknowledged. */
  private delivered = 0
  private acknowledged = 0
  private ackWaiters: (() => void)[] = []
  private chain: Promise<void> = Promise.resolve()
  private failure: PluginError | null = null
  private closed = false
  private pendingChars = 0
  /** The pipeline calls the life-cycle methods itself (else they are inferred). */
  private lifeCycleSignalled = false
  private transactionsSignalled = false
  private copying = false
  private streaming = false
  private lastVersion: bigint | null = null
  private readonly guard = new ProcessGuard((err) => this.escaped(err))
  constructor(private readonly opts: PluginSinkOptions) {
    super()
    this.log = opts.log.child({ sink: 'plugin' })
  }

  get pendingRows(): number {
    return this.queue.length
  }

  get pendingBytes(): number {
    return this.pendingChars
  }

  async start(): Promise<void> {
    // Before the module's own top-level code runs.
    this.guard.install()
    this.loaded = this.opts.plugin ?? (await loadPlugin(this.opts.path!))
    this.name = `plugin "${this.loaded.name}"`
    this.log = this.opts.log.child({ plugin: this.loaded.name })
    this.state = this.opts.state?.() ?? null
    const ctx: PluginContext = {
      name: this.loaded.name,
      log: this.log,
      options: this.opts.options,
      savePosition: () => this.savePosition(),
    }
    await this.call('init', null, () => this.plugin.init?.(ctx))
  }

  write(change: RowChange): void {
    if (change.kind === 'snapshot') {
      if (!this.lifeCycleSignalled && !this.copying) this.mark('onSnapshotStart')
    } else {
      if (!this.lifeCycleSignalled && !this.streaming) this.mark('onStreamStart')
      this.lastVersion = change.version
    }
    this.push({ t: 'change', event: this.events.row(change) }, 64 * change.table.columns.length)
  }

  async applyDdl(ddl: DdlChange): Promise<DdlResult> {
    if (!this.lifeCycleSignalled && !this.streaming) this.mark('onStreamStart')
    const version = this.lastVersion ?? this.state?.checkpoint?.version ?? 0n
    this.push({ t: 'change', event: this.events.ddl(ddl, version) }, ddl.statement.length)
    // The pipeline flushed before the statement and no write may follow soon: deliver it now.
    await this.deliverQueued()
    return { rebuilt: [], refused: [] }
  }

  transactionEnded(end: TransactionEnd): void {
    this.transactionsSignalled = true
    this.push({ t: 'commit', position: { position: end.position, gtidSet: end.gtidSet } }, 0)
  }

  async snapshotStarted(): Promise<void> {
    this.lifeCycleSignalled = true
    this.mark('onSnapshotStart')
    await this.deliverQueued()
  }

  async snapshotFinished(): Promise<void> {
    this.lifeCycleSignalled = true
    this.mark('onSnapshotEnd')
    await this.deliverQueued()
  }

  async streamStarted(): Promise<void> {
    this.lifeCycleSignalled = true
    this.mark('onStreamStart')
    await this.deliverQueued()
  }

  override async snapshotDone(_table: SourceTable, _version: bigint): Promise<void> {
    if (this.lifeCycleSignalled) return
    if (!this.copying) this.mark('onSnapshotStart')
    const left = this.state?.tables().some((t) => t.stage !== 'streaming') ?? false
    if (!left) {
      this.mark('onSnapshotEnd')
      await this.deliverQueued()
    }
  }

  async flush(): Promise<void> {
    await this.deliverQueued()
    if (this.plugin.acknowledge === 'manual') await this.acknowledgedUpTo(this.delivered)
  }

  override async committed(position: string, gtid: string | null): Promise<void> {
    if (this.transactionsSignalled) return
    // Inferred transaction end: the commit itself.
    this.push({ t: 'commit', position: { position, gtidSet: gtid } }, 0)
    await this.deliverQueued()
  }

  async close(): Promise<void> {
    if (this.closed || !this.loaded) {
      this.guard.uninstall()
      return
    }
    this.closed = true
    try {
      if (!this.failure) await this.deliverQueued()
    } finally {
      try {
        await this.plugin.close?.()
      } catch (err) {
        this.log.error('the plugin failed to close', { error: (err as Error).message })
      }
      for (const w of this.ackWaiters) w()
      this.state?.close?.()
      this.state = null
      this.guard.uninstall()
    }
  }

  /** The plugin's code failed where no hook awaited it (or called process.exit there): stop as if a hook threw. */
  private escaped(cause: unknown): void {
    if (this.failure || this.closed) return
    const err = new PluginError(this.loaded?.name ?? 'plugin', 'code outside its hooks (a timer or a promise no hook awaited)', null, cause)
    this.failure = err
    this.log.error('the plugin failed; stopping without committing past this point', { error: err.message })
    void (async () => {
      await this.close().catch(() => {})
      await this.opts.onFatal?.(err)
      this.onFailure?.(err)
    })()
  }

  private get plugin(): ChsyncPlugin {
    if (!this.loaded) throw new Error('the plugin sink was not started')
    return this.loaded.plugin
  }

  private mark(hook: LifeCycleHook): void {
    if (hook === 'onSnapshotStart') this.copying = true
    if (hook === 'onSnapshotEnd') this.copying = false
    if (hook === 'onStreamStart') this.streaming = true
    this.push({ t: 'hook', hook }, 0)
  }

  private push(item: Item, chars: number): void {
    this.queue.push(item)
    this.pendingChars += chars
  }

  /** Delivers what is queued now; deliveries run one after another. */
  private deliverQueued(): Promise<void> {
    const items = this.queue
    this.queue = []
    this.pendingChars = 0
    const run = this.chain.then(() => this.deliver(items))
    this.chain = run.catch(() => {})
    return run
  }

  private async deliver(items: Item[]): Promise<void> {
    if (this.failure) throw this.failure
    const p = this.plugin
    let i = 0
    try {
      while (i < items.length) {
        const item = items[i]
        if (item.t === 'change') {
          if (p.onRows) {
            let j = i
            while (j < items.length && items[j].t === 'change') j++
            const batch = items.slice(i, j).map((x) => (x as { event: ChangeEvent }).event)
            // Handed over counts from the call on: savePosition() inside the hook covers it.
            this.delivered += batch.length
            await this.call('onRows', batch[0], () => p.onRows!(batch))
            i = j
          } else {
            this.delivered++
            await this.call('onChange', item.event, () => p.onChange!(item.event))
            i++
          }
        } else if (item.t === 'hook') {
          await this.call(item.hook, null, () => p[item.hook]?.())
          i++
        } else {
          await this.call('onCommit', null, () => p.onCommit?.(item.position))
          i++
        }
      }
    } catch (err) {
      // Delivery stopped for good; what was not delivered stays queued, for the record.
      this.queue = [...items.slice(i), ...this.queue]
      throw err
    }
  }

  private async call(hook: string, change: ChangeEvent | null, fn: () => unknown): Promise<void> {
    try {
      await fn()
    } catch (cause) {
      const err = new PluginError(this.loaded?.name ?? 'plugin', hook, change, cause)
      this.failure = err
      this.log.error('the plugin failed; stopping without committing past this change', {
        hook,
        error: cause instanceof Error ? cause.message : String(cause),
        change: change ? changeFields(change) : null,
      })
      await this.close()
      await this.opts.onFatal?.(err)
      throw err
    }
  }

  private savePosition(): void {
    this.acknowledged = this.delivered
    const waiters = this.ackWaiters
    this.ackWaiters = []
    for (const w of waiters) w()
  }

  private async acknowledgedUpTo(n: number): Promise<void> {
    let warned = false
    const started = Date.now()
    while (this.acknowledged < n && !this.closed && !this.failure) {
      await new Promise<void>((resolve) => {
        this.ackWaiters.push(resolve)
        setTimeout(resolve, 10_000)
      })
      if (!warned && this.acknowledged < n && Date.now() - started >= 10_000) {
        warned = true
        this.log.warn('waiting for the plugin to call savePosition() before committing', { delivered: n, acknowledged: this.acknowledged })
      }
    }
    if (this.failure) throw this.failure
  }
}

function changeFields(c: ChangeEvent): Record<string, unknown> {
  if (c.kind === 'ddl')
    return { kind: c.kind, schema: c.schema, statement: c.statement, version: c.version.toString(), gtid: c.gtid, position: c.position }
  const row = c.after ?? c.before ?? {}
  const key = Object.fromEntries((c.key.length ? c.key : c.columns).map((k) => [k, row[k]]))
  return { kind: c.kind, table: `${c.schema}.${c.table}`, key, version: c.version.toString(), gtid: c.gtid, position: c.position }
}
