// The error describing a source table raises: the table is not there, or a column type is unknown.

export class SourceTableError extends Error {
  readonly code = 'source_table'

  constructor(
    /** `db.table` */
    readonly table: string,
    readonly reason: string,
    readonly column?: string,
    options?: { cause?: unknown },
  ) {
    super(`${table}${column ? ` column ${column}` : ''}: ${reason}`, options)
    this.name = 'SourceTableError'
  }
}
