// Every chsync command, in the order `chsync --help` lists them. To add one: write
// src/cli/<name>.ts exporting name, summary, usage, options and run(ctx) (see command.ts), and
// add it to this list.

import * as check from './check.ts'
import type { Command } from './command.ts'
import * as resync from './resync.ts'
import * as run from './run.ts'
import * as status from './status.ts'
import * as tail from './tail.ts'
import * as verify from './verify.ts'
import * as version from './version.ts'

export const COMMANDS: readonly Command[] = [run, check, status, tail, verify, resync, version]

export function findCommand(name: string): Command | undefined {
  return COMMANDS.find((c) => c.name === name)
}
