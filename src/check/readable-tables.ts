// check's verdict on what the account can read: each replicated table (or database) it cannot read
// is fatal, with the GRANT that fixes it, because chsync would leave it out of the copy; what
// cannot be known for sure (a role may give it, a glob may take databases nobody can see) is a
// warning.

import { tableName } from '../model/index.ts'
import { type CheckResult, fatal, ok, warning } from './result.ts'
import type { AccessReport } from './source-access.ts'

export function checkReadableTables(report: AccessReport, account: string): CheckResult[] {
  const out: CheckResult[] = []
  for (const u of report.unreadable) {
    const subject = u.table === null ? `database ${databaseName(u.database)}` : `table ${tableName(u.database, u.table)}`
    out.push(u.certain ? fatal(subject, u.why, u.fix) : warning(subject, u.why, u.fix))
  }
  if (report.uncoveredGlobs.length > 0) {
    const levels = report.access.selectLevels.length ? report.access.selectLevels.join(', ') : 'nothing'
    for (const glob of report.uncoveredGlobs)
      out.push(
        warning(
          'replicate',
          `replicate.databases ${JSON.stringify(glob)} can take databases ${account} cannot see (it has SELECT only on ${levels}): chsync would leave out their tables`,
          `GRANT SELECT ON *.* TO ${account};  (or name the databases in replicate.databases and GRANT SELECT ON \`db\`.* TO ${account}; for each)`,
        ),
      )
  }
  const binlog = report.binlog
  if (binlog && 'error' in binlog)
    out.push(
      warning(
        'source.readable',
        `the binlog could not be read to name the replicated tables ${account} cannot see: ${binlog.error}`,
        'see the message (reading the binlog needs REPLICATION SLAVE); the databases named above stand either way',
      ),
    )
  if (out.length === 0) {
    const seen = `${report.readable} replicated table${report.readable === 1 ? '' : 's'}`
    if (report.access.everything) out.push(ok('source.readable', `${account} can read every table (SELECT on *.*)`))
    else
      out.push(
        ok(
          'source.readable',
          `${account} can read the ${seen} it sees${binlog && 'read' in binlog ? `; ${binlog.read} names no other` : ''}`,
        ),
      )
  }
  return out
}

function databaseName(db: string): string {
  return /^[^.`\s]+$/.test(db) ? db : '`' + db.replaceAll('`', '``') + '`'
}
