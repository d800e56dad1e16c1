// Command-line options of `bun bench/decode/main.ts`.

import { ALL_SERVERS as ALL, type TestServer } from '../../test/support/servers.ts'

export type Runtime = 'bun' | 'node'

export interface BenchOptions {
  /** Row changes the workload writes (at least). */
  rows: number
  regenerate: boolean
  servers: TestServer[]
  /** Measurements of each decoder on each server; the best is reported. */
  runs: number
  /** Runtimes the peers run on (chsync always runs on Bun). */
  peerRuntimes: Runtime[]
}

export const USAGE = `usage: bun bench/decode/main.ts [--rows N] [--regenerate] [--server mysql|mariadb10|mariadb11|all]
                               [--runs N] [--peer-runtime bun|node|both]
  --rows N          row changes to write and read (default 1000000)
  --regenerate      write the data again even if a recorded range is there
  --server          which source to measure (default all three)
  --runs N          measurements per decoder and server; the best counts (default 3)
  --peer-runtime    where the JavaScript peers run (default both: each peer's better runtime counts)`

export function parseOptions(argv: string[]): BenchOptions {
  const o: BenchOptions = { rows: 1_000_000, regenerate: false, servers: [...ALL], runs: 3, peerRuntimes: ['bun', 'node'] }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    const value = (): string => {
      const v = argv[++i]
      if (v === undefined) throw new Error(`${arg} needs a value\n${USAGE}`)
      return v
    }
    switch (arg) {
      case '--rows':
        o.rows = positiveInt(arg, value())
        break
      case '--runs':
        o.runs = positiveInt(arg, value())
        break
      case '--regenerate':
        o.regenerate = true
        break
      case '--server': {
        const v = value()
        if (v === 'all') o.servers = [...ALL]
        else if ((ALL as string[]).includes(v)) o.servers = [v as TestServer]
        else throw new Error(`--server must be ${ALL.join(', ')} or all, got "${v}"`)
        break
      }
      case '--peer-runtime': {
        const v = value()
        if (v === 'both') o.peerRuntimes = ['bun', 'node']
        else if (v === 'bun' || v === 'node') o.peerRuntimes = [v]
        else throw new Error(`--peer-runtime must be bun, node or both, got "${v}"`)
        break
      }
      case '--help':
      case '-h':
        throw new Error(USAGE)
      default:
        throw new Error(`unknown option "${arg}"\n${USAGE}`)
    }
  }
  return o
}

function positiveInt(name: string, v: string): number {
  const n = Number(v)
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, got "${v}"`)
  return n
}
