// The server id chsync registers with when source.server_id = 0: derived from the host name so it
// is stable across restarts, and in the upper half of the 32-bit range, away from the small ids
// people give their servers.

/** 2^31 + (FNV-1a 32-bit hash of the UTF-8 host name, and the state path after a newline, mod 2^31): 2147483648..4294967295. */
export function deriveServerId(hostname: string, statePath = ''): number {
  // The state path too: `chsync tail` and `chsync run` on one host (each with its own state file)
  // must not register with one id, or the source drops one of them whenever the other connects.
  return 0x80000000 + (fnv1a(statePath === '' ? hostname : `${hostname}\n${statePath}`) & 0x7fffffff)
}

/**
 * The Kafka sink's transactional.id when none is set: stable across restarts of one chsync (same
 * server id, same state file), different for two chsync on one host, which must not fence each other.
 */
export function deriveTransactionalId(serverId: number, statePath: string): string {
  return `chsync-${serverId}-${fnv1a(statePath).toString(16).padStart(8, '0')}`
}

/** FNV-1a, 32 bits, of the UTF-8 text. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash
}
