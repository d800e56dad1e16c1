// Which replicated tables the replication account cannot read, for check (refuse) and verify (not
// compared). The server hides a table from an account without a privilege on it, everywhere but
// in the binlog, so this says precisely what can be known:
// - a table the account sees: read with SELECT * … LIMIT 0, as the copy will (column grants,
//   partial revokes and roles all show in the answer);
// - a replicated database where SELECT is not granted on the whole database (only on some of its
//   tables, or not at all): other tables may be there unseen, and chsync would leave out each one
//   it meets in the binlog. Said of the database, with the GRANT;
// - the tables the recent binlog names there: named one by one (a table never written to or
//   created within what was read stays unknown).
// With SELECT on *.* and nothing revoked, every table is readable and nothing is read.

import { type ChsyncConfig, databaseFilter, replicatedNames, tableFilter } from '../config/index.ts'
import { tableKey } from '../model/index.ts'
import type { BinlogTables } from './binlog-tables.ts'
import { parseGrants } from './grants.ts'
import { type ReadAccess, readAccess } from './read-access.ts'

export interface Unreadable {
  database: string
  /** null: the database as a whole (tables the account cannot see may be there). */
  table: string | null
  /** Why, in a sentence that names the account. */
  why: string
  /** The GRANT that fixes it. */
  fix: string
  /** False when a role the account has may give it after all. */
  certain: boolean
}

export interface AccessFacts {
  config: Pick<ChsyncConfig, 'replicate'>
  /** As SQL writes it: 'repl'@'10.0.0.%'. */
  account: string
  /** SHOW GRANTS lines. */
  grants: readonly string[]
  /** Base tables the account sees (information_schema.TABLES). */
  tables: readonly [string, string][]
  /** Databases the account sees (information_schema.SCHEMATA). */
  databases: readonly string[]
  /** Runs a statement on the source; rejects with the server's error. */
  query(sql: string): Promise<unknown>
  /** Reads the recent binlog for table names; null: not available. */
  binlogTables: (() => Promise<BinlogTables>) | null
}

export interface AccessReport {
  unreadable: Unreadable[]
  /** replicate.databases globs that may take databases the account cannot see at all. */
  uncoveredGlobs: string[]
  /** What the binlog read covered, why it failed, or null when it was not needed. */
  binlog: { read: string; complete: boolean } | { error: string } | null
  /** Replicated tables the account sees and reads. */
  readable: number
  access: ReadAccess
}

export async function sourceAccess(f: AccessFacts): Promise<AccessReport> {
  const access = readAccess(parseGrants(f.grants))
  const wanted = tableFilter(f.config)
  const visible = f.tables.filter(([db, t]) => wanted(db, t))
  const report: AccessReport = { unreadable: [], uncoveredGlobs: [], binlog: null, readable: visible.length, access }
  if (access.everything) return report

  const seen = new Set(visible.map(([db, t]) => tableKey(db, t)))
  for (const [db, t] of visible) {
    try {
      await f.query(`SELECT * FROM ${ident(db)}.${ident(t)} LIMIT 0`)
    } catch (err) {
      report.readable--
      report.unreadable.push({
        database: db,
        table: t,
        why: `${f.account} cannot read it: ${(err as Error).message}`,
        fix: grant(f, db, t),
        certain: true,
      })
    }
  }
  report.uncoveredGlobs = f.config.replicate.databases.filter((p) => p.includes('*') || p.includes('?'))
  const known = knownDatabases(f, access)
  let partial = partlyReadable(f, access, known, seen)
  if (f.binlogTables && (partial.length > 0 || report.uncoveredGlobs.length > 0)) {
    try {
      const found = await f.binlogTables()
      report.binlog = { read: found.read, complete: found.complete }
      const unseen = found.tables.filter(([db, t]) => wanted(db, t) && !seen.has(tableKey(db, t)))
      for (const [db] of unseen) known.add(db)
      partial = partlyReadable(f, access, known, seen)
      for (const [db, t] of unseen)
        report.unreadable.push({
          database: db,
          table: t,
          why: `${f.account} cannot see it, so cannot read it (the binlog names it: ${found.read})`,
          fix: grant(f, db, replicatedNames(f.config, db) === 'any' ? null : t),
          certain: true,
        })
    } catch (err) {
      report.binlog = { error: (err as Error).message }
    }
  }
  report.unreadable.unshift(...partial)
  return report
}

/** Databases whose name the account can know: it sees them, a grant or the config names them. */
function knownDatabases(f: AccessFacts, access: ReadAccess): Set<string> {
  const literal = (p: string) => !p.includes('*') && !p.includes('?')
  const out = new Set<string>([...f.databases, ...f.tables.map(([db]) => db), ...access.namedDatabases])
  for (const p of f.config.replicate.databases) if (literal(p)) out.add(p)
  for (const p of f.config.replicate.tables) {
    const dot = p.indexOf('.')
    if (dot > 0 && literal(p.slice(0, dot))) out.add(p.slice(0, dot))
  }
  return out
}

/**
 * Replicated databases the account cannot read whole: the database, when [replicate] takes any
 * table of it (one the account cannot see may be there), else each table it names that the
 * account does not see.
 */
function partlyReadable(f: AccessFacts, access: ReadAccess, known: Set<string>, seen: Set<string>): Unreadable[] {
  const out: Unreadable[] = []
  const wantedDb = databaseFilter(f.config)
  const roles = access.roles.length > 0 ? `; unless one of its roles (${access.roles.join(', ')}) gives it` : ''
  for (const db of [...known].sort()) {
    if (!wantedDb(db) || access.wholeDatabase(db)) continue
    const names = replicatedNames(f.config, db)
    if (names === 'any') {
      const granted = access.tablesOf(db)
      const why = granted.length
        ? `${f.account} has SELECT on only some tables of ${db} (${granted.join(', ')}): it cannot see the others, and chsync would leave out each one it meets in the binlog${roles}`
        : `${f.account} has no SELECT on ${db}: chsync can read none of its tables${roles}`
      out.push({ database: db, table: null, why, fix: grant(f, db, null), certain: roles === '' })
      continue
    }
    for (const t of names)
      if (!seen.has(tableKey(db, t)))
        out.push({
          database: db,
          table: t,
          why: `replicate.tables names it, but ${f.account} cannot see it: it does not exist, or the account cannot read it${roles}`,
          fix: grant(f, db, t),
          certain: roles === '',
        })
  }
  return out
}

/** GRANT SELECT on the database (it covers the tables created later too), or on one table. */
function grant(f: AccessFacts, db: string, table: string | null): string {
  return `GRANT SELECT ON ${ident(db)}.${table === null ? '*' : ident(table)} TO ${f.account};`
}

function ident(name: string): string {
  return '`' + name.replaceAll('`', '``') + '`'
}
