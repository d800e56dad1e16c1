// What of each source column leaves chsync: nothing (replicate.exclude_columns), a masked value
// (replicate.mask), or the value itself; and the tables and rows as they look then — what every
// sink and verify see instead of the source's.

import { blankShape, type Cell, type ColumnDef, columnDef, ColumnType, type Row, type SourceTable, tableName } from '../../model/index.ts'
import { type ChsyncConfig, type ColumnMatcher, type MaskKind, compileColumnPattern } from '../../config/index.ts'
import { SHA256_HEX_BYTES, maskCell } from './mask.ts'

/** How a column leaves chsync: left out, masked, or as it is (null). */
export type Treatment = 'out' | MaskKind | null

interface ColumnPattern<T> {
  text: string
  what: T
  matches: ColumnMatcher
}

interface Shaped {
  table: SourceTable
  /** Indexes of the columns kept, into the source table's; null: all of them. */
  keep: number[] | null
  /** The mask of each kept column (by its index in `keep`), or null when nothing is masked. */
  masks: (MaskKind | null)[] | null
}

/** utf8mb4_bin: a masked value is text, whatever the column held. */
const MASKED_COLLATION = 46

export interface ShapingRules {
  excludeColumns: readonly string[]
  mask: ReadonlyMap<string, MaskKind>
  /** The key of sha256 masks. */
  maskSalt: string
}

export class ColumnShaping {
  private readonly excluded: ColumnPattern<'out'>[]
  private readonly masks: ColumnPattern<MaskKind>[]
  /** Per source table object, so the shaped table keeps one identity (sinks cache by it). */
  private readonly shaped = new WeakMap<SourceTable, Shaped>()

  constructor(private readonly rules: ShapingRules) {
    this.excluded = rules.excludeColumns.map((text) => compilePattern(text, 'out' as const))
    this.masks = [...rules.mask].map(([text, kind]) => compilePattern(text, kind))
  }

  get active(): boolean {
    return this.excluded.length + this.masks.length > 0
  }

  /** The pattern that leaves the column out or masks it, and which; null for a column that leaves as it is. */
  ruleOf(database: string, table: string, column: string): { pattern: string; treatment: 'out' | MaskKind } | null {
    // Left out wins over masked: nothing of it leaves.
    for (const p of [...this.excluded, ...this.masks]) if (p.matches(database, table, column)) return { pattern: p.text, treatment: p.what }
    return null
  }

  treatment(database: string, table: string, column: string): Treatment {
    return this.ruleOf(database, table, column)?.treatment ?? null
  }

  /** The length of every value of a column whose mask gives text of one length (sha256), else null. */
  fixedBytes(database: string, table: string, column: string): number | null {
    return this.treatment(database, table, column) === 'sha256' ? SHA256_HEX_BYTES : null
  }

  /** The table as it leaves chsync: the same object when nothing of it is left out or masked. */
  table<T extends SourceTable>(source: T): T {
    return this.shape(source).table as T
  }

  /** A row of `source` as it leaves chsync. */
  row(source: SourceTable, row: Row): Row
  row(source: SourceTable, row: Row | null): Row | null
  row(source: SourceTable, row: Row | null): Row | null {
    const { keep, masks } = this.shape(source)
    if (row === null || (keep === null && masks === null)) return row
    const cells = keep === null ? row : keep.map((i) => row[i])
    return masks === null ? cells : cells.map((c, k) => this.maskOf(masks[k], c))
  }

  /** A cell as a column with this treatment leaves chsync. */
  maskOf(kind: MaskKind | null, cell: Cell): Cell {
    return kind === null ? cell : maskCell(kind, this.rules.maskSalt, cell)
  }

  /** Where each column of `source` is in its shaped table (-1: left out). */
  positions(source: SourceTable): number[] {
    const keep = this.shape(source).keep
    if (keep === null) return source.columns.map((_, i) => i)
    const at = source.columns.map(() => -1)
    keep.forEach((i, k) => (at[i] = k))
    return at
  }

  /** Whether some column of the table is masked. */
  masked(source: SourceTable): boolean {
    return this.shape(source).masks !== null
  }

  /** Why the table cannot be replicated with these patterns (they leave out or mask a key column), or null. */
  keyProblem(source: SourceTable): string | null {
    const hit = source.primaryKey.flatMap((i) => {
      const column = source.columns[i].name
      const rule = this.ruleOf(source.database, source.table, column)
      return rule === null ? [] : [{ column, ...rule }]
    })
    if (hit.length === 0) return null
    const what = hit.map((h) => `${h.column} (${h.treatment === 'out' ? 'left out' : `masked ${h.treatment}`} by "${h.pattern}")`)
    const keys = hit.every((h) => h.treatment === 'out')
      ? 'replicate.exclude_columns leaves out'
      : 'replicate.exclude_columns or replicate.mask change'
    return `${keys} the primary key column${hit.length > 1 ? 's' : ''} ${what.join(', ')} of ${tableName(source.database, source.table)}: its rows could not be told apart in the copy; narrow the pattern`
  }

  private shape(source: SourceTable): Shaped {
    let s = this.shaped.get(source)
    if (s) return s
    const keep: number[] = []
    const masks: (MaskKind | null)[] = []
    source.columns.forEach((c, i) => {
      const t = this.treatment(source.database, source.table, c.name)
      if (t === 'out') return
      keep.push(i)
      masks.push(t)
    })
    const anyMask = masks.some((m) => m !== null)
    if (keep.length === source.columns.length && !anyMask) s = { table: source, keep: null, masks: null }
    else {
      const at = new Map(keep.map((i, k) => [i, k]))
      const primaryKey = source.primaryKey.flatMap((i) => (at.has(i) ? [at.get(i)!] : []))
      const columns = keep.map((i, k) => (masks[k] === null ? source.columns[i] : maskedColumn(source.columns[i], masks[k]!)))
      s = {
        table: { ...source, columns, primaryKey },
        keep: keep.length === source.columns.length ? null : keep,
        masks: anyMask ? masks : null,
      }
    }
    this.shaped.set(source, s)
    return s
  }
}

/** The shaping the configuration asks for. */
export function columnShaping(config: Pick<ChsyncConfig, 'replicate' | 'maskSalt'>): ColumnShaping {
  return new ColumnShaping({ excludeColumns: config.replicate.excludeColumns, mask: config.replicate.mask, maskSalt: config.maskSalt })
}

function compilePattern<T>(text: string, what: T): ColumnPattern<T> {
  return { text, what, matches: compileColumnPattern(text) }
}

/** A masked column is text: the hash's hex digits, or the redaction; NULL where the source has it ("null": always). */
function maskedColumn(c: ColumnDef, kind: MaskKind): ColumnDef {
  const shape = { ...blankShape(ColumnType.VARCHAR), collation: MASKED_COLLATION, length: 256 }
  return columnDef(c.index, c.name, shape, kind === 'null' || c.nullable, c.visible)
}
