// A replication position of either flavor: MySQL's GTID set or MariaDB's GTID list.

import { MariadbGtidList } from './mariadb-gtid-list.ts'
import { MysqlGtidSet } from './mysql-gtid-set.ts'

export type GtidFlavor = 'mysql' | 'mariadb'

export type GtidSet = MysqlGtidSet | MariadbGtidList

export function parseGtidSet(flavor: 'mysql', text: string): MysqlGtidSet
export function parseGtidSet(flavor: 'mariadb', text: string): MariadbGtidList
export function parseGtidSet(flavor: GtidFlavor, text: string): GtidSet
export function parseGtidSet(flavor: GtidFlavor, text: string): GtidSet {
  return flavor === 'mysql' ? MysqlGtidSet.parse(text) : MariadbGtidList.parse(text)
}
