// target.distributed: beside each replicated table, a Distributed table over it on the cluster
// (`<table><suffix>`), for reading every shard at once. It holds no rows, so it is made again
// whenever its columns differ from its table's: a drop and a create, both ON CLUSTER. It is found
// by its own mark, "chsync-distributed <owner> <id>", so a renamed table's one is found too.

import type { Logger } from '../../log/index.ts'
import type { TableName, TargetCatalog, TargetTableState } from './catalog.ts'
import { literal } from './ownership.ts'
import { type TargetNaming, ident, onCluster, qualified } from './target-table.ts'

const PREFIX = 'chsync-distributed '

export function distributedMark(owner: string, id: string): string {
  return `${PREFIX}${owner} ${id}`
}

/** The statement that makes the Distributed table `name` over `table`, with the table's columns. */
export function createDistributedSql(name: TableName, table: TableName, naming: TargetNaming, mark: string): string {
  const cluster = naming.cluster!
  return (
    `CREATE TABLE IF NOT EXISTS ${qualified(name)}${onCluster(naming)} AS ${qualified(table)}\n` +
    `ENGINE = Distributed(${literal(cluster)}, ${literal(table.database)}, ${literal(table.table)})\nCOMMENT ${literal(mark)}`
  )
}

export class DistributedTables {
  constructor(
    private readonly catalog: TargetCatalog,
    private readonly command: (sql: string) => Promise<void>,
    private readonly naming: TargetNaming,
    private readonly log: Logger,
  ) {}

  /** Whether target.distributed asks for them. */
  get enabled(): boolean {
    return Boolean(this.naming.distributed && this.naming.cluster)
  }

  /**
   * The Distributed table of `table` (as it is in ClickHouse now), in place and with its columns:
   * one of its left elsewhere (the table was renamed) goes; a name taken by a table that is not
   * this one's is left alone, with a warning.
   */
  async sync(table: TargetTableState, mark: string): Promise<void> {
    const name = { database: table.database, table: `${table.table}${this.naming.distributed}` }
    const at = await this.catalog.find(mark)
    if (at && (at.database !== name.database || at.table !== name.table)) await this.drop(at)
    const here = await this.catalog.table(name)
    if (here && here.comment !== mark) {
      this.log.warn('the name of its Distributed table is taken by another table: none is made', {
        table: qualified(table),
        name: qualified(name),
      })
      return
    }
    if (here && sameColumns(here, table)) return
    if (here) await this.drop(name)
    await this.command(createDistributedSql(name, table, this.naming, mark))
  }

  /** Drops the Distributed table with this mark, wherever it is. */
  async dropMarked(mark: string): Promise<void> {
    const at = await this.catalog.find(mark)
    if (at) await this.drop(at)
  }

  /** The Distributed tables of this chsync whose table no tracked table claims. */
  async dropUnclaimed(owner: string, claimed: (id: string) => boolean): Promise<void> {
    for (const t of await this.catalog.marked(distributedMark(owner, ''))) {
      if (!claimed(t.comment.slice(distributedMark(owner, '').length))) await this.drop(t)
    }
  }

  private async drop(at: TableName): Promise<void> {
    await this.command(`DROP TABLE IF EXISTS ${qualified(at)}${onCluster(this.naming)} SYNC`)
  }
}

/** The same column names and types, in the same order. */
function sameColumns(a: TargetTableState, b: TargetTableState): boolean {
  const list = (t: TargetTableState) => [...t.columns].map(([n, c]) => `${ident(n)} ${c.type}`).join(', ')
  return list(a) === list(b)
}
