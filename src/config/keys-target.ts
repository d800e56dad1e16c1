// The [target] keys: the ClickHouse server, names of the target databases and column type overrides.

import { tableLayouts } from './table-layout.ts'
import { columnTypes, stringTable } from './collections.ts'
import { CLICKHOUSE_URL, endpoint } from './endpoint.ts'
import { key } from './key-spec.ts'
import { filePath } from './paths.ts'
import { boolean, oneOf, tableSuffix, text } from './scalars.ts'

export const TARGET = {
  url: key(
    'target.url',
    endpoint(CLICKHOUSE_URL, { optional: false }),
    'http://default@127.0.0.1:8123',
    'The ClickHouse HTTP interface: http or https, a user (default "default"), the host and the port (default 8123, or 8443 for https). A password in the URL works but is discouraged.',
  ),
  passwordFile: key(
    'target.password_file',
    filePath({ optional: true }),
    '',
    'A file holding the ClickHouse password (one trailing newline is ignored). CHSYNC_TARGET_PASSWORD wins over it.',
  ),
  databasePrefix: key(
    'target.database_prefix',
    text(),
    '',
    'Prepended to the name of each target database, except the ones renamed in [target.databases], which are used as written.',
  ),
  cluster: key('target.cluster', text(), '', 'When set, DDL runs ON CLUSTER this cluster and tables use Replicated* engines.'),
  distributed: key(
    'target.distributed',
    boolean(),
    false,
    'With target.cluster: beside each table, a Distributed table over it on the cluster (named by target.distributed_suffix), created ON CLUSTER and kept in line with its columns. chsync still writes to the replicated table.',
  ),
  distributedSuffix: key(
    'target.distributed_suffix',
    tableSuffix(),
    '_all',
    "The name of each Distributed table: the table's name and this.",
  ),
  tlsCaFile: key(
    'target.tls_ca_file',
    filePath({ optional: true }),
    '',
    'For an https URL: PEM file of the CA to verify ClickHouse with; the system CAs when empty.',
  ),
  jsonType: key(
    'target.json_type',
    oneOf(['String', 'JSON']),
    'String',
    'The ClickHouse type of MySQL JSON columns: String (the JSON text) or JSON (ClickHouse 25.3 or newer; refused at start on an older server).',
  ),
  timeType: key(
    'target.time_type',
    oneOf(['auto', 'Time64', 'String']),
    'auto',
    'The ClickHouse type of TIME columns in new tables: auto (Time64 where the server has it, 25.6 or newer, else String), Time64 (refused at start where the server lacks it) or String (the text SELECT prints, e.g. -838:59:59.000000). A table keeps the type it was made with.',
  ),
  databases: key(
    'target.databases',
    stringTable({ what: 'target database names keyed by source database' }),
    {},
    'Renames: source database = target database (used as written, without database_prefix). In env: "src=dst,src2=dst2".',
  ),
  columns: key(
    'target.columns',
    columnTypes(),
    {},
    'Column type overrides: "db.table.column" = "ClickHouse type", with source names (not for a masked column: its mask sets its type). In env: "db.t.c=Decimal(18, 2),db.t.d=String".',
  ),
  layout: key(
    'target.layout',
    tableLayouts(),
    [],
    'The layout of the ClickHouse tables of a table glob ([[target.layout]], first match wins): tables (glob as replicate.tables), mode ("replacing", the default: one row per key; "history": every change a row of its own, with _op and _ts), partition_by, order_by (only the primary key\'s columns, all of them: else different rows would merge), ttl, settings (a table), indexes (["INDEX name expr TYPE t GRANULARITY n"]), codecs (column = "ZSTD(3)"). Applied when the table is created; a new order_by makes it start over. In env: a JSON list.',
  ),
} as const
