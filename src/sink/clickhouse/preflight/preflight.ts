// What `chsync check` examines for the ClickHouse sink: the server (it answers, its version), the
// target cluster and the privileges on each target database, and the source tables ClickHouse
// cannot hold (a column named like one chsync adds).

import { type ChsyncConfig, endpointText, layoutFor, tableFilter, targetDatabase } from '../../../config/index.ts'
import { type PreflightFinding, warning } from '../../preflight-finding.ts'
import type { SinkPreflight, SystemNamedColumn } from '../../sink.ts'
import { systemColumnClash } from '../target-table.ts'
import { checkTargetCluster, checkTargetPrivileges } from './access.ts'
import { type ClickHouseProbe, checkClickHouse } from './server-check.ts'

export class ClickHousePreflight implements SinkPreflight {
  constructor(
    private readonly config: ChsyncConfig,
    private readonly probe: ClickHouseProbe,
  ) {}

  /** Replicated tables ClickHouse cannot hold (chsync leaves them out), each with its fix. */
  tables(columns: readonly SystemNamedColumn[]): PreflightFinding[] {
    const wanted = tableFilter(this.config)
    const byTable = new Map<string, { names: string[]; keyed: boolean; history: boolean }>()
    for (const c of columns) {
      if (!wanted(c.db, c.table)) continue
      const key = `${c.db}.${c.table}`
      const t = byTable.get(key) ?? {
        names: [],
        keyed: c.keyed,
        history: layoutFor(this.config.target.layout, c.db, c.table)?.mode === 'history',
      }
      t.names.push(c.column)
      byTable.set(key, t)
    }
    const out: PreflightFinding[] = []
    for (const [table, t] of byTable) {
      const clash = systemColumnClash(t.names, t.keyed, t.history)
      if (clash)
        out.push(
          warning(
            `table ${table}`,
            `${clash}: chsync leaves the table out and replicates the others`,
            `rename the column on the source, or leave the table out with replicate.exclude_tables`,
          ),
        )
    }
    return out
  }

  async target(sourceTables: readonly [string, string][]): Promise<{ header: string; findings: PreflightFinding[] }> {
    const where = endpointText(this.config.target.url)
    const { results, version } = await checkClickHouse(this.probe, where)
    const header = `target ${where}${version ? ` (ClickHouse ${version})` : ''}`
    if (version === null) return { header, findings: results }
    const ask = (sql: string) => this.probe.query(sql)
    const databases = targetDatabases(this.config, sourceTables)
    return {
      header,
      findings: [
        ...results,
        ...(await checkTargetCluster(this.config, ask)),
        ...(await checkTargetPrivileges(this.config, databases, ask)),
      ],
    }
  }
}

/**
 * The ClickHouse databases chsync will write: those of the replicated tables the source shows, and
 * those of databases named without a glob in replicate.databases (their tables may come later).
 */
function targetDatabases(config: ChsyncConfig, tables: readonly [string, string][]): string[] {
  const wanted = tableFilter(config)
  const sources = new Set(tables.filter(([db, t]) => wanted(db, t)).map(([db]) => db))
  for (const pattern of config.replicate.databases) if (!/[*?]/.test(pattern)) sources.add(pattern)
  return [...new Set([...sources].map((db) => targetDatabase(config, db)))]
}
