// Writes transactions of the streaming workload on one connection, keeping its own ids: each
// transaction inserts new rows and updates and deletes rows of the one before it.

import type { Flavor } from '../../src/binlog/index.ts'
import { type Session, sourceSession } from '../support/servers.ts'
import { DATABASE, type TxShape, changesOf, transactionSql } from './workload.ts'

export class TxWriter {
  private nextId: number
  private prevInserts = 0
  /** Row changes written so far. */
  changes = 0
  transactions = 0

  private constructor(
    private readonly sql: Session,
    firstId: number,
  ) {
    this.nextId = firstId
  }

  /** A writer whose ids start after `firstId`. */
  static async open(flavor: Flavor, firstId: number): Promise<TxWriter> {
    return new TxWriter(await sourceSession(flavor, DATABASE), firstId)
  }

  /** Writes one transaction; `live`: rows carry NOW(6) as their `created` time. */
  async write(shape: TxShape, live: boolean): Promise<void> {
    await this.sql.query(transactionSql(this.nextId, this.prevInserts, shape, live))
    this.changes += changesOf(this.prevInserts, shape)
    this.transactions++
    this.nextId += shape.inserts
    this.prevInserts = shape.inserts
  }

  /** Runs `sql` on this writer's session. */
  query(sql: string): Promise<unknown> {
    return this.sql.query(sql)
  }

  close(): Promise<void> {
    return this.sql.end()
  }
}
