// Typed errors of the binlog client: every failure says what and where (binlog file and offset).

export interface BinlogPlace {
  file?: string
  /** Offset of the event's first byte in the binlog file. */
  offset?: number
  eventType?: number
  table?: string
  column?: string
}

/** Base of every error the binlog client raises. `code` is stable, for counters and tests. */
export class BinlogError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly place: BinlogPlace = {},
    options?: { cause?: unknown },
  ) {
    super(withPlace(message, place), options)
    this.name = new.target.name
  }
}

/** Bytes that do not form what the wire format says they must (short, out of range, inconsistent). */
export class DecodeError extends BinlogError {
  constructor(message: string, place: BinlogPlace = {}, options?: { cause?: unknown }) {
    super('decode', message, place, options)
  }
}

/** The CRC32 at the end of an event does not match its bytes. */
export class ChecksumError extends BinlogError {
  constructor(expected: number, actual: number, place: BinlogPlace) {
    super('checksum', `CRC32 mismatch: event says ${hex32(expected)}, bytes give ${hex32(actual)}`, place)
  }
}

/** An event type chsync does not know and the server did not mark as ignorable. */
export class UnknownEventError extends BinlogError {
  constructor(type: number, place: BinlogPlace) {
    super('unknown_event', `unknown binlog event type ${type} without the ignorable flag`, place)
  }
}

/** The server refused or ended the replication stream (error packet, purged binlog, ...). */
export class ReplicationError extends BinlogError {
  constructor(
    message: string,
    readonly serverErrno?: number,
    place: BinlogPlace = {},
    options?: { cause?: unknown },
  ) {
    super('replication', message, place, options)
  }
}

/** Re-raise `err` with the place filled in where the decoder could not know it. */
export function locate(err: unknown, place: BinlogPlace): BinlogError {
  if (err instanceof BinlogError) {
    const merged = { ...place, ...err.place }
    if (err instanceof DecodeError) return new DecodeError(stripPlace(err.message), merged, { cause: err.cause })
    return err
  }
  const message = err instanceof Error ? err.message : String(err)
  return new DecodeError(message, place, { cause: err })
}

function withPlace(message: string, place: BinlogPlace): string {
  const parts: string[] = []
  if (place.file !== undefined) parts.push(place.offset !== undefined ? `${place.file}:${place.offset}` : place.file)
  else if (place.offset !== undefined) parts.push(`offset ${place.offset}`)
  if (place.eventType !== undefined) parts.push(`event type ${place.eventType}`)
  if (place.table !== undefined) parts.push(`table ${place.table}`)
  if (place.column !== undefined) parts.push(`column ${place.column}`)
  return parts.length ? `${message} (at ${parts.join(', ')})` : message
}

function stripPlace(message: string): string {
  return message.replace(/ \(at [^)]*\)$/, '')
}

function hex32(n: number): string {
  return '0x' + (n >>> 0).toString(16).padStart(8, '0')
}

/**
 * The source sent (or began to send) a packet larger than any binlog event it can hold: the
 * stream is cut before the packet fills memory. Reading the same place again would meet it again.
 */
export class PacketTooLargeError extends BinlogError {
  constructor(
    message: string,
    readonly bytes: number,
    readonly limit: number,
    place: BinlogPlace = {},
  ) {
    super('packet_too_large', message, place)
  }
}
