// Errors of the plugin sink: a module that cannot be used, and a hook that threw.

import { SinkFatalError } from '../sink.ts'
import type { ChangeEvent } from './api.ts'

/** The module at sink.plugin.path cannot be loaded or is not a plugin. */
export class PluginLoadError extends Error {
  readonly code = 'plugin_load'
  constructor(
    message: string,
    readonly path: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.name = 'PluginLoadError'
  }
}

/** A hook threw (or rejected): the stream stops there, nothing after it is committed. */
export class PluginError extends SinkFatalError {
  readonly code = 'plugin'
  constructor(
    readonly plugin: string,
    readonly hook: string,
    /** The change the hook was given (the first of a batch), when it was given one. */
    readonly change: ChangeEvent | null,
    cause: unknown,
  ) {
    super(`plugin "${plugin}" failed in ${hook}${change ? ` on ${describeChange(change)}` : ''}: ${causeText(cause)}`, { cause })
    this.name = 'PluginError'
  }
}

/** "update shop.orders id=7 (version 1042, gtid …:42)". */
export function describeChange(c: ChangeEvent): string {
  const where = `version ${c.version}${c.gtid ? `, gtid ${c.gtid}` : ''}${c.position ? `, position ${c.position}` : ''}`
  if (c.kind === 'ddl') return `ddl in ${c.schema} "${c.statement.slice(0, 120)}" (${where})`
  const row = c.after ?? c.before ?? {}
  const names = c.key.length ? c.key : c.columns.slice(0, 3)
  const key = names.map((k) => `${k}=${showValue(row[k])}`).join(' ')
  return `${c.kind} ${c.schema}.${c.table}${key ? ` ${key}` : ''} (${where})`
}

function showValue(v: unknown): string {
  if (v === undefined) return '?'
  if (v instanceof Uint8Array) return `0x${Buffer.from(v).toString('hex').slice(0, 32)}`
  if (typeof v === 'bigint') return v.toString()
  return typeof v === 'string' ? JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v) : JSON.stringify(v)
}

function causeText(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause)
}
