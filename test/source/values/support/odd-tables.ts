// Tables beyond the type families that stress describing a table and reading its values:
// ENUM/SET labels that need escaping in COLUMN_TYPE, charsets chsync cannot decode, an invisible
// column, a primary key with a prefix, a table without a key.

import type { TypeFamily } from '../../../binlog/support/type-families.ts'

// SQL literals: 'a\\b' is a\b, '\t' a tab, '\n' a line feed, '\0' NUL, '\r' CR, '\Z' Ctrl-Z.
const ODD_ENUM = "'a\\\\b','tab\\there','nl\\nx','q''x','dq\"','zero\\0x','cr\\rx','ctrl\\Z','pct%','ü'"

export const ODD_FAMILY: TypeFamily = {
  name: 'odd',
  columns: [
    `e ENUM(${ODD_ENUM})`,
    "s SET('a\\\\b','c''d','x')",
    'a8 VARCHAR(10) CHARACTER SET armscii8',
    'k2 CHAR(4) CHARACTER SET keybcs2',
    'hid INT INVISIBLE',
    "e2 ENUM('x','y') CHARACTER SET latin1 NOT NULL DEFAULT 'x'",
    "nn VARCHAR(5) NOT NULL DEFAULT ''",
  ],
  rows: [
    "('a\\\\b', 'a\\\\b,c''d', _armscii8 X'A2B3', _keybcs2 X'8182', 7, 'y', 'v')",
    "('tab\\there', '', _armscii8 X'', _keybcs2 X'20', -1, 'x', '')",
    "('nl\\nx', 'x', 'plain', 'ab  ', NULL, 'y', 'z')",
    "('zero\\0x', 'c''d,x', NULL, NULL, 0, 'x', 'w')",
    "('ü', NULL, _armscii8 X'FF', _keybcs2 X'FE', 1, 'y', 'ü')",
    "(NULL, 'a\\\\b', NULL, NULL, NULL, 'x', '')",
  ],
}

export const ODD_STATEMENTS = [
  'CREATE TABLE k_prefix (name VARCHAR(50) NOT NULL, x INT NOT NULL, note TEXT, PRIMARY KEY (name(10), x))',
  "INSERT INTO k_prefix VALUES ('alpha', 1, 'first'), ('beta', 2, NULL)",
  'CREATE TABLE k_none (a INT, b VARCHAR(10), c DOUBLE)',
  "INSERT INTO k_none VALUES (1, 'x', -0.0), (1, 'x', -0.0), (2, NULL, 1.5), (3, 'z', 2.5)",
  'DELETE FROM k_none WHERE a = 3',
]

/**
 * MariaDB's UUID, INET6 and INET4: the binlog carries them as BINARY(16) / BINARY(4), SELECT
 * prints their text form; the snapshot selects their bytes.
 */
export const MARIADB_FIXED_BINARY = [
  'CREATE TABLE k_fixed_binary (id INT PRIMARY KEY, u UUID, i6 INET6 NOT NULL, i4 INET4)',
  "INSERT INTO k_fixed_binary VALUES (1, '123e4567-e89b-12d3-a456-426655440000', '::1', '1.2.3.4'), (2, UUID(), '::ffff:10.0.0.1', NULL), (3, NULL, '2001:db8::1', '255.255.255.255')",
]
