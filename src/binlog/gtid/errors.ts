// The error raised for GTID text that is not a GTID set, or a GTID value out of range.

import { BinlogError } from '../errors.ts'

/** Text that does not parse as a GTID set/list, or a uuid, tag or sequence number out of range. */
export class InvalidGtidError extends BinlogError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('invalid_gtid', message, {}, options)
  }
}
