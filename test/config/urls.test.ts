// Server URLs: parts, default ports and users, and every way a URL is refused (masked in messages).

import { describe, expect, test } from 'bun:test'
import { load, problems } from './support.ts'

describe('source and target URLs', () => {
  test('parts, percent-decoding, IPv6, default ports', () => {
    const config = load(
      '[source]\nurl = "mariadb://r%40x@[::1]"\nsnapshot_url = "mysql://reader@replica:3316"\n[target]\nurl = "https://ch.example:9443/"\n',
    )
    expect(config.source.url).toEqual({ scheme: 'mariadb', host: '::1', port: 3306, user: 'r@x', password: '' })
    expect(config.source.snapshotUrl).toEqual({ scheme: 'mysql', host: 'replica', port: 3316, user: 'reader', password: '' })
    expect(config.target.url).toEqual({ scheme: 'https', host: 'ch.example', port: 9443, user: 'default', password: '' })
  })

  test('an explicit port equal to the scheme default of http(s) is kept', () => {
    expect(load('[target]\nurl = "http://h:80"\n').target.url.port).toBe(80)
    expect(load('[target]\nurl = "https://h:443"\n').target.url.port).toBe(443)
    expect(load('[target]\nurl = "https://h"\n').target.url.port).toBe(8443)
  })

  test('snapshot_url inherits the user and password it does not name', () => {
    const config = load('[source]\nurl = "mysql://repl@primary"\nsnapshot_url = "mysql://replica"\n', { CHSYNC_SOURCE_PASSWORD: 'pw1' })
    expect(config.source.snapshotUrl).toEqual({ scheme: 'mysql', host: 'replica', port: 3306, user: 'repl', password: 'pw1' })
    const own = load('[source]\nurl = "mysql://repl@primary"\nsnapshot_url = "mysql://reader:pw2@replica"\n', {
      CHSYNC_SOURCE_PASSWORD: 'pw1',
    })
    expect(own.source.snapshotUrl).toEqual({ scheme: 'mysql', host: 'replica', port: 3306, user: 'reader', password: 'pw2' })
  })

  const BAD: [string, string, string][] = [
    ['source.url', 'http://repl@h:3306', '"source.url" must use mysql:// or mariadb://, got "http://repl@h:3306"'],
    ['source.url', 'mysql://h:3306', '"source.url" must name a user (a URL like "mysql://repl@127.0.0.1:3306"), got "mysql://h:3306"'],
    [
      'source.url',
      'mysql://repl@h:3306/shop',
      '"source.url" must not have a path, query or fragment (a URL like "mysql://repl@127.0.0.1:3306"), got "mysql://repl@h:3306/shop"',
    ],
    ['source.url', 'mysql://repl@h:99999', '"source.url" must be a URL like "mysql://repl@127.0.0.1:3306", got "mysql://repl@h:99999"'],
    ['source.url', 'mysql://repl@h:0', '"source.url" must have a port from 1 to 65535, got "mysql://repl@h:0"'],
    ['source.url', '127.0.0.1:3306', '"source.url" must be a URL like "mysql://repl@127.0.0.1:3306", got "127.0.0.1:3306"'],
    ['source.url', 'localhost:3306', '"source.url" must use mysql:// or mariadb://, got "localhost:3306"'],
    ['source.url', 'not a url', '"source.url" must be a URL like "mysql://repl@127.0.0.1:3306", got "not a url"'],
    ['source.url', '', '"source.url" must be a URL like "mysql://repl@127.0.0.1:3306", got ""'],
    ['source.url', 'mysql://repl@', '"source.url" must be a URL like "mysql://repl@127.0.0.1:3306", got "mysql://repl@"'],
    ['source.url', 'mysql://u%zz@h', '"source.url" must percent-encode its user and password correctly, got "mysql://u%zz@h"'],
    ['source.snapshot_url', 'https://replica', '"source.snapshot_url" must use mysql:// or mariadb://, got "https://replica"'],
    ['target.url', 'mysql://default@h:8123', '"target.url" must use http:// or https://, got "mysql://default@h:8123"'],
    [
      'target.url',
      'http://h:8123/?database=x',
      '"target.url" must not have a path, query or fragment (a URL like "http://default@127.0.0.1:8123"), got "http://h:8123/?database=x"',
    ],
    ['sink.ndjson.output', 'https://', '"sink.ndjson.output" must be a valid http(s):// URL, got "https://"'],
  ]
  for (const [key, url, message] of BAD) {
    test(`${key} = ${JSON.stringify(url)} is refused`, () => {
      const [section, name] = [key.slice(0, key.lastIndexOf('.')), key.slice(key.lastIndexOf('.') + 1)]
      expect(problems(`[${section}]\n${name} = ${JSON.stringify(url)}\n`)).toEqual([{ key, message }])
    })
  }

  test('the same checks apply to URLs from env, naming the variable', () => {
    expect(problems('', { CHSYNC_TARGET_URL: 'ftp://h' })).toEqual([
      { key: 'target.url', message: '"target.url" (from CHSYNC_TARGET_URL) must use http:// or https://, got "ftp://h"' },
    ])
  })

  test('ndjson outputs: stdout, a file relative to the config file, an URL', () => {
    expect(load('[sink.ndjson]\noutput = "-"\n').sink.ndjson.output).toEqual({ kind: 'stdout' })
    expect(load('[sink.ndjson]\noutput = "out.ndjson"\n', {}, { path: '/etc/chsync/config.toml' }).sink.ndjson.output).toEqual({
      kind: 'file',
      path: '/etc/chsync/out.ndjson',
    })
    expect(load('[sink.ndjson]\noutput = "https://hook:pw@collector.example/ingest?x=1"\n').sink.ndjson.output).toEqual({
      kind: 'http',
      url: 'https://hook:pw@collector.example/ingest?x=1',
      password: 'pw',
    })
  })
})
