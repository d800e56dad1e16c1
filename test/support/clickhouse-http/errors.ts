// ClickHouse exceptions as the HTTP interface reports them: code, type name, message, HTTP status.

/** The codes the adapter raises itself (names and numbers as the engine's errorCodeToName() has them). */
export const errorCodes = {
  NOT_IMPLEMENTED: 48,
  BAD_ARGUMENTS: 36,
  SYNTAX_ERROR: 62,
  UNKNOWN_TYPE_OF_QUERY: 78,
  READONLY: 164,
  CANNOT_DECOMPRESS: 271,
  REQUIRED_PASSWORD: 194,
  INTO_OUTFILE_NOT_ALLOWED: 358,
  AUTHENTICATION_FAILED: 516,
  UNKNOWN_EXCEPTION: 1002,
} as const

export type AdapterErrorName = keyof typeof errorCodes

export class ClickHouseError extends Error {
  constructor(
    readonly code: number,
    readonly type: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.name = 'ClickHouseError'
  }

  static of(type: AdapterErrorName, message: string): ClickHouseError {
    return new ClickHouseError(errorCodes[type], type, message)
  }

  /** The response body ClickHouse sends, which is what @clickhouse/client's parseError() reads. */
  body(version: string): string {
    return `Code: ${this.code}. DB::Exception: ${this.message} (${this.type}) (version ${version})\n`
  }

  /** The HTTP status ClickHouse maps the code to (src/Server/HTTP/exceptionCodeToHTTPStatus.cpp). */
  get httpStatus(): number {
    return statusByType.get(this.type) ?? 500
  }
}

const statusByType = new Map<string, number>([
  ['REQUIRED_PASSWORD', 401],
  ...['UNKNOWN_USER', 'WRONG_PASSWORD', 'AUTHENTICATION_FAILED', 'SET_NON_GRANTED_ROLE', 'ACCESS_DENIED'].map((t): [string, number] => [
    t,
    403,
  ]),
  ...[
    'BAD_ARGUMENTS',
    'CANNOT_COMPILE_REGEXP',
    'CANNOT_PARSE_TEXT',
    'CANNOT_PARSE_ESCAPE_SEQUENCE',
    'CANNOT_PARSE_QUOTED_STRING',
    'CANNOT_PARSE_DATE',
    'CANNOT_PARSE_DATETIME',
    'CANNOT_PARSE_NUMBER',
    'CANNOT_PARSE_DOMAIN_VALUE_FROM_STRING',
    'CANNOT_PARSE_IPV4',
    'CANNOT_PARSE_IPV6',
    'CANNOT_PARSE_INPUT_ASSERTION_FAILED',
    'CANNOT_PARSE_UUID',
    'DUPLICATE_COLUMN',
    'ILLEGAL_COLUMN',
    'UNKNOWN_ELEMENT_IN_AST',
    'UNKNOWN_TYPE_OF_AST_NODE',
    'THERE_IS_NO_COLUMN',
    'TOO_DEEP_AST',
    'TOO_BIG_AST',
    'UNEXPECTED_AST_STRUCTURE',
    'SYNTAX_ERROR',
    'INCORRECT_DATA',
    'TYPE_MISMATCH',
    'VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE',
  ].map((t): [string, number] => [t, 400]),
  ...[
    'UNKNOWN_TABLE',
    'UNKNOWN_FUNCTION',
    'UNKNOWN_IDENTIFIER',
    'UNKNOWN_TYPE',
    'UNKNOWN_STORAGE',
    'UNKNOWN_DATABASE',
    'UNKNOWN_SETTING',
    'UNKNOWN_DIRECTION_OF_SORTING',
    'UNKNOWN_AGGREGATE_FUNCTION',
    'UNKNOWN_FORMAT',
    'UNKNOWN_DATABASE_ENGINE',
    'UNKNOWN_TYPE_OF_QUERY',
    'UNKNOWN_ROLE',
  ].map((t): [string, number] => [t, 404]),
  ['QUERY_IS_TOO_LARGE', 413],
  ['NOT_IMPLEMENTED', 501],
  ['SOCKET_TIMEOUT', 503],
  ['CANNOT_OPEN_FILE', 503],
  ['CANNOT_SCHEDULE_TASK', 503],
  ['HTTP_LENGTH_REQUIRED', 411],
  ['TIMEOUT_EXCEEDED', 408],
  ['UNSUPPORTED_MEDIA_TYPE', 415],
])

// chDB messages look like the server's, minus the version, and are sometimes wrapped once or
// twice more by the layers that rethrow them:
//   Code: 115. DB::Exception: Code: 115. DB::Exception: Unknown setting 'x'. (UNKNOWN_SETTING) (version 26.7.2.1). (UNKNOWN_SETTING)
// The wrappers repeat the same code and type; peel them off so the client sees the server's shape.
const prefix = /^Code: (\d+)\. DB::Exception: /
const suffix = /\s*\(([A-Z][A-Z0-9_]*)\)(?: \(version [^)]*\))?\.?\s*$/

/** Turns whatever chDB threw into a ClickHouseError; `typeOf` names a code when the text does not. */
export function fromEngineError(error: unknown, typeOf: (code: number) => string): ClickHouseError {
  if (error instanceof ClickHouseError) return error
  const text = error instanceof Error ? error.message : String(error)
  const known = (error as { clickhouseCode?: unknown } | null)?.clickhouseCode
  let message = text
  let code = typeof known === 'number' ? known : undefined
  let type: string | undefined
  for (let m = prefix.exec(message); m; m = prefix.exec(message)) {
    code = Number(m[1])
    message = message.slice(m[0].length)
    const s = suffix.exec(message)
    if (s) {
      type ??= s[1]
      message = message.slice(0, s.index)
    }
  }
  code ??= errorCodes.UNKNOWN_EXCEPTION
  return new ClickHouseError(code, type ?? (typeOf(code) || 'UNKNOWN_EXCEPTION'), message.trim(), { cause: error })
}
