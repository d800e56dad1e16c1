// The out-of-range rule: a value outside its ClickHouse type's range is written as the nearest
// value the type holds, and counted per column. Zero and partial-zero dates ('0000-00-00',
// '2020-00-00') and invalid ones ('2021-02-30', allowed by ALLOW_INVALID_DATES) are not on the
// calendar at all; they become the minimum, 1900-01-01 [00:00:00].

export interface ClampNotice {
  column: string
  /** The source value as the binlog gave it. */
  value: string
  /** What was written instead, as ClickHouse prints it. */
  clampedTo: string
}

export class ClampCounter {
  /** Clamped values per column name. */
  readonly byColumn = new Map<string, number>()
  total = 0

  constructor(private readonly listener?: (notice: ClampNotice) => void) {}

  add(column: string, value: string, clampedTo: string): void {
    this.total++
    this.byColumn.set(column, (this.byColumn.get(column) ?? 0) + 1)
    this.listener?.({ column, value, clampedTo })
  }

  count(column: string): number {
    return this.byColumn.get(column) ?? 0
  }
}
