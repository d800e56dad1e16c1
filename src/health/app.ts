// The health endpoint's routes as a Hono app, testable without a socket (`app.request('/health')`):
// GET / and /health (JSON), GET /metrics (Prometheus text). The strings of every body (the
// report's values, the metrics' label values) pass the redactor; numbers and syntax never do.

import { Hono } from 'hono'
import { redactStrings } from '../log/index.ts'
import { METRICS_CONTENT_TYPE, metricsText } from './metrics.ts'
import { healthReport, httpStatusOf } from './report.ts'
import type { Stats } from './stats.ts'

export interface HealthAppOptions {
  stats: Stats
  version: string
  commit: string
  /** Removes secrets from a body (an error message from a driver could hold one). */
  redact?: (text: string) => string
  /** Control requests (`chsync resync`); only the UNIX socket offers them. */
  control?: HealthControl
}

export interface HealthControl {
  /** Copies the tables (db.table, a part in backquotes when it holds a dot) again; returns the accepted names, throws for unknown ones. */
  resync(tables: string[]): string[]
}

export function healthApp(opts: HealthAppOptions): Hono {
  const redact = opts.redact ?? ((text: string) => text)
  const app = new Hono()
  const health = () => {
    const report = healthReport(opts.stats, opts.version)
    return new Response(JSON.stringify(redactStrings(report, redact)) + '\n', {
      status: httpStatusOf(report),
      headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
    })
  }
  app.get('/', health)
  app.get('/health', health)
  app.get(
    '/metrics',
    () =>
      new Response(redactLabelValues(metricsText(opts.stats, { version: opts.version, commit: opts.commit }), redact), {
        headers: { 'content-type': METRICS_CONTENT_TYPE, 'cache-control': 'no-store' },
      }),
  )
  const control = opts.control
  if (control) {
    app.post('/resync', (c) => {
      const tables = c.req.queries('table') ?? []
      if (tables.length === 0) return c.json({ error: 'name at least one table: /resync?table=db.table' }, 400)
      try {
        return c.json({ accepted: control.resync(tables) }, 202)
      } catch (err) {
        return c.json({ error: redact((err as Error).message) }, 409)
      }
    })
  }
  app.notFound(() => new Response('not found: try /health or /metrics\n', { status: 404, headers: { 'content-type': 'text/plain' } }))
  app.onError(() => new Response('internal error\n', { status: 500, headers: { 'content-type': 'text/plain' } }))
  return app
}

/**
 * Prometheus text with `redact` applied to the label values only (they are escaped as JSON strings
 * are), but for a histogram's bucket bounds (`le`), which are numbers chsync writes.
 */
function redactLabelValues(text: string, redact: (text: string) => string): string {
  return text.replace(/(\w+)="((?:[^"\\\n]|\\.)*)"/g, (all, name: string, value: string) =>
    name === 'le' ? all : `${name}="${redact(value)}"`,
  )
}

/**
 * A request without a Host header (HTTP/1.0 from socat) reaches Bun.serve with a relative URL
 * ("/health"), which Hono cannot route; give it an absolute one.
 */
export function withAbsoluteUrl(req: Request): Request {
  return req.url.startsWith('/') ? new Request(`http://localhost${req.url}`, req) : req
}
