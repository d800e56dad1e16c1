// `chsync run`: the daemon. Replicates until SIGTERM/SIGINT; on the first signal it stops reading,
// flushes and commits within a bounded time (--stop-timeout), on a second SIGINT it exits at once
// (the committed position stays valid). Serves the health endpoint and tells systemd how it is.

import { type ChsyncConfig, parseDuration, redactor } from '../config/index.ts'
import { HealthServer } from '../health/index.ts'
import { Stats } from '../health/stats.ts'
import type { Logger } from '../log/index.ts'
import { Replicator } from '../pipeline/replicator.ts'
import { isPermanent } from '../retry/index.ts'
import { showProgress } from './progress.ts'
import { createSink } from '../sink/create-sink.ts'
import { StateStore } from '../state/index.ts'
import { ServiceNotifier, systemdNotifier, watchdogIntervalMs } from '../systemd/index.ts'
import { flagValue } from './args.ts'
import type { CommandContext } from './command.ts'
import { UsageError } from './errors.ts'
import { ExitCode } from './exit-codes.ts'
import { COMMIT, VERSION } from './version.ts'

export const DEFAULT_STOP_TIMEOUT_MS = 30_000

/** Taken before any plugin is loaded: a plugin's own process.exit() is turned into its failure. */
const exitProcess: (code?: number) => never = process.exit.bind(process)

export const name = 'run'
export const summary = 'replicate until stopped (SIGTERM/SIGINT flush and commit first)'
export const options = [
  { flag: '--stop-timeout', value: 'DURATION', about: 'how long the final flush may take after a signal (default 30s); past it, exit 5' },
] as const
export const usage = `usage: chsync run [-c config.toml] [--stop-timeout 30s]

Replicates the source into the sink until stopped: copies tables not copied yet, then streams
the binlog. Serves the health endpoint on health.socket (and health.tcp), and under systemd
(Type=notify) reports READY=1 once copying or streaming, STATUS= and WATCHDOG=1 pings.

On SIGTERM or SIGINT it stops reading, flushes what it has, commits the position and exits 0.
If that takes longer than --stop-timeout (default 30s) it exits 5; a second SIGINT exits 130
at once. In both cases the last committed position stays valid: what was not committed is read
again on the next start and written with the same versions, so nothing is lost or doubled.

options:
  -c, --config FILE         the configuration (else $CHSYNC_CONFIG, ./config.toml, /etc/chsync/config.toml)
  --stop-timeout DURATION   how long the final flush may take after a signal, e.g. 30s, 2m
`

export async function run(ctx: CommandContext): Promise<number> {
  const text = flagValue(ctx.args, '--stop-timeout')
  const stopTimeoutMs = text === undefined ? DEFAULT_STOP_TIMEOUT_MS : parseDuration(text)
  if (stopTimeoutMs === null || stopTimeoutMs <= 0)
    throw new UsageError(`--stop-timeout must be a duration like 30s or 2m, got ${JSON.stringify(text)}`)
  return runCommand(ctx.config(), ctx.log(), new Stats(), { stopTimeoutMs, env: ctx.env })
}

export interface RunOptions {
  /** How long the final flush may take after the first signal. */
  stopTimeoutMs?: number
  /** For NOTIFY_SOCKET / WATCHDOG_USEC; process.env when absent. */
  env?: Record<string, string | undefined>
}

export async function runCommand(config: ChsyncConfig, log: Logger, stats = new Stats(), opts: RunOptions = {}): Promise<number> {
  const stopTimeoutMs = opts.stopTimeoutMs ?? DEFAULT_STOP_TIMEOUT_MS
  const hide = redactor(config)
  let health: HealthServer | null = null
  let replicator: Replicator | null = null
  const control = {
    resync: (tables: string[]) => {
      if (!replicator) throw new Error('chsync is starting; try again in a moment')
      return replicator.resync(tables)
    },
  }
  if (config.health.socket !== null || config.health.tcp !== null) {
    try {
      health = await HealthServer.start({
        stats,
        socket: config.health.socket,
        tcp: config.health.tcp,
        version: VERSION,
        commit: COMMIT,
        redact: hide,
        control,
      })
    } catch (err) {
      log.error('cannot start the health endpoint', { error: (err as Error).message })
      return ExitCode.FAILURE
    }
    log.info('health endpoint listening', {
      ...(health.socketPath ? { socket: health.socketPath } : {}),
      ...(health.tcpUrl ? { tcp: health.tcpUrl } : {}),
    })
  }
  const notifier = systemdNotifier(opts.env ?? process.env)
  const service = notifier
    ? new ServiceNotifier(notifier, stats, { watchdogMs: watchdogIntervalMs(opts.env ?? process.env), redact: hide })
    : null
  service?.start()
  // A progress bar for the copy, only on a terminal and with human log lines.
  const progress = process.stderr.isTTY && config.log.format !== 'json' ? showProgress(stats, (t) => void process.stderr.write(t)) : null

  let state: StateStore | null = null
  let timedOut = false
  let stopTimer: ReturnType<typeof setTimeout> | null = null
  let signals = 0
  let onSignal: ((sig: NodeJS.Signals) => void) | null = null
  try {
    state = StateStore.open(config.state.path)
    const sink = createSink(config, stats, log)
    const replicating = new Replicator({ config, state, sink, stats, log })
    replicator = replicating
    let giveUp!: () => void
    const deadline = new Promise<'timeout'>((resolve) => (giveUp = () => resolve('timeout')))
    onSignal = (sig: NodeJS.Signals) => {
      signals++
      if (signals === 1) {
        log.info('stopping: flushing and committing the position', { signal: sig, timeout_ms: stopTimeoutMs })
        service?.stopping()
        stopTimer = setTimeout(giveUp, stopTimeoutMs)
        void replicating.stop()
      } else if (sig === 'SIGINT') {
        log.warn('second interrupt: exiting now; the last committed position stays valid')
        exitProcess(ExitCode.INTERRUPTED)
      } else log.info('already stopping', { signal: sig })
    }
    process.on('SIGTERM', onSignal)
    process.on('SIGINT', onSignal)
    const running = replicating.run()
    const outcome = await Promise.race([running.then(() => 'done' as const), deadline])
    if (outcome === 'timeout') {
      timedOut = true
      // The run goes on in the background until the process exits; its failure is no news now.
      running.catch(() => {})
      stats.stage = 'error'
      stats.error = `did not stop within ${stopTimeoutMs} ms`
      log.error('the final flush did not finish in time; exiting without it; the last committed position stays valid', {
        timeout_ms: stopTimeoutMs,
        waiting_for: stats.waitingFor,
      })
      return ExitCode.STOP_TIMEOUT
    }
    log.info('stopped')
    return ExitCode.OK
  } catch (err) {
    stats.stage = 'error'
    stats.error = (err as Error).message
    log.error('replication failed', { error: (err as Error).message })
    // Refused credentials or a target that is not ClickHouse: a restart cannot help until the
    // configuration changes (systemd: RestartPreventExitStatus=78).
    return isPermanent(err) ? ExitCode.CONFIG : ExitCode.FAILURE
  } finally {
    if (stopTimer) clearTimeout(stopTimer)
    if (onSignal) {
      process.off('SIGTERM', onSignal)
      process.off('SIGINT', onSignal)
    }
    progress?.stop()
    service?.look()
    service?.stop()
    await health?.stop()
    // After a timeout the flush may still be using the state file; the exit closes it (SQLite
    // rolls back an unfinished transaction), so it is not closed under the flush's feet here.
    if (!timedOut) state?.close()
  }
}
