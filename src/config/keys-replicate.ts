// The [replicate] and [snapshot] keys: what is copied, and how the initial copy is made.

import { columnChoices, patterns } from './collections.ts'
import { filePath } from './paths.ts'
import { MASK_KINDS } from './types.ts'
import { key } from './key-spec.ts'
import { integer, oneOf } from './scalars.ts'

export const REPLICATE = {
  databases: key(
    'replicate.databases',
    patterns({ nonEmpty: true }),
    ['*'],
    'Source databases to replicate, as globs (* any run of characters, ? one character). The system schemas (mysql, sys, information_schema, performance_schema) only when named exactly. In env: comma-separated.',
  ),
  tables: key(
    'replicate.tables',
    patterns({ nonEmpty: true }),
    ['*'],
    'Tables to replicate in those databases: globs on "table", or on "db.table" when the pattern has a dot.',
  ),
  excludeTables: key(
    'replicate.exclude_tables',
    patterns(),
    [],
    'Tables never replicated: globs on "db.table" (a pattern without a dot matches the table name in any database).',
  ),
  excludeColumns: key(
    'replicate.exclude_columns',
    patterns(),
    [],
    'Columns that never leave chsync (not in ClickHouse, the change feed or verify): globs on "db.table.column", "table.column" (any database) or "column" (every table); column names match in any case. A primary key column cannot be left out.',
  ),
  mask: key(
    'replicate.mask',
    columnChoices('masks', MASK_KINDS),
    {},
    'Columns whose values are replaced before they leave chsync, keyed by patterns as exclude_columns: "sha256" (HMAC-SHA256 of the value keyed with the salt, 64 hex digits: equal values still join), "null" (always NULL) or "redact" (the text "[redacted]"; NULL stays NULL). The column becomes a FixedString(64) for "sha256", else a String (Nullable when the source column is, always for "null"); a target.columns type for it is refused. A primary key column cannot be masked. In env: "db.t.c=sha256,*.ssn=redact".',
  ),
  maskSaltFile: key(
    'replicate.mask_salt_file',
    filePath({ optional: true }),
    '',
    'A file holding the salt (key) of the sha256 masks, one trailing newline ignored; CHSYNC_REPLICATE_MASK_SALT wins over it. Required when a mask is "sha256". Never logged.',
  ),
} as const

export const SNAPSHOT = {
  mode: key(
    'snapshot.mode',
    oneOf(['initial', 'never', 'initial_only']),
    'initial',
    'initial: copy existing rows of tables not yet copied, then stream the binlog; never: stream only; initial_only: copy, then exit.',
  ),
  parallelism: key('snapshot.parallelism', integer(1, 64), 4, 'Tables (or chunks) copied at the same time.'),
  chunkRows: key(
    'snapshot.chunk_rows',
    integer(100, 10_000_000),
    50000,
    'Rows per SELECT of the initial copy (keyset pagination on the primary key).',
  ),
  onPositionLost: key(
    'snapshot.on_position_lost',
    oneOf(['fail', 'resnapshot']),
    'fail',
    'When the saved position is gone from the source (binlogs purged, or a different server): fail and say so, or copy everything again.',
  ),
} as const
