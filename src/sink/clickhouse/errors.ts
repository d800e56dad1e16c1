// Which ClickHouse failures pass (the server is down, busy, out of room) and which are the
// server's answer about one table (a type it cannot convert, a column it will not alter).

import { ClickHouseError } from '@clickhouse/client'

/**
 * Exception codes about the server rather than a table: retried, never a reason to set a table
 * aside. (ClickHouse src/Common/ErrorCodes.cpp.)
 */
const SERVER_CODES = new Set([
  159, // TIMEOUT_EXCEEDED
  164, // READONLY
  202, // TOO_MANY_SIMULTANEOUS_QUERIES
  209, // SOCKET_TIMEOUT
  210, // NETWORK_ERROR
  236, // ABORTED
  241, // MEMORY_LIMIT_EXCEEDED
  242, // TABLE_IS_READ_ONLY (replica lost its keeper session)
  243, // NOT_ENOUGH_SPACE
  252, // TOO_MANY_PARTS
  279, // ALL_CONNECTION_TRIES_FAILED
  319, // UNKNOWN_STATUS_OF_INSERT
  394, // QUERY_WAS_CANCELLED
  425, // SYSTEM_ERROR
  439, // CANNOT_SCHEDULE_TASK
  473, // DEADLOCK_AVOIDED
  516, // AUTHENTICATION_FAILED
  999, // KEEPER_EXCEPTION
])

/** The ClickHouse exception code of an error, or null when the server did not answer with one. */
export function exceptionCode(err: unknown): number | null {
  if (!(err instanceof ClickHouseError)) return null
  const code = Number(err.code)
  return Number.isInteger(code) ? code : null
}

/**
 * True when ClickHouse answered with an exception about the statement or its table (not about
 * itself): trying again will not help, and the table can be set aside.
 */
export function isTableRefusal(err: unknown): boolean {
  const code = exceptionCode(err)
  return code !== null && !SERVER_CODES.has(code)
}
