// Sends one datagram to a UNIX datagram socket. Bun's JS APIs have no AF_UNIX SOCK_DGRAM socket
// (node:dgram and Bun.udpSocket are UDP only), so this calls libc's socket/sendto/close through
// bun:ffi: it needs nothing but libc, which the compiled binary links anyway (glibc or musl).
//
// struct sockaddr_un on Linux: sa_family_t sun_family (u16, AF_UNIX = 1), char sun_path[108].
// A path starting with "@" names the abstract namespace: sun_path starts with a NUL and the
// address length counts exactly the name's bytes (no terminating NUL).

import { dlopen, FFIType } from 'bun:ffi'

const AF_UNIX = 1
const SOCK_DGRAM = 2
const SOCK_CLOEXEC = 0o2000000
const MSG_NOSIGNAL = 0x4000
const SUN_PATH_BYTES = 108

export class DatagramError extends Error {
  readonly code = 'datagram'
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'DatagramError'
  }
}

function openLibc() {
  const symbols = {
    socket: { args: [FFIType.i32, FFIType.i32, FFIType.i32], returns: FFIType.i32 },
    sendto: { args: [FFIType.i32, FFIType.ptr, FFIType.u64, FFIType.i32, FFIType.ptr, FFIType.u32], returns: FFIType.i64 },
    close: { args: [FFIType.i32], returns: FFIType.i32 },
  } as const
  let last: unknown
  // glibc's soname, then the name musl's loader answers with itself.
  for (const name of ['libc.so.6', 'libc.so']) {
    try {
      return dlopen(name, symbols)
    } catch (err) {
      last = err
    }
  }
  throw new DatagramError(`cannot load libc for sd_notify: ${(last as Error).message}`, { cause: last })
}

let libc: ReturnType<typeof openLibc> | null = null

/** The socket address bytes and their length for a path or "@abstract" name. */
export function unixAddress(path: string): { address: Buffer; length: number } {
  const abstract = path.startsWith('@')
  const name = Buffer.from(abstract ? path.slice(1) : path)
  const used = abstract ? 1 + name.length : name.length + 1
  if (path.length === 0 || used > SUN_PATH_BYTES)
    throw new DatagramError(`socket path ${JSON.stringify(path)} is empty or longer than ${SUN_PATH_BYTES - 1} bytes`)
  const address = Buffer.alloc(2 + SUN_PATH_BYTES)
  address.writeUInt16LE(AF_UNIX, 0)
  name.copy(address, abstract ? 3 : 2)
  return { address, length: 2 + used }
}

/** Sends `message` as one datagram to `path`; throws DatagramError when it cannot. */
export function sendDatagram(path: string, message: string): void {
  const { address, length } = unixAddress(path)
  libc ??= openLibc()
  const { socket, sendto, close } = libc.symbols
  const fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0)
  if (fd < 0) throw new DatagramError(`socket(AF_UNIX, SOCK_DGRAM) failed`)
  try {
    const body = Buffer.from(message)
    const sent = sendto(fd, body, body.length, MSG_NOSIGNAL, address, length)
    if (Number(sent) !== body.length) throw new DatagramError(`sendto ${path} failed (returned ${sent})`)
  } finally {
    close(fd)
  }
}
