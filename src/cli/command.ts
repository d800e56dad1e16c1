// What a CLI command is: a name, a one-line summary, its --help text, and run(ctx) returning the
// exit code. Each command lives in its own file and is listed in commands.ts.

import type { ChsyncConfig } from '../config/index.ts'
import type { Logger } from '../log/index.ts'
import type { ParsedArgs } from './args.ts'

export interface CommandOption {
  /** "--socket" */
  flag: string
  /** Placeholder of its value ("PATH"); absent for a switch. */
  value?: string
  /** What it does, one line (docs/operations.md lists it). */
  about: string
}

export interface Command {
  name: string
  /** One line for `chsync --help`. */
  summary: string
  /** The full text of `chsync <name> --help`. */
  usage: string
  /** Options this command accepts besides -c/--config and -h/--help; others are refused. */
  options?: readonly CommandOption[]
  run(ctx: CommandContext): Promise<number>
}

export interface CommandContext {
  readonly args: ParsedArgs
  readonly env: Record<string, string | undefined>
  /**
   * The validated configuration: the file from -c, else $CHSYNC_CONFIG, else ./config.toml, else
   * /etc/chsync/config.toml, with CHSYNC_* from the environment on top. Loaded once; throws
   * ConfigError listing every problem.
   */
  config(): ChsyncConfig
  /** A logger from log.level / log.format (human on a terminal, JSON lines otherwise); loads the config. */
  log(): Logger
  /** Standard output / error. */
  out(text: string): void
  err(text: string): void
  readonly stdoutIsTTY: boolean
}
