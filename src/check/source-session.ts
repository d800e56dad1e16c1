// The queries the preflight sends to the source, behind a small interface so tests can answer
// them with settings the shared test servers do not have (binlog_format=STATEMENT, …).

import { type SourceOptions, SourceConnection } from '../binlog/index.ts'

export interface SourceSession {
  query(sql: string, params?: string[]): Promise<Record<string, unknown>[]>
  close(): void
}

export async function openSourceSession(options: SourceOptions): Promise<SourceSession> {
  const conn = await SourceConnection.open(options)
  return { query: (sql, params) => conn.query(sql, params), close: () => conn.close() }
}
