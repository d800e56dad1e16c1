// SHOW GRANTS lines parsed into privileges and the level they apply at. The lines look like
//   GRANT SELECT, REPLICATION SLAVE ON *.* TO `repl`@`%` [IDENTIFIED BY PASSWORD '…'] [WITH GRANT OPTION]
//   GRANT SELECT (`a`, `b`), INSERT ON `shop`.`orders` TO …      (column privileges)
//   GRANT BACKUP_ADMIN,BINLOG_ADMIN ON *.* TO …                  (MySQL dynamic privileges)
//   GRANT `app_role`@`%` TO …                                     (a role: no ON)
//   REVOKE SELECT ON `shop`.* FROM …                              (MySQL partial_revokes)
// MariaDB also lists the grants every account gets through PUBLIC ("… TO PUBLIC").

export type GrantLevel =
  | { kind: 'global' }
  | { kind: 'database'; pattern: string }
  | { kind: 'table'; database: string; table: string }
  | { kind: 'other'; text: string }

export interface Grant {
  /** Upper-case privilege names, column lists dropped: "SELECT", "REPLICATION SLAVE", "BACKUP_ADMIN". */
  privileges: string[]
  level: GrantLevel
  grantOption: boolean
  /** Privileges granted on some columns only ("SELECT (`a`, `b`)"), when there are such. */
  columnsOnly?: string[]
}

export interface ParsedGrants {
  grants: Grant[]
  /** Roles granted to the account (their privileges are not expanded by SHOW GRANTS). */
  roles: string[]
  /** Privileges taken back at a database level from a global grant (MySQL with partial_revokes = ON). */
  revokes: Grant[]
  /** MariaDB: grants to PUBLIC, which every account has (not the account's own, but they give access). */
  publicGrants: Grant[]
  /** Lines not understood. */
  unknown: string[]
}

const GRANT_ON = /^GRANT\s+(.+?)\s+ON\s+(.+?)\s+TO\s+(.+)$/is
const REVOKE_ON = /^REVOKE\s+(.+?)\s+ON\s+(.+?)\s+FROM\s+(.+)$/is
const ROLE = /^GRANT\s+(.+?)\s+TO\s+/is
const IDENT = '`((?:[^`]|``)*)`'

export function parseGrants(lines: readonly string[]): ParsedGrants {
  const out: ParsedGrants = { grants: [], roles: [], revokes: [], publicGrants: [], unknown: [] }
  for (const line of lines) {
    const m = GRANT_ON.exec(line.trim())
    if (m) {
      const grant: Grant = {
        privileges: splitPrivileges(m[1]!),
        level: parseLevel(m[2]!.trim()),
        grantOption: /\bWITH\s+GRANT\s+OPTION\b/i.test(m[3]!),
      }
      const columnsOnly = columnPrivileges(m[1]!)
      if (columnsOnly.length > 0) grant.columnsOnly = columnsOnly
      if (/^PUBLIC\b/i.test(m[3]!.trim())) out.publicGrants.push(grant)
      else out.grants.push(grant)
      continue
    }
    const v = REVOKE_ON.exec(line.trim())
    if (v) {
      out.revokes.push({ privileges: splitPrivileges(v[1]!), level: parseLevel(v[2]!.trim()), grantOption: false })
      continue
    }
    const r = ROLE.exec(line.trim())
    if (r && !/\bPUBLIC\s*$/i.test(line.trim())) out.roles.push(r[1]!.trim())
    else if (!r) out.unknown.push(line)
  }
  return out
}

/** "SELECT (`a`, `b`), INSERT" → ["SELECT", "INSERT"]: commas inside parentheses do not split. */
export function splitPrivileges(list: string): string[] {
  return privilegeItems(list)
    .map((p) =>
      p
        .replace(/\(.*\)/s, '')
        .trim()
        .replace(/\s+/g, ' ')
        .toUpperCase(),
    )
    .filter((p) => p !== '')
}

/** "SELECT (`a`, `b`), INSERT" → ["SELECT"]: the privileges given with a column list. */
export function columnPrivileges(list: string): string[] {
  return privilegeItems(list)
    .filter((p) => p.includes('('))
    .map((p) =>
      p
        .replace(/\(.*\)/s, '')
        .trim()
        .replace(/\s+/g, ' ')
        .toUpperCase(),
    )
}

function privilegeItems(list: string): string[] {
  const out: string[] = []
  let depth = 0
  let current = ''
  let quoted = false
  for (const ch of list) {
    if (ch === '`') quoted = !quoted
    if (!quoted && ch === '(') depth++
    if (!quoted && ch === ')') depth--
    if (!quoted && depth === 0 && ch === ',') {
      out.push(current)
      current = ''
    } else current += ch
  }
  out.push(current)
  return out
}

export function parseLevel(text: string): GrantLevel {
  if (text === '*.*') return { kind: 'global' }
  const db = new RegExp(`^${IDENT}\\.\\*$`).exec(text)
  if (db) return { kind: 'database', pattern: db[1]!.replaceAll('``', '`') }
  const table = new RegExp(`^${IDENT}\\.${IDENT}$`).exec(text)
  if (table) return { kind: 'table', database: table[1]!.replaceAll('``', '`'), table: table[2]!.replaceAll('``', '`') }
  return { kind: 'other', text }
}

/** Where a grant level applies, as the GRANT statement writes it. */
export function levelText(level: GrantLevel): string {
  const q = (s: string) => '`' + s.replaceAll('`', '``') + '`'
  switch (level.kind) {
    case 'global':
      return '*.*'
    case 'database':
      return `${q(level.pattern)}.*`
    case 'table':
      return `${q(level.database)}.${q(level.table)}`
    default:
      return level.text
  }
}
