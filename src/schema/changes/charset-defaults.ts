// Which default collation applies: a database's, a table's (from CHARSET / COLLATE options),
// the one CONVERT TO CHARACTER SET names. Both servers resolve a table's default when the
// statement runs, so later changes to the database default do not reach existing tables.

import type { ResolvedContext } from './context.ts'
import { charsetDefault, requireCollation, type ColumnCharsetDefaults } from './column-collation.ts'
import type { Collation } from './collations.ts'

/**
 * The database's default collation id: from the context, else the session's collation_server,
 * else — a guess the next TABLE_MAP will confirm or correct — the server's default for utf8mb4.
 */
export function databaseCollation(ctx: ResolvedContext, database: string): number {
  const known = ctx.databaseCollation?.(database) ?? ctx.serverCollation
  if (known !== undefined && ctx.collations.byId(known) !== undefined) return known
  return charsetDefault('utf8mb4', ctx, ctx.flavor).id
}

/**
 * The collation `CHARACTER SET x [COLLATE y]` (either may be absent or DEFAULT) selects, or
 * `fallback` when neither says anything.
 */
export function optionCollation(ctx: ResolvedContext, charset: string | null, collation: string | null, fallback: () => number): number {
  const cs = charset === null || charset === 'default' ? null : charset
  const coll = collation === null || collation === 'default' ? null : collation
  if (coll !== null) {
    const hint = cs ?? ctx.collations.byId(fallback())?.charset
    return requireCollation(ctx.collations.byName(coll, hint), `collation ${coll}`).id
  }
  if (cs !== null) return charsetDefault(cs, ctx, ctx.flavor).id
  return fallback()
}

export function columnDefaults(ctx: ResolvedContext, tableCollation: number): ColumnCharsetDefaults {
  const out: ColumnCharsetDefaults = { collations: ctx.collations, tableCollation }
  if (ctx.utf8mb4Collation !== undefined) out.utf8mb4Collation = ctx.utf8mb4Collation
  return out
}

export function collationOf(ctx: ResolvedContext, id: number): Collation {
  return requireCollation(ctx.collations.byId(id), `collation id ${id}`)
}
