// Tables with one column per type of a family and rows of edge values (minimums, maximums, zero
// and partial-zero dates, negative times and decimals, multibyte text, NULL), used to check the
// decoder against the server's own SELECT. Each table also gets `id INT PRIMARY KEY` first.

import type { Flavor } from '../../../src/binlog/index.ts'

export interface TypeFamily {
  name: string
  columns: string[]
  /** VALUES tuples without the id. */
  rows: string[]
  only?: Flavor
}

const nulls = (n: number) => `(${Array(n).fill('NULL').join(', ')})`

const SET64 = Array.from({ length: 64 }, (_, i) => `'m${i}'`).join(',')
const ENUM300 = Array.from({ length: 300 }, (_, i) => `'e${i}'`).join(',')

export const FAMILIES: TypeFamily[] = [
  {
    name: 'integers',
    columns: [
      'ti TINYINT',
      'tu TINYINT UNSIGNED',
      'si SMALLINT',
      'su SMALLINT UNSIGNED',
      'mi MEDIUMINT',
      'mu MEDIUMINT UNSIGNED',
      'i INT',
      'iu INT UNSIGNED',
      'bi BIGINT',
      'bu BIGINT UNSIGNED',
      'b1 TINYINT(1)',
    ],
    rows: [
      '(-128, 0, -32768, 0, -8388608, 0, -2147483648, 0, -9223372036854775808, 0, 0)',
      '(127, 255, 32767, 65535, 8388607, 16777215, 2147483647, 4294967295, 9223372036854775807, 18446744073709551615, 1)',
      '(-1, 1, -1, 1, -1, 1, -1, 1, -1, 9007199254740993, -1)',
      '(0, 128, 0, 32768, 0, 8388608, 0, 2147483648, 0, 9223372036854775808, 127)',
      nulls(11),
    ],
  },
  {
    name: 'decimals',
    columns: [
      'd65 DECIMAL(65,30)',
      'd10 DECIMAL(10,2)',
      'd5 DECIMAL(5,0)',
      'd18 DECIMAL(18,9)',
      'd9 DECIMAL(9,9)',
      'd20 DECIMAL(20,0)',
      'n30 NUMERIC(30,10)',
      'd1 DECIMAL(1,0)',
    ],
    rows: [
      "('99999999999999999999999999999999999.999999999999999999999999999999', 99999999.99, 99999, 999999999.999999999, 0.999999999, 99999999999999999999, 99999999999999999999.9999999999, 9)",
      "('-99999999999999999999999999999999999.999999999999999999999999999999', -99999999.99, -99999, -999999999.999999999, -0.999999999, -99999999999999999999, -99999999999999999999.9999999999, -9)",
      '(0, 0, 0, 0, 0, 0, 0, 0)',
      "('-0.000000000000000000000000000001', -0.01, -1, 0.000000001, -0.000000001, 1, 1234567890.0123456789, 1)",
      "('12345678901234567890.123456789012345678901234567890', 100.5, 10000, -100000000.100000001, 0.100000000, 10000000000000000000, -0.0000000001, 0)",
      nulls(8),
    ],
  },
  {
    name: 'floats',
    columns: ['f FLOAT', 'd DOUBLE', 'fu FLOAT UNSIGNED', 'r REAL'],
    rows: [
      '(3.14159, 3.141592653589793, 0, 2.718281828459045)',
      '(-3.4028234e38, -1.7976931348623157e308, 3.4028234e38, 1.7976931348623157e308)',
      '(1.17549435e-38, 2.2250738585072014e-308, 1e-45, 5e-324)',
      '(0.1, 0.1, 100.25, -0.0)',
      '(16777217, 9007199254740993, 1, -1e-300)',
      nulls(4),
    ],
  },
  {
    name: 'bits',
    columns: ['b1 BIT(1)', 'b7 BIT(7)', 'b8 BIT(8)', 'b17 BIT(17)', 'b33 BIT(33)', 'b64 BIT(64)'],
    rows: [
      "(b'0', b'0', b'0', b'0', b'0', b'0')",
      `(b'1', b'1111111', 255, ${2 ** 17 - 1}, ${2 ** 33 - 1}, 18446744073709551615)`,
      "(b'1', b'1010101', 128, 65536, 4294967296, 9223372036854775808)",
      "(b'0', 1, 1, 1, 1, 1)",
      nulls(6),
    ],
  },
  {
    name: 'temporal',
    columns: [
      'd DATE',
      'dt0 DATETIME',
      'dt1 DATETIME(1)',
      'dt3 DATETIME(3)',
      'dt6 DATETIME(6)',
      'ts0 TIMESTAMP NULL',
      'ts2 TIMESTAMP(2) NULL',
      'ts5 TIMESTAMP(5) NULL',
      'ts6 TIMESTAMP(6) NULL',
      't0 TIME',
      't1 TIME(1)',
      't2 TIME(2)',
      't3 TIME(3)',
      't4 TIME(4)',
      't5 TIME(5)',
      't6 TIME(6)',
      'y YEAR',
    ],
    rows: [
      "('1000-01-01', '1000-01-01 00:00:00', '1000-01-01 00:00:00.0', '1000-01-01 00:00:00.000', '1000-01-01 00:00:00.000000', '1970-01-01 00:00:01', '1970-01-01 00:00:01.01', '1970-01-01 00:00:01.00001', '1970-01-01 00:00:01.000001', '-838:59:59', '-838:59:59.9', '-838:59:59.99', '-838:59:59.999', '-838:59:59.9999', '-838:59:59.99999', '-838:59:59.999999', 1901)",
      "('9999-12-31', '9999-12-31 23:59:59', '9999-12-31 23:59:59.9', '9999-12-31 23:59:59.999', '9999-12-31 23:59:59.999999', '2038-01-19 03:14:07', '2038-01-19 03:14:07.99', '2038-01-19 03:14:07.99999', '2038-01-19 03:14:07.999999', '838:59:59', '838:59:59.9', '838:59:59.99', '838:59:59.999', '838:59:59.9999', '838:59:59.99999', '838:59:59.999999', 2155)",
      "('0000-00-00', '0000-00-00 00:00:00', '0000-00-00 00:00:00.0', '0000-00-00 00:00:00.000', '0000-00-00 00:00:00.000000', '0000-00-00 00:00:00', '0000-00-00 00:00:00.00', '0000-00-00 00:00:00.00000', '0000-00-00 00:00:00.000000', '00:00:00', '-00:00:00.1', '-00:00:00.01', '-00:00:00.001', '-00:00:00.0001', '-00:00:00.00001', '-00:00:00.000001', 0)",
      "('2020-00-00', '2020-02-00 10:00:00', '2024-02-29 12:34:56.7', '2024-02-29 12:34:56.789', '2024-02-29 12:34:56.789012', '2024-02-29 12:34:56', '2024-02-29 12:34:56.78', '2024-02-29 12:34:56.78901', '2024-02-29 12:34:56.789012', '-01:02:03', '-12:34:56.5', '-00:00:01.01', '-23:59:59.999', '-00:00:01.0001', '-100:00:00.00001', '-00:59:59.000001', 2000)",
      "('1969-07-20', '1901-12-13 20:45:52', '1999-12-31 23:59:59.5', '2000-01-01 00:00:00.001', '1969-07-20 20:17:40.000001', '2001-09-09 01:46:40', '2001-09-09 01:46:40.5', '2001-09-09 01:46:40.00005', '2001-09-09 01:46:40.123456', '12:00:00', '00:00:00.5', '-00:00:00.50', '00:00:01.001', '00:00:00.0001', '01:00:00.00001', '00:00:00.000001', 1970)",
      nulls(17),
    ],
  },
  {
    name: 'strings',
    columns: [
      'c CHAR(10)',
      'vc VARCHAR(300)',
      'c255 CHAR(255)',
      'mb3 VARCHAR(50) CHARACTER SET utf8mb3',
      'l1 VARCHAR(50) CHARACTER SET latin1',
      'l1c CHAR(5) CHARACTER SET latin1',
      'u2 VARCHAR(20) CHARACTER SET ucs2',
      'u16 VARCHAR(20) CHARACTER SET utf16',
      'u16le VARCHAR(20) CHARACTER SET utf16le',
      'u32 VARCHAR(20) CHARACTER SET utf32',
      'asc1 VARCHAR(20) CHARACTER SET ascii',
      'cp VARCHAR(20) CHARACTER SET cp1251',
      'sj VARCHAR(20) CHARACTER SET sjis',
      'gb VARCHAR(20) CHARACTER SET gbk',
      'cbin CHAR(5) COLLATE utf8mb4_bin',
      'tt TINYTEXT',
      'tx TEXT',
      'mt MEDIUMTEXT',
      'lt LONGTEXT',
      'tl1 TEXT CHARACTER SET latin1',
    ],
    rows: [
      "('abc', 'a  ', 'x', 'ü日本', '€éÿ', 'é', 'ü€', '😀a', '😀b', '😀c', 'plain', 'Привет', '日本語', '中文', 'AbC', '', 'text', 'm', 'l', 'Ä')",
      "('😀ü日本語', REPEAT('é', 300), REPEAT('😀', 255), '', '', '', '', '', '', '', '', '', '', '', '', REPEAT('x', 255), REPEAT('t', 65535), REPEAT('😀', 70000), REPEAT('long', 100000), REPEAT('ÿ', 1000))",
      "('  lead', 'tab\\there\\nnewline', 'quote''s \"dq\" \\\\', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'p', 'q')",
      nulls(20),
    ],
  },
  {
    name: 'binaries',
    columns: [
      'bn BINARY(4)',
      'bn1 BINARY(1)',
      'vb VARBINARY(300)',
      'tb TINYBLOB',
      'bl BLOB',
      'mb MEDIUMBLOB',
      'lb LONGBLOB',
      'cb CHAR(4) CHARACTER SET binary',
    ],
    rows: [
      "(x'01020304', x'ff', x'00', x'', x'00ff00', x'', x'', 'ab')",
      "(x'01020000', x'00', x'0000', x'00', REPEAT(x'fe', 65535), REPEAT(x'00ff', 100000), REPEAT(x'abcdef', 200000), 'a')",
      "('', '', '', '', '', '', '', '')",
      "(x'00000000', x'01', x'ffffffffff', x'7f', x'00', x'01', x'02', x'00000001')",
      nulls(8),
    ],
  },
  {
    name: 'enums_sets',
    columns: [
      "e ENUM('a','b,c','it''s','sp ace','ü日本','(x)','\"q\"','')",
      "s SET('x','y','z','it''s','ü')",
      `s64 SET(${SET64})`,
      `e300 ENUM(${ENUM300})`,
      "el1 ENUM('é','ß') CHARACTER SET latin1",
    ],
    rows: [
      "('a', 'x', 'm0', 'e0', 'é')",
      "('b,c', 'x,z', 'm63', 'e299', 'ß')",
      "('it''s', 'it''s,ü', 'm0,m1,m31,m32,m62,m63', 'e255', 'é')",
      "('sp ace', '', '', 'e256', 'ß')",
      "('ü日本', 'x,y,z,it''s,ü', 'm7,m8,m15,m16,m23,m24,m39,m40,m47,m48,m55,m56', 'e1', 'é')",
      "('(x)', 'y', 'm33', 'e128', 'ß')",
      "('\"q\"', 'z', 'm1', 'e2', 'é')",
      "('', 'x', 'm2', 'e3', 'é')",
      nulls(5),
    ],
  },
  {
    name: 'json',
    only: 'mysql',
    columns: ['j JSON', 'j2 JSON'],
    rows: [
      `('{"a": 1, "b": [true, false, null], "c": {"d": "e"}}', '[]')`,
      `('{}', '"string"')`,
      `('1.5', '-9223372036854775808')`,
      `('18446744073709551615', '3.14e300')`,
      `('null', '"😀\\\\n\\\\t\\\\u0000\\\\"\\\\\\\\"')`,
      `(CONCAT('[', REPEAT('"abcdefghij",', 8000), '1]'), JSON_OBJECT('dec', CAST(1.50 AS DECIMAL(5,2)), 'neg', CAST(-0.001 AS DECIMAL(10,3)), 't', CAST('-01:02:03.5' AS TIME(1)), 'dt', CAST('2020-01-02 03:04:05.123456' AS DATETIME(6)), 'd', CAST('2020-01-02' AS DATE)))`,
      `(JSON_ARRAY(1, -1, 32767, -32768, 65535, 2147483647, -2147483648, 4294967295, 0.5, -1e-7, 'x', JSON_OBJECT()), CAST(x'00ff' AS JSON))`,
      `(JSON_OBJECT('k', REPEAT('v', 20000), 'üñí', JSON_ARRAY(JSON_OBJECT('deep', JSON_ARRAY(JSON_ARRAY(JSON_ARRAY(1)))))), '0')`,
      nulls(2),
    ],
  },
  {
    name: 'json_text',
    only: 'mariadb',
    columns: ['j JSON', 'j2 LONGTEXT'],
    rows: [`('{"a": 1, "b": [true, false, null]}', '[]')`, `('{"😀": "\\\\u0000"}', REPEAT('{}', 1000))`, nulls(2)],
  },
  {
    // MariaDB COMPRESSED columns: zlib above column_compression_threshold (100 bytes), stored as
    // they are below it or when they do not compress; a plain column after them checks that the
    // charset metadata counts them.
    name: 'compressed',
    only: 'mariadb',
    columns: [
      'v VARCHAR(300) COMPRESSED',
      's VARCHAR(20) COMPRESSED CHARACTER SET latin1',
      'vb VARBINARY(400) COMPRESSED',
      't TEXT COMPRESSED',
      'tt TINYTEXT COMPRESSED',
      'b BLOB COMPRESSED',
      'mt MEDIUMTEXT COMPRESSED CHARACTER SET utf8mb4',
      'lb LONGBLOB COMPRESSED',
      'plain VARCHAR(10) CHARACTER SET latin1',
    ],
    rows: [
      "(REPEAT('héllo wörld ', 20), 'été', REPEAT(x'00ff', 150), REPEAT('日本語', 500), REPEAT('z', 200), REPEAT(x'01', 5000), REPEAT('😀', 20000), REPEAT('ab', 50000), 'é')",
      "('short', 'a', x'00', '', '', x'', 'x', x'', '')",
      "('', '', x'', 'ü', 'tiny', RANDOM_BYTES(1000), '', x'ff', 'z')",
      nulls(9),
    ],
  },
  {
    name: 'geometry',
    columns: ['g GEOMETRY', 'p POINT', 'pl POLYGON', 'ls LINESTRING', 'gc GEOMETRYCOLLECTION'],
    rows: [
      "(ST_GeomFromText('POINT(1 2)'), ST_GeomFromText('POINT(-1.5 1e10)'), ST_GeomFromText('POLYGON((0 0,10 0,10 10,0 10,0 0),(1 1,2 1,2 2,1 1))'), ST_GeomFromText('LINESTRING(0 0,1 1,2 0)'), ST_GeomFromText('GEOMETRYCOLLECTION(POINT(1 1),LINESTRING(0 0,1 1))'))",
      "(ST_GeomFromText('MULTIPOINT((1 1),(2 2))'), ST_GeomFromText('POINT(0 0)'), ST_GeomFromText('POLYGON((0 0,1 0,1 1,0 0))'), ST_GeomFromText('LINESTRING(5 5,6 6)'), ST_GeomFromText('GEOMETRYCOLLECTION(POINT(2 2))'))",
      nulls(5),
    ],
  },
  {
    // MariaDB counts GEOMETRY among the columns with a collation, MySQL does not.
    name: 'geometry_text',
    columns: ['g POINT', 's VARCHAR(10)', 'l VARCHAR(10) CHARACTER SET latin1', "e ENUM('a','é')", 'g2 GEOMETRY', 't TEXT'],
    rows: ["(ST_GeomFromText('POINT(1 1)'), 'x', 'é', 'é', ST_GeomFromText('POINT(2 2)'), 'text')", nulls(6)],
  },
  {
    name: 'geometry_srid',
    only: 'mysql',
    columns: ['p POINT SRID 4326', 'g GEOMETRY SRID 3857'],
    rows: ["(ST_GeomFromText('POINT(45 90)', 4326), ST_GeomFromText('POINT(100 200)', 3857))", nulls(2)],
  },
  {
    name: 'vectors',
    only: 'mysql',
    columns: ['v VECTOR(3)', 'v1 VECTOR(1)'],
    rows: [
      "(STRING_TO_VECTOR('[1.5, -2, 3.25]'), STRING_TO_VECTOR('[0]'))",
      "(STRING_TO_VECTOR('[3.4e38, -1e-30, 0.1]'), STRING_TO_VECTOR('[-0.5]'))",
      nulls(2),
    ],
  },
]

export function familiesFor(flavor: Flavor): TypeFamily[] {
  return FAMILIES.filter((f) => !f.only || f.only === flavor)
}
