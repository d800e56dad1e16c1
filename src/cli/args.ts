// Command-line arguments: `chsync <command> [options] [args]`.

export interface ParsedArgs {
  command: string
  configPath?: string
  help: boolean
  flags: Map<string, string | true>
  rest: string[]
}

/** Options that take a value. */
const WITH_VALUE = new Set(['-c', '--config', '--socket', '--format', '--tables', '--chunk-rows'])

export function parseArgs(argv: string[]): ParsedArgs {
  const out: ParsedArgs = { command: '', help: false, flags: new Map(), rest: [] }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (a === '-h' || a === '--help') out.help = true
    else if (a === '-V' || a === '--version') out.command ||= 'version'
    else if (a.startsWith('-')) {
      const [name, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined]
      const value = inline ?? (WITH_VALUE.has(name) ? argv[++i] : true)
      if (value === undefined) throw new Error(`option ${name} needs a value`)
      if (name === '-c' || name === '--config') out.configPath = String(value)
      else out.flags.set(name, value)
    } else if (!out.command) out.command = a
    else out.rest.push(a)
  }
  return out
}
