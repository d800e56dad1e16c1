// The server id chsync registers with when source.server_id = 0: derived from the host name so it
// is stable across restarts, and in the upper half of the 32-bit range, away from the small ids
// people give their servers.

/** 2^31 + (FNV-1a 32-bit hash of the UTF-8 host name mod 2^31): 2147483648..4294967295. */
export function deriveServerId(hostname: string): number {
  let hash = 0x811c9dc5
  for (const byte of new TextEncoder().encode(hostname)) {
    hash ^= byte
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return 0x80000000 + (hash & 0x7fffffff)
}
