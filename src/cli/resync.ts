// `chsync resync db.table ...`: copies tables again. A running chsync takes the request over its
// health socket and copies them while the rest keeps streaming; when none runs, the state file
// marks them and the next start copies them.

import { existsSync } from 'node:fs'
import { tableKey } from '../model/index.ts'
import { StateStore } from '../state/index.ts'
import type { CommandContext } from './command.ts'
import { UsageError } from './errors.ts'
import { tableArg } from './table-args.ts'
import { ExitCode } from './exit-codes.ts'

export const name = 'resync'
export const summary = 'copy tables again (db.table ...) without stopping the rest'
export const options = [] as const
export const usage = `usage: chsync resync [-c config.toml] db.table [db.table ...]

Copies the named tables from the source again: their rows in ClickHouse are replaced by a fresh
copy, and rows the copy does not find are removed once it is complete. Changes to the tables keep
streaming meanwhile. A running chsync is asked over its health socket (health.socket); when none
answers, the tables are marked in the state file and the next \`chsync run\` copies them.

exit codes: 0 accepted, 1 refused (e.g. a table that is not replicated), 2 usage, 78 invalid configuration.
`

export async function run(ctx: CommandContext): Promise<number> {
  const tables = ctx.args.rest
  if (tables.length === 0) throw new UsageError('name at least one table as db.table')
  const config = ctx.config()
  const pairs = tables.map((t) => tableArg(t, () => replicatedTables(config.state.path)))
  const socket = config.health.socket
  if (socket !== null) {
    const query = tables.map((t) => `table=${encodeURIComponent(t)}`).join('&')
    let res: Response | null = null
    try {
      res = await fetch(`http://localhost/resync?${query}`, { method: 'POST', unix: socket })
    } catch {
      // Nothing listens: chsync is not running.
    }
    if (res) {
      const body = (await res.json()) as { accepted?: string[]; error?: string }
      if (res.status === 202) {
        ctx.out(`copying again: ${body.accepted!.join(', ')}\n`)
        return ExitCode.OK
      }
      ctx.err(`chsync resync: ${body.error ?? `HTTP ${res.status}`}\n`)
      return ExitCode.FAILURE
    }
  }
  const state = StateStore.open(config.state.path)
  try {
    const cp = state.checkpoint
    const known = new Map(state.tables().map((t) => [tableKey(t.database, t.table), t]))
    const unknown = tables.filter((_, i) => !known.has(tableKey(...pairs[i])))
    if (!cp || unknown.length) {
      ctx.err(
        `chsync resync: ${cp ? `not a replicated table: ${unknown.join(', ')}` : 'chsync has not started yet: the first run copies every table'}\n`,
      )
      return ExitCode.FAILURE
    }
    // At the committed version: rows older than it go after the copy; the ones at it are what the last
    // committed transaction wrote, the source's rows, and the replay from the checkpoint has higher ones.
    state.transaction(() => {
      for (const p of pairs)
        state.saveTable({ ...known.get(tableKey(...p))!, stage: 'resync', snapshotVersion: cp.version, cursor: null, rowsCopied: 0 })
    })
    ctx.out(`chsync is not running; the next start copies again: ${tables.join(', ')}\n`)
    return ExitCode.OK
  } finally {
    state.close()
  }
}

/** The tables the state file tracks (none when there is no state file yet), for suggestions. */
function replicatedTables(path: string): { database: string; table: string }[] {
  if (path === ':memory:' || !existsSync(path)) return []
  const state = StateStore.open(path)
  try {
    return state.tables()
  } finally {
    state.close()
  }
}
