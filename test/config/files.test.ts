// Files the config names: the config file itself, password files, TLS files, the plugin module;
// relative paths resolve against the config file's folder.

import { describe, expect, test } from 'bun:test'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileErrorReason } from '../../src/config/config-file.ts'
import { ConfigError, loadConfig, resolveConfigPath } from '../../src/config/index.ts'
import { CWD, HOST, load, problems, tempDir } from './support.ts'

describe('finding the config file', () => {
  const dir = tempDir({ 'config.toml': '[snapshot]\nparallelism = 7\n' })
  const etc = tempDir({ 'config.toml': '[snapshot]\nparallelism = 9\n' })
  const candidates = ['./config.toml', join(etc, 'config.toml')]

  test('-c first, then CHSYNC_CONFIG, then ./config.toml, then /etc/chsync/config.toml', () => {
    const env = { CHSYNC_CONFIG: 'from-env.toml' }
    expect(resolveConfigPath({ path: 'cli.toml', env, cwd: dir, candidates })).toEqual({ path: join(dir, 'cli.toml'), namedBy: 'option' })
    expect(resolveConfigPath({ env, cwd: dir, candidates })).toEqual({ path: join(dir, 'from-env.toml'), namedBy: 'env' })
    expect(resolveConfigPath({ env: {}, cwd: dir, candidates })).toEqual({ path: join(dir, 'config.toml'), namedBy: 'search' })
    expect(resolveConfigPath({ env: {}, cwd: '/nonexistent', candidates })).toEqual({ path: join(etc, 'config.toml'), namedBy: 'search' })
    expect(resolveConfigPath({ env: {}, cwd: '/nonexistent', candidates: ['./config.toml'] })).toEqual({ path: null, namedBy: null })
  })

  test('the found file is read', () => {
    const config = loadConfig({ env: {}, cwd: dir, hostname: HOST })
    expect(config.file).toBe(join(dir, 'config.toml'))
    expect(config.snapshot.parallelism).toBe(7)
    expect(loadConfig({ env: { CHSYNC_CONFIG: join(etc, 'config.toml') }, cwd: dir, hostname: HOST }).snapshot.parallelism).toBe(9)
  })

  test('a missing -c file or CHSYNC_CONFIG file is refused, naming who asked', () => {
    const missing = join(dir, 'missing.toml')
    const viaOption = refuseLoad({ path: missing, env: {}, cwd: dir })
    expect(viaOption.problems).toEqual([{ key: 'config', message: `config file ${missing} cannot be read: no such file` }])
    expect(viaOption.message).toBe(
      `invalid configuration in ${missing} (1 problem):\n  - config file ${missing} cannot be read: no such file`,
    )
    expect(refuseLoad({ env: { CHSYNC_CONFIG: missing }, cwd: dir }).problems).toEqual([
      { key: 'CHSYNC_CONFIG', message: `config file ${missing} (from CHSYNC_CONFIG) cannot be read: no such file` },
    ])
    expect(refuseLoad({ path: dir, env: {}, cwd: dir }).problems[0]!.message).toBe(`config file ${dir} cannot be read: it is a directory`)
  })

  test('env problems are still reported when the file cannot be read', () => {
    const found = refuseLoad({ path: join(dir, 'missing.toml'), env: { CHSYNC_LOG_LEVEL: 'loud' }, cwd: dir }).problems
    expect(found.map((p) => p.key)).toEqual(['config', 'log.level'])
  })
})

function refuseLoad(opts: Parameters<typeof loadConfig>[0]): ConfigError {
  try {
    loadConfig({ hostname: HOST, ...opts })
  } catch (err) {
    if (err instanceof ConfigError) return err
    throw err
  }
  throw new Error('expected a ConfigError')
}

describe('TOML syntax errors', () => {
  test('reason and place, without the surrounding lines (they may hold a password)', () => {
    const found = problems('[source]\nurl = "mysql://repl:hunter2@h"\nheartbeat_seconds = \n')
    expect(found).toEqual([{ key: 'config', message: 'the config text is not valid TOML: invalid value (line 3, column 21)' }])
    expect(JSON.stringify(found)).not.toContain('hunter2')
  })

  test('a redefined key', () => {
    expect(problems('[log]\nlevel = "info"\nlevel = "debug"\n', {}, { path: '/etc/chsync/config.toml' })).toEqual([
      {
        key: 'config',
        message: '/etc/chsync/config.toml is not valid TOML: trying to redefine an already defined table or value (line 3, column 1)',
      },
    ])
  })
})

describe('relative paths', () => {
  test('from the file: against its folder; from env: against the working directory', () => {
    const text = '[state]\npath = "data/state.db"\n[health]\nsocket = "../run/health.sock"\n'
    const config = load(text, { CHSYNC_SINK_NDJSON_OUTPUT: 'out.ndjson' }, { path: '/etc/chsync/config.toml' })
    expect(config.state.path).toBe('/etc/chsync/data/state.db')
    expect(config.health.socket).toBe('/etc/run/health.sock')
    expect(config.sink.ndjson.output).toEqual({ kind: 'file', path: `${CWD}/out.ndjson` })
    expect(load(text).state.path).toBe(`${CWD}/data/state.db`)
  })
})

describe('files that must exist', () => {
  const dir = tempDir({ 'ca.pem': 'pem', 'plugin.ts': 'export default {}' })
  mkdirSync(join(dir, 'folder'))

  test('TLS files', () => {
    const text = [
      '[source]',
      'tls = "on"',
      'tls_ca_file = "missing-ca.pem"',
      'tls_cert_file = "missing-cert.pem"',
      'tls_key_file = "folder"',
      '[target]',
      'url = "https://ch.example"',
      'tls_ca_file = "nope.pem"',
    ].join('\n')
    expect(problems(text, {}, { path: join(dir, 'config.toml') })).toEqual([
      { key: 'source.tls_ca_file', message: `"source.tls_ca_file" file ${dir}/missing-ca.pem does not exist` },
      { key: 'source.tls_cert_file', message: `"source.tls_cert_file" file ${dir}/missing-cert.pem does not exist` },
      { key: 'source.tls_key_file', message: `"source.tls_key_file" ${dir}/folder is not a file` },
      { key: 'target.tls_ca_file', message: `"target.tls_ca_file" file ${dir}/nope.pem does not exist` },
    ])
  })

  test('the plugin module, only when sink.kind = "plugin"', () => {
    expect(problems('[sink]\nkind = "plugin"\n[sink.plugin]\npath = "missing.ts"\n', {}, { path: join(dir, 'c.toml') })).toEqual([
      { key: 'sink.plugin.path', message: `"sink.plugin.path" file ${dir}/missing.ts does not exist` },
    ])
    expect(load('[sink.plugin]\npath = "missing.ts"\n').sink.plugin.path).toBe(`${CWD}/missing.ts`)
    expect(load('[sink]\nkind = "plugin"\n[sink.plugin]\npath = "plugin.ts"\n', {}, { path: join(dir, 'c.toml') }).sink.plugin.path).toBe(
      join(dir, 'plugin.ts'),
    )
  })

  test('password files: read, one trailing newline dropped, missing ones named by key and path', () => {
    const pw = tempDir({ src: 's3cret\n', dst: 'two\nlines\r\n', plain: ' spaced ' })
    const config = load(`[source]\npassword_file = "${pw}/src"\n[target]\npassword_file = "${pw}/dst"\n`)
    expect(config.source.url.password).toBe('s3cret')
    expect(config.target.url.password).toBe('two\nlines')
    expect(load(`[source]\npassword_file = "${pw}/plain"\n`).source.url.password).toBe(' spaced ')
    expect(problems(`[source]\npassword_file = "${pw}/nope"\n[target]\npassword_file = "${pw}"\n`)).toEqual([
      { key: 'source.password_file', message: `"source.password_file" file ${pw}/nope cannot be read: no such file` },
      { key: 'target.password_file', message: `"target.password_file" file ${pw} cannot be read: it is a directory` },
    ])
  })

  test('read errors are named by their reason', () => {
    expect(['ENOENT', 'EACCES', 'EPERM', 'EISDIR', 'ELOOP'].map((code) => fileErrorReason({ code }))).toEqual([
      'no such file',
      'permission denied',
      'permission denied',
      'it is a directory',
      'ELOOP',
    ])
    expect(fileErrorReason(new Error('x'))).toBe('unreadable')
  })

  // root reads any file, so this can only be seen as another user.
  test.skipIf(process.getuid?.() === 0)('an unreadable password file', () => {
    const pw = tempDir()
    writeFileSync(join(pw, 'locked'), 'x', { mode: 0o000 })
    expect(problems(`[source]\npassword_file = "${pw}/locked"\n`)[0]!.message).toBe(
      `"source.password_file" file ${pw}/locked cannot be read: permission denied`,
    )
  })
})
