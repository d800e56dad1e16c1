// Loads a plugin module by path at run time (also from the compiled binary: Bun transpiles a
// .ts file it imports from disk) and checks that what it exports are hooks.

import { basename, extname, isAbsolute, resolve } from 'node:path'
import type { ChsyncPlugin } from './api.ts'
import { PluginLoadError } from './errors.ts'

export interface LoadedPlugin {
  name: string
  plugin: ChsyncPlugin
}

const HOOKS = ['init', 'onSnapshotStart', 'onSnapshotEnd', 'onStreamStart', 'onChange', 'onRows', 'onCommit', 'close'] as const

export async function loadPlugin(path: string): Promise<LoadedPlugin> {
  const file = isAbsolute(path) ? path : resolve(path)
  let mod: Record<string, unknown>
  try {
    mod = (await import(file)) as Record<string, unknown>
  } catch (err) {
    throw new PluginLoadError(`cannot load the plugin ${file}: ${(err as Error).message}`, file, { cause: err })
  }
  // The default export, else the module's named exports.
  const candidate = (mod.default && typeof mod.default === 'object' ? mod.default : mod) as Record<string, unknown>
  const plugin: ChsyncPlugin = {}
  for (const hook of HOOKS) {
    const fn = candidate[hook]
    if (fn === undefined) continue
    if (typeof fn !== 'function') throw new PluginLoadError(`the plugin ${file}: "${hook}" must be a function, got ${typeof fn}`, file)
    ;(plugin as Record<string, unknown>)[hook] = (fn as (...a: unknown[]) => unknown).bind(candidate)
  }
  if (!plugin.onChange && !plugin.onRows)
    throw new PluginLoadError(`the plugin ${file} has neither onChange nor onRows: it would receive nothing`, file)
  if (plugin.onChange && plugin.onRows) throw new PluginLoadError(`the plugin ${file} has both onChange and onRows: keep one`, file)
  const ack = candidate.acknowledge ?? 'auto'
  if (ack !== 'auto' && ack !== 'manual')
    throw new PluginLoadError(`the plugin ${file}: "acknowledge" must be "auto" or "manual", got ${JSON.stringify(ack)}`, file)
  plugin.acknowledge = ack
  const name = typeof candidate.name === 'string' && candidate.name !== '' ? candidate.name : basename(file, extname(file))
  plugin.name = name
  return { name, plugin }
}
