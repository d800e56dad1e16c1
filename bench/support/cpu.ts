// CPU time of processes from /proc, to show who used the machine during a measurement (the source
// server, the ClickHouse engine, chsync): on a small machine they share the same cores.

import { readFileSync, readdirSync } from 'node:fs'

/** clock ticks per second of /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const TICKS = 100

/** User + system CPU seconds of a process so far (its threads included); null once it is gone. */
export function cpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // The command name (field 2) may hold spaces; the fields after its ')' are space-separated.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(f[11]) + Number(f[12])) / TICKS
  } catch {
    return null
  }
}

/** The first process whose command line matches. */
export function findPid(match: RegExp): number | null {
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    try {
      const cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8').replaceAll('\0', ' ')
      if (match.test(cmd)) return Number(name)
    } catch {
      // gone meanwhile
    }
  }
  return null
}

/** The processes of the test servers, by role. */
export function serverPids(flavor: 'mysql' | 'mariadb'): { source: number | null; clickhouse: number | null } {
  return {
    source: findPid(flavor === 'mysql' ? /mysqld .*--port=33307/ : /mariadbd .*--port=33306/),
    clickhouse: findPid(/clickhouse-http\/main\.ts .*--port 18123/),
  }
}

/** CPU seconds used by each of `pids` between start() and the returned function's call. */
export function cpuMeter(pids: Record<string, number | null>): () => Record<string, number> {
  const before = Object.fromEntries(Object.entries(pids).map(([k, p]) => [k, p === null ? null : cpuSeconds(p)]))
  return () => {
    const out: Record<string, number> = {}
    for (const [k, p] of Object.entries(pids)) {
      const a = before[k]
      const b = p === null ? null : cpuSeconds(p)
      if (a !== null && b !== null) out[k] = b - a
    }
    return out
  }
}
