// Unknown keys and sections are refused at every depth, with the dotted name and a suggestion.

import { describe, expect, test } from 'bun:test'
import { problems } from './support.ts'

const SECTIONS = ['source', 'target', 'replicate', 'snapshot', 'apply', 'sink', 'sink.ndjson', 'sink.plugin', 'state', 'health', 'log']

describe('unknown keys', () => {
  for (const section of SECTIONS) {
    test(`in [${section}]`, () => {
      expect(problems(`[${section}]\nbogus_key = 1\n`)).toEqual([
        { key: `${section}.bogus_key`, message: `unknown key "${section}.bogus_key"` },
      ])
    })
  }

  test('at the top level, as a key and as a section', () => {
    expect(problems('bogus = 1\n[kafka]\nbrokers = "x"\n')).toEqual([
      { key: 'bogus', message: 'unknown key "bogus"' },
      { key: 'kafka', message: 'unknown section "kafka"' },
    ])
  })

  test('nested sections: [sink.pulsar], [apply.extra.deep]', () => {
    expect(problems('[sink.pulsar]\ntopic = "t"\n[apply.extra.deep]\nx = 1\n')).toEqual([
      { key: 'sink.pulsar', message: 'unknown section "sink.pulsar"' },
      { key: 'apply.extra', message: 'unknown section "apply.extra"' },
    ])
  })

  test('dotted keys and inline tables are walked like sections', () => {
    expect(problems('snapshot.parallelism = 2\nsnapshot.bogus = 1\nlog = { level = "info", colour = true }\n')).toEqual([
      { key: 'snapshot.bogus', message: 'unknown key "snapshot.bogus"' },
      { key: 'log.colour', message: 'unknown key "log.colour"' },
    ])
  })

  test('a quoted key with a dot is not taken for a dotted key', () => {
    expect(problems('"source.url" = "mysql://a@b"\n')).toEqual([
      { key: 'source.url', message: 'unknown key "source.url" (a quoted name with a dot is one key, not a dotted path)' },
    ])
  })

  test('misspellings get a suggestion', () => {
    expect(problems('[snapshots]\nmode = "never"\n[snapshot]\nparalelism = 2\nchunk_row = 100\n[log]\nlevle = "debug"\n')).toEqual([
      { key: 'snapshots', message: 'unknown section "snapshots"; did you mean "snapshot"?' },
      { key: 'snapshot.paralelism', message: 'unknown key "snapshot.paralelism"; did you mean "snapshot.parallelism"?' },
      { key: 'snapshot.chunk_row', message: 'unknown key "snapshot.chunk_row"; did you mean "snapshot.chunk_rows"?' },
      { key: 'log.levle', message: 'unknown key "log.levle"; did you mean "log.level"?' },
    ])
  })

  test('a password key points to password_file and the env variable, without echoing the value', () => {
    const found = problems('[source]\npassword = "hunter2"\n[target]\npassword = "hunter3"\n')
    expect(found).toEqual([
      {
        key: 'source.password',
        message: 'unknown key "source.password": put the password in a file named by "source.password_file", or in CHSYNC_SOURCE_PASSWORD',
      },
      {
        key: 'target.password',
        message: 'unknown key "target.password": put the password in a file named by "target.password_file", or in CHSYNC_TARGET_PASSWORD',
      },
    ])
  })

  test('a section written as a value', () => {
    expect(problems('snapshot = 4\nsource = "mysql://u:secret@h"\n')).toEqual([
      { key: 'snapshot', message: '"snapshot" must be a table ([snapshot]), got a number' },
      { key: 'source', message: '"source" must be a table ([source]), got a string' },
    ])
  })

  test('the free tables take any key: [target.databases], [target.columns], [sink.plugin.options]', () => {
    expect(() =>
      problems(
        '[target.databases]\nanything = "x"\n[target.columns]\n"a.b.c" = "UInt8"\n[sink.plugin.options]\nwhatever = { nested = [1, 2] }\n',
      ),
    ).toThrow('expected a ConfigError')
  })
})
