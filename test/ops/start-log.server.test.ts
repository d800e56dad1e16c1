// What an operator reads at a first start, in human log lines: the story in order (first start,
// the copy, then streaming), no field without a value, and a table name holding a newline and
// terminal escapes shown escaped on its own line instead of forging a line of its own.

import { expect, test } from 'bun:test'
import { healthOf } from './support/http-tools.ts'
import { cleanupsAfterEach } from './support/cleanups.ts'
import { OpsWorld } from './support/world.ts'

const { track } = cleanupsAfterEach()

const LINE = /^\d\d:\d\d:\d\d\.\d{3} (DEBUG|INFO |WARN |ERROR) (.*)$/
const FORGED = 'evil\n12:00:00.000 ERROR forged\x1b[31m'

test('a first start tells its story in order, one escaped line per entry', async () => {
  const world = track(await OpsWorld.open('mariadb10', 't_ops_startlog'))
  const { sql } = world
  await sql.query('CREATE TABLE orders (id INT PRIMARY KEY, v VARCHAR(20))')
  await sql.query(`INSERT INTO orders VALUES ${Array.from({ length: 3000 }, (_, i) => `(${i + 1}, 'v${i}')`).join(', ')}`)
  await sql.query(`CREATE TABLE \`${FORGED}\` (id INT PRIMARY KEY)`)
  await sql.query(`INSERT INTO \`${FORGED}\` VALUES (1)`)
  const run = track(world.startFromSource(['run'], { CHSYNC_LOG_FORMAT: 'human', CHSYNC_LOG_LEVEL: 'info' }))
  await run.waitFor('streaming', async () => ((await healthOf(world.socketPath))?.json.stage === 'streaming' ? true : undefined), 30_000)
  await run.waitFor('the streaming line', () => (run.output.includes(' INFO  streaming ') ? true : undefined))
  expect(await run.stop('SIGTERM')).toBe(0)

  const lines = run.output.trimEnd().split('\n')
  for (const line of lines) expect(line).toMatch(LINE)
  // A clean start warns about nothing (the ClickHouse client warned of every insert's unread answer).
  expect(lines.filter((l) => !['DEBUG', 'INFO '].includes(LINE.exec(l)?.[1] ?? ''))).toEqual([])
  expect(run.output).not.toContain('\x1b')
  expect(run.output).toContain('evil\\n12:00:00.000 ERROR forged\\x1b[31m')
  // Every field has a value: nothing like tcp=null or entering=[].
  for (const line of lines) expect(line).not.toMatch(/ [a-z_]+=(null|undefined|\[\]|\{\})( |$)/)

  const info = lines
    .map((l) => LINE.exec(l)!)
    .filter((m) => m[1] === 'INFO ')
    .map((m) => m[2]!.split('  ')[0]!)
  const story = info.filter((m) => !m.startsWith('table copied') && !m.startsWith('adapting'))
  expect(story).toEqual([
    'health endpoint listening',
    'connected to the source',
    'ClickHouse server',
    "first start: from the source's current position (the tables are copied, then the binlog from there is applied)",
    'replicated tables',
    'initial copy',
    'copy done',
    'streaming',
    'stopping: flushing and committing the position',
    'stopped',
  ])
  expect(info.filter((m) => m === 'table copied')).toHaveLength(2)
  expect(info.indexOf('table copied')).toBeGreaterThan(info.indexOf('initial copy'))
  expect(info.lastIndexOf('table copied')).toBeLessThan(info.indexOf('copy done'))
}, 60_000)
