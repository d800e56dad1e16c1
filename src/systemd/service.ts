// Tells systemd how chsync is doing, read from the shared Stats: READY=1 once it copies or streams,
// STATUS= with the stage, WATCHDOG=1 at half the watchdog interval while the event loop runs, and
// STOPPING=1 when a signal starts the shutdown.

import type { Stage, Stats } from '../health/index.ts'
import { WORKING_STAGES } from '../health/index.ts'
import type { Notifier } from './notify.ts'

export interface ServiceNotifierOptions {
  /** From watchdogIntervalMs(); null: no watchdog pings. */
  watchdogMs: number | null
  /** How often the stage is looked at. */
  pollMs?: number
  /** Removes secrets from the STATUS text (it can carry an error message). */
  redact?: (text: string) => string
}

export class ServiceNotifier {
  private ready = false
  private lastStatus = ''
  private timers: ReturnType<typeof setInterval>[] = []

  constructor(
    private readonly notifier: Notifier,
    private readonly stats: Stats,
    private readonly opts: ServiceNotifierOptions,
  ) {}

  start(): void {
    this.look()
    this.timers.push(setInterval(() => this.look(), this.opts.pollMs ?? 250))
    const every = this.opts.watchdogMs
    if (every !== null) {
      this.notifier.notify({ WATCHDOG: '1' })
      this.timers.push(setInterval(() => this.notifier.notify({ WATCHDOG: '1' }), every))
    }
  }

  /** Sends what changed since the last look. */
  look(): void {
    const stage = this.stats.stage
    const status = (this.opts.redact ?? ((t: string) => t))(statusText(stage, this.stats))
    const message: Record<string, string> = {}
    if (!this.ready && WORKING_STAGES.includes(stage)) {
      this.ready = true
      message.READY = '1'
    }
    if (status !== this.lastStatus) message.STATUS = status
    if (Object.keys(message).length === 0) return
    if (this.notifier.notify(message)) this.lastStatus = status
  }

  stopping(): void {
    this.notifier.notify({ STOPPING: '1', STATUS: 'stopping: flushing and committing the position' })
    this.lastStatus = 'stopping'
  }

  stop(): void {
    for (const t of this.timers) clearInterval(t)
    this.timers = []
  }
}

function statusText(stage: Stage, stats: Stats): string {
  if (stage === 'error') return `error: ${stats.error ?? 'unknown'}`
  if (stage === 'snapshot') return `snapshot: ${stats.initRowsParsed} of ~${stats.initRowsTotal} rows copied`
  if (stats.waitingFor) return `${stage}, waiting for ${stats.waitingFor}`
  return stage
}
