// `chsync verify`: compares every replicated table (or the ones named) with its ClickHouse copy,
// row by row through checksums, and names the tables, keys and key ranges that differ, and the
// tables it could not compare with why.

import { createClient } from '@clickhouse/client'
import { existsSync, readFileSync } from 'node:fs'
import { BinlogClient } from '../binlog/index.ts'
import { binlogTablesReader } from '../check/index.ts'
import { tableName } from '../model/index.ts'
import { clientLog } from '../sink/clickhouse/index.ts'
import { sourceOptions } from '../source/index.ts'
import { StateStore } from '../state/index.ts'
import { clickHouseNaming } from '../sink/create-sink.ts'
import { columnShaping } from '../sink/shaping/index.ts'
import { type TableVerdict, isEqual, outcomeOf, planSource, targetOwner, verifyJson, verifyReport, verifyTable } from '../verify/index.ts'
import { flagValue } from './args.ts'
import type { CommandContext } from './command.ts'
import { ExitCode } from './exit-codes.ts'
import { UsageError } from './errors.ts'
import { tableArg } from './table-args.ts'

export const name = 'verify'
export const summary = 'compare the source tables with their ClickHouse copies'
export const options = [
  { flag: '--chunk-rows', value: 'N', about: 'rows per source SELECT (default 10000)' },
  { flag: '--retries', value: 'N', about: 'times a table that differs is checked again after a pause, while chsync streams (default 2)' },
  { flag: '--json', about: 'print one JSON array: each table with its status' },
] as const
export const usage = `usage: chsync verify [-c config.toml] [db.table ...] [--chunk-rows N] [--retries N] [--json]

Reads every replicated table (or the ones named) from the source in primary-key chunks and its
copy in ClickHouse (SELECT ... FINAL), turns both into the same bytes and compares row counts and
checksums. For a table that differs it names the missing, extra and different keys (as the
source's values; a keyless table's whole row; the first 20 of each, then how many more) and the
key range of each source chunk that holds one. While chsync is streaming, recent changes may not have
arrived yet: a table that differs is checked again after a pause, --retries times (default 2).

Only ClickHouse tables chsync made are compared (their comment carries the mark of the chsync
whose state file this configuration names): a table of the same name that a user or another
chsync made is listed as not compared. So is a replicated table the account cannot read, with the
GRANT that would let it: one it sees but cannot read, a database where it cannot read every table
(the server hides the others, so they may be there unseen; \`chsync check\` explains what can be
known), each table of it the recent binlog names, and a table that cannot be described. A table
not compared is never counted as equal.

exit codes: 0 every replicated table compared and equal, 6 at least one differs, 7 none differs
but some could not be compared, 1 an error, 78 invalid configuration.
`

export async function run(ctx: CommandContext): Promise<number> {
  const config = ctx.config()
  const chunkRows = Number(flagValue(ctx.args, '--chunk-rows') ?? 10_000)
  const retries = Number(flagValue(ctx.args, '--retries') ?? 2)
  if (!Number.isInteger(chunkRows) || chunkRows < 1) throw new UsageError('--chunk-rows must be a positive integer')
  if (!Number.isInteger(retries) || retries < 0) throw new UsageError('--retries must be an integer >= 0')
  const named = ctx.args.rest.map((text): [string, string, string] => [...tableArg(text), text])
  const source = sourceOptions(config)
  const client = await BinlogClient.connect(source)
  const t = config.target
  const ch = createClient({
    url: `${t.url.scheme}://${t.url.host.includes(':') ? `[${t.url.host}]` : t.url.host}:${t.url.port}`,
    username: t.url.user,
    password: t.url.password,
    tls: t.tlsCaFile ? { ca_cert: readFileSync(t.tlsCaFile) } : undefined,
    log: clientLog(ctx.log()),
  })
  try {
    const reader = binlogTablesReader()
    const plan = await planSource(client, config, named, () => reader(source, [config.source.serverId]))
    if (plan.unknown.length) throw new UsageError(`not a replicated table of the source: ${plan.unknown.join(', ')}`)
    const verify = {
      source,
      charsets: client.charsets,
      client: ch,
      chunkRows,
      shaping: columnShaping(config),
      keepsDeleted: config.apply.ignoreDeletes,
      naming: clickHouseNaming(config),
    }
    const owner = stateOwner(config.state.path)
    const verdicts: TableVerdict[] = []
    const notCompared = [...plan.notCompared]
    for (const table of plan.tables) {
      const name = tableName(table.database, table.table)
      try {
        const target = await targetOwner(ch, verify.naming.database(table.database), table.table, owner)
        if (target.kind === 'foreign') {
          notCompared.push({
            name,
            reason: `the ClickHouse table ${tableName(verify.naming.database(table.database), table.table)}: ${target.why}`,
            fix: null,
          })
          continue
        }
        let v = await verifyTable(verify, table)
        for (let i = 0; i < retries && !isEqual(v); i++) {
          await Bun.sleep(2000)
          v = await verifyTable(verify, table)
        }
        verdicts.push(v)
      } catch (err) {
        notCompared.push({ name, reason: `comparing it failed: ${(err as Error).message}`, fix: null })
      }
    }
    ctx.out(ctx.args.flags.has('--json') ? verifyJson(verdicts, notCompared) : verifyReport(verdicts, notCompared))
    return EXIT[outcomeOf(verdicts, notCompared)]
  } finally {
    client.close()
    await ch.close()
  }
}

const EXIT = { equal: ExitCode.OK, different: ExitCode.DIFFERENT, not_compared: ExitCode.NOT_COMPARED } as const

/**
 * The id of this configuration's state file, which marks the ClickHouse tables its chsync made;
 * null when there is no state file yet (then any chsync's mark is accepted).
 */
function stateOwner(path: string): string | null {
  if (path === ':memory:' || !existsSync(path)) return null
  const state = StateStore.open(path)
  try {
    return state.instanceId
  } finally {
    state.close()
  }
}
