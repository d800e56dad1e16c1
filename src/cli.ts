#!/usr/bin/env bun
// chsync's command line: finds the command in the command table (src/cli/commands.ts), runs it,
// and exits with its code; errors end in a message and a documented exit code, never a trace.

import { UsageError } from './cli/errors.ts'
import { parseArgs, WITH_VALUE } from './cli/args.ts'
import type { Command } from './cli/command.ts'
import { COMMANDS, findCommand } from './cli/commands.ts'
import { type ContextOptions, commandContext } from './cli/context.ts'
import { ExitCode } from './cli/exit-codes.ts'
import { mainHelp } from './cli/help.ts'
import { ConfigError } from './config/index.ts'

export async function main(argv: string[], opts: ContextOptions = {}): Promise<number> {
  const out = opts.out ?? ((text: string) => void process.stdout.write(text))
  const err = opts.err ?? ((text: string) => void process.stderr.write(text))
  try {
    const withValue = new Set([...WITH_VALUE, ...COMMANDS.flatMap((c) => (c.options ?? []).filter((o) => o.value).map((o) => o.flag))])
    const args = parseArgs(argv, withValue)
    if (!args.command || args.command === 'help') {
      const about = args.command === 'help' && args.rest[0] ? findCommand(args.rest[0]) : undefined
      if (args.command === 'help' && args.rest[0] && !about) throw new UsageError(`unknown command "${args.rest[0]}"`)
      out(about ? about.usage : mainHelp(COMMANDS))
      return args.command || args.help ? ExitCode.OK : ExitCode.USAGE
    }
    const command = findCommand(args.command)
    if (!command) throw new UsageError(`unknown command "${args.command}"`)
    if (args.help) {
      out(command.usage)
      return ExitCode.OK
    }
    refuseUnknownOptions(command, args.flags)
    return await command.run(commandContext(args, { ...opts, out, err }))
  } catch (e) {
    if (e instanceof ConfigError) {
      err(e.message + '\n')
      return ExitCode.CONFIG
    }
    if (e instanceof UsageError) {
      err(`chsync: ${e.message}; see ${helpHint(argv)}\n`)
      return ExitCode.USAGE
    }
    err(`chsync: ${(e as Error).message}\n`)
    return ExitCode.FAILURE
  }
}

/** "chsync run --help" when the command line names a command, else "chsync --help". */
function helpHint(argv: readonly string[]): string {
  const named = argv.find((a) => !a.startsWith('-'))
  return named !== undefined && findCommand(named) ? `chsync ${named} --help` : 'chsync --help'
}

function refuseUnknownOptions(command: Command, flags: ReadonlyMap<string, unknown>): void {
  if (!command.options) return
  const known = new Set(command.options.map((o) => o.flag))
  for (const flag of flags.keys()) if (!known.has(flag)) throw new UsageError(`chsync ${command.name} has no option ${flag}`)
}

/** Waits until what was written to stdout and stderr has left the process (pipes can be slow readers). */
async function drained(): Promise<void> {
  for (const stream of [process.stdout, process.stderr])
    if (stream.writableNeedDrain) await new Promise((resolve) => stream.once('drain', resolve))
}

/** Taken before any plugin is loaded: a plugin's own process.exit() is turned into its failure. */
const exitProcess: (code?: number) => never = process.exit.bind(process)

// No top-level await: the entry also builds as CommonJS (bun build --bytecode).
if (import.meta.main)
  void main(process.argv.slice(2)).then(async (code) => {
    await drained()
    exitProcess(code)
  })
