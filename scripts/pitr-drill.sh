#!/usr/bin/env bash
# The point-in-time recovery drill (docs/runbooks/backup-restore.md): a PostgreSQL cluster archiving its WAL,
# a base backup taken with pg_basebackup, two known writes a second apart (casinos "PITR before" and "PITR
# after", through `pitboss casino add`), and a restore of the base backup replayed to an instant between them.
# Passes when the restored database has the first write and not the second, and `pitboss audit verify`
# passes on it.
#
# PITBOSS_BIN: the pitboss binary (default target/debug/pitboss, built when missing). Everything lives under
# PITR_DIR (default /tmp/pitboss-pitr) and is removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

dir=${PITR_DIR:-/tmp/pitboss-pitr}
port=5611
restore_port=5612
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
log() { printf 'pitr-drill: %s\n' "$*" >&2; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
sql() { "$bindir/psql" -h 127.0.0.1 -p "$1" -U postgres -d "${3:-pitboss}" -XAtqc "$2"; }

pitboss_bin=${PITBOSS_BIN:-target/debug/pitboss}
[ -x "$pitboss_bin" ] || { log "building pitboss"; cargo build --quiet -p server; }

cleanup() {
  for data in "$dir/primary" "$dir/restored"; do
    [ -f "$data/PG_VERSION" ] && as_pg "$bindir/pg_ctl" -D "$data" -m immediate stop >/dev/null 2>&1 || true
  done
  rm -rf "$dir"
}
trap cleanup EXIT
cleanup
mkdir -p "$dir/wal"
[ "$(id -u)" = 0 ] && chown -R postgres:postgres "$dir"

# The primary archives every finished WAL segment: that archive plus a base backup is the recovery window.
as_pg "$bindir/initdb" -D "$dir/primary" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-instructions >/dev/null
cat >>"$dir/primary/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
wal_level = replica
archive_mode = on
archive_command = 'test ! -f $dir/wal/%f && cp %p $dir/wal/%f'
EOF
as_pg "$bindir/pg_ctl" -D "$dir/primary" -l "$dir/primary.log" -w start >/dev/null
sql "$port" "create database pitboss" postgres >/dev/null
url="postgres://postgres@127.0.0.1:$port/pitboss"
DATABASE_URL=$url "$pitboss_bin" migrate

log "base backup"
as_pg "$bindir/pg_basebackup" -h 127.0.0.1 -p "$port" -U postgres -D "$dir/base" -c fast -X stream

DATABASE_URL=$url "$pitboss_bin" casino add --name "PITR before" --timezone America/Los_Angeles >/dev/null
sleep 1
target=$(sql "$port" "select now()")
sleep 1
DATABASE_URL=$url "$pitboss_bin" casino add --name "PITR after" --timezone America/Los_Angeles >/dev/null
log "wrote \"PITR before\", then target instant $target, then \"PITR after\""
segment=$(sql "$port" "select pg_walfile_name(pg_switch_wal())")
archived() { [ -f "$dir/wal/$segment" ]; }
for _ in $(seq 1 100); do archived && break; sleep 0.1; done
archived || { log "WAL segment $segment was not archived"; exit 1; }
# The primary is lost; only the base backup and the archive remain.
as_pg "$bindir/pg_ctl" -D "$dir/primary" -m immediate stop >/dev/null

log "restoring the base backup to $target"
cp -a "$dir/base" "$dir/restored"
cat >>"$dir/restored/postgresql.conf" <<EOF
port = $restore_port
archive_mode = off
restore_command = 'cp $dir/wal/%f %p'
recovery_target_time = '$target'
recovery_target_action = 'promote'
EOF
as_pg touch "$dir/restored/recovery.signal"
as_pg "$bindir/pg_ctl" -D "$dir/restored" -l "$dir/restored.log" -w -t 120 start >/dev/null ||
  { log "FAILED: the restored cluster did not start; its log:"; tail -n 20 "$dir/restored.log" >&2; exit 1; }
for _ in $(seq 1 300); do [ "$(sql "$restore_port" "select pg_is_in_recovery()")" = f ] && break; sleep 0.2; done
grep -h "recovery stopping\|archive recovery complete" "$dir/restored.log" | sed 's/^/pitr-drill: postgres: /' >&2 || true

casinos=$(sql "$restore_port" "select string_agg(name, ', ' order by name) from casino where name like 'PITR%'")
log "restored casinos: $casinos"
[ "$casinos" = "PITR before" ] || { log "FAILED: expected only \"PITR before\""; exit 1; }
DATABASE_URL="postgres://postgres@127.0.0.1:$restore_port/pitboss" "$pitboss_bin" audit verify
log "passed: the write before the target is there, the one after it is not, and the audit chain verifies"
