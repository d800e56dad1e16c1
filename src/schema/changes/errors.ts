// The error schema change derivation raises when its inputs cannot be trusted: a collation
// catalog with bad rows, or a statement naming a character set the catalog does not know.

export type SchemaChangeErrorCode =
  /** A row of the collation catalog is malformed. */
  | 'bad_catalog'
  /** The statement names a character set or collation the catalog does not list. */
  | 'unknown_charset'
  /** A column type the binlog cannot carry (COMPRESSED on a type MariaDB does not compress). */
  | 'unsupported_type'

export class SchemaChangeError extends Error {
  constructor(
    readonly code: SchemaChangeErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.name = 'SchemaChangeError'
  }
}
