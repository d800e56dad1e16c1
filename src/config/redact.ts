// Removes the configuration's secrets from any text (log lines, error messages from drivers that
// echo a connection string), as written and as they appear percent- or JSON-encoded.

import type { ChsyncConfig } from './types.ts'

export const REDACTED = '***'

/** Every non-empty password the configuration holds. */
export function secretsOf(config: ChsyncConfig): string[] {
  const output = config.sink.ndjson.output
  const all = [
    config.source.url.password,
    config.source.snapshotUrl?.password ?? '',
    config.target.url.password,
    output.kind === 'http' ? output.password : '',
  ]
  return [...new Set(all.filter((s) => s !== ''))]
}

export function redact(text: string, config: ChsyncConfig): string {
  const spellings = new Set<string>()
  for (const secret of secretsOf(config)) {
    spellings.add(secret)
    spellings.add(encodeURIComponent(secret))
    spellings.add(JSON.stringify(secret).slice(1, -1))
  }
  let out = text
  // Longest first, so a secret that contains another is removed whole.
  for (const spelling of [...spellings].sort((a, b) => b.length - a.length)) out = out.replaceAll(spelling, REDACTED)
  return out
}
