// The type mapping as data, for the README and `chsync check`: one row per source type.

export interface TypeMappingRow {
  source: string
  clickhouse: string
  notes: string
}

/** Every source type and what it becomes. A NULL-able column gets Nullable(...) unless said otherwise. */
export const TYPE_MAPPING_DOC: readonly TypeMappingRow[] = [
  {
    source: 'TINYINT / TINYINT UNSIGNED',
    clickhouse: 'Int8 / UInt8',
    notes: 'TINYINT(1) stays a number; override Bool to get true/false (any non-zero value is true).',
  },
  { source: 'SMALLINT / SMALLINT UNSIGNED', clickhouse: 'Int16 / UInt16', notes: '' },
  { source: 'MEDIUMINT / MEDIUMINT UNSIGNED', clickhouse: 'Int32 / UInt32', notes: '' },
  { source: 'INT / INT UNSIGNED', clickhouse: 'Int32 / UInt32', notes: '' },
  { source: 'BIGINT / BIGINT UNSIGNED', clickhouse: 'Int64 / UInt64', notes: 'Exact to 18446744073709551615.' },
  { source: 'FLOAT', clickhouse: 'Float32', notes: 'The stored float32 value, bit for bit.' },
  { source: 'DOUBLE, REAL', clickhouse: 'Float64', notes: '' },
  {
    source: 'DECIMAL(p,s), NUMERIC(p,s)',
    clickhouse: 'Decimal(p, s)',
    notes: 'Exact: written from the decimal text as a scaled integer (Decimal32/64/128/256 by p).',
  },
  { source: 'YEAR', clickhouse: 'UInt16', notes: 'YEAR 0000 is 0.' },
  { source: 'BIT(n)', clickhouse: 'UInt64', notes: 'The bits as an unsigned number; override Bool for BIT(1).' },
  {
    source: 'DATE',
    clickhouse: 'Date32',
    notes: 'Clamped to 1900-01-01..2299-12-31; zero, partial-zero and invalid dates become 1900-01-01 (counted).',
  },
  {
    source: 'DATETIME(fsp)',
    clickhouse: "DateTime64(fsp, 'UTC')",
    notes:
      'The wall-clock value stored as if it were UTC, so it reads back identical. Clamped like DATE, to 1900-01-01 00:00:00..2299-12-31 23:59:59.999999 (counted).',
  },
  {
    source: 'TIMESTAMP(fsp)',
    clickhouse: "DateTime64(fsp, 'UTC')",
    notes: 'The instant. The zero timestamp becomes 1900-01-01 00:00:00 (counted).',
  },
  {
    source: 'TIME(fsp)',
    clickhouse: 'Time64(fsp)',
    notes:
      'Negative and over-24-hour values included (-838:59:59 .. 838:59:59). ClickHouse before 25.6 has no Time64: there (or with target.time_type = "String") String, the text SELECT prints (-838:59:59.000000); a table keeps the type it was made with.',
  },
  {
    source: 'CHAR, VARCHAR, TINYTEXT … LONGTEXT',
    clickhouse: 'String',
    notes:
      'UTF-8. Text in a charset chsync cannot decode (armscii8, geostd8, dec8, hp8, keybcs2, swe7, cp850, cp852, macce) is written as its bytes.',
  },
  {
    source: 'BINARY, VARBINARY, TINYBLOB … LONGBLOB',
    clickhouse: 'String',
    notes: 'The bytes; BINARY(n) padded with 0x00 to n bytes, as SELECT returns it.',
  },
  {
    source: 'MariaDB COMPRESSED columns (VARCHAR, TEXT, BLOB … COMPRESSED)',
    clickhouse: 'String',
    notes: 'Uncompressed (zlib, as MariaDB stores them), then as the same column without COMPRESSED.',
  },
  { source: 'UUID (MariaDB)', clickhouse: 'UUID', notes: 'The same 128 bits; reads back as the text SELECT prints.' },
  { source: 'INET6, INET4 (MariaDB)', clickhouse: 'IPv6, IPv4', notes: 'The address, 16 / 4 bytes in network order.' },
  {
    source: 'ENUM',
    clickhouse: 'LowCardinality(String)',
    notes: "The label ('' for the invalid value 0). NULL-able: LowCardinality(Nullable(String)).",
  },
  {
    source: 'SET',
    clickhouse: 'Array(LowCardinality(String))',
    notes: 'The member labels in definition order. ClickHouse has no Nullable(Array): NULL becomes [], like the empty set.',
  },
  {
    source: 'JSON (MySQL)',
    clickhouse: 'String (or JSON)',
    notes:
      'MySQL\'s text of the document, as SELECT prints it. With json_type = "JSON": ClickHouse\'s JSON type, for object documents only (ClickHouse reorders keys; a non-object document is an error).',
  },
  {
    source: 'JSON (MariaDB)',
    clickhouse: 'String',
    notes: 'MariaDB keeps JSON as LONGTEXT; the binlog cannot tell it apart. A per-column override to JSON is accepted.',
  },
  {
    source: 'GEOMETRY, POINT, LINESTRING, POLYGON, MULTI…, GEOMETRYCOLLECTION',
    clickhouse: 'String',
    notes:
      "WKT as MySQL's ST_AsText prints it, coordinates as the shortest round-trip decimal; `SRID=n;` prefix (EWKT) when the SRID is not 0. Coordinates in storage order: longitude latitude for geographic SRSs, as ST_AsText(g, 'axis-order=long-lat').",
  },
  { source: 'VECTOR(n) (MySQL 9)', clickhouse: 'Array(Float32)', notes: 'NULL becomes [] (a VECTOR is never empty, so [] means NULL).' },
]

/** Overrides a column may be given (`[target.types]` in the configuration), by source type. */
export const OVERRIDE_DOC: readonly TypeMappingRow[] = [
  {
    source: 'any column',
    clickhouse: 'String, LowCardinality(String)',
    notes:
      'Numbers in their shortest round-trip form, dates and times as SELECT prints them (zero dates kept), SET as a,b, VECTOR as [x,y].',
  },
  {
    source: 'integers, YEAR, BIT(n)',
    clickhouse: 'Int8 … Int256, UInt8 … UInt256',
    notes: 'When the type holds every value of the column (Int64 for anything but BIGINT UNSIGNED and BIT(64)).',
  },
  { source: 'TINYINT, BIT(1)', clickhouse: 'Bool', notes: 'Any non-zero value is true.' },
  { source: 'FLOAT; integers up to 24 / 53 bits; DOUBLE', clickhouse: 'Float32, Float64', notes: 'When every value is exact.' },
  { source: 'DECIMAL(p,s)', clickhouse: 'Decimal(P, S)', notes: 'S >= s and P - S >= p - s.' },
  {
    source: 'DATETIME(fsp), TIMESTAMP(fsp)',
    clickhouse: "DateTime64(P[, 'tz'])",
    notes: 'P >= fsp. Another time zone only changes how the value is shown.',
  },
  { source: 'TIME(fsp)', clickhouse: 'Time64(P)', notes: 'P >= fsp.' },
  { source: 'SET', clickhouse: 'Array(String)', notes: '' },
  { source: 'JSON, text columns', clickhouse: 'JSON', notes: 'Object documents only. ClickHouse 25.3 or newer.' },
]
