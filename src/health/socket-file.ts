// Makes a UNIX socket path ready to listen on: its folder exists, and a socket file left by a
// process that died is removed, while one that still answers (another chsync) or a file that is
// not a socket is never touched.

import { lstatSync, mkdirSync, unlinkSync } from 'node:fs'
import { connect } from 'node:net'
import { dirname } from 'node:path'
import { HealthServerError } from './errors.ts'

/** Linux's sun_path holds 108 bytes including the terminating NUL. */
export const MAX_SOCKET_PATH_BYTES = 107

export async function prepareSocketPath(path: string): Promise<void> {
  if (Buffer.byteLength(path) > MAX_SOCKET_PATH_BYTES)
    throw new HealthServerError(`health.socket ${path} is longer than ${MAX_SOCKET_PATH_BYTES} bytes, the limit of a UNIX socket path`)
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o750 })
  } catch (err) {
    throw new HealthServerError(`cannot create the folder of health.socket ${path}: ${(err as Error).message}`, { cause: err })
  }
  let isSocket: boolean
  try {
    isSocket = lstatSync(path).isSocket()
  } catch {
    return // nothing there
  }
  if (!isSocket) throw new HealthServerError(`health.socket ${path} exists and is not a socket; remove it or choose another path`)
  if (await answers(path)) throw new HealthServerError(`health.socket ${path} is in use by a running process (another chsync?)`)
  try {
    unlinkSync(path)
  } catch (err) {
    throw new HealthServerError(`cannot remove the stale socket ${path}: ${(err as Error).message}`, { cause: err })
  }
}

/** True when something accepts a connection on the socket. */
function answers(path: string, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ path })
    const done = (result: boolean) => {
      clearTimeout(timer)
      socket.destroy()
      resolve(result)
    }
    const timer = setTimeout(() => done(true), timeoutMs)
    socket.once('connect', () => done(true))
    socket.once('error', () => done(false))
  })
}
