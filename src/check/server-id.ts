// Server ids: the source needs one (a server with server_id = 0 refuses replicas), and chsync's
// replica id must differ from the source's and from every other replica's, or the source drops
// one of the two connections. Where the source does not list its replicas to the account (MariaDB
// without REPLICATION MASTER ADMIN), a binlog reader of the account already connected may be one.

import type { Flavor } from '../binlog/index.ts'
import { setGlobal } from './binlog-settings.ts'
import { type CheckResult, fatal, ok, warning } from './result.ts'
import type { SourceFacts } from './source-facts.ts'

export function checkServerIds(
  flavor: Flavor,
  facts: Pick<SourceFacts, 'variables' | 'replicas' | 'binlogReaders' | 'account'>,
  replicaId: number,
  derived: boolean,
): CheckResult[] {
  const subject = 'source.server_id'
  const sourceId = Number(facts.variables.get('server_id') ?? NaN)
  const own = `chsync's source.server_id ${replicaId}${derived ? ' (derived from the host name)' : ''}`
  const setOwn = 'set source.server_id (or CHSYNC_SOURCE_SERVER_ID) to a number that no other server or replica of this source uses'
  if (!Number.isFinite(sourceId)) return [warning(subject, 'the source did not report its server_id', 'SELECT @@server_id; on the source')]
  if (sourceId === 0) return [fatal(subject, 'the source has server_id = 0 and refuses replicas', setGlobal(flavor, 'server_id', '1'))]
  if (sourceId === replicaId) return [fatal(subject, `${own} equals the source's server_id`, setOwn)]
  const twin = facts.replicas?.find((r) => r.serverId === replicaId)
  if (twin)
    return [
      warning(
        subject,
        `a replica with ${own} is already connected (host "${twin.host}"); two replicas with one id evict each other: is another chsync running with this id?`,
        setOwn,
      ),
    ]
  const readers = facts.replicas === null ? (facts.binlogReaders ?? []) : []
  if (readers.length)
    return [
      warning(
        subject,
        `${readers.length === 1 ? 'a binlog reader' : `${readers.length} binlog readers`} of ${facts.account} ${readers.length === 1 ? 'is' : 'are'} already connected (from ${readers.join(', ')}), and the source does not show this account its replicas' server ids (SHOW SLAVE HOSTS needs REPLICATION MASTER ADMIN): if one is a chsync with ${own}, the two evict each other`,
        `${setOwn}; or GRANT REPLICATION MASTER ADMIN ON *.* TO ${facts.account} so that chsync check can tell`,
      ),
    ]
  return [ok(subject, `source ${sourceId}, chsync ${replicaId}${facts.replicas === null ? '' : ', no other replica with that id'}`)]
}
