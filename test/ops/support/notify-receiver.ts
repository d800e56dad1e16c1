// A fake NOTIFY_SOCKET: socat receiving datagrams (UNIX-RECV for a path, ABSTRACT-RECV for an
// "@name"), its output read as one assignment a line.

import { existsSync } from 'node:fs'

export class NotifyReceiver {
  private text = ''

  private constructor(
    readonly address: string,
    private readonly proc: ReturnType<typeof Bun.spawn>,
  ) {
    void (async () => {
      const dec = new TextDecoder()
      for await (const chunk of proc.stdout as ReadableStream<Uint8Array>) this.text += dec.decode(chunk, { stream: true })
    })()
  }

  static async open(address: string): Promise<NotifyReceiver> {
    const spec = address.startsWith('@') ? `ABSTRACT-RECV:${address.slice(1)}` : `UNIX-RECV:${address}`
    const proc = Bun.spawn(['socat', '-u', spec, 'STDOUT'], { stdout: 'pipe', stderr: 'ignore' })
    // Ready when the socket exists (path) or after a moment (abstract names have no file).
    const deadline = Date.now() + 3000
    if (address.startsWith('@')) await Bun.sleep(200)
    else while (!existsSync(address) && Date.now() < deadline) await Bun.sleep(10)
    return new NotifyReceiver(address, proc)
  }

  get lines(): string[] {
    return this.text.split('\n').filter((l) => l !== '')
  }

  /** Waits until a line equals `line` (or matches it); returns every line so far. */
  async waitFor(line: string | RegExp, ms = 10_000): Promise<string[]> {
    const deadline = Date.now() + ms
    const hit = () => this.lines.some((l) => (typeof line === 'string' ? l === line : line.test(l)))
    while (!hit()) {
      if (Date.now() > deadline) throw new Error(`no "${line}" on the notify socket; got ${JSON.stringify(this.lines)}`)
      await Bun.sleep(20)
    }
    return this.lines
  }

  async close(): Promise<void> {
    this.proc.kill('SIGTERM')
    await this.proc.exited
  }
}
