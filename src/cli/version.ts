// `chsync version`: the version and the commit it was built from (the commit is set at build time
// with `bun build --define CHSYNC_COMMIT='"…"'`; "dev" when run from source).

import pkg from '../../package.json'
import type { CommandContext } from './command.ts'
import { ExitCode } from './exit-codes.ts'

declare const CHSYNC_COMMIT: string | undefined

export const VERSION: string = pkg.version
export const COMMIT: string = typeof CHSYNC_COMMIT === 'string' ? CHSYNC_COMMIT : 'dev'

export function versionLine(): string {
  return `chsync ${VERSION} (${COMMIT}) bun ${Bun.version}`
}

export const name = 'version'
export const summary = 'print the version and the commit'
export const usage = `usage: chsync version   (also: chsync --version, chsync -V)

Prints "chsync <version> (<commit>) bun <bun version>" and exits 0. The commit is the one the
binary was built from (make build); "dev" when run from source.
`
export const options = [] as const

export async function run(ctx: CommandContext): Promise<number> {
  ctx.out(versionLine() + '\n')
  return ExitCode.OK
}
