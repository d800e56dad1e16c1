// The error describing a source table raises: the table is not there, or a column type is unknown.

export class SourceTableError extends Error {
  readonly code = 'source_table'

  constructor(
    /** `db.table` */
    readonly table: string,
    readonly reason: string,
    readonly column?: string,
    options?: { cause?: unknown; gone?: boolean },
  ) {
    super(`${table}${column ? ` column ${column}` : ''}: ${reason}`, options)
    this.name = 'SourceTableError'
    this.gone = options?.gone ?? false
  }

  /** The table does not exist (as opposed to: the account may not see it). */
  readonly gone: boolean
}
