// What a plugin module provides and what chsync hands to it. Types only, so that a plugin can
// `import type` them and still load into the compiled chsync binary, which has no files to import.
//
// A plugin is a .ts or .js module whose default export (or whose named exports) are the hooks:
//
//   import type { ChsyncPlugin } from 'chsync/src/sink/plugin/api.ts'
//   export default {
//     name: 'audit',
//     async init(ctx) { ... },
//     async onChange(change) { ... },
//     async onCommit(position) { ... },
//   } satisfies ChsyncPlugin
//
// Order of calls: init, then onSnapshotStart / onSnapshotEnd around the initial copy, onStreamStart
// when the binlog stream begins (copy rows and binlog changes may interleave while a copy runs),
// the changes in source order, onCommit at transaction boundaries, and close last. Calls never
// overlap: each waits for the previous one's promise.

/** A column value, as the binlog decoder gives it (see docs/change-feed.md). */
export type ColumnValue = null | number | bigint | string | Uint8Array | string[] | number[]

export interface RowChangeEvent {
  kind: 'snapshot_insert' | 'insert' | 'update' | 'delete'
  schema: string
  table: string
  /** The table's columns, in order. */
  columns: string[]
  /** Primary key columns; empty for a table without one. */
  key: string[]
  /** The row after the change (snapshot_insert, insert, update). A column the binlog image lacks is absent. */
  after: Record<string, ColumnValue> | null
  /** The row before the change (update, delete). */
  before: Record<string, ColumnValue> | null
  /** GTID of the source transaction; null for copied rows and sources without GTIDs. */
  gtid: string | null
  /** Binlog position where the change's transaction begins ("file:offset"); null for copied rows. */
  position: string | null
  /** chsync's version: rises with every binlog change; copied rows share their copy's version. */
  version: bigint
  /** Commit time on the source (copy time for copied rows), ms since the epoch; 0 when unknown. */
  timestampMs: number
}

export interface DdlEvent {
  kind: 'ddl'
  /** The session's database when the statement ran. */
  schema: string
  statement: string
  gtid: string | null
  position: string | null
  /** The version counter as it stands: every row change after the statement is higher. */
  version: bigint
  timestampMs: number
}

export type ChangeEvent = RowChangeEvent | DdlEvent

export interface CommitPosition {
  /** "file:offset" to resume from after everything delivered before it. */
  position: string
  /** The executed GTID set there, when the source has GTIDs. */
  gtidSet: string | null
}

export interface PluginLogger {
  debug(msg: string, fields?: Record<string, unknown>): void
  info(msg: string, fields?: Record<string, unknown>): void
  warn(msg: string, fields?: Record<string, unknown>): void
  error(msg: string, fields?: Record<string, unknown>): void
}

export interface PluginContext {
  /** The plugin's name (its `name`, else its file name). */
  readonly name: string
  /** chsync's log, with the plugin's name on every line. */
  readonly log: PluginLogger
  /** `[sink.plugin.options]` of the configuration, as written. */
  readonly options: Readonly<Record<string, unknown>>
  /**
   * With `acknowledge: "manual"`: everything handed to the plugin so far is safe, chsync may
   * commit past it. Call it from anywhere, at any time (e.g. when a downstream system confirms).
   */
  savePosition(): void
}

export interface ChsyncPlugin {
  name?: string
  /**
   * "auto" (default): a change is safe once the hook that received it resolved, and the position
   * is committed after that. "manual": chsync commits only after `ctx.savePosition()`.
   */
  acknowledge?: 'auto' | 'manual'
  init?(ctx: PluginContext): void | Promise<void>
  onSnapshotStart?(): void | Promise<void>
  onSnapshotEnd?(): void | Promise<void>
  onStreamStart?(): void | Promise<void>
  /** One change at a time. A plugin has this or `onRows`. */
  onChange?(change: ChangeEvent): void | Promise<void>
  /** The changes between two other hooks, in one call. */
  onRows?(batch: ChangeEvent[]): void | Promise<void>
  /** A transaction boundary: everything before it was delivered. The natural place to flush. */
  onCommit?(position: CommitPosition): void | Promise<void>
  close?(): void | Promise<void>
}
