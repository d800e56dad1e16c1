// How the session that ran a statement reads SQL: server flavor and version, and the sql_mode bits
// that change lexing or typing. A binlog QUERY event carries the sql_mode the statement ran under.

export type ServerFlavor = 'mysql' | 'mariadb'

export interface DdlParseOptions {
  /** Which server wrote the statement; decides `/*M! ... *\/` and executable-comment rules. Default 'mysql'. */
  flavor?: ServerFlavor
  /**
   * The server version as MySQL writes it in executable comments (9.7.4 → 90704, 10.11.19 → 101119).
   * Version-gated comments above it were ignored by the server and are ignored here.
   * Default: the versions this project is tested against (90704 for MySQL, 101119 for MariaDB).
   */
  serverVersion?: number
  /** sql_mode ANSI_QUOTES: "x" is an identifier, not a string. */
  ansiQuotes?: boolean
  /** sql_mode NO_BACKSLASH_ESCAPES: a backslash in a string literal is an ordinary character. */
  noBackslashEscapes?: boolean
  /** sql_mode REAL_AS_FLOAT: REAL means FLOAT instead of DOUBLE. */
  realAsFloat?: boolean
  /**
   * explicit_defaults_for_timestamp (ON by default on MySQL 8+ and MariaDB 10.10+). When OFF, a
   * TIMESTAMP column without an explicit NULL is NOT NULL, and the table's first such column gets
   * DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP.
   */
  explicitDefaultsForTimestamp?: boolean
}

export interface ParseSettings {
  flavor: ServerFlavor
  serverVersion: number
  ansiQuotes: boolean
  noBackslashEscapes: boolean
  realAsFloat: boolean
  explicitDefaultsForTimestamp: boolean
}

const testedVersion: Record<ServerFlavor, number> = { mysql: 90704, mariadb: 101119 }

export function settingsFrom(options: DdlParseOptions = {}): ParseSettings {
  const flavor = options.flavor ?? 'mysql'
  return {
    flavor,
    serverVersion: options.serverVersion ?? testedVersion[flavor],
    ansiQuotes: options.ansiQuotes ?? false,
    noBackslashEscapes: options.noBackslashEscapes ?? false,
    realAsFloat: options.realAsFloat ?? false,
    explicitDefaultsForTimestamp: options.explicitDefaultsForTimestamp ?? true,
  }
}

// sql_mode bits, identical in MySQL (sql/system_variables.h) and MariaDB (sql/sql_class.h).
const MODE_REAL_AS_FLOAT = 1n
const MODE_ANSI_QUOTES = 4n
const MODE_NO_BACKSLASH_ESCAPES = 1n << 20n

/** The lexing and typing flags of a binlog QUERY event's sql_mode (Q_SQL_MODE_CODE, 8 bytes). */
export function sqlModeOptions(sqlMode: bigint): Pick<DdlParseOptions, 'ansiQuotes' | 'noBackslashEscapes' | 'realAsFloat'> {
  return {
    ansiQuotes: (sqlMode & MODE_ANSI_QUOTES) !== 0n,
    noBackslashEscapes: (sqlMode & MODE_NO_BACKSLASH_ESCAPES) !== 0n,
    realAsFloat: (sqlMode & MODE_REAL_AS_FLOAT) !== 0n,
  }
}

/**
 * The number executable comments compare against, from a server's version string:
 * '9.7.4-2' → 90704, '10.11.19-MariaDB-0+deb12u1-log' → 101119. Null when it has no x.y.z.
 */
export function serverVersionNumber(version: string): number | null {
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(version)
  if (m === null) return null
  return Number(m[1]) * 10000 + Number(m[2]) * 100 + Number(m[3])
}
