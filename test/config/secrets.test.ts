// Passwords, from the URL, the environment or a password file, never show in an error message,
// in configSummary or in redact's output.

import { describe, expect, test } from 'bun:test'
import { configSummary, redact, REDACTED, redactor, secretsOf, shortSecrets } from '../../src/config/index.ts'
import { load, refuse, tempDir } from './support.ts'

const URL_SECRET = 'Url-Secret-1'
const ENV_SECRET = 'Env-Secret-2'
const FILE_SECRET = 'File-Secret-3'
const HOOK_SECRET = 'Hook-Secret-4'
const ALL = [URL_SECRET, ENV_SECRET, FILE_SECRET, HOOK_SECRET]

const pwDir = tempDir({ pw: `${FILE_SECRET}\n` })

function expectNoSecret(text: string): void {
  for (const secret of ALL) expect(text).not.toContain(secret)
  expect(text).not.toContain('Secret')
}

describe('passwords: which one wins', () => {
  test('CHSYNC_*_PASSWORD, else password_file, else the URL', () => {
    expect(load(`[source]\nurl = "mysql://u:${URL_SECRET}@h"\n`).source.url.password).toBe(URL_SECRET)
    expect(load(`[source]\npassword_file = "${pwDir}/pw"\n`).source.url.password).toBe(FILE_SECRET)
    expect(load(`[source]\npassword_file = "${pwDir}/pw"\n`, { CHSYNC_SOURCE_PASSWORD: ENV_SECRET }).source.url.password).toBe(ENV_SECRET)
    expect(load(`[target]\nurl = "http://u:${URL_SECRET}@h"\n`, { CHSYNC_TARGET_PASSWORD: ENV_SECRET }).target.url.password).toBe(
      ENV_SECRET,
    )
    expect(load('', { CHSYNC_TARGET_PASSWORD: '' }).target.url.password).toBe('')
  })
})

describe('never in an error message', () => {
  const cases: [string, string, Record<string, string>][] = [
    ['a bad URL with a password', `[source]\nurl = "mysql://u:${URL_SECRET}@h/db"\n[target]\nurl = "ftp://u:${URL_SECRET}@h"\n`, {}],
    ['an unparseable URL with a password', `[source]\nurl = "mysql://u:${URL_SECRET}@h:99999"\n`, {}],
    ['a password with a slash that breaks the URL', `[source]\nurl = "mysql://u:a/${URL_SECRET}@h"\n`, {}],
    [
      'a bad URL from env',
      '',
      { CHSYNC_SOURCE_URL: `mysql://u:${URL_SECRET}@h/x`, CHSYNC_SOURCE_PASSWORD: ENV_SECRET, CHSYNC_LOG_LEVEL: 'x' },
    ],
    ['a TOML error on the line after a password', `[source]\nurl = "mysql://u:${URL_SECRET}@h"\nserver_id = = 1\n`, {}],
    ['a TOML error on the password line', `[source]\nurl = "mysql://u:${URL_SECRET}@h\n`, {}],
    ['a password key', `[source]\npassword = "${URL_SECRET}"\n`, {}],
    ['a section given a URL', `source = "mysql://u:${URL_SECRET}@h"\n`, {}],
    ['a password file plus a URL password', `[source]\nurl = "mysql://u:${URL_SECRET}@h"\npassword_file = "${pwDir}/pw"\n`, {}],
    [
      'other problems next to a good password file',
      `[source]\npassword_file = "${pwDir}/pw"\nserver_id = -1\n`,
      { CHSYNC_TARGET_PASSWORD: ENV_SECRET },
    ],
    ['an ndjson URL with a password', `[sink.ndjson]\noutput = "https://hook:${HOOK_SECRET}@"\n`, {}],
    ['plugin options that are not JSON', '', { CHSYNC_SINK_PLUGIN_OPTIONS: `{"token": "${HOOK_SECRET}"` }],
    ['plugin options that are not a table', `[sink.plugin]\noptions = "${HOOK_SECRET}"\n`, {}],
  ]
  for (const [name, text, env] of cases) {
    test(name, () => {
      const error = refuse(text, env)
      expect(error.problems.length).toBeGreaterThan(0)
      expectNoSecret(error.message)
      expectNoSecret(JSON.stringify(error.problems))
      expectNoSecret(String(error))
    })
  }

  test('the masked URL still shows where the problem is', () => {
    expect(refuse(`[source]\nurl = "mysql://u:${URL_SECRET}@h/db"\n`).problems[0]!.message).toBe(
      '"source.url" must not have a path, query or fragment (a URL like "mysql://repl@127.0.0.1:3306"), got "mysql://u:***@h/db"',
    )
  })
})

describe('configSummary and redact', () => {
  const config = load(
    [
      '[source]',
      `url = "mysql://repl:${URL_SECRET}@db.example"`,
      `snapshot_url = "mysql://reader:${URL_SECRET}x@replica.example"`,
      '[target]',
      `password_file = "${pwDir}/pw"`,
      '[sink.ndjson]',
      `output = "https://hook:${HOOK_SECRET}@collector.example/in"`,
      '[sink.plugin.options]',
      'region = "eu"',
    ].join('\n'),
    {},
  )
  const envConfig = load('', { CHSYNC_SOURCE_PASSWORD: ENV_SECRET })

  test('the config holds the secrets', () => {
    expect(secretsOf(config)).toEqual([URL_SECRET, `${URL_SECRET}x`, FILE_SECRET, HOOK_SECRET])
    expect(secretsOf(envConfig)).toEqual([ENV_SECRET])
  })

  test('configSummary has none of them', () => {
    const summary = configSummary(config)
    expectNoSecret(JSON.stringify(summary))
    expectNoSecret(JSON.stringify(configSummary(envConfig)))
    expect(summary.source).toMatchObject({
      url: 'mysql://repl@db.example:3306',
      password: 'set',
      snapshot_url: 'mysql://reader@replica.example:3306',
    })
    expect(summary.target).toMatchObject({ url: 'http://default@127.0.0.1:8123', password: 'set' })
    expect(summary.sink).toMatchObject({
      ndjson: { output: 'https://hook:***@collector.example/in' },
      plugin: { path: null, option_keys: ['region'] },
    })
    expect(configSummary(load('')).source).toMatchObject({ password: 'none' })
  })

  test('redact removes each secret as written, percent-encoded and JSON-escaped', () => {
    const log = `connect mysql://repl:${URL_SECRET}@db failed; file pw ${FILE_SECRET}; hook ${HOOK_SECRET}; replica ${URL_SECRET}x`
    expect(redact(log, config)).toBe(
      `connect mysql://repl:${REDACTED}@db failed; file pw ${REDACTED}; hook ${REDACTED}; replica ${REDACTED}`,
    )
    expect(redact(`env ${ENV_SECRET}!`, envConfig)).toBe('env ***!')

    const odd = load('', { CHSYNC_SOURCE_PASSWORD: 'p@ss"w/rd' })
    expect(redact('a p%40ss%22w%2Frd b {"pw":"p@ss\\"w/rd"} c p@ss"w/rd', odd)).toBe('a *** b {"pw":"***"} c ***')
  })

  test('redact removes the Basic-auth form of a user and password (an HTTP client printing its headers)', () => {
    const basic = (user: string, pw: string) => Buffer.from(`${user}:${pw}`).toString('base64')
    const header = `authorization: Basic ${basic('default', FILE_SECRET)}; hook Basic ${basic('hook', HOOK_SECRET)}`
    expect(redactor(config)(header)).toBe(`authorization: Basic ${REDACTED}; hook Basic ${REDACTED}`)
  })

  test('secrets shorter than 8 characters are named (never shown) for a warning', () => {
    expect(shortSecrets(load('', { CHSYNC_SOURCE_PASSWORD: '1', CHSYNC_TARGET_PASSWORD: 'abcdefg' }))).toEqual([
      'the source password',
      'the target password',
    ])
    expect(shortSecrets(load('[source]\nsnapshot_url = "mysql://r:pw@replica"\n', { CHSYNC_SOURCE_PASSWORD: 'long-enough' }))).toEqual([
      'the password of source.snapshot_url',
    ])
    expect(shortSecrets(load('[sink.ndjson]\noutput = "https://hook:tok@collector.example/in"\n'))).toEqual([
      'the password of sink.ndjson.output',
    ])
    expect(shortSecrets(config)).toEqual([])
    expect(shortSecrets(load(''))).toEqual([])
  })

  test('redact leaves text alone when there are no secrets', () => {
    expect(redact('nothing to hide', load(''))).toBe('nothing to hide')
  })
})
