// Replicated tables whose foreign keys change child rows (ON DELETE / ON UPDATE CASCADE, SET NULL,
// SET DEFAULT), and whether those changes reach ClickHouse: logged by the source, worked out by
// chsync, or neither.

import type { Flavor } from '../binlog/index.ts'
import { type ChsyncConfig, tableFilter } from '../config/index.ts'
import { sourceLogsActions } from '../pipeline/cascade/index.ts'
import { tableName } from '../model/index.ts'
import { type CheckResult, ok, warning } from './result.ts'
import type { SourceForeignKey } from './source-facts.ts'

const ACTING = new Set(['CASCADE', 'SET NULL', 'SET DEFAULT'])
const SUBJECT = 'source.foreign_keys'
/** Tables named in one message; the rest are counted. */
const NAMED = 10

export function checkForeignKeyActions(
  config: Pick<ChsyncConfig, 'replicate' | 'sink' | 'apply'>,
  flavor: Flavor,
  variables: ReadonlyMap<string, string>,
  foreignKeys: readonly SourceForeignKey[],
): CheckResult[] {
  const replicated = tableFilter(config)
  const acting = foreignKeys.filter((fk) => replicated(fk.db, fk.table) && (ACTING.has(fk.onDelete) || ACTING.has(fk.onUpdate)))
  if (acting.length === 0) return []
  const tables = names(acting.map((fk) => tableName(fk.db, fk.table)))
  const native = variables.get('innodb_native_foreign_keys')
  const logged = sourceLogsActions(flavor, native === undefined ? null : native.toUpperCase() === 'ON' || native === '1')
  const what = `replicated table${tables.count === 1 ? '' : 's'} with foreign keys that change child rows on delete or update: ${tables.text}`
  if (logged) return [ok(SUBJECT, `${what}; MySQL logs those changes (SQL-layer foreign keys), nothing to work out`)]

  const server = flavor === 'mariadb' ? 'MariaDB does' : "MySQL with InnoDB's own foreign keys does"
  if (config.sink.kind !== 'clickhouse')
    return [
      warning(
        SUBJECT,
        `${what}; ${server} not log those changes, so the change feed does not carry them`,
        'receivers must apply the referential actions themselves, or use the ClickHouse sink, where chsync works them out',
      ),
    ]
  if (!config.apply.emulateCascades)
    return [
      warning(
        SUBJECT,
        `${what}; ${server} not log those changes and apply.emulate_cascades = false: the ClickHouse copy keeps child rows the source deleted or changed`,
        'set apply.emulate_cascades = true',
      ),
    ]

  const out = [ok(SUBJECT, `${what}; ${server} not log those changes: chsync applies them to the ClickHouse copy`)]
  const setDefault = acting.filter((fk) => fk.onDelete === 'SET DEFAULT' || fk.onUpdate === 'SET DEFAULT')
  if (setDefault.length > 0)
    out.push(
      warning(
        SUBJECT,
        `ON DELETE / ON UPDATE SET DEFAULT is not worked out: ${names(setDefault.map((fk) => `${tableName(fk.db, fk.table)} ${fk.name}`)).text}`,
        'use SET NULL or CASCADE, or resync those tables after such changes',
      ),
    )
  // A child of a child that is not replicated: the middle table's cascaded rows are nowhere to read.
  const cascadingChildren = new Set(
    foreignKeys.filter((fk) => ACTING.has(fk.onDelete) || ACTING.has(fk.onUpdate)).map((fk) => `${fk.db}\u0000${fk.table}`),
  )
  const unreachable = acting.filter(
    (fk) => !replicated(fk.parentDb, fk.parentTable) && cascadingChildren.has(`${fk.parentDb}\u0000${fk.parentTable}`),
  )
  if (unreachable.length > 0)
    out.push(
      warning(
        SUBJECT,
        `actions that reach these tables through a table that is not replicated are not seen: ${names(unreachable.map((fk) => `${tableName(fk.db, fk.table)} (through ${tableName(fk.parentDb, fk.parentTable)})`)).text}`,
        'replicate the table in between too (replicate.tables)',
      ),
    )
  return out
}

function names(list: string[]): { text: string; count: number } {
  const unique = [...new Set(list)].sort()
  const shown = unique.slice(0, NAMED).join(', ')
  return { text: unique.length > NAMED ? `${shown} and ${unique.length - NAMED} more` : shown, count: unique.length }
}
