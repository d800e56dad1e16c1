// Helpers of the GTID tests: the captured fixtures, a seeded random generator, server sessions.

import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import mysql from 'mysql2/promise'

/** A binlog event captured from a real server (see fixtures/capture.ts). */
export interface EventFixture {
  server: string
  sql: string
  bytes: string
  decoder: string
  /** The whole event in hex: 19-byte header, body, 4-byte CRC32. */
  event: string
  /** The official decoder's text for the event. */
  decoded: string[]
}

export function eventFixture(name: string): EventFixture {
  return JSON.parse(readFileSync(join(import.meta.dir, 'fixtures', `${name}.json`), 'utf8')) as EventFixture
}

/** The event body: after the 19-byte common header, without the CRC32. */
export function eventBody(name: string): Buffer {
  const event = Buffer.from(eventFixture(name).event, 'hex')
  return event.subarray(19, event.length - 4)
}

/** The server id from an event's header. */
export function eventServerId(name: string): number {
  return Buffer.from(eventFixture(name).event, 'hex').readUInt32LE(5)
}

/** Every proper prefix of `bytes`, for truncation tests. */
export function prefixes(bytes: Uint8Array): Buffer[] {
  const out: Buffer[] = []
  for (let n = 0; n < bytes.length; n++) out.push(Buffer.from(bytes.subarray(0, n)))
  return out
}

const PORTS = { mariadb: 33306, mysql: 33307 } as const

export async function serverSession(flavor: 'mysql' | 'mariadb'): Promise<mysql.Connection> {
  return mysql.createConnection({
    host: '127.0.0.1',
    port: PORTS[flavor],
    user: 'chsync',
    password: 'chsync-test-pw',
    supportBigNumbers: true,
    bigNumberStrings: true,
  })
}

/** The first column of the first row. */
export async function scalar(conn: mysql.Connection, sql: string, params: unknown[] = []): Promise<unknown> {
  const [rows] = await conn.query<mysql.RowDataPacket[]>({ sql, rowsAsArray: true }, params)
  return rows[0][0]
}
