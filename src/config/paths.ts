// File system paths in the config: relative ones are resolved against the config file's folder
// (or the working directory for values from the environment), so a systemd unit with any
// WorkingDirectory= reads the same files.

import { resolve } from 'node:path'
import { type Converted, failure, ok, type ValueType, wrongType } from './value-type.ts'

/** An absolute path; "" is null when `optional`, refused otherwise. */
export function filePath(opts: { optional: boolean }): ValueType<string | null> {
  const check = (value: string, baseDir: string): Converted<string | null> => {
    if (value.trim() === '') return opts.optional ? ok(null) : failure('must be a path, got ""')
    return ok(resolve(baseDir, value))
  }
  return {
    label: opts.optional ? 'path or ""' : 'path',
    fromToml: (value, ctx) => (typeof value === 'string' ? check(value, ctx.baseDir) : wrongType('a path (a string)', value)),
    fromEnv: (value, ctx) => check(value, ctx.baseDir),
  }
}
