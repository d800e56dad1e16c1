#!/bin/sh
# Assembles the file set of chsync's scratch image in a folder: the binary, the ELF loader and the
# libraries `ldd` lists for it, CA certificates, time-zone data, and the folders chsync writes to.
# The Dockerfile runs it in its build stage, and test/ops/scratch runs it to try the same set in a
# chroot, so the two never differ. Prints every file it copied.
#
#   usage: deploy/rootfs.sh DEST BINARY [UID]     (UID owns the writable folders; default 65532)
set -eu

dest=${1:?usage: rootfs.sh DEST BINARY [UID]}
bin=${2:?usage: rootfs.sh DEST BINARY [UID]}
uid=${3:-65532}

# The image's / is world-readable; a folder from mktemp is not.
mkdir -p "$dest"
chmod 0755 "$dest"

put() { # source-path [path-in-image]
  target="$dest${2:-$1}"
  mkdir -p "$(dirname "$target")"
  cp -L "$1" "$target"
  echo "${2:-$1}"
}

put "$bin" /usr/local/bin/chsync

# "libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x…)" and "/lib64/ld-linux-x86-64.so.2 (0x…)":
# every absolute path ldd prints, copied to where the loader will look for it.
ldd "$bin" | awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^\//) print $i }' | sort -u | while read -r lib; do put "$lib"; done

put /etc/ssl/certs/ca-certificates.crt
mkdir -p "$dest/usr/share"
cp -RL /usr/share/zoneinfo "$dest/usr/share/"
echo /usr/share/zoneinfo/

# Who the image runs as (numeric in the Dockerfile; these lines only give it names).
mkdir -p "$dest/etc"
echo "root:x:0:0:root:/:/sbin/nologin
chsync:x:$uid:$uid:chsync:/var/lib/chsync:/sbin/nologin" >"$dest/etc/passwd"
echo "root:x:0:
chsync:x:$uid:" >"$dest/etc/group"
echo /etc/passwd
echo /etc/group

# Writable: the state, the health socket, temporary files. /etc/chsync holds the mounted config.
mkdir -p "$dest/var/lib/chsync" "$dest/run/chsync" "$dest/tmp" "$dest/etc/chsync" "$dest/proc" "$dest/dev"
chown "$uid:$uid" "$dest/var/lib/chsync" "$dest/run/chsync"
chmod 0750 "$dest/var/lib/chsync" "$dest/run/chsync"
chmod 1777 "$dest/tmp"
