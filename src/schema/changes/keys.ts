// Keys from DDL as the tracked table keeps them: kind, the name the server gives, the parts.

import type { IndexDefinition } from '../ddl/index.ts'
import type { TableDraft } from './table-draft.ts'
import type { TrackedKey } from '../../model/index.ts'

export function trackedKey(index: IndexDefinition, draft: TableDraft): TrackedKey {
  const kind = index.kind === 'primary' ? 'primary' : index.kind === 'unique' ? 'unique' : 'index'
  const parts = index.parts.map((p) => ({ column: p.column, prefix: p.length }))
  const name = kind === 'primary' ? 'PRIMARY' : (index.name ?? index.constraint ?? draft.keyName(parts[0]?.column ?? null))
  return index.using === 'HASH' ? { name, kind, parts, hash: true } : { name, kind, parts }
}

/** Column names of a key's parts (functional parts left out). */
export function keyColumns(key: TrackedKey): string[] {
  return key.parts.flatMap((p) => (p.column === null ? [] : [p.column]))
}
