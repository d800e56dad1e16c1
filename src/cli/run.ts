// `chsync run`: the daemon. Replicates until SIGTERM/SIGINT; on the first signal it stops reading,
// flushes and commits, on a second SIGINT it exits at once (the committed position stays valid).

import type { ChsyncConfig } from '../config/index.ts'
import { Stats } from '../health/stats.ts'
import type { Logger } from '../log/index.ts'
import { Replicator } from '../pipeline/replicator.ts'
import { createSink } from '../sink/create-sink.ts'
import { StateStore } from '../state/index.ts'

export async function runCommand(config: ChsyncConfig, log: Logger, stats = new Stats()): Promise<number> {
  const state = StateStore.open(config.state.path)
  const sink = createSink(config, stats, log)
  const replicator = new Replicator({ config, state, sink, stats, log })
  let signals = 0
  const onSignal = (sig: NodeJS.Signals) => {
    signals++
    if (signals === 1) {
      log.info('stopping: flushing and committing the position', { signal: sig })
      void replicator.stop()
    } else if (sig === 'SIGINT') {
      log.warn('second interrupt: exiting now; the last committed position stays valid')
      process.exit(130)
    }
  }
  process.on('SIGTERM', onSignal)
  process.on('SIGINT', onSignal)
  try {
    await replicator.run()
    log.info('stopped')
    return 0
  } catch (err) {
    stats.stage = 'error'
    stats.error = (err as Error).message
    log.error('replication failed', { error: (err as Error).message })
    return 1
  } finally {
    process.off('SIGTERM', onSignal)
    process.off('SIGINT', onSignal)
    state.close()
  }
}
