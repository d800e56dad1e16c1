// Where the servers' own binlog readers are: MySQL's mysqlbinlog in the MySQL chroot, MariaDB's
// mariadb-binlog on the host.

import type { Flavor } from '../../../src/binlog/index.ts'

export const MYSQL_ROOT = process.env.CHSYNC_CHROOT ?? '/var/cache/chsync/sid-root'

/** The reader of each server flavor, as a command prefix (MySQL's runs in its chroot). */
export function toolCommand(flavor: Flavor): string[] {
  return flavor === 'mysql' ? ['chroot', MYSQL_ROOT, 'mysqlbinlog'] : ['mariadb-binlog']
}

/** The tool's name and version ("mysqlbinlog", "9.7.4-2"), or null when it cannot run here. */
export function toolVersion(flavor: Flavor): { name: string; version: string } | null {
  const command = toolCommand(flavor)
  const out = Bun.spawnSync([...command, '--version'], { stdout: 'pipe', stderr: 'pipe' })
  const m = /Ver (\S+)/.exec(out.stdout.toString())
  return out.exitCode === 0 && m ? { name: command.at(-1)!, version: m[1] } : null
}
