// Runs one decoder in a child process of its own (so its peak RSS is its own) and collects what
// it reports, or why it could not run.

import { type DecodeJob, type DecodeResult, parseResult } from './measure.ts'

export type Outcome = { ok: true; result: DecodeResult } | { ok: false; reason: string }

/** Runs `[...command, job JSON, ...extra]`; a process that outlives `timeoutMs` is killed. */
export async function runDecoder(command: string[], job: DecodeJob, extra: string[], timeoutMs: number): Promise<Outcome> {
  const spawn = () =>
    Bun.spawn([...command, JSON.stringify(job), ...extra], { stdout: 'pipe', stderr: 'pipe', timeout: timeoutMs, killSignal: 'SIGKILL' })
  let child: ReturnType<typeof spawn>
  try {
    child = spawn()
  } catch (err) {
    return { ok: false, reason: `cannot start ${command[0]}: ${(err as Error).message}` }
  }
  const [stdout, stderr, code] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited])
  const result = parseResult(stdout)
  if (code === 0 && result) return { ok: true, result }
  if (child.signalCode === 'SIGKILL') return { ok: false, reason: `no end of range within ${timeoutMs / 1000} s` }
  const firstError = stderr.split('\n').find((l) => l.trim() !== '') ?? `exit code ${code}`
  return { ok: false, reason: firstError.trim() }
}
