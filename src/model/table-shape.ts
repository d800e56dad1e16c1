// Whether two column lists give the same target table: what the type mapping looks at, not
// incidental TABLE_MAP details (collation ids of the same charset, display names of keys).

import type { ColumnDef } from './column-def.ts'

function signature(c: ColumnDef): string {
  return [
    c.name,
    c.type,
    c.unsigned ? 'u' : '',
    c.nullable ? 'n' : '',
    c.collation === 63 ? 'b' : '',
    c.precision,
    c.scale,
    c.fsp,
    c.bits,
    c.length,
    c.enumValues?.join('\u0001') ?? '',
    c.setValues?.join('\u0001') ?? '',
    c.vectorDimensions ?? '',
    c.compressed ? 'z' : '',
  ].join('|')
}

export function sameShape(a: ColumnDef[], b: ColumnDef[]): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (signature(a[i]) !== signature(b[i])) return false
  return true
}

/**
 * TABLE_MAP columns with what only the catalog knows carried over from the table as chsync knew
 * it: MariaDB's UUID, INET6 and INET4 look like BINARY(16) / BINARY(4) in a TABLE_MAP.
 */
export function withCatalogTypes(columns: ColumnDef[], known: ColumnDef[] | undefined): ColumnDef[] {
  if (!known?.some((c) => c.fixedBinaryType)) return columns
  const byName = new Map(known.map((c) => [c.name, c]))
  return columns.map((c) => {
    const k = byName.get(c.name)
    return k?.fixedBinaryType && !c.fixedBinaryType && signature(k) === signature(c) ? { ...c, fixedBinaryType: k.fixedBinaryType } : c
  })
}
