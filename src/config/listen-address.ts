// "host:port" of a TCP listener ("127.0.0.1:9105", "[::1]:9105"); "" means no listener.

import { type Converted, expected, ok, type ValueType, wrongType } from './value-type.ts'

export interface ListenAddress {
  /** Without brackets for IPv6. */
  host: string
  port: number
}

export function parseListenAddress(text: string): ListenAddress | null {
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([^:\s[\]]+)):(\d{1,5})$/.exec(text.trim())
  if (!match) return null
  const port = Number(match[3])
  if (port < 1 || port > 65535) return null
  return { host: match[1] ?? match[2]!, port }
}

export function listenAddress(): ValueType<ListenAddress | null> {
  const expectation = '"" or "host:port" with a port from 1 to 65535 (e.g. "127.0.0.1:9105")'
  const check = (value: string): Converted<ListenAddress | null> => {
    if (value.trim() === '') return ok(null)
    const address = parseListenAddress(value)
    return address === null ? expected(expectation, value) : ok(address)
  }
  return {
    label: 'host:port or ""',
    fromToml: (value) => (typeof value === 'string' ? check(value) : wrongType(expectation, value)),
    fromEnv: check,
  }
}
