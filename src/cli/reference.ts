// The command-line reference of docs/operations.md, made from the command table, each command's
// options and the exit codes (docs/readme-tables.ts writes it; test/docs checks it).

import type { Command } from './command.ts'
import { EXIT_CODE_MEANINGS } from './exit-codes.ts'

const cell = (s: string) => s.replace(/\|/g, '\\|')

/** Every command: how it is called (the first line of its --help) and what it does. */
export function commandsMarkdown(commands: readonly Command[]): string {
  const rows = commands.map(
    (c) =>
      `| \`${cell(
        c.usage
          .split('\n')[0]!
          .replace(/^usage: /, '')
          .replace(/\s+\(.*\)$/, ''),
      )}\` | ${cell(c.summary)} |`,
  )
  return ['| command | what it does |', '| --- | --- |', ...rows].join('\n')
}

/** Every option of every command, those all commands take first. */
export function optionsMarkdown(commands: readonly Command[]): string {
  const rows = [
    '| every command | `-c`, `--config FILE` | the configuration (else `$CHSYNC_CONFIG`, `./config.toml`, `/etc/chsync/config.toml`) |',
    '| every command | `-h`, `--help` | what the command does, its options and exit codes |',
  ]
  for (const c of commands)
    for (const o of c.options ?? []) rows.push(`| \`${c.name}\` | \`${o.flag}${o.value ? ` ${o.value}` : ''}\` | ${cell(o.about)} |`)
  return ['| command | option | what it does |', '| --- | --- | --- |', ...rows].join('\n')
}

/** Every exit code, in numeric order. */
export function exitCodesMarkdown(): string {
  const rows = [...EXIT_CODE_MEANINGS].sort((a, b) => a[0] - b[0]).map(([code, meaning]) => `| ${code} | ${cell(meaning)} |`)
  return ['| code | meaning |', '| --- | --- |', ...rows].join('\n')
}
