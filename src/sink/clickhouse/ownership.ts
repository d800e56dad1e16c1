// Which ClickHouse tables and columns chsync made. A table it creates carries the comment
// "chsync <owner> <id>": <owner> is the id of the state file (another chsync never touches it),
// <id> the tracked table's target id (it stays through renames, so a rename can be told done).
// Each column it creates carries the comment "chsync"; a user's own columns have another.

export const COLUMN_MARK = 'chsync'

const PREFIX = 'chsync '

export function tableMark(owner: string, id: string): string {
  return `${PREFIX}${owner} ${id}`
}

/** The owner and id a table comment names, or null for a table chsync did not make. */
export function readTableMark(comment: string): { owner: string; id: string } | null {
  if (!comment.startsWith(PREFIX)) return null
  const [owner, id, ...rest] = comment.slice(PREFIX.length).split(' ')
  return owner && id && rest.length === 0 ? { owner, id } : null
}

/** A string literal for ClickHouse SQL. */
export function literal(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
}
