// The error the type mapping raises: a column whose type chsync cannot (or was told wrongly to) map.

/** A source column that has no ClickHouse type, or an override the encoder cannot produce for it. */
export class TypeMappingError extends Error {
  readonly code = 'type_mapping'

  constructor(
    /** The source column's name. */
    readonly column: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`column ${column}: ${reason}`, options)
    this.name = 'TypeMappingError'
  }
}
