// The plugin sink against the Sink contract, with a plugin that records what it is handed (read
// back from its calls). Its flush failure is the plugin throwing: fatal, nothing committed past it.

import { silentLogger } from '../../../src/log/index.ts'
import { type ChangeEvent, PluginSink } from '../../../src/sink/plugin/index.ts'
import { type Delivered, sinkContract } from './contract.ts'

function delivered(c: ChangeEvent): Delivered {
  if (c.kind === 'ddl') return { kind: 'ddl', statement: c.statement }
  const row = (c.after ?? c.before)!
  return { kind: 'row', table: `${c.schema}.${c.table}`, row, deleted: c.kind === 'delete', version: c.version }
}

sinkContract({
  name: 'plugin sink',
  async open() {
    const calls: ChangeEvent[] = []
    let failing = false
    const sink = new PluginSink({
      plugin: {
        name: 'recorder',
        plugin: {
          acknowledge: 'auto',
          onChange(c) {
            if (failing) throw new Error('the recorder is full')
            calls.push(c)
          },
        },
      },
      options: {},
      log: silentLogger,
    })
    await sink.start()
    return {
      sink,
      read: async () => ({ feed: calls.map(delivered) }),
      fault: { expected: 'fatal', inject: async () => void (failing = true) },
      close: () => sink.close(),
    }
  },
})
