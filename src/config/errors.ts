// The error chsync raises for a configuration it refuses: every problem found, in one list.

/** One thing wrong with the configuration. `key` is the dotted key (or env var) it is about. */
export interface ConfigProblem {
  key: string
  message: string
}

/** Raised by loadConfig when anything is wrong; `problems` lists all of it, never just the first. */
export class ConfigError extends Error {
  readonly code = 'config'

  constructor(
    readonly problems: readonly ConfigProblem[],
    /** The file that was read, if any. */
    readonly file: string | null = null,
  ) {
    super(headline(problems, file) + problems.map((p) => `\n  - ${p.message}`).join(''))
    this.name = 'ConfigError'
  }
}

function headline(problems: readonly ConfigProblem[], file: string | null): string {
  const where = file === null ? '' : ` in ${file}`
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`
  return `invalid configuration${where} (${count}):`
}
