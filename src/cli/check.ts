// `chsync check`: the preflight. Every problem with the source and ClickHouse in one list, each
// with the statement or setting that fixes it; exits 3 when any is fatal.

import { type CheckReport, formatReport, hasFatal, preflight, reportJson } from '../check/index.ts'
import { redactor } from '../config/index.ts'
import type { CommandContext } from './command.ts'
import { ExitCode } from './exit-codes.ts'

export const name = 'check'
export const summary = 'preflight: connectivity, privileges, binlog settings, ClickHouse version'
export const options = [{ flag: '--json', about: 'print the report as one JSON object' }] as const
export const usage = `usage: chsync check [-c config.toml] [--json]

Validates the configuration, then checks the source and ClickHouse and lists every problem at
once, each with the statement or setting that fixes it:
  source   connectivity; privileges (REPLICATION SLAVE, REPLICATION CLIENT / BINLOG MONITOR,
           SELECT; a warning when the account has more); log_bin; binlog_format = ROW;
           binlog_row_image = FULL; binlog_row_metadata = FULL; GTID mode; binlog retention;
           server_id (the source's, chsync's, other replicas'); tables matched by [replicate];
           that the account can read every replicated table (below)
  target   connectivity; ClickHouse 23.8 or newer
--json prints the report as one JSON object.

A replicated table the account cannot read would be left out of the copy, so each is fatal, with
the GRANT that fixes it. The server hides a table from an account without a privilege on it, so
check says what it can know: each replicated table the account sees is read (SELECT * ... LIMIT 0,
as the copy reads it); a replicated database where SELECT is not granted on the whole database is
named as such (tables the account cannot see may be there); and the tables of such databases that
the recent binlog names (written to or created in its last transactions, up to 100,000 per server
or GTID domain, 10 s, 256 MiB) are named one by one. A table neither seen nor in what was read
stays unknown. With SELECT on *.* every table is readable and nothing is read. Roles are not
expanded: what a role may give is a warning.

exit codes: 0 no fatal problem (warnings may be listed), 3 at least one fatal problem,
78 invalid configuration.
`

export async function run(ctx: CommandContext): Promise<number> {
  const config = ctx.config()
  const report = hidden(await preflight(config), redactor(config))
  ctx.out(
    ctx.args.flags.has('--json') ? reportJson(report) : `chsync check${config.file ? ` (${config.file})` : ''}\n` + formatReport(report),
  )
  return hasFatal(report) ? ExitCode.CHECK_FAILED : ExitCode.OK
}

/**
 * The report with secrets hidden in what it found and how to fix it: its texts only, so that a
 * short password cannot garble the layout, the JSON or the severities.
 */
function hidden(report: CheckReport, hide: (text: string) => string): CheckReport {
  return {
    targets: report.targets.map(hide),
    results: report.results.map((r) => ({ ...r, message: hide(r.message), fix: r.fix === null ? null : hide(r.fix) })),
  }
}
