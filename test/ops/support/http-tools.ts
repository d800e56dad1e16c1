// Asking the health socket the way operators do: the real socat and curl binaries (installed
// from Debian when missing), and Bun's fetch.

import { $ } from 'bun'

let installed = false

/** Makes sure socat and curl exist (CI installs them in .ci/run; this covers a bare machine). */
export async function ensureTools(): Promise<void> {
  if (installed) return
  const missing = ['socat', 'curl'].filter((tool) => !Bun.which(tool))
  if (missing.length > 0) {
    await $`apt-get update -qq`.quiet()
    await $`DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ${missing}`.quiet()
  }
  installed = true
}

export interface RawResponse {
  status: number
  headers: Record<string, string>
  body: string
}

/** Parses "HTTP/1.1 200 OK\r\nName: value\r\n\r\nbody". */
export function parseRaw(text: string): RawResponse {
  const split = text.indexOf('\r\n\r\n')
  if (split < 0) throw new Error(`not an HTTP response: ${JSON.stringify(text.slice(0, 200))}`)
  const [statusLine, ...lines] = text.slice(0, split).split('\r\n')
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine!)?.[1])
  const headers: Record<string, string> = {}
  for (const l of lines) headers[l.slice(0, l.indexOf(':')).toLowerCase()] = l.slice(l.indexOf(':') + 1).trim()
  return { status, headers, body: text.slice(split + 4) }
}

/** `printf '<request>' | socat - UNIX-CONNECT:<socket>`, exactly as DESIGN.md shows it. */
export async function socatRequest(socket: string, request: string): Promise<RawResponse> {
  const out = await $`printf ${request.replaceAll('\r', '\\r').replaceAll('\n', '\\n')} | socat - UNIX-CONNECT:${socket}`.quiet().nothrow()
  if (out.exitCode !== 0) throw new Error(`socat failed (${out.exitCode}): ${out.stderr.toString()}`)
  return parseRaw(out.stdout.toString())
}

export function socatGet(socket: string, path = '/health'): Promise<RawResponse> {
  return socatRequest(socket, `GET ${path} HTTP/1.0\r\n\r\n`)
}

/** curl over the socket (HTTP/1.1, or 1.0 with http10). */
export async function curlGet(socket: string | null, url: string, opts: { http10?: boolean } = {}): Promise<RawResponse> {
  const args = ['-s', '-i', '--max-time', '5', ...(opts.http10 ? ['-0'] : []), ...(socket ? ['--unix-socket', socket] : []), url]
  const out = await $`curl ${args}`.quiet().nothrow()
  if (out.exitCode !== 0) throw new Error(`curl failed (${out.exitCode}): ${out.stderr.toString()}`)
  return parseRaw(out.stdout.toString())
}

/** GET /health over the socket with fetch; undefined when nothing answers yet. */
export async function healthOf(socket: string): Promise<{ status: number; json: Record<string, unknown> } | undefined> {
  try {
    const res = await fetch('http://localhost/health', { unix: socket, signal: AbortSignal.timeout(2000) })
    return { status: res.status, json: (await res.json()) as Record<string, unknown> }
  } catch {
    return undefined
  }
}
