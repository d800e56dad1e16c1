// The one error the DDL parser raises: what was expected, where (offset, line, column) and which token.

export interface DdlPlace {
  /** Offset of the offending token's first character in the statement (UTF-16 code units). */
  offset: number
  /** 1-based line and column of that offset. */
  line: number
  column: number
  /** The offending token as written, or '' at the end of the statement. */
  token: string
}

/** A statement the parser cannot read: malformed, truncated, or outside the grammar it knows. */
export class DdlParseError extends Error {
  readonly code = 'ddl_parse'

  constructor(
    readonly reason: string,
    readonly place: DdlPlace,
    options?: { cause?: unknown },
  ) {
    const near = place.token === '' ? 'at the end of the statement' : `near ${JSON.stringify(clip(place.token))}`
    super(`${reason} ${near} (line ${place.line}, column ${place.column}, offset ${place.offset})`, options)
    this.name = 'DdlParseError'
  }

  get offset(): number {
    return this.place.offset
  }

  get token(): string {
    return this.place.token
  }
}

/** The place of `offset` in `sql`, for an error about `token`. */
export function placeAt(sql: string, offset: number, token: string): DdlPlace {
  let line = 1
  let lineStart = 0
  for (let i = 0; i < offset && i < sql.length; i++) {
    if (sql.charCodeAt(i) === 10) {
      line++
      lineStart = i + 1
    }
  }
  return { offset, line, column: offset - lineStart + 1, token }
}

function clip(text: string): string {
  return text.length > 40 ? text.slice(0, 37) + '...' : text
}
