// Measurements that run in a child process of their own (so the parent's work and memory do not
// count): the child prints one result line as JSON, the parent parses it or says why it failed.

const PREFIX = 'BENCH-RESULT '

export type ChildOutcome<T> = { ok: true; result: T } | { ok: false; reason: string }

/** In the child: reports the result (the only line with the prefix). */
export function reportResult(result: object): void {
  process.stdout.write(`${PREFIX}${JSON.stringify(result)}\n`)
}

/** In the child: the job the parent passed as the first argument. */
export function readJob<T>(): T {
  const arg = process.argv[2]
  if (!arg) throw new Error('usage: <bench child> <job JSON>')
  return JSON.parse(arg) as T
}

/** Runs `bun script job`; a child that outlives `timeoutMs` is killed. */
export async function runChild<T>(script: string, job: object, timeoutMs: number): Promise<ChildOutcome<T>> {
  const child = Bun.spawn([process.execPath, script, JSON.stringify(job)], {
    stdout: 'pipe',
    stderr: 'pipe',
    timeout: timeoutMs,
    killSignal: 'SIGKILL',
  })
  const [stdout, stderr, code] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited])
  const line = stdout.split('\n').find((l) => l.startsWith(PREFIX))
  if (code === 0 && line) return { ok: true, result: JSON.parse(line.slice(PREFIX.length)) as T }
  if (child.signalCode === 'SIGKILL') return { ok: false, reason: `not done within ${timeoutMs / 1000} s` }
  const lines = stderr.split('\n').filter((l) => l.trim() !== '')
  return { ok: false, reason: (lines.find((l) => /error/i.test(l)) ?? lines[0] ?? `exit code ${code}`).trim() }
}

/** Peak resident set size (VmHWM) of a process, in MB (10^6 bytes); null once it is gone. */
export async function peakRssMb(pid: number | 'self'): Promise<number | null> {
  try {
    const status = await Bun.file(`/proc/${pid}/status`).text()
    const m = /^VmHWM:\s+(\d+)\s+kB$/m.exec(status)
    return m ? (Number(m[1]) * 1024) / 1e6 : null
  } catch {
    return null
  }
}
