// A Kafka-protocol broker cluster for tests: librdkafka's mock cluster hosted by Debian's kcat
// (test/servers/up installs it), on loopback, for as long as the kcat process runs. It prints
// "bootstrap.servers=127.0.0.1:P1,127.0.0.1:P2,..." on stderr once it listens. Messages are read
// back with a second, independent kcat consumer.
//
// What the mock does not do (librdkafka 2.0.2): it accepts transactions but keeps no transaction
// state for consumers, so read_committed shows the messages of open and aborted transactions too.

import { spawn } from 'node:child_process'
import { readFileSync, readdirSync } from 'node:fs'

export interface KafkaMessage {
  topic: string
  partition: number
  offset: number
  key: string | null
  value: string | null
  headers: Record<string, string>
}

/**
 * The test consumer's settings. A read ends when each partition's fetch comes back empty at its
 * end (the last stable offset, for read_committed), and the broker holds an empty fetch for
 * fetch.wait.max.ms (500 ms by default), a topic's leader unknown at the start is asked for again
 * after topic.metadata.refresh.fast.interval.ms (250 ms): about a second of every read, thousands
 * of messages or none, was these waits. With 10 ms each a read takes tens of milliseconds and
 * returns the same messages.
 */
const CONSUMER = ['-X', 'isolation.level=read_committed', '-X', 'fetch.wait.max.ms=10', '-X', 'topic.metadata.refresh.fast.interval.ms=10']

export class KafkaBroker {
  private constructor(
    private readonly proc: ReturnType<typeof spawn>,
    /** "host:port" of each broker. */
    readonly brokers: string[],
  ) {}

  /** Starts a cluster of `count` brokers and waits for its ports. */
  static async start(count = 3): Promise<KafkaBroker> {
    const proc = spawn(
      'kcat',
      ['-X', `test.mock.num.brokers=${count}`, '-d', 'mock', '-b', 'localhost:1', '-C', '-t', 'chsync-test-idle', '-o', 'end', '-u', '-q'],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    )
    let err = ''
    const brokers = await new Promise<string[]>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`kcat printed no bootstrap.servers within 15 s:\n${err.slice(-2000)}`)), 15_000)
      proc.on('error', (e) => reject(new Error(`cannot start kcat (bash test/servers/up installs it): ${e.message}`)))
      proc.on('exit', (code) => reject(new Error(`kcat exited with ${code}:\n${err.slice(-2000)}`)))
      proc.stderr!.on('data', (chunk: Buffer) => {
        // Keep only the tail: with -d mock it logs every request.
        err = (err + chunk.toString()).slice(-20_000)
        const m = /bootstrap\.servers=([0-9.:,]+)/.exec(err)
        if (m) {
          clearTimeout(timer)
          resolve(m[1].split(','))
        }
      })
    })
    proc.removeAllListeners('exit')
    return new KafkaBroker(proc, brokers)
  }

  /** The kcat process hosting the cluster (its CPU time is the brokers'). */
  get pid(): number {
    return this.proc.pid!
  }

  get bootstrap(): string {
    return this.brokers.join(',')
  }

  /**
   * Every message of a topic, in offset order per partition (partitions one after another), read
   * by kcat as a read_committed consumer.
   */
  async read(topic: string): Promise<KafkaMessage[]> {
    const p = Bun.spawn(['kcat', '-C', '-b', this.bootstrap, '-t', topic, '-o', 'beginning', '-e', '-J', '-q', ...CONSUMER], {
      stdout: 'pipe',
      stderr: 'pipe',
    })
    const [out, err, code] = await Promise.all([new Response(p.stdout).text(), new Response(p.stderr).text(), p.exited])
    // A topic nobody wrote to yet does not exist: no messages.
    if (code !== 0) {
      if (/Unknown topic|UNKNOWN_TOPIC/i.test(err)) return []
      throw new Error(`kcat could not read ${topic} (exit ${code}): ${err.slice(-1000)}`)
    }
    const messages = out
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => {
        const j = JSON.parse(l) as {
          topic: string
          partition: number
          offset: number
          key: string | null
          payload: string | null
          headers?: string[]
        }
        const headers: Record<string, string> = {}
        for (let i = 0; i + 1 < (j.headers?.length ?? 0); i += 2) headers[j.headers![i]] = j.headers![i + 1]
        return { topic: j.topic, partition: j.partition, offset: j.offset, key: j.key, value: j.payload, headers }
      })
    messages.sort((a, b) => a.partition - b.partition || a.offset - b.offset)
    // The mock keeps a bounded log per partition and drops the oldest messages beyond it: a read
    // that does not start at offset 0 would look like lost messages.
    const trimmed = messages.find((m, i) => (i === 0 || messages[i - 1].partition !== m.partition) && m.offset !== 0)
    if (trimmed)
      throw new Error(
        `the mock cluster dropped the oldest messages of ${topic} partition ${trimmed.partition} (it keeps a few MB per partition): spread the test over more partitions`,
      )
    return messages
  }

  /** The names of the cluster's topics. */
  async topics(): Promise<string[]> {
    const meta = Bun.spawn(['kcat', '-L', '-b', this.bootstrap, '-J'], { stdout: 'pipe', stderr: 'pipe' })
    const [out, code] = await Promise.all([new Response(meta.stdout).text(), meta.exited])
    if (code !== 0) throw new Error(`kcat could not list the topics (exit ${code})`)
    return (JSON.parse(out) as { topics: { topic: string }[] }).topics.map((t) => t.topic)
  }

  /** Messages ever written to a topic: the sum of its partitions' end offsets (the mock writes no transaction markers). */
  async messageCount(topic: string): Promise<number> {
    const meta = Bun.spawn(['kcat', '-L', '-b', this.bootstrap, '-t', topic, '-J'], { stdout: 'pipe', stderr: 'pipe' })
    const parts =
      (JSON.parse(await new Response(meta.stdout).text()) as { topics: { partitions: { partition: number }[] }[] }).topics[0]?.partitions ??
      []
    await meta.exited
    if (parts.length === 0) return 0
    const q = Bun.spawn(['kcat', '-Q', '-b', this.bootstrap, ...parts.flatMap((p) => ['-t', `${topic}:${p.partition}:-1`])], {
      stdout: 'pipe',
      stderr: 'pipe',
    })
    const out = await new Response(q.stdout).text()
    await q.exited
    return [...out.matchAll(/offset (\d+)/g)].reduce((sum, m) => sum + Number(m[1]), 0)
  }

  /** The brokers stop answering (the process is stopped, connections stay open) for `ms`. */
  async freeze(ms: number): Promise<void> {
    await this.pause()
    try {
      await Bun.sleep(ms)
    } finally {
      this.resume()
    }
  }

  /**
   * The brokers stop answering until resume(), from when this resolves: once every thread of the
   * process is stopped. A thread stops when it next runs in the kernel, and on a loaded machine one
   * still answered a produce request sent right after kill() returned (flushes "delivered").
   */
  async pause(): Promise<void> {
    const pid = this.proc.pid!
    this.proc.kill('SIGSTOP')
    for (let i = 0; i < 2000 && !allStopped(pid); i++) await Bun.sleep(5)
    if (!allStopped(pid)) throw new Error(`kcat (pid ${pid}) did not stop after SIGSTOP`)
  }

  resume(): void {
    this.proc.kill('SIGCONT')
  }

  async stop(): Promise<void> {
    if (this.proc.exitCode !== null) return
    const exited = new Promise((resolve) => this.proc.once('exit', resolve))
    this.proc.kill('SIGKILL')
    await exited
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop()
  }
}

/** Whether every thread of the process is stopped (state T in /proc/PID/task/TID/stat). */
function allStopped(pid: number): boolean {
  return readdirSync(`/proc/${pid}/task`).every((tid) => {
    const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'T'
  })
}
