#!/usr/bin/env bun
// chsync's command line: run · version (more commands: see `chsync --help`).

import { parseArgs } from './cli/args.ts'
import { runCommand } from './cli/run.ts'
import { versionLine } from './cli/version.ts'
import { ConfigError, loadConfig, redact } from './config/index.ts'
import { createLogger } from './log/index.ts'

const HELP = `chsync — replicate MySQL and MariaDB into ClickHouse, from the binlog

usage: chsync <command> [-c config.toml] [options]

commands:
  run        replicate until stopped (SIGTERM/SIGINT flush and commit first)
  version    print the version and the commit

The configuration comes from -c, else $CHSYNC_CONFIG, else ./config.toml, else
/etc/chsync/config.toml; every key can be set from the environment (CHSYNC_<SECTION>_<KEY>).
`

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv)
  if (args.command === 'version') {
    console.log(versionLine())
    return 0
  }
  if (args.help || !args.command) {
    console.log(HELP)
    return args.command || args.help ? 0 : 2
  }
  const config = loadConfig({ path: args.configPath })
  const log = createLogger({ level: config.log.level, format: config.log.format, redact: (t) => redact(t, config) })
  switch (args.command) {
    case 'run':
      return runCommand(config, log)
    default:
      console.error(`unknown command "${args.command}"; see chsync --help`)
      return 2
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    if (err instanceof ConfigError) console.error(err.message)
    else console.error(`chsync: ${(err as Error).message}`)
    process.exit(err instanceof ConfigError ? 78 : 1)
  },
)
