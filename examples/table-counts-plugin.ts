// Example plugin: counts the changes per table and kind, logs the counts now and then, and keeps
// them in a JSON file (options.output) rewritten at every commit, so another process can read them.
//
//   [sink]
//   kind = "plugin"
//   [sink.plugin]
//   path = "examples/table-counts-plugin.ts"
//   [sink.plugin.options]
//   output = "/var/lib/chsync/counts.json"   # optional
//   log_every_ms = 60000                     # optional

import { renameSync, writeFileSync } from 'node:fs'
import type { ChangeEvent, ChsyncPlugin, CommitPosition, PluginContext } from '../src/sink/plugin/api.ts'

type Counts = Record<string, { snapshot_insert: number; insert: number; update: number; delete: number; ddl: number }>

let ctx: PluginContext
let output: string | null = null
let logEveryMs = 60_000
let lastLog = Date.now()
let position: CommitPosition | null = null
const counts: Counts = {}

function save(): void {
  if (!output) return
  // Written whole and renamed: a reader never sees half a file.
  writeFileSync(`${output}.tmp`, JSON.stringify({ position, tables: counts }, null, 2))
  renameSync(`${output}.tmp`, output)
}

export default {
  name: 'table-counts',

  init(c) {
    ctx = c
    output = typeof c.options.output === 'string' ? c.options.output : null
    if (typeof c.options.log_every_ms === 'number') logEveryMs = c.options.log_every_ms
  },

  onRows(batch: ChangeEvent[]) {
    for (const change of batch) {
      const key = change.kind === 'ddl' ? `${change.schema}.*` : `${change.schema}.${change.table}`
      const c = (counts[key] ??= { snapshot_insert: 0, insert: 0, update: 0, delete: 0, ddl: 0 })
      c[change.kind]++
    }
  },

  onCommit(p) {
    position = p
    save()
    if (Date.now() - lastLog >= logEveryMs) {
      lastLog = Date.now()
      ctx.log.info('changes per table', { counts })
    }
  },

  close() {
    save()
    ctx.log.info('changes per table', { counts })
  },
} satisfies ChsyncPlugin
