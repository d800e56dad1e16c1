// ENUM and SET labels from information_schema.COLUMNS.COLUMN_TYPE, e.g. enum('a','it''s','x\\y').
// The server writes each label quoted with ' doubled and escapes NUL, LF, CR and backslash as
// \0, \n, \r and \\ (append_unescaped in sql_show.cc); every other byte is as stored.

const ESCAPES: Record<string, string> = { '0': '\0', n: '\n', r: '\r' }

/** The labels of `enum(...)` / `set(...)`, or null when the text is not of that form. */
export function parseLabels(columnType: string): string[] | null {
  const open = columnType.indexOf('(')
  if (open < 0 || !columnType.endsWith(')')) return null
  const labels: string[] = []
  let p = open + 1
  const end = columnType.length - 1
  if (p === end) return labels
  for (;;) {
    if (columnType[p] !== "'") return null
    let label = ''
    for (p++; ; p++) {
      if (p >= end) return null
      const c = columnType[p]
      if (c === "'") {
        if (columnType[p + 1] === "'") {
          label += "'"
          p++
          continue
        }
        p++
        break
      }
      if (c === '\\' && p + 1 < end) {
        const next = columnType[++p]
        label += ESCAPES[next] ?? next
        continue
      }
      label += c
    }
    labels.push(label)
    if (p === end) return labels
    if (columnType[p] !== ',') return null
    p++
  }
}
