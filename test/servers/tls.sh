#!/usr/bin/env bash
# Test certificates (loopback only): a CA, a server certificate for 127.0.0.1 signed by it, and
# an unrelated CA that must NOT verify the server. Made once in $1 (default /var/tmp/chsync-test/tls).
set -euo pipefail
dir=${1:-/var/tmp/chsync-test/tls}
[ -f "$dir/server.pem" ] && exit 0
command -v openssl >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openssl >/dev/null; }
mkdir -p "$dir"
cd "$dir"
openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=chsync test CA" -keyout ca-key.pem -out ca.pem 2>/dev/null
openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=chsync wrong CA" -keyout wrong-ca-key.pem -out wrong-ca.pem 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" -keyout server-key.pem -out server.csr 2>/dev/null
printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\n' > san.ext
openssl x509 -req -in server.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 3650 -extfile san.ext -out server.pem 2>/dev/null
chmod 644 ./*.pem
