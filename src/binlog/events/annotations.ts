// Events that carry the text of the statement behind the following rows events:
// ROWS_QUERY (MySQL, binlog_rows_query_log_events) and ANNOTATE_ROWS (MariaDB, binlog_annotate_row_events).

import type { Cursor } from '../cursor.ts'

export interface RowsQueryEvent {
  kind: 'rows_query'
  query: string
}

/** ROWS_QUERY body: a length byte (truncated at 255, so ignored), then the statement (rest). */
export function decodeRowsQuery(c: Cursor): RowsQueryEvent {
  c.skip(1)
  return { kind: 'rows_query', query: c.rest().toString('utf8') }
}

/** ANNOTATE_ROWS body: the statement (rest). */
export function decodeAnnotateRows(c: Cursor): RowsQueryEvent {
  return { kind: 'rows_query', query: c.rest().toString('utf8') }
}

export interface BinlogCheckpointEvent {
  kind: 'binlog_checkpoint'
  file: string
}

/** MariaDB BINLOG_CHECKPOINT body: file name length u32, file name. */
export function decodeBinlogCheckpoint(c: Cursor): BinlogCheckpointEvent {
  return { kind: 'binlog_checkpoint', file: c.string(c.u32(), 'checkpoint file name') }
}
