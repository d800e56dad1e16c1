// sd_notify(3) without libsystemd: newline-separated VAR=value assignments sent as one datagram to
// $NOTIFY_SOCKET ("READY=1", "STATUS=…", "WATCHDOG=1", "STOPPING=1").

import { sendDatagram } from './datagram.ts'

export interface Notifier {
  /** Sends the assignments; false when the send failed (systemd then acts on its timeouts). */
  notify(assignments: Record<string, string>): boolean
}

/** The notifier for $NOTIFY_SOCKET, or null when chsync is not run by systemd with Type=notify. */
export function systemdNotifier(env: Record<string, string | undefined> = process.env, send = sendDatagram): Notifier | null {
  const socket = env.NOTIFY_SOCKET
  if (!socket) return null
  return {
    notify(assignments) {
      // One assignment a line; a newline inside a value would start another assignment. The
      // final newline is allowed by systemd and keeps a plain reader's (socat's) lines apart.
      const text = Object.entries(assignments)
        .map(([k, v]) => `${k}=${v.replaceAll('\n', ' ')}\n`)
        .join('')
      try {
        send(socket, text)
        return true
      } catch {
        return false
      }
    },
  }
}

/**
 * How often to ping the watchdog: half of $WATCHDOG_USEC, as sd_watchdog_enabled(3) advises;
 * null when there is no watchdog or $WATCHDOG_PID names another process.
 */
export function watchdogIntervalMs(env: Record<string, string | undefined> = process.env, pid = process.pid): number | null {
  const usec = Number(env.WATCHDOG_USEC)
  if (!env.WATCHDOG_USEC || !Number.isFinite(usec) || usec <= 0) return null
  if (env.WATCHDOG_PID && Number(env.WATCHDOG_PID) !== pid) return null
  return Math.max(1, Math.floor(usec / 1000 / 2))
}
