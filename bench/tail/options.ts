// Command-line options of `bun bench/tail/main.ts`.

import type { Flavor } from '../../src/binlog/index.ts'

export interface TailBenchOptions {
  /** Row changes of the bench range (the same ranges as bench/decode). */
  rows: number
  regenerate: boolean
  servers: Flavor[]
  /** Measurements of each; the best counts. */
  runs: number
  /** Where the output files go (a folder on the disk to measure). */
  dir: string | undefined
}

export const USAGE = `usage: bun bench/tail/main.ts [--rows N] [--regenerate] [--server mysql|mariadb|both] [--runs N] [--dir PATH]
  --rows N          row changes to write and read (default 1000000, the range bench/decode uses)
  --regenerate      write the data again even if a recorded range is there
  --server          which source to measure (default both)
  --runs N          measurements of each; the best counts (default 3)
  --dir PATH        folder for the output files (default the system's temporary folder)`

export function parseOptions(argv: string[]): TailBenchOptions {
  const o: TailBenchOptions = { rows: 1_000_000, regenerate: false, servers: ['mysql', 'mariadb'], runs: 3, dir: undefined }
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
      case '--dir':
        o.dir = value()
        break
      case '--server': {
        const v = value()
        if (v === 'both') o.servers = ['mysql', 'mariadb']
        else if (v === 'mysql' || v === 'mariadb') o.servers = [v]
        else throw new Error(`--server must be mysql, mariadb or both, got "${v}"`)
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
