// The decoders the benchmark compares, and how each one's process is started.

import { mkdirSync, readFileSync } from 'node:fs'
import type { Flavor } from '../../../src/binlog/index.ts'
import type { Runtime } from '../options.ts'
import { toolVersion } from './native-tools.ts'

export interface Decoder {
  /** chsync, or the peer's npm package name. */
  name: string
  version: string
  runtime: Runtime | 'native'
  command: string[]
  /** Arguments after the job. */
  extra: string[]
  /** The one server it reads (the servers' own tools); every server when absent. */
  server?: Flavor
  /**
   * An anchor beside the comparison rather than a peer in it: the server's own decoder, or its
   * raw transfer (no rows decoded; its rate is the byte limit of reading the range).
   */
  anchor?: 'native' | 'transfer'
}

export const PEERS = ['@vlasky/zongji', 'zongji', '@powersync/mysql-zongji']

const repo = `${import.meta.dir}/../../..`
const peerScript = `${import.meta.dir}/zongji.ts`

function versionIn(packageJson: string): string {
  return (JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }).version
}

/** The peer runner as plain JavaScript for Node, next to the packages it imports. */
async function nodePeerScript(): Promise<string> {
  const outdir = `${repo}/node_modules/.cache/chsync-bench-decode`
  mkdirSync(outdir, { recursive: true })
  const built = await Bun.build({ entrypoints: [peerScript], outdir, target: 'node', packages: 'external' })
  if (!built.success) throw new Error(`cannot build the peer runner for Node: ${built.logs.join('\n')}`)
  return built.outputs[0].path
}

export async function decoders(peerRuntimes: Runtime[]): Promise<Decoder[]> {
  const chsyncVersion = versionIn(`${repo}/package.json`)
  const list: Decoder[] = [
    { name: 'chsync', version: chsyncVersion, runtime: 'bun', command: [process.execPath, `${import.meta.dir}/chsync.ts`], extra: [] },
  ]
  const nodeScript = peerRuntimes.includes('node') ? await nodePeerScript() : ''
  for (const pkg of PEERS) {
    const version = versionIn(`${repo}/node_modules/${pkg}/package.json`)
    for (const runtime of peerRuntimes) {
      const command = runtime === 'bun' ? [process.execPath, peerScript] : ['node', nodeScript]
      list.push({ name: pkg, version, runtime, command, extra: [pkg] })
    }
  }
  const nativeScript = `${import.meta.dir}/native.ts`
  for (const server of ['mysql', 'mariadb'] as const) {
    const tool = toolVersion(server)
    if (!tool) continue
    const command = [process.execPath, nativeScript]
    list.push({ name: `${tool.name} -vv`, version: tool.version, runtime: 'native', command, extra: ['decode'], server, anchor: 'native' })
    list.push({ name: `${tool.name} --raw`, version: tool.version, runtime: 'native', command, extra: ['raw'], server, anchor: 'transfer' })
  }
  return list
}
