// Whether the source wrote the child rows its foreign keys changed into the binlog itself, or
// chsync has to work them out.
//
// MariaDB (every version) runs ON DELETE / ON UPDATE actions inside InnoDB, below the binlog: only
// the parent's rows are logged (checked on 10.11). MySQL did the same until it moved foreign keys
// into the SQL layer in the 9.x series; since then the child rows are logged as row events of
// their own, before the parent's (checked on 9.7), unless the server runs with
// innodb_native_foreign_keys=ON, which brings back InnoDB's unlogged way. So the version alone
// does not decide: each MySQL rows event says which way its actions ran, with the
// USE_SQL_FOREIGN_KEY_F flag, and the flag decides (no MySQL before the SQL layer sets it, and
// MariaDB never uses the bit). A rows event written with foreign_key_checks=0 had no actions run.

import type { Flavor } from '../../binlog/index.ts'

/** Rows-event flag: foreign_key_checks was 0 — the server ran no referential action. */
export const NO_FOREIGN_KEY_CHECKS_F = 0x0002
/** MySQL rows-event flag: the SQL layer ran the actions and logged the child rows before this event. */
export const USE_SQL_FOREIGN_KEY_F = 0x0010

/** Whether the source ran referential actions for this rows event that its binlog does not hold. */
export function unloggedActions(flavor: Flavor, flags: number): boolean {
  if ((flags & NO_FOREIGN_KEY_CHECKS_F) !== 0) return false
  return flavor === 'mariadb' || (flags & USE_SQL_FOREIGN_KEY_F) === 0
}

/**
 * The same from the server's settings, without an event at hand (`chsync check`):
 * `nativeForeignKeys` is MySQL's innodb_native_foreign_keys, null where the server has no such
 * variable (MariaDB, and MySQL from before the SQL layer).
 */
export function sourceLogsActions(flavor: Flavor, nativeForeignKeys: boolean | null): boolean {
  return flavor === 'mysql' && nativeForeignKeys === false
}
