// A small command-line reader for the benchmarks: `--name value` and `--flag`, every value
// checked, unknown options refused with the usage text.

export type OptionKind = 'int' | 'flag' | 'text'

export interface OptionSpec {
  kind: OptionKind
  /** For 'text': the values allowed. */
  choices?: readonly string[]
}

export function parseFlags(argv: string[], spec: Record<string, OptionSpec>, usage: string): Map<string, number | string | true> {
  const out = new Map<string, number | string | true>()
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === '--help' || arg === '-h') throw new Error(usage)
    const name = arg.startsWith('--') ? arg.slice(2) : ''
    const s = spec[name]
    if (!s) throw new Error(`unknown option "${arg}"\n${usage}`)
    if (s.kind === 'flag') {
      out.set(name, true)
      continue
    }
    const v = argv[++i]
    if (v === undefined) throw new Error(`${arg} needs a value\n${usage}`)
    if (s.kind === 'int') {
      const n = Number(v)
      if (!Number.isInteger(n) || n <= 0) throw new Error(`${arg} must be a positive integer, got "${v}"`)
      out.set(name, n)
    } else {
      if (s.choices && !s.choices.includes(v)) throw new Error(`${arg} must be one of ${s.choices.join(', ')}, got "${v}"`)
      out.set(name, v)
    }
  }
  return out
}

/** Runs `fn`; a thrown message goes to stderr and the process exits 2. */
export function orExit<T>(fn: () => T): T {
  try {
    return fn()
  } catch (err) {
    console.error((err as Error).message)
    process.exit(2)
  }
}
