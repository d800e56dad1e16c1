// `chsync status`: asks a running chsync for its health JSON over the UNIX socket (or TCP) and
// prints it: JSON as received, or a table when standard output is a terminal.

import { statSync } from 'node:fs'
import type { HealthReport } from '../health/index.ts'
import { flagValue } from './args.ts'
import type { CommandContext } from './command.ts'
import { UsageError } from './errors.ts'
import { ExitCode } from './exit-codes.ts'
import { statusTable } from './status-table.ts'

export const name = 'status'
export const summary = 'print the health of a running chsync (from its health socket)'
export const options = [
  { flag: '--socket', value: 'PATH', about: "ask the chsync on this UNIX socket (default: the configuration's health.socket)" },
  { flag: '--url', value: 'URL', about: 'ask the chsync at this http:// address (its health.tcp)' },
  { flag: '--json', about: 'print the JSON as received, also on a terminal' },
] as const
export const usage = `usage: chsync status [-c config.toml] [--socket PATH | --url http://host:port] [--json]

Reads GET /health from a running chsync: from --socket, else --url, else the configuration's
health.socket, else its health.tcp. Prints the JSON as received, or a table when standard output
is a terminal (--json forces JSON).

A degraded chsync (status "degraded", HTTP 503) streams but has tables set aside (tables_failed:
ClickHouse keeps refusing their changes; \`chsync resync db.t\` brings one back) or flushes that
keep failing; tables it leaves out (tables_left_out: it cannot read them, or ClickHouse cannot
hold them) are listed too, each with its reason.

exit codes: 0 healthy (copying or streaming, no table set aside), 4 answering but not healthy
(starting, stopping, error, or degraded), 69 nothing answers.
`

const TIMEOUT_MS = 5000

export async function run(ctx: CommandContext): Promise<number> {
  const { where, request, socket } = endpoint(ctx)
  let res: Response
  try {
    res = await request()
  } catch (err) {
    ctx.err(`chsync status: ${whyNoAnswer(where, socket, err as Error)}\n`)
    return ExitCode.UNAVAILABLE
  }
  const body = await res.text()
  if (ctx.stdoutIsTTY && !ctx.args.flags.has('--json')) {
    let report: Partial<HealthReport>
    try {
      report = JSON.parse(body) as Partial<HealthReport>
    } catch {
      ctx.err(`chsync status: ${where} answered HTTP ${res.status} with something that is not JSON\n`)
      return ExitCode.UNAVAILABLE
    }
    ctx.out(statusTable(report, where))
  } else ctx.out(body.endsWith('\n') ? body : body + '\n')
  return res.status === 200 ? ExitCode.OK : ExitCode.UNHEALTHY
}

/** Why nothing answered, in the operator's words (Bun's say "typo in the url or port"). */
export function whyNoAnswer(where: string, socket: boolean, err: Error & { code?: string }): string {
  if (err.name === 'TimeoutError') return `chsync at ${where} did not answer within ${TIMEOUT_MS / 1000} s`
  if (socket) {
    const kind = socketKind(where)
    if (kind === 'missing') return `no chsync is running there: ${where} does not exist (is it the health.socket of the chsync you mean?)`
    if (kind === 'other') return `${where} is not a socket: no chsync is running there`
    if (err.code === 'ECONNREFUSED') return `no chsync is running there: nothing listens on ${where} (a chsync that stopped left it behind)`
  } else if (err.code === 'ECONNREFUSED') return `no chsync is running there: nothing listens at ${where}`
  return `nothing answers at ${where}: ${err.code ?? err.message}`
}

function socketKind(path: string): 'missing' | 'socket' | 'other' {
  try {
    return statSync(path).isSocket() ? 'socket' : 'other'
  } catch {
    return 'missing'
  }
}

function endpoint(ctx: CommandContext): { where: string; socket: boolean; request: () => Promise<Response> } {
  const socket = flagValue(ctx.args, '--socket')
  const url = flagValue(ctx.args, '--url')
  const init = () => ({ signal: AbortSignal.timeout(TIMEOUT_MS) })
  const overSocket = (path: string) => ({
    where: path,
    socket: true,
    request: () => fetch('http://localhost/health', { ...init(), unix: path }),
  })
  const overTcp = (base: string) => ({ where: base, socket: false, request: () => fetch(new URL('/health', base), init()) })
  if (socket !== undefined) return overSocket(socket)
  if (url !== undefined) {
    if (!/^https?:\/\//.test(url)) throw new UsageError(`--url must be an http:// URL, got ${JSON.stringify(url)}`)
    return overTcp(url)
  }
  const { health } = ctx.config()
  if (health.socket !== null) return overSocket(health.socket)
  if (health.tcp !== null)
    return overTcp(`http://${health.tcp.host.includes(':') ? `[${health.tcp.host}]` : health.tcp.host}:${health.tcp.port}/`)
  throw new UsageError('the configuration has no health endpoint (health.socket and health.tcp are both off); give --socket or --url')
}
