// The plugin sink without a server: the order of calls when the pipeline signals the life cycle
// and transaction ends, onRows batches, manual acknowledgement holding the flush, a failure that
// names the plugin and the change, and the loader's checks.

import { afterEach, describe, expect, test } from 'bun:test'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type ColumnDef, ColumnType, JsonText, type RowChange, type SourceTable } from '../../src/model/index.ts'
import { silentLogger } from '../../src/log/index.ts'
import { type ChangeEvent, type ChsyncPlugin, PluginError, PluginLoadError, PluginSink, loadPlugin } from '../../src/sink/plugin/index.ts'
import { flushFailure } from '../../src/sink/sink.ts'

const col = (name: string): ColumnDef => ({
  index: 0,
  name,
  type: ColumnType.LONG,
  meta: 0,
  nullable: false,
  unsigned: false,
  length: 0,
  precision: 0,
  scale: 0,
  fsp: 0,
  bits: 0,
  visible: true,
})
const T: SourceTable = { database: 'shop', table: 'orders', columns: [col('id'), col('n')], primaryKey: [0] }
const row = (kind: RowChange['kind'], id: number, version: number): RowChange => ({
  kind,
  table: T,
  before: kind === 'insert' || kind === 'snapshot' ? null : [id, 0],
  after: kind === 'delete' ? null : [id, 1],
  version: BigInt(version),
  gtid: kind === 'snapshot' ? null : `uuid:${version}`,
  position: kind === 'snapshot' ? null : 'binlog.000001:100',
  timestampMs: 1_700_000_000_000,
})

function recorder(extra: Partial<ChsyncPlugin> = {}): { plugin: ChsyncPlugin; calls: string[] } {
  const calls: string[] = []
  const show = (c: ChangeEvent) => (c.kind === 'ddl' ? `ddl` : `${c.kind}:${(c.after ?? c.before)!.id}`)
  const plugin: ChsyncPlugin = {
    init: (ctx) => void calls.push(`init ${ctx.name} ${JSON.stringify(ctx.options)}`),
    onSnapshotStart: () => void calls.push('onSnapshotStart'),
    onSnapshotEnd: () => void calls.push('onSnapshotEnd'),
    onStreamStart: () => void calls.push('onStreamStart'),
    onChange: (c) => void calls.push(show(c)),
    onCommit: (p) => void calls.push(`commit ${p.position}`),
    close: () => void calls.push('close'),
    ...extra,
  }
  if (extra.onRows) delete plugin.onChange
  return { plugin, calls }
}

const sinkOf = (plugin: ChsyncPlugin, opts: Partial<ConstructorParameters<typeof PluginSink>[0]> = {}) =>
  new PluginSink({ plugin: { name: 'rec', plugin: { acknowledge: 'auto', ...plugin } }, options: { a: 1 }, log: silentLogger, ...opts })

const end = (n: number) => ({ position: `binlog.000001:${n}`, gtid: null, gtidSet: null, timestampMs: 0, version: BigInt(n) })

describe('plugin sink', () => {
  test('with the pipeline signalling: hooks in order, onCommit at each transaction end', async () => {
    const { plugin, calls } = recorder()
    const s = sinkOf(plugin)
    await s.start()
    await s.snapshotStarted()
    s.write(row('snapshot', 1, 0))
    await s.streamStarted()
    s.write(row('insert', 2, 1))
    s.write(row('update', 1, 2))
    s.transactionEnded(end(200))
    s.write(row('delete', 2, 3))
    await s.flush()
    await s.committed('binlog.000001:200', null)
    s.transactionEnded(end(300))
    await s.snapshotFinished()
    await s.applyDdl({
      database: 'shop',
      statement: 'ALTER TABLE orders ADD x INT',
      changes: [],
      before: [],
      gtid: null,
      position: null,
      timestampMs: 0,
    })
    await s.close()
    expect(calls).toEqual([
      'init rec {"a":1}',
      'onSnapshotStart',
      'snapshot_insert:1',
      'onStreamStart',
      'insert:2',
      'update:1',
      'commit binlog.000001:200',
      'delete:2',
      'commit binlog.000001:300',
      'onSnapshotEnd',
      'ddl',
      'close',
    ])
  })

  test('without the signals they are inferred, and onCommit follows each commit', async () => {
    const { plugin, calls } = recorder()
    const s = sinkOf(plugin)
    await s.start()
    s.write(row('snapshot', 1, 0))
    s.write(row('insert', 2, 1))
    await s.flush()
    await s.committed('binlog.000001:200', null)
    await s.snapshotDone(T, 0n)
    await s.close()
    expect(calls).toEqual([
      'init rec {"a":1}',
      'onSnapshotStart',
      'snapshot_insert:1',
      'onStreamStart',
      'insert:2',
      'commit binlog.000001:200',
      'onSnapshotEnd',
      'close',
    ])
  })

  test('onRows gets the changes between two other calls as one batch', async () => {
    const batches: string[][] = []
    const { plugin, calls } = recorder({ onRows: (b) => void batches.push(b.map((c) => `${c.kind}:${c.version}`)) })
    const s = sinkOf(plugin)
    await s.start()
    await s.streamStarted()
    s.write(row('insert', 1, 1))
    s.write(row('insert', 2, 2))
    s.transactionEnded(end(10))
    s.write(row('delete', 1, 3))
    await s.flush()
    expect(batches).toEqual([['insert:1', 'insert:2'], ['delete:3']])
    expect(calls).toEqual(['init rec {"a":1}', 'onStreamStart', 'commit binlog.000001:10'])
  })

  test('a JSON document reaches the plugin as its text, as a string', async () => {
    const seen: unknown[] = []
    const { plugin } = recorder({ onChange: (c) => void seen.push(c.kind === 'ddl' ? null : c.after?.n) })
    const s = sinkOf(plugin)
    await s.start()
    await s.streamStarted()
    s.write({ ...row('insert', 1, 1), after: [1, JsonText.of(Buffer.from('[]{"é": [1, "x"]}'), 2, 18)] })
    await s.flush()
    expect(seen).toEqual(['{"é": [1, "x"]}'])
  })

  test('manual acknowledgement: the flush waits for savePosition()', async () => {
    let save: () => void = () => {}
    const { plugin } = recorder({ init: (ctx) => void (save = ctx.savePosition), acknowledge: 'manual' })
    const s = new PluginSink({ plugin: { name: 'rec', plugin }, options: {}, log: silentLogger })
    await s.start()
    s.write(row('insert', 1, 1))
    let flushed = false
    const f = s.flush().then(() => (flushed = true))
    await Bun.sleep(30)
    expect(flushed).toBe(false)
    save()
    await f
    expect(flushed).toBe(true)
  })

  test('a hook that throws: PluginError with the plugin and the change, closed, nothing more delivered', async () => {
    const fatal: PluginError[] = []
    const { plugin, calls } = recorder({
      onChange: (c) => {
        if (c.kind !== 'ddl' && c.after?.id === 2) throw new Error('disk full')
        calls.push(`${c.kind}`)
      },
    })
    const s = sinkOf(plugin, { onFatal: (e) => void fatal.push(e) })
    await s.start()
    s.write(row('insert', 1, 1))
    s.write(row('insert', 2, 2))
    s.write(row('insert', 3, 3))
    const err = await s.flush().catch((e: unknown) => e)
    expect(err).toBeInstanceOf(PluginError)
    expect((err as PluginError).message).toBe(
      'plugin "rec" failed in onChange on insert shop.orders id=2 (version 2, gtid uuid:2, position binlog.000001:100): disk full',
    )
    expect(flushFailure(err)).toBe('fatal')
    expect(fatal).toEqual([err as PluginError])
    expect(calls).toEqual(['init rec {"a":1}', 'onStreamStart', 'insert', 'close'])
    expect(await s.flush().catch((e: unknown) => e)).toBe(err)
  })
})

describe('loadPlugin', () => {
  let dir = ''
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true })
    dir = ''
  })
  const file = (name: string, text: string) => {
    dir ||= mkdtempSync(join(tmpdir(), 'chsync-plugin-load-'))
    const p = join(dir, name)
    writeFileSync(p, text)
    return p
  }

  test('a default export or named exports; the name defaults to the file name', async () => {
    const a = await loadPlugin(file('a.ts', "export default { name: 'mine', onChange() {} }"))
    expect(a.name).toBe('mine')
    expect(a.plugin.acknowledge).toBe('auto')
    const b = await loadPlugin(file('audit-log.js', 'export function onRows() {}\nexport const acknowledge = "manual"'))
    expect(b.name).toBe('audit-log')
    expect(b.plugin.acknowledge).toBe('manual')
    expect(typeof b.plugin.onRows).toBe('function')
  })

  test('what cannot be a plugin is refused with the reason', async () => {
    const reason = async (text: string) =>
      ((await loadPlugin(file(`p${Math.random()}.ts`, text)).catch((e: unknown) => e)) as Error).message.replace(/ \/\S+?\.ts/, ' FILE')
    expect(await reason('export default { onCommit() {} }')).toBe(
      'the plugin FILE has neither onChange nor onRows: it would receive nothing',
    )
    expect(await reason('export default { onChange() {}, onRows() {} }')).toBe('the plugin FILE has both onChange and onRows: keep one')
    expect(await reason('export default { onChange: 1 }')).toBe('the plugin FILE: "onChange" must be a function, got number')
    expect(await reason("export default { onChange() {}, acknowledge: 'later' }")).toBe(
      'the plugin FILE: "acknowledge" must be "auto" or "manual", got "later"',
    )
    const missing = await loadPlugin('/nonexistent/plugin.ts').catch((e: unknown) => e)
    expect(missing).toBeInstanceOf(PluginLoadError)
    expect((missing as Error).message).toStartWith('cannot load the plugin /nonexistent/plugin.ts: ')
  })
})
