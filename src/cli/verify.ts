// `chsync verify`: compares every replicated table (or the ones named) with its ClickHouse copy,
// row by row through checksums, and names the tables, keys and key ranges that differ.

import { createClient } from '@clickhouse/client'
import { readFileSync } from 'node:fs'
import { BinlogClient, CharsetRegistry } from '../binlog/index.ts'
import { tableFilter, targetDatabase } from '../config/index.ts'
import { type SourceTable, tableKey } from '../schema/model.ts'
import { describeSourceTable } from '../schema/source/index.ts'
import { sourceOptions } from '../source/source-options.ts'
import { isEqual, type TableVerdict, verifyTable } from '../verify/index.ts'
import { flagValue } from './args.ts'
import type { CommandContext } from './command.ts'
import { ExitCode } from './exit-codes.ts'
import { UsageError } from './errors.ts'
import { tableArg } from './table-args.ts'

export const name = 'verify'
export const summary = 'compare the source tables with their ClickHouse copies'
export const options = [{ flag: '--chunk-rows', value: 'N' }, { flag: '--retries', value: 'N' }, { flag: '--json' }] as const
export const usage = `usage: chsync verify [-c config.toml] [db.table ...] [--chunk-rows N] [--retries N] [--json]

Reads every replicated table (or the ones named) from the source in primary-key chunks and its
copy in ClickHouse (SELECT ... FINAL), turns both into the same bytes and compares row counts and
checksums. For a table that differs it names the missing, extra and different keys and the key
range of each source chunk that holds one. While chsync is streaming, recent changes may not have
arrived yet: a table that differs is checked again after a pause, --retries times (default 2).

exit codes: 0 every table equal, 6 at least one differs, 1 an error, 78 invalid configuration.
`

export async function run(ctx: CommandContext): Promise<number> {
  const config = ctx.config()
  const chunkRows = Number(flagValue(ctx.args, '--chunk-rows') ?? 10_000)
  const retries = Number(flagValue(ctx.args, '--retries') ?? 2)
  if (!Number.isInteger(chunkRows) || chunkRows < 1) throw new UsageError('--chunk-rows must be a positive integer')
  if (!Number.isInteger(retries) || retries < 0) throw new UsageError('--retries must be an integer >= 0')
  const source = sourceOptions(config)
  const client = await BinlogClient.connect(source)
  const t = config.target
  const ch = createClient({
    url: `${t.url.scheme}://${t.url.host.includes(':') ? `[${t.url.host}]` : t.url.host}:${t.url.port}`,
    username: t.url.user,
    password: t.url.password,
    tls: t.tlsCaFile ? { ca_cert: readFileSync(t.tlsCaFile) } : undefined,
  })
  try {
    const tables = await replicatedTables(client, tableFilter(config), ctx.args.rest)
    const verify = {
      source,
      charsets: new CharsetRegistry(client.info.collations),
      client: ch,
      chunkRows,
      naming: {
        database: (db: string) => targetDatabase(config, db),
        override: (db: string, table: string, column: string) => t.columns.get(`${db}.${table}.${column}`),
        jsonType: t.jsonType,
        cluster: t.cluster,
      },
    }
    const verdicts: TableVerdict[] = []
    for (const table of tables) {
      let v = await verifyTable(verify, table)
      for (let i = 0; i < retries && !isEqual(v); i++) {
        await Bun.sleep(2000)
        v = await verifyTable(verify, table)
      }
      verdicts.push(v)
    }
    ctx.out(ctx.args.flags.has('--json') ? JSON.stringify(verdicts) : report(verdicts))
    return verdicts.every(isEqual) ? ExitCode.OK : ExitCode.DIFFERENT
  } finally {
    client.close()
    await ch.close()
  }
}

async function replicatedTables(client: BinlogClient, replicated: (db: string, t: string) => boolean, named: string[]): Promise<SourceTable[]> {
  const rows = await client.sql.query<{ db: string; t: string }>(
    "SELECT TABLE_SCHEMA AS db, TABLE_NAME AS t FROM information_schema.TABLES WHERE TABLE_TYPE = 'BASE TABLE' ORDER BY 1, 2",
  )
  const wanted = new Map<string, string>()
  for (const text of named) wanted.set(tableKey(...tableArg(text)), text)
  const out: SourceTable[] = []
  for (const { db, t } of rows) {
    if (!replicated(db, t) || (named.length && !wanted.has(tableKey(db, t)))) continue
    wanted.delete(tableKey(db, t))
    const shape = await describeSourceTable((sql, params) => client.sql.query(sql, params as never), db, t)
    out.push({ database: db, table: t, columns: shape.columns, primaryKey: shape.primaryKey })
  }
  if (wanted.size) throw new UsageError(`not a replicated table of the source: ${[...wanted.values()].join(', ')}`)
  return out
}

function report(verdicts: TableVerdict[]): string {
  const lines: string[] = []
  for (const v of verdicts) {
    if (isEqual(v)) {
      lines.push(`ok        ${v.table}  ${v.sourceRows} rows`)
      continue
    }
    lines.push(`DIFFERENT ${v.table}  source ${v.sourceRows} rows, target ${v.targetRows} rows`)
    if (v.missing.length) lines.push(`  missing in the target: ${v.missing.join(', ')}`)
    if (v.extra.length) lines.push(`  only in the target: ${v.extra.join(', ')}`)
    if (v.different.length) lines.push(`  different values: ${v.different.join(', ')}`)
    for (const r of v.ranges) lines.push(`  in key range ${r}`)
  }
  const bad = verdicts.filter((v) => !isEqual(v)).length
  lines.push(bad ? `${bad} of ${verdicts.length} tables differ` : `all ${verdicts.length} tables equal`)
  return lines.join('\n')
}
