// One configuration key: its dotted name, type, default, environment variable and description.

import type { ValueType } from './value-type.ts'

/** A default as TOML would write it. */
export type TomlDefault = string | number | boolean | readonly string[] | Readonly<Record<string, never>>

export interface KeySpec<T> {
  /** Dotted name as in the file: "snapshot.parallelism". */
  readonly key: string
  readonly type: ValueType<T>
  /** Converted like any other value, so a default can never be invalid. */
  readonly default: TomlDefault
  /** CHSYNC_ + the key with dots as underscores, upper-cased: CHSYNC_SNAPSHOT_PARALLELISM. */
  readonly env: string
  readonly description: string
}

export function key<T>(name: string, type: ValueType<T>, defaultValue: TomlDefault, description: string): KeySpec<T> {
  return { key: name, type, default: defaultValue, env: envName(name), description }
}

export function envName(dottedKey: string): string {
  return `CHSYNC_${dottedKey.replaceAll('.', '_').toUpperCase()}`
}
