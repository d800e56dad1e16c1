// The key table for `chsync --help` and the README: key, type, default, env var, description.

import type { TomlDefault } from './key-spec.ts'
import { ALL_KEYS, MASK_SALT_ENV, PASSWORD_ENV } from './keys.ts'

export interface ConfigKeyDescription {
  /** Dotted key; the passwords ("source.password", "target.password") can only come from env. */
  key: string
  type: string
  /** As TOML writes it: `"initial"`, `4`, `["*"]`. */
  default: string
  env: string
  description: string
  envOnly: boolean
}

/** The password_file keys, and whose password each is (the env-only password row follows it). */
const PASSWORD_OF: Record<string, keyof typeof PASSWORD_ENV> = {
  'source.password_file': 'source',
  'target.password_file': 'target',
  'sink.kafka.password_file': 'kafka',
}

export function describeConfig(): ConfigKeyDescription[] {
  const rows: ConfigKeyDescription[] = []
  for (const spec of ALL_KEYS) {
    rows.push({
      key: spec.key,
      type: spec.type.label,
      default: formatDefault(spec.default),
      env: spec.env,
      description: spec.description,
      envOnly: false,
    })
    const server = PASSWORD_OF[spec.key]
    if (server) {
      const name = server === 'kafka' ? 'Kafka SASL' : server
      rows.push({
        key: spec.key.replace(/_file$/, ''),
        type: 'string (secret)',
        default: '""',
        env: PASSWORD_ENV[server],
        description: `The ${name} password, from the environment only; wins over ${spec.key}${server === 'kafka' ? '' : ' and the URL'}.`,
        envOnly: true,
      })
    }
    if (spec.key === 'replicate.mask_salt_file') {
      rows.push({
        key: 'replicate.mask_salt',
        type: 'string (secret)',
        default: '""',
        env: MASK_SALT_ENV,
        description: 'The salt of the sha256 masks, from the environment only; wins over replicate.mask_salt_file.',
        envOnly: true,
      })
    }
  }
  return rows
}

export function formatDefault(value: TomlDefault): string {
  if (typeof value === 'string') return JSON.stringify(value)
  if (Array.isArray(value)) return `[${value.map((item) => JSON.stringify(item)).join(', ')}]`
  if (typeof value === 'object') return '{}'
  return String(value)
}

/** A Markdown table (README) or plain text grouped by section (--help). */
export function formatConfigKeys(format: 'markdown' | 'text'): string {
  const rows = describeConfig()
  if (format === 'markdown') {
    const cell = (text: string) => text.replaceAll('|', '\\|')
    const lines = ['| key | type | default | env | description |', '| --- | --- | --- | --- | --- |']
    for (const r of rows) {
      const key = r.envOnly ? `${r.key} (env only)` : r.key
      lines.push(`| \`${key}\` | ${cell(r.type)} | \`${cell(r.default)}\` | \`${r.env}\` | ${cell(r.description)} |`)
    }
    return lines.join('\n') + '\n'
  }
  const lines: string[] = []
  let section = ''
  for (const r of rows) {
    const rowSection = r.key.slice(0, r.key.lastIndexOf('.'))
    if (rowSection !== section) {
      section = rowSection
      lines.push(`${lines.length ? '\n' : ''}[${section}]`)
    }
    const name = r.key.slice(r.key.lastIndexOf('.') + 1)
    const setting = r.envOnly ? `${name} (env only)` : `${name} = ${r.default}`
    lines.push(`  ${setting}    ${r.type}    ${r.env}`)
    lines.push(...wrap(r.description, 92).map((line) => `      ${line}`))
  }
  return lines.join('\n') + '\n'
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line)
      line = word
    } else line = line === '' ? word : `${line} ${word}`
  }
  if (line !== '') lines.push(line)
  return lines
}
