// How a key's raw value (from TOML or from an environment string) becomes a typed value.

/** Where relative paths of this value are resolved: the config file's folder, or the working directory. */
export interface ConvertContext {
  baseDir: string
}

/** Each problem completes a sentence that starts with the key: `must be ..., got "..."`. */
export type Converted<T> = { ok: true; value: T } | { ok: false; problems: string[] }

export interface ValueType<T> {
  /** How the key table shows the type: `integer 1..64`, `size`, `initial | never | initial_only`. */
  readonly label: string
  /** A value as smol-toml parsed it. */
  fromToml(value: unknown, ctx: ConvertContext): Converted<T>
  /** The text of an environment variable. */
  fromEnv(text: string, ctx: ConvertContext): Converted<T>
}

export function ok<T>(value: T): Converted<T> {
  return { ok: true, value }
}

/** `must be <expected>, got <what value is>`. */
export function expected<T>(expectation: string, value: unknown): Converted<T> {
  return { ok: false, problems: [`must be ${expectation}, got ${describeValue(value)}`] }
}

export function failure<T>(...problems: string[]): Converted<T> {
  return { ok: false, problems }
}

const MAX_SHOWN = 80

/** A value as a message shows it: scalars quoted (`"0"`), containers by kind. Never call it on a secret. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > MAX_SHOWN ? value.slice(0, MAX_SHOWN) + '…' : value)
  if (typeof value === 'number' || typeof value === 'bigint') return `"${value}"`
  if (typeof value === 'boolean') return `the boolean ${value}`
  if (Array.isArray(value)) return 'a list'
  if (value instanceof Date) return 'a date'
  if (value !== null && typeof value === 'object') return 'a table'
  return String(value)
}

/** A value of the wrong TOML type, named with its type: `the string "4"` where a number belongs. */
export function describeWrongType(value: unknown): string {
  if (typeof value === 'string') return `the string ${describeValue(value)}`
  if (typeof value === 'number' || typeof value === 'bigint') return `the number ${describeValue(value)}`
  return describeValue(value)
}

/** `must be <expected>, got <value named with its type>`. */
export function wrongType<T>(expectation: string, value: unknown): Converted<T> {
  return { ok: false, problems: [`must be ${expectation}, got ${describeWrongType(value)}`] }
}

export function isTable(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date)
}

/** The kind of a value, without the value: for places where it could be a secret. */
export function kindOf(value: unknown): string {
  if (Array.isArray(value)) return 'a list'
  if (value instanceof Date) return 'a date'
  if (isTable(value)) return 'a table'
  if (typeof value === 'bigint') return 'a number'
  return `a ${typeof value}`
}
