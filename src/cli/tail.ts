// `chsync tail`: the change stream as JSON lines on standard output, no ClickHouse needed. It is
// `run` with sink.kind = "ndjson" and output "-", the position kept in a file of its own
// (a temporary one unless --state names one, so each tail starts at the source's current end).

import { mkdtempSync, rmSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { type ChsyncConfig, deriveServerId } from '../config/index.ts'
import { Stats } from '../health/stats.ts'
import { flagValue } from './args.ts'
import type { CommandContext } from './command.ts'
import { runCommand } from './run.ts'

export const name = 'tail'
export const summary = 'print the change stream as JSON lines on stdout (no ClickHouse needed)'
export const options = [
  {
    flag: '--state',
    value: 'PATH',
    about: 'keep the position in this state file, so a later tail goes on where this one stopped (default: a temporary file)',
  },
  { flag: '--snapshot', about: 'first print the rows the tables hold now (kind snapshot_insert)' },
  { flag: '--include-before', about: 'add the row before the change to update lines ("before")' },
] as const
export const usage = `usage: chsync tail [-c config.toml] [--state PATH] [--snapshot] [--include-before]

Prints every change of the replicated tables ([replicate]) as one JSON object per line on
standard output, the log on standard error. The format is the one of sink.kind = "ndjson"
(docs/change-feed.md): kind (snapshot_insert, insert, update, delete, ddl), schema, table,
columnnames, columntypes, columnvalues, oldkeys, gtid, position, version, ts.

Starts at the source's current position and follows it until SIGINT/SIGTERM. Only [source],
[replicate] and [sink.ndjson] batch settings of the configuration are used.

options:
  -c, --config FILE   the configuration (else $CHSYNC_CONFIG, ./config.toml, /etc/chsync/config.toml)
  --state PATH        keep the position in this state file: a later tail with the same file
                      goes on where this one stopped (default: a temporary file, removed at exit)
  --snapshot          first print the rows the tables hold now (kind snapshot_insert), as
                      snapshot.mode = "initial" does; a --state that already copied them skips it
  --include-before    add the row before the change to update lines ("before")
`

export async function run(ctx: CommandContext): Promise<number> {
  const explicit = flagValue(ctx.args, '--state')
  const temp = explicit === undefined ? mkdtempSync(join(tmpdir(), 'chsync-tail-')) : null
  const statePath = explicit !== undefined ? resolve(explicit) : join(temp!, 'state.db')
  try {
    const config = tailConfig(ctx.config(), {
      statePath,
      snapshot: ctx.args.flags.has('--snapshot'),
      includeBefore: ctx.args.flags.has('--include-before'),
    })
    return await runCommand(config, ctx.log(), new Stats(), { env: ctx.env })
  } finally {
    if (temp) rmSync(temp, { recursive: true, force: true })
  }
}

export interface TailOptions {
  statePath: string
  snapshot: boolean
  includeBefore: boolean
}

/** The configuration `run` gets: JSON lines to stdout, batched as sink.ndjson says, no health endpoint. */
export function tailConfig(config: ChsyncConfig, o: TailOptions): ChsyncConfig {
  const ndjson = {
    ...config.sink.ndjson,
    output: { kind: 'stdout' as const },
    includeBefore: o.includeBefore || config.sink.ndjson.includeBefore,
  }
  // A derived server id is derived again from tail's own state file: a `chsync run` on this host
  // has another, so the source does not drop one of them when the other connects.
  const serverId = config.source.serverIdDerived ? deriveServerId(hostname(), o.statePath) : config.source.serverId
  return {
    ...config,
    source: { ...config.source, serverId },
    sink: { ...config.sink, kind: 'ndjson', ndjson },
    snapshot: { ...config.snapshot, mode: o.snapshot ? 'initial' : 'never', onPositionLost: 'fail' },
    apply: { ...config.apply, batchRows: ndjson.batchRows, flushIntervalMs: ndjson.flushIntervalMs },
    state: { path: o.statePath },
    health: { socket: null, tcp: null },
  }
}
