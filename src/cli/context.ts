// The CommandContext the CLI hands to a command: parsed arguments, the environment, and the
// configuration and logger loaded on first use (version and --help need neither).

import { type ChsyncConfig, loadConfig, redactor, SHORT_SECRET, shortSecrets } from '../config/index.ts'
import { createLogger, type Logger } from '../log/index.ts'
import type { ParsedArgs } from './args.ts'
import type { CommandContext } from './command.ts'

export interface ContextOptions {
  env?: Record<string, string | undefined>
  out?: (text: string) => void
  err?: (text: string) => void
  stdoutIsTTY?: boolean
}

export function commandContext(args: ParsedArgs, opts: ContextOptions = {}): CommandContext {
  const env = opts.env ?? process.env
  let config: ChsyncConfig | null = null
  let log: Logger | null = null
  const ctx: CommandContext = {
    args,
    env,
    config() {
      config ??= loadConfig({ path: args.configPath, env })
      return config
    },
    log() {
      const c = ctx.config()
      if (log) return log
      log = createLogger({ level: c.log.level, format: c.log.format, redact: redactor(c) })
      for (const key of shortSecrets(c))
        log.warn(
          `${key} is shorter than ${SHORT_SECRET} characters: logs and health answers hide it wherever those characters appear, which garbles other text holding them; a longer one is safer`,
        )
      return log
    },
    out: opts.out ?? ((text) => void process.stdout.write(text)),
    err: opts.err ?? ((text) => void process.stderr.write(text)),
    stdoutIsTTY: opts.stdoutIsTTY ?? Boolean(process.stdout.isTTY),
  }
  return ctx
}
