#!/bin/sh
# Enters the grading sandbox: run by `unshare` (as root) in new mount, PID, network, IPC and UTS namespaces.
#
# Usage: enter.sh <root> <uid> <gid> <data bytes> <connection dir> <readable>... -- <command>...
# Builds a fresh root on a tmpfs at <root> holding only the system's programs (read-only), the paths listed
# as <readable> (read-only, at their own paths), the working folder (read-write: the current directory) and
# the connection folder (the kernel's ZeroMQ ipc sockets), then runs <command> there as <uid>:<gid> with no
# capabilities, no_new_privs, a limit on the memory it writes (RLIMIT_DATA: heap, typed arrays, workers)
# and on the processes and threads its user may have (RLIMIT_NPROC). Nothing else of the host's files is visible, there
# is no network (only an unconfigured loopback), and the kernel sees no process but its own.
set -eu
root=$1 uid=$2 gid=$3 data_bytes=$4 conn_dir=$5
shift 5
work=$(pwd -P)

fail() { echo "backprop-lab sandbox: $*" >&2; exit 70; }

# Mounts $1 at the same path under the new root; $2 is ro or rw. Symbolic links are recreated, not followed.
bind() {
  [ -e "$1" ] || [ -L "$1" ] || return 0
  target="$root$1"
  mkdir -p "$(dirname "$target")"
  if [ -L "$1" ]; then ln -sfn "$(readlink "$1")" "$target"; return 0; fi
  if [ -d "$1" ]; then mkdir -p "$target"; else : > "$target"; fi
  mount --bind "$1" "$target" || fail "cannot bind $1"
  flags=nosuid,nodev
  [ "$2" = ro ] && flags=$flags,ro
  mount -o "remount,bind,$flags" "$target" || fail "cannot make $1 $2"
}

mount -t tmpfs -o mode=755,size=4m,nosuid,nodev backprop-lab-sandbox "$root" || fail "cannot mount a tmpfs on $root"
for dir in /usr /bin /sbin /lib /lib32 /lib64 /libx32 /etc/passwd /etc/group /etc/localtime /etc/nsswitch.conf; do bind "$dir" ro; done
for dev in null zero random urandom; do bind "/dev/$dev" rw; done
mkdir -p "$root/proc" "$root/tmp"
mount -t proc -o nosuid,nodev,noexec proc "$root/proc" || fail "cannot mount /proc"

while [ $# -gt 0 ] && [ "$1" != "--" ]; do bind "$1" ro; shift; done
[ $# -gt 0 ] || fail "no command after --"
shift

# The working folder and the connection file (the last argument) belong to the sandbox user. In the
# connection folder (the server's runtime folder: its URL and token, other kernels' files) everything but
# that file is covered, so the kernel sees only its own connection file and the sockets it creates.
for last in "$@"; do :; done
chown -R "$uid:$gid" "$work" || fail "cannot hand $work to uid $uid"
chown "$uid:$gid" "$last" || fail "cannot hand $last to uid $uid"
bind "$work" rw
bind "$conn_dir" rw
for entry in "$conn_dir"/* "$conn_dir"/.[!.]*; do
  [ -e "$entry" ] || [ -L "$entry" ] || continue
  [ "$entry" = "$last" ] && continue
  if [ -d "$entry" ] && [ ! -L "$entry" ]; then mount -t tmpfs -o ro,size=4k,mode=000 hidden "$root$entry"
  else mount --bind /dev/null "$root$entry"; fi || fail "cannot hide $entry"
done
mount -o remount,bind,ro "$root" || fail "cannot make the sandbox root read-only"

# --pdeathsig again: changing the user clears the one unshare --kill-child set, and the kernel must die with unshare.
exec chroot "$root" /usr/bin/setpriv --reuid="$uid" --regid="$gid" --clear-groups --no-new-privs --inh-caps=-all --bounding-set=-all --pdeathsig=SIGKILL -- \
  /usr/bin/prlimit --data="$data_bytes" --nproc=512 --core=0 -- /usr/bin/env --chdir="$work" "$@"
