// Public face of the plugin sink: a user's module receiving the change feed.

export { PluginSink, type PluginSinkOptions, type PluginState } from './plugin-sink.ts'
export { loadPlugin, type LoadedPlugin } from './load-plugin.ts'
export { PluginError, PluginLoadError, describeChange } from './errors.ts'
export type {
  ChangeEvent,
  ChsyncPlugin,
  ColumnValue,
  CommitPosition,
  DdlEvent,
  PluginContext,
  PluginLogger,
  RowChangeEvent,
} from './api.ts'
