// Each key's typed value: the environment wins over the file, the file over the default. A value
// that does not convert is a problem; the key then holds its default so later checks can run.

import type { ConfigProblem } from './errors.ts'
import type { KeySpec } from './key-spec.ts'
import { ALL_KEYS } from './keys.ts'
import type { Converted } from './value-type.ts'

export type Origin = 'default' | 'file' | 'env'

export interface ResolvedValues {
  get<T>(spec: KeySpec<T>): T
  origin(spec: KeySpec<unknown>): Origin
  /** True when any of these keys had a value that was refused (checks on them would only add noise). */
  failed(...specs: KeySpec<unknown>[]): boolean
  problems: ConfigProblem[]
}

export function resolveValues(input: {
  file: ReadonlyMap<string, unknown>
  env: ReadonlyMap<string, string>
  /** Relative paths in the file are resolved against its folder, others against `cwd`. */
  fileDir: string
  cwd: string
}): ResolvedValues {
  const values = new Map<string, unknown>()
  const origins = new Map<string, Origin>()
  const failedKeys = new Set<string>()
  const problems: ConfigProblem[] = []
  for (const spec of ALL_KEYS) {
    const envText = input.env.get(spec.key)
    let origin: Origin = 'default'
    let converted: Converted<unknown>
    if (envText !== undefined) {
      origin = 'env'
      converted = spec.type.fromEnv(envText, { baseDir: input.cwd })
    } else if (input.file.has(spec.key)) {
      origin = 'file'
      converted = spec.type.fromToml(input.file.get(spec.key), { baseDir: input.fileDir })
    } else converted = defaultOf(spec, input.cwd)
    if (!converted.ok) {
      const subject = origin === 'env' ? `"${spec.key}" (from ${spec.env})` : `"${spec.key}"`
      for (const problem of converted.problems) problems.push({ key: spec.key, message: `${subject} ${problem}` })
      failedKeys.add(spec.key)
      converted = defaultOf(spec, input.cwd)
    }
    values.set(spec.key, converted.ok ? converted.value : undefined)
    origins.set(spec.key, origin)
  }
  return {
    get: <T>(spec: KeySpec<T>) => values.get(spec.key) as T,
    origin: (spec) => origins.get(spec.key) ?? 'default',
    failed: (...specs) => specs.some((spec) => failedKeys.has(spec.key)),
    problems,
  }
}

function defaultOf(spec: KeySpec<unknown>, cwd: string): Converted<unknown> {
  const converted = spec.type.fromToml(spec.default, { baseDir: cwd })
  if (!converted.ok) throw new Error(`default of ${spec.key} is invalid: ${converted.problems.join('; ')}`)
  return converted
}
