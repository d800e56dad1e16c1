// Which failures a new attempt cannot cure: the server refused the account (wrong user or password,
// a missing privilege, a locked or expired account), or chsync itself said so. Retrying those only
// hides a configuration mistake behind back-off; everything else (refused, reset, timed out,
// shutting down) may pass.

/** Thrown where chsync knows that trying again cannot help (e.g. the target is not ClickHouse). */
export class PermanentError extends Error {
  readonly permanent = true
}

/** MySQL and MariaDB error numbers about the account or its rights (mysqld_error.h). */
const SOURCE_ACCESS_ERRNOS = new Set([
  1044, // ER_DBACCESS_DENIED_ERROR
  1045, // ER_ACCESS_DENIED_ERROR: wrong user or password
  1142, // ER_TABLEACCESS_DENIED_ERROR
  1143, // ER_COLUMNACCESS_DENIED_ERROR
  1227, // ER_SPECIFIC_ACCESS_DENIED_ERROR: e.g. no REPLICATION SLAVE
  1251, // ER_NOT_SUPPORTED_AUTH_MODE
  1698, // ER_ACCESS_DENIED_NO_PASSWORD_ERROR
  1820, // ER_MUST_CHANGE_PASSWORD
  1862, // ER_MUST_CHANGE_PASSWORD_LOGIN (expired)
  3118, // ER_ACCOUNT_HAS_BEEN_LOCKED (MySQL)
  4151, // ER_ACCOUNT_HAS_BEEN_LOCKED (MariaDB)
])

/** ClickHouse exception types about the account or its rights (src/Common/ErrorCodes.cpp). */
const CLICKHOUSE_ACCESS_TYPES = new Set([
  'UNKNOWN_USER',
  'WRONG_PASSWORD',
  'REQUIRED_PASSWORD',
  'IP_ADDRESS_NOT_ALLOWED',
  'ACCESS_DENIED',
  'AUTHENTICATION_FAILED',
])
const CLICKHOUSE_ACCESS_CODES = new Set([192, 193, 194, 195, 497, 516])

/** True when `err`, or an error it was caused by, is one a new attempt cannot cure. */
export function isPermanent(err: unknown): boolean {
  for (
    let e = err as Record<string, unknown> | undefined, depth = 0;
    e && typeof e === 'object' && depth < 8;
    e = e.cause as typeof e, depth++
  ) {
    if (e.permanent === true) return true
    if (typeof e.errno === 'number' && SOURCE_ACCESS_ERRNOS.has(e.errno)) return true
    if (typeof e.type === 'string' && CLICKHOUSE_ACCESS_TYPES.has(e.type)) return true
    // @clickhouse/client's ClickHouseError carries the exception code as a string.
    if (typeof e.code === 'string' && /^\d+$/.test(e.code) && CLICKHOUSE_ACCESS_CODES.has(Number(e.code))) return true
  }
  return false
}
