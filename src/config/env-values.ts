// Reads the CHSYNC_* environment: each key's override as text, the passwords, and a problem for a
// variable in a chsync section that names no key (a typo would otherwise be ignored silently).

import type { ConfigProblem } from './errors.ts'
import { ALL_KEYS, ENV_SECTION_PREFIXES, MASK_SALT_ENV, PASSWORD_ENV } from './keys.ts'
import { didYouMean } from './suggest.ts'

export type Environment = Readonly<Record<string, string | undefined>>

export interface EnvValues {
  /** Env text by dotted key. */
  values: Map<string, string>
  passwords: { source: string | null; target: string | null; kafka: string | null }
  maskSalt: string | null
  problems: ConfigProblem[]
}

const KNOWN = new Set([...ALL_KEYS.map((spec) => spec.env), ...Object.values(PASSWORD_ENV), MASK_SALT_ENV])

export function readEnv(env: Environment): EnvValues {
  const values = new Map<string, string>()
  for (const spec of ALL_KEYS) {
    const text = env[spec.env]
    if (text !== undefined) values.set(spec.key, text)
  }
  const problems: ConfigProblem[] = []
  for (const [name, text] of Object.entries(env)) {
    if (text === undefined || KNOWN.has(name) || !ENV_SECTION_PREFIXES.some((p) => name.startsWith(p))) continue
    problems.push({ key: name, message: `unknown environment variable ${name}${didYouMean(name, KNOWN, '')}` })
  }
  return {
    values,
    passwords: {
      source: env[PASSWORD_ENV.source] ?? null,
      target: env[PASSWORD_ENV.target] ?? null,
      kafka: env[PASSWORD_ENV.kafka] ?? null,
    },
    maskSalt: env[MASK_SALT_ENV] ?? null,
    problems,
  }
}
