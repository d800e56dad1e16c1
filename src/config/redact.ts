// Removes the configuration's secrets from any text (log lines, error messages from drivers that
// echo a connection string), as written, percent- or JSON-encoded, and in the Basic-auth header
// form (base64 of "user:password") an HTTP library may print.

import type { ChsyncConfig } from './types.ts'

export const REDACTED = '***'

/** Below this many characters a secret is likely to occur inside ordinary text, which redaction then garbles. */
export const SHORT_SECRET = 8

interface Secret {
  /** Where it is set, for a warning that must not show it. */
  key: string
  user: string
  password: string
}

function secrets(config: ChsyncConfig): Secret[] {
  const output = config.sink.ndjson.output
  const all: Secret[] = [
    { key: 'the source password', user: config.source.url.user, password: config.source.url.password },
    {
      key: 'the password of source.snapshot_url',
      user: config.source.snapshotUrl?.user ?? '',
      password: config.source.snapshotUrl?.password ?? '',
    },
    { key: 'the target password', user: config.target.url.user, password: config.target.url.password },
    { key: 'the mask salt', user: '', password: config.maskSalt },
    output.kind === 'http'
      ? { key: 'the password of sink.ndjson.output', user: decodeURIComponent(new URL(output.url).username), password: output.password }
      : { key: '', user: '', password: '' },
    { key: 'the Kafka SASL password', user: config.sink.kafka.user, password: config.sink.kafka.password },
  ]
  return all.filter((s) => s.password !== '')
}

/** Every non-empty password the configuration holds. */
export function secretsOf(config: ChsyncConfig): string[] {
  return [...new Set(secrets(config).map((s) => s.password))]
}

/** Where a secret shorter than SHORT_SECRET characters is set (for a warning at start; never the secret). */
export function shortSecrets(config: ChsyncConfig): string[] {
  return [
    ...new Set(
      secrets(config)
        .filter((s) => [...s.password].length < SHORT_SECRET)
        .map((s) => s.key),
    ),
  ]
}

/** A function that removes the configuration's secrets from a text; the spellings are worked out once. */
export function redactor(config: ChsyncConfig): (text: string) => string {
  const spellings = new Set<string>()
  for (const { user, password } of secrets(config)) {
    spellings.add(password)
    spellings.add(encodeURIComponent(password))
    spellings.add(JSON.stringify(password).slice(1, -1))
    spellings.add(Buffer.from(`${user}:${password}`).toString('base64'))
  }
  // Longest first, so a secret that contains another is removed whole.
  const ordered = [...spellings].sort((a, b) => b.length - a.length)
  if (ordered.length === 0) return (text) => text
  return (text) => {
    let out = text
    for (const spelling of ordered) out = out.replaceAll(spelling, REDACTED)
    return out
  }
}

export function redact(text: string, config: ChsyncConfig): string {
  return redactor(config)(text)
}
