// Command-line arguments: `chsync <command> [options] [args]`. Options take their value as
// `--name value` or `--name=value`; which ones take a value comes from the commands' declarations.

import { UsageError } from './errors.ts'

export interface ParsedArgs {
  command: string
  configPath?: string
  help: boolean
  flags: Map<string, string | true>
  rest: string[]
}

/** Options that take a value, whatever the command (commands add theirs through `options`). */
export const WITH_VALUE = new Set(['-c', '--config', '--socket', '--format', '--tables', '--chunk-rows'])

export function parseArgs(argv: string[], withValue: ReadonlySet<string> = WITH_VALUE): ParsedArgs {
  const out: ParsedArgs = { command: '', help: false, flags: new Map(), rest: [] }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!
    if (a === '-h' || a === '--help') out.help = true
    else if (a === '-V' || a === '--version') out.command ||= 'version'
    else if (a === '--') {
      out.rest.push(...argv.slice(i + 1))
      break
    } else if (a.startsWith('-') && a !== '-') {
      const [name, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined]
      const value = inline ?? (withValue.has(name) ? argv[++i] : true)
      if (value === undefined) throw new UsageError(`option ${name} needs a value`)
      if (name === '-c' || name === '--config') out.configPath = String(value)
      else out.flags.set(name, value)
    } else if (!out.command) out.command = a
    else out.rest.push(a)
  }
  return out
}

/** The value of a value option, or undefined; a switch given where a value is expected is refused. */
export function flagValue(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags.get(name)
  if (v === true) throw new UsageError(`option ${name} needs a value`)
  return v
}
