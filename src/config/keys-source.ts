// The [source] keys: the MySQL or MariaDB server chsync reads the binlog from.

import { endpoint, MYSQL_REPLICA_URL, MYSQL_URL } from './endpoint.ts'
import { key } from './key-spec.ts'
import { filePath } from './paths.ts'
import { integer, oneOf } from './scalars.ts'

export const SOURCE = {
  url: key(
    'source.url',
    endpoint(MYSQL_URL, { optional: false }),
    'mysql://repl@127.0.0.1:3306',
    'The source server: mysql:// or mariadb://, a user, the host and the port (default 3306). A password in the URL works but is discouraged: use password_file or CHSYNC_SOURCE_PASSWORD.',
  ),
  passwordFile: key(
    'source.password_file',
    filePath({ optional: true }),
    '',
    'A file holding the source password (one trailing newline is ignored). CHSYNC_SOURCE_PASSWORD wins over it; do not combine it with a password in the URL.',
  ),
  snapshotUrl: key(
    'source.snapshot_url',
    endpoint(MYSQL_REPLICA_URL, { optional: true }),
    '',
    'Optional read replica for the initial copy ("" = copy from source.url). The user, and the password, default to those of source.url when this URL names none.',
  ),
  serverId: key(
    'source.server_id',
    integer(0, 4294967295),
    0,
    "This replica's server id, unique among the source's replicas. 0 derives a stable one from the host name and state.path: 2147483648 + (FNV-1a 32-bit hash of the host name, a newline and the state path, mod 2147483648), which stays clear of the small ids servers are usually given; chsync tail derives its own from its state file.",
  ),
  heartbeatSeconds: key(
    'source.heartbeat_seconds',
    integer(1, 3600),
    5,
    'Seconds between the heartbeats the source sends while it has no events. Three periods (at least 10 s) without a byte, not even a heartbeat, and the connection is taken as lost and opened again.',
  ),
  tls: key(
    'source.tls',
    oneOf(['off', 'on', 'skip-verify']),
    'off',
    'TLS to the source: off, on (verify the certificate chain and host name), or skip-verify (encrypt without checking the certificate).',
  ),
  tlsCaFile: key(
    'source.tls_ca_file',
    filePath({ optional: true }),
    '',
    'PEM file of the CA(s) to verify the source with (tls = "on"); the system CAs when empty.',
  ),
  tlsCertFile: key(
    'source.tls_cert_file',
    filePath({ optional: true }),
    '',
    'PEM client certificate, with tls_key_file, for sources that require one.',
  ),
  tlsKeyFile: key('source.tls_key_file', filePath({ optional: true }), '', 'PEM private key of tls_cert_file.'),
  connectTimeoutSeconds: key(
    'source.connect_timeout_seconds',
    integer(1, 3600),
    10,
    'How long to wait for the source to accept a connection.',
  ),
} as const
