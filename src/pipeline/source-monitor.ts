// Looks at the source every few seconds: its executed GTID set and end of binlog, to report how
// many transactions chsync has not committed yet and whether the committed position has caught
// up (not the read position: a stuck sink must not look caught up).

import type { BinlogClient, BinlogStream, GtidSet } from '../binlog/index.ts'
import { MariadbGtidList, MysqlGtidSet, parseGtidSet } from '../binlog/index.ts'
import type { Stats } from '../health/stats.ts'
import type { Checkpoint } from '../state/index.ts'

const INTERVAL_MS = 2000

export class SourceMonitor {
  private timer: ReturnType<typeof setInterval> | null = null
  private busy = false
  /** Bytes counted from streams before the current one, and which stream was counted last. */
  private bytesBefore = 0
  private counted: BinlogStream | null = null

  constructor(
    private readonly client: BinlogClient,
    private readonly stats: Stats,
    /** The stream now reading (null between connections). */
    private readonly stream: () => BinlogStream | null,
    private readonly committed: () => Checkpoint,
    /** True when everything applied is committed (nothing waits in the sink or for a flush). */
    private readonly settled: () => boolean,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.look(), INTERVAL_MS)
    void this.look()
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
  }

  async look(): Promise<void> {
    if (this.busy) return
    this.busy = true
    try {
      const server = await this.client.currentPosition()
      const cp = this.committed()
      this.stats.serverGtid = server.gtidSet ? server.gtidSet.toString() : null
      this.stats.consumerGtid = cp.gtid
      this.stats.gtidDiff = server.gtidSet && cp.gtid ? behind(server.gtidSet, parseGtidSet(this.client.info.flavor, cp.gtid)) : null
      const stream = this.stream()
      if (stream !== this.counted) {
        this.bytesBefore = this.stats.binlogBytes
        this.counted = stream
      }
      if (stream) this.stats.binlogBytes = this.bytesBefore + stream.stats.bytes
      // The stream has read to the end and all of it is committed; a position that is only read
      // (the sink refusing, a flush failing) is not caught up.
      const read = stream?.position ?? null
      const atEnd =
        (read !== null && read.file === server.file && read.offset >= server.offset) ||
        (cp.file === server.file && cp.offset >= server.offset)
      this.stats.caughtUp = atEnd && this.settled()
      if (this.stats.caughtUp && (this.stats.stage === 'catchup' || this.stats.stage === 'starting')) this.stats.stage = 'streaming'
    } catch {
      this.stats.countError('monitor')
    } finally {
      this.busy = false
    }
  }
}

/** Transactions in `server` that `applied` lacks. */
export function behind(server: GtidSet, applied: GtidSet): number {
  if (server instanceof MysqlGtidSet && applied instanceof MysqlGtidSet) return Number(server.subtract(applied).count())
  if (server instanceof MariadbGtidList && applied instanceof MariadbGtidList) return Number(applied.behind(server))
  return 0
}
