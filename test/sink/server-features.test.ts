// Which types chsync creates on which ClickHouse: each version boundary, with the settings those
// versions list in system.settings, and the TIME type a table already made keeps.

import { describe, expect, test } from 'bun:test'
import { ColumnType, type SourceTable } from '../../src/model/index.ts'
import { checkJsonType, serverFeatures, timeTypeFor, typeSettings } from '../../src/sink/clickhouse/server-features.ts'
import { timeTypeIn } from '../../src/sink/clickhouse/time-choice.ts'

const settings = (entries: Record<string, string>) => new Map(Object.entries(entries))
/** What system.settings lists of the settings chsync asks about, by release. */
const RELEASES = {
  '23.7.1.1': settings({}),
  '23.8.16.40': settings({}),
  '24.8.14.39': settings({ allow_experimental_json_type: '0' }),
  '25.3.6.56': settings({ enable_json_type: '0', allow_experimental_json_type: '0' }),
  '25.6.2.5': settings({ enable_json_type: '1', allow_experimental_json_type: '1', enable_time_time64_type: '0' }),
  '26.7.2.1': settings({
    enable_json_type: '1',
    allow_experimental_json_type: '1',
    enable_time_time64_type: '1',
    allow_experimental_time_time64_type: '1',
  }),
}

describe('server features at each version boundary', () => {
  test('below 23.8 the server is refused, saying why', () => {
    expect(() => serverFeatures('23.7.1.1', RELEASES['23.7.1.1'])).toThrow(
      'ClickHouse 23.7.1.1 is older than 23.8, the oldest chsync works with',
    )
    expect(() => serverFeatures('22.12.1', settings({}))).toThrow('older than 23.8')
    expect(() => serverFeatures('not a version', settings({}))).toThrow('not a version')
  })

  test.each([
    ['23.8.16.40', false, false, 'String'],
    ['24.8.14.39', false, false, 'String'],
    ['25.3.6.56', false, true, 'String'],
    ['25.6.2.5', true, true, 'Time64'],
    ['26.7.2.1', true, true, 'Time64'],
  ] as const)('%s: Time64 %p, JSON %p, TIME in new tables as %s', (version, time64, json, auto) => {
    const f = serverFeatures(version, RELEASES[version])
    expect({ time64: f.time64, json: f.json }).toEqual({ time64, json })
    expect(timeTypeFor(f, 'auto')).toBe(auto)
    expect(timeTypeFor(f, 'String')).toBe('String')
    if (time64) expect(timeTypeFor(f, 'Time64')).toBe('Time64')
    else
      expect(() => timeTypeFor(f, 'Time64')).toThrow(
        `target.time_type = "Time64", but ClickHouse ${f.version.join('.')} has no Time64 type`,
      )
    if (json) checkJsonType(f, 'JSON')
    else expect(() => checkJsonType(f, 'JSON')).toThrow('target.json_type = "JSON", but ClickHouse')
    checkJsonType(f, 'String')
  })

  test('a type the server keeps switched off is switched on for chsync requests, only when used', () => {
    expect(typeSettings(RELEASES['25.6.2.5'], { time64: true, json: false })).toEqual({ enable_time_time64_type: '1' })
    expect(typeSettings(RELEASES['25.6.2.5'], { time64: false, json: false })).toEqual({})
    expect(typeSettings(RELEASES['25.3.6.56'], { time64: false, json: true })).toEqual({ enable_json_type: '1' })
    expect(typeSettings(RELEASES['26.7.2.1'], { time64: true, json: true })).toEqual({})
  })
})

describe('a table keeps its TIME type', () => {
  const col = (index: number, name: string, type: number) => ({
    index,
    name,
    type,
    meta: 0,
    nullable: true,
    unsigned: false,
    length: 0,
    precision: 0,
    scale: 0,
    fsp: 3,
    bits: 0,
    visible: true,
  })
  const source = {
    database: 'd',
    table: 't',
    columns: [col(0, 'id', ColumnType.LONG), col(1, 'at', ColumnType.TIME2)],
    primaryKey: [0],
  } as unknown as SourceTable
  const none = { override: () => undefined }
  const columns = (type: string) => ({
    columns: new Map([
      ['id', { type: 'Int32', ours: true }],
      ['at', { type, ours: true }],
    ]),
  })

  test('from the type of its column made from a TIME column', () => {
    expect(timeTypeIn(columns('Nullable(Time64(3))'), source, none)).toBe('Time64')
    expect(timeTypeIn(columns('Time64(3)'), source, none)).toBe('Time64')
    expect(timeTypeIn(columns('Nullable(String)'), source, none)).toBe('String')
  })

  test('none when there is no table or no such column yet', () => {
    expect(timeTypeIn(null, source, none)).toBeNull()
    expect(timeTypeIn({ columns: new Map([['id', { type: 'Int32', ours: true }]]) }, source, none)).toBeNull()
    // A column whose type the configuration sets is not the table's choice.
    expect(timeTypeIn(columns('Nullable(String)'), source, { override: (_db, _t, c) => (c === 'at' ? 'String' : undefined) })).toBeNull()
  })
})
