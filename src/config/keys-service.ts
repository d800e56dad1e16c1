// The [state], [health] and [log] keys: where chsync keeps its position, reports, and logs.

import { key } from './key-spec.ts'
import { listenAddress } from './listen-address.ts'
import { filePath } from './paths.ts'
import { oneOf } from './scalars.ts'

export const STATE = {
  path: key(
    'state.path',
    filePath({ optional: false }),
    '/var/lib/chsync/state.db',
    'The SQLite file holding the position, the version counter and per-table progress.',
  ),
} as const

export const HEALTH = {
  socket: key(
    'health.socket',
    filePath({ optional: true }),
    '/run/chsync/health.sock',
    'UNIX socket of the health and metrics endpoint ("" = off).',
  ),
  tcp: key('health.tcp', listenAddress(), '', 'Optional TCP listener for the same endpoint, e.g. "127.0.0.1:9105" for scraping.'),
} as const

export const LOG = {
  level: key('log.level', oneOf(['debug', 'info', 'warn', 'error']), 'info', 'The least severe level written.'),
  format: key('log.format', oneOf(['auto', 'human', 'json']), 'auto', 'auto: human on a terminal, JSON lines otherwise.'),
} as const
