// `chsync --help`: the commands from the command table, where the configuration comes from, its
// keys, and the exit codes.

import { formatConfigKeys } from '../config/index.ts'
import type { Command } from './command.ts'
import { EXIT_CODE_MEANINGS } from './exit-codes.ts'

export function mainHelp(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length))
  return `chsync — replicate MySQL and MariaDB into ClickHouse, from the binlog

usage: chsync <command> [-c config.toml] [options]
       chsync <command> --help

commands:
${commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

The configuration comes from -c, else $CHSYNC_CONFIG, else ./config.toml, else
/etc/chsync/config.toml; every key can be set from the environment (CHSYNC_<SECTION>_<KEY>),
which wins over the file.

exit codes:
${EXIT_CODE_MEANINGS.map(([code, meaning]) => `  ${String(code).padStart(3)}  ${meaning}`).join('\n')}

configuration keys (key = default, type, environment variable):

${formatConfigKeys('text')}`
}
