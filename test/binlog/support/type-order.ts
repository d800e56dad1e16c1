// Tables in which a "leading" type family (YEAR, BIT, ENUM, JSON, …) comes before every numeric
// and every character type. TABLE_MAP describes signedness and charsets as lists over "the numeric
// columns" and "the character columns", so a decoder that counts one leading column differently
// from the server gives every column after it its neighbour's flag or collation (issue 11).
// Signed and unsigned columns alternate and the charsets all differ, so that any shift shows.

import type { Flavor } from '../../../src/binlog/index.ts'

export interface OrderColumn {
  /** Column definition without the name, e.g. `SMALLINT UNSIGNED`. */
  type: string
  /** Three SQL literals for rows 1-3; row 4 is all NULL. */
  values: [string, string, string]
}

export interface OrderFamily {
  name: string
  columns: OrderColumn[]
  only?: Flavor
}

export interface OrderTable {
  name: string
  /** Column name → definition, in table order; the key `id INT` comes last. */
  columns: [string, OrderColumn][]
}

const col = (type: string, ...values: [string, string, string]): OrderColumn => ({ type, values })

export const LEADING: OrderFamily[] = [
  { name: 'year', columns: [col('YEAR', '1901', '2155', '0'), col('YEAR', '2024', '1970', '2000')] },
  {
    name: 'bit',
    columns: [
      col('BIT(1)', "b'1'", "b'0'", "b'1'"),
      col('BIT(12)', '4095', '0', '2048'),
      col('BIT(64)', '18446744073709551615', '0', '9223372036854775808'),
    ],
  },
  {
    name: 'enum',
    columns: [col("ENUM('a','b','ü')", "'ü'", "'a'", "'b'"), col("ENUM('x','é') CHARACTER SET latin1", "'é'", "'x'", "'é'")],
  },
  {
    name: 'set',
    columns: [col("SET('a','b','c')", "'a,c'", "''", "'a,b,c'"), col("SET('x','ü') CHARACTER SET utf8mb3", "'ü'", "'x,ü'", "''")],
  },
  { name: 'json', columns: [col('JSON', `'{"a": [1, -1, 18446744073709551615], "ü": "😀"}'`, `'"text"'`, `'[]'`)] },
  {
    name: 'geometry',
    columns: [
      col(
        'GEOMETRY',
        "ST_GeomFromText('POLYGON((0 0,3 0,3 3,0 0))')",
        "ST_GeomFromText('POINT(-1.5 2)')",
        "ST_GeomFromText('LINESTRING(0 0,1 1)')",
      ),
      col('POINT', "ST_GeomFromText('POINT(1 2)')", "ST_GeomFromText('POINT(-180 90)')", "ST_GeomFromText('POINT(0 0)')"),
    ],
  },
  {
    name: 'vector',
    only: 'mysql',
    columns: [col('VECTOR(2)', "STRING_TO_VECTOR('[1.5,-2]')", "STRING_TO_VECTOR('[3.4e38,0]')", "STRING_TO_VECTOR('[-0.5,1e-30]')")],
  },
  {
    name: 'mariadb_binary',
    only: 'mariadb',
    columns: [
      col(
        'UUID',
        "'123e4567-e89b-12d3-a456-426655440000'",
        "'ffffffff-ffff-ffff-ffff-ffffffffffff'",
        "'00000000-0000-0000-0000-000000000001'",
      ),
      col('INET6', "'2001:db8::1'", "'::ffff:10.0.0.1'", "'::'"),
      col('INET4', "'192.168.1.1'", "'255.255.255.255'", "'0.0.0.0'"),
    ],
  },
  {
    name: 'temporal',
    columns: [
      col('TIME', "'-838:59:59'", "'838:59:59'", "'00:00:00'"),
      col('TIME(3)', "'-01:02:03.5'", "'23:59:59.999'", "'00:00:00.001'"),
      col('DATETIME', "'1000-01-01 00:00:00'", "'9999-12-31 23:59:59'", "'2024-02-29 12:00:00'"),
      col('DATETIME(6)', "'1970-01-01 00:00:00.000001'", "'2299-12-31 23:59:59.999999'", "'2024-02-29 12:34:56.5'"),
      col('TIMESTAMP NULL', "'1970-01-01 00:00:01'", "'2038-01-19 03:14:07'", "'2001-09-09 01:46:40'"),
      col('TIMESTAMP(2) NULL', "'2000-01-01 00:00:00.01'", "'2038-01-19 03:14:07.99'", "'2024-06-30 23:59:59.5'"),
      col('DATE', "'1900-01-01'", "'2299-12-31'", "'2024-02-29'"),
    ],
  },
  {
    name: 'decimal',
    columns: [
      col('DECIMAL(5,2)', '-999.99', '999.99', '-0.01'),
      col('DECIMAL(20,10) UNSIGNED', '0', '9999999999.9999999999', '0.0000000001'),
    ],
  },
  {
    name: 'float_unsigned',
    columns: [col('FLOAT UNSIGNED', '0', '3.40282e38', '1.5'), col('DOUBLE UNSIGNED', '1.7976931348623157e308', '0', '0.1')],
  },
  {
    name: 'text_blob',
    columns: [
      col('TEXT', "'ü😀'", "REPEAT('t', 65535)", "''"),
      col('BLOB', "x'00ff'", "REPEAT(x'fe', 1000)", "x''"),
      col('MEDIUMTEXT CHARACTER SET latin1', "'é'", "REPEAT('ÿ', 70000)", "''"),
      col('LONGBLOB', "x'01'", "REPEAT(x'00ff', 40000)", "x''"),
      col('TINYTEXT CHARACTER SET utf8mb3', "'日本'", "REPEAT('ü', 127)", "''"),
    ],
  },
  {
    name: 'chars',
    columns: [
      col('CHAR(3) CHARACTER SET latin1', "'é'", "'ÿÿÿ'", "''"),
      col('VARCHAR(10) CHARACTER SET utf8mb3', "'ü日'", "REPEAT('日', 10)", "''"),
      col('BINARY(3)', "x'00ff00'", "x'ffffff'", "x''"),
      col('VARBINARY(5)', "x'00'", "x'0102030405'", "x''"),
      col('VARCHAR(5) CHARACTER SET ascii', "'abc'", "'zzzzz'", "''"),
      col('CHAR(2) COLLATE utf8mb4_bin', "'😀'", "'😀😀'", "''"),
    ],
  },
  { name: 'unsigned_first', columns: [col('TINYINT UNSIGNED', '255', '0', '1'), col('BIGINT UNSIGNED', '18446744073709551615', '0', '1')] },
]

/** Every numeric type, signed and unsigned alternating, with -1, minimums and maximums. */
export const NUMERIC: OrderColumn[] = [
  col('TINYINT', '-128', '127', '-1'),
  col('TINYINT UNSIGNED', '0', '255', '1'),
  col('SMALLINT', '-32768', '32767', '-1'),
  col('SMALLINT UNSIGNED', '0', '65535', '1'),
  col('MEDIUMINT', '-8388608', '8388607', '-1'),
  col('MEDIUMINT UNSIGNED', '0', '16777215', '1'),
  col('INT', '-2147483648', '2147483647', '-1'),
  col('INT UNSIGNED', '0', '4294967295', '1'),
  col('BIGINT', '-9223372036854775808', '9223372036854775807', '-1'),
  col('BIGINT UNSIGNED', '0', '18446744073709551615', '1'),
  col('DECIMAL(12,4)', '-99999999.9999', '99999999.9999', '-0.0001'),
  col('DECIMAL(12,4) UNSIGNED', '0', '99999999.9999', '0.0001'),
  col('FLOAT', '-3.40282e38', '3.40282e38', '-1.5'),
  col('FLOAT UNSIGNED', '0', '3.40282e38', '1.5'),
  col('DOUBLE', '-1.7976931348623157e308', '1.7976931348623157e308', '-0.1'),
  col('DOUBLE UNSIGNED', '0', '1.7976931348623157e308', '0.1'),
]

/** Character types in as many charsets as columns (TABLE_MAP then sends one collation per column). */
export const MIXED_CHARACTER: OrderColumn[] = [
  col('CHAR(4) CHARACTER SET latin1', "'é'", "'ÿÿÿÿ'", "''"),
  col('VARCHAR(20)', "'😀ü'", "REPEAT('😀', 20)", "''"),
  col('VARCHAR(20) CHARACTER SET utf8mb3', "'ü日'", "REPEAT('日', 20)", "''"),
  col('VARBINARY(8)', "x'00ff'", "x'ffffffffffffffff'", "x''"),
  col('VARCHAR(10) CHARACTER SET latin1 COLLATE latin1_bin', "'Ä'", "REPEAT('é', 10)", "''"),
  col('CHAR(3) COLLATE utf8mb4_bin', "'a😀'", "'😀😀😀'", "''"),
  col('BINARY(2)', "x'0001'", "x'ffff'", "x''"),
  col('TEXT CHARACTER SET latin1', "'ÿé'", "REPEAT('é', 1000)", "''"),
  col('MEDIUMTEXT CHARACTER SET utf8mb3', "'日本'", "REPEAT('ü', 5000)", "''"),
  col('BLOB', "x'ff00'", "REPEAT(x'00', 3000)", "x''"),
  col("ENUM('a','é') CHARACTER SET latin1", "'é'", "'a'", "'é'"),
  col("SET('x','ü','日') CHARACTER SET utf8mb3", "'ü,日'", "'x,ü,日'", "''"),
  col("ENUM('p','q')", "'p'", "'q'", "'q'"),
]

/** Mostly the database's utf8mb4 with a few exceptions (TABLE_MAP then sends a default and the exceptions). */
export const UNIFORM_CHARACTER: OrderColumn[] = [
  col('VARCHAR(10)', "'😀'", "REPEAT('ü', 10)", "''"),
  col('TEXT', "'日本語'", "REPEAT('😀', 300)", "''"),
  col('CHAR(2) CHARACTER SET latin1', "'é'", "'ÿÿ'", "''"),
  col('CHAR(5)', "'abc'", "'😀😀😀😀😀'", "''"),
  col('TINYTEXT', "'t'", "REPEAT('t', 63)", "''"),
  col('VARCHAR(3) CHARACTER SET utf8mb3', "'ü'", "'日日日'", "''"),
  col('MEDIUMTEXT', "'m'", "REPEAT('m', 500)", "''"),
  col("ENUM('u','日')", "'日'", "'u'", "'日'"),
  col("SET('s','é') CHARACTER SET latin1", "'é'", "'s,é'", "''"),
  col("SET('v','w')", "'v,w'", "''", "'w'"),
]

function named(prefix: string, cols: OrderColumn[]): [string, OrderColumn][] {
  return cols.map((c, i) => [`${prefix}${i + 1}`, c])
}

// Its values are set by insertStatement.
const KEY: [string, OrderColumn] = ['id', col('INT NOT NULL', '', '', '')]

/**
 * Per leading family two tables: the family, then numbers (signed first), then characters in mixed
 * charsets; and the family, then mostly-default characters, then numbers (unsigned first). One
 * more table interleaves every leading column with numeric and character ones.
 */
export function orderTables(flavor: Flavor): OrderTable[] {
  const families = LEADING.filter((f) => !f.only || f.only === flavor)
  const out: OrderTable[] = []
  const reversed = [...NUMERIC].reverse()
  for (const f of families) {
    const lead = named('l', f.columns)
    out.push({ name: `o_${f.name}_a`, columns: [...lead, ...named('n', NUMERIC), ...named('c', MIXED_CHARACTER), KEY] })
    out.push({ name: `o_${f.name}_b`, columns: [...lead, ...named('c', UNIFORM_CHARACTER), ...named('n', reversed), KEY] })
  }
  const leading = families.flatMap((f) => f.columns)
  const others = [...NUMERIC, ...MIXED_CHARACTER]
  const mixed: OrderColumn[] = leading.flatMap((c, i) => [c, others[i % others.length]])
  out.push({ name: 'o_interleaved', columns: [...named('x', mixed), KEY] })
  return out
}

export function createStatement(t: OrderTable): string {
  return `CREATE TABLE ${t.name} (${t.columns.map(([n, c]) => `${n} ${c.type}`).join(', ')}, PRIMARY KEY (id))`
}

/** The three rows of the table's values and a row of NULLs, keyed `firstId` to `firstId + 3`. */
export function insertStatement(t: OrderTable, firstId = 1): string {
  const rows = [0, 1, 2, 3].map(
    (r) => `(${t.columns.map(([n, c]) => (n === 'id' ? String(firstId + r) : r === 3 ? 'NULL' : c.values[r])).join(', ')})`,
  )
  return `INSERT INTO ${t.name} VALUES ${rows.join(', ')}`
}
