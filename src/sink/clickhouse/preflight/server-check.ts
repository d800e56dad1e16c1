// The ClickHouse server in the preflight: it answers, with these credentials, and is 23.8 or newer
// (ReplacingMergeTree with an is_deleted column, which chsync's delete handling relies on). What
// chsync may do there is access.ts.

import { readFileSync } from 'node:fs'
import type { ChsyncConfig } from '../../../config/index.ts'
import { type PreflightFinding, fatal, ok } from '../../preflight-finding.ts'
import { MINIMUM_VERSION as MIN_CLICKHOUSE, versionAtLeast } from '../server-features.ts'

export { MIN_CLICKHOUSE, versionAtLeast }

export interface ClickHouseProbe {
  /** SELECT version(); throws with a reason when ClickHouse cannot be asked. */
  version(): Promise<string>
  /** Any statement; its answer as text, or throws with ClickHouse's reason. */
  query(sql: string): Promise<string>
}

export function httpClickHouseProbe(config: ChsyncConfig): ClickHouseProbe {
  const t = config.target
  const host = t.url.host.includes(':') ? `[${t.url.host}]` : t.url.host
  const base = `${t.url.scheme}://${host}:${t.url.port}/`
  const query = async (sql: string) => {
    const res = await fetch(base, {
      method: 'POST',
      body: sql,
      headers: { 'X-ClickHouse-User': t.url.user, 'X-ClickHouse-Key': t.url.password },
      signal: AbortSignal.timeout(config.source.connectTimeoutSeconds * 1000),
      tls: t.tlsCaFile ? { ca: readFileSync(t.tlsCaFile, 'utf8') } : undefined,
    })
    const body = (await res.text()).trim()
    if (!res.ok) throw new Error(`HTTP ${res.status}: ${body.split('\n')[0]!.slice(0, 300)}`)
    return body
  }
  return { version: () => query('SELECT version()'), query }
}

export async function checkClickHouse(
  probe: ClickHouseProbe,
  where: string,
): Promise<{ results: PreflightFinding[]; version: string | null }> {
  let version: string
  try {
    version = await probe.version()
  } catch (err) {
    return {
      version: null,
      results: [
        fatal(
          'target.connect',
          `cannot query ClickHouse at ${where}: ${(err as Error).message}`,
          'check target.url (scheme, host, port, user) and the password (CHSYNC_TARGET_PASSWORD or target.password_file); ClickHouse must answer HTTP there',
        ),
      ],
    }
  }
  const results = [ok('target.connect', `connected to ${where}`)]
  if (versionAtLeast(version)) results.push(ok('target.version', `${version} (${MIN_CLICKHOUSE.join('.')} or newer needed)`))
  else
    results.push(
      fatal(
        'target.version',
        `ClickHouse ${version} is older than ${MIN_CLICKHOUSE.join('.')}`,
        `upgrade ClickHouse to ${MIN_CLICKHOUSE.join('.')} or newer`,
      ),
    )
  return { results, version }
}
