// Differences between a replication context's source and target, as one number for the report.

import type { ReplicationContext } from '../../replication/support/context.ts'

export async function differences(ctx: ReplicationContext): Promise<{ rows: number; differences: number }> {
  let rows = 0
  let differences = 0
  for (const d of await ctx.compare()) {
    rows += d.targetRows
    differences += d.missing.length + d.extra.length + d.different.length
  }
  return { rows, differences }
}
