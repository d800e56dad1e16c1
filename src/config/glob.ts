// Glob patterns of [replicate]: "*" is any run of characters, "?" one character, all else literal
// and case-sensitive (as MySQL names are on Linux).

export type Matcher = (name: string) => boolean

export function compileGlob(pattern: string): Matcher {
  const source = [...pattern].map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('')
  const regex = new RegExp(`^${source}$`, 's')
  return (name) => regex.test(name)
}

export function isLiteral(pattern: string): boolean {
  return !pattern.includes('*') && !pattern.includes('?')
}

/** A table pattern: with a dot it is "db.table" (split at the first dot), without one it is "table". */
export function compileTablePattern(pattern: string): (db: string, table: string) => boolean {
  const dot = pattern.indexOf('.')
  if (dot < 0) {
    const table = compileGlob(pattern)
    return (_db, name) => table(name)
  }
  const db = compileGlob(pattern.slice(0, dot))
  const table = compileGlob(pattern.slice(dot + 1))
  return (dbName, name) => db(dbName) && table(name)
}
