#!/usr/bin/env bash
# The failover drill (docs/runbooks/high-availability.md): builds a pg_auto_failover formation on loopback —
# a monitor, a primary and a synchronous standby — migrates pitboss onto it, serves pitboss with the
# multi-host DATABASE_URL, and runs `pitboss-tools ha-drill`, which drives 20 tablets over HTTP, kills the
# primary (`kill -9` of its postmaster and its keeper: the host is gone) mid-burst, and checks on the new
# primary that no acknowledged write was lost and no resend applied twice. Then `pitboss audit verify`.
#
#   scripts/ha-drill.sh          run the drill (installs pg_auto_failover through apt when missing)
#   scripts/ha-drill.sh kill-primary   what the drill runs at the kill (needs the formation of a running drill)
#
# Binaries: PITBOSS_BIN and TOOLS_BIN (default: target/debug/pitboss and target/debug/pitboss-tools, built when
# missing). Everything lives under HA_DIR (default /tmp/pitboss-ha) and is removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

dir=${HA_DIR:-/tmp/pitboss-ha}
ports=(5601 5602)
monitor_port=5600
server_addr=127.0.0.1:3400
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
major=$(basename "$(dirname "$bindir")")
url="postgres://postgres@127.0.0.1:${ports[0]},127.0.0.1:${ports[1]}/pitboss?target_session_attrs=read-write&sslmode=disable"
log() { printf 'ha-drill: %s\n' "$*" >&2; }

# pg_autoctl refuses to run as root and keeps its state under XDG directories: run it as postgres with its own.
as_pg() {
  local env=(PATH="$bindir:/usr/bin:/bin" XDG_CONFIG_HOME="$dir/xdg/config" XDG_DATA_HOME="$dir/xdg/data"
    XDG_RUNTIME_DIR="$dir/xdg/run")
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- env "${env[@]}" "$@"; else env "${env[@]}" "$@"; fi
}
# Whether the node on port $1 takes writes now.
is_primary() {
  [ "$("$bindir/psql" -h 127.0.0.1 -p "$1" -U postgres -d pitboss -XAtqc \
    "select not pg_is_in_recovery() and current_setting('transaction_read_only') = 'off'" 2>/dev/null)" = t ]
}
wait_for() { # seconds, description, command...
  local seconds=$1 what=$2
  shift 2
  for _ in $(seq 1 $((seconds * 5))); do "$@" && return 0; sleep 0.2; done
  log "gave up waiting for $what"
  return 1
}

if [ "${1:-}" = kill-primary ]; then
  for i in 0 1; do
    if is_primary "${ports[$i]}"; then
      node="$dir/node$((i + 1))"
      keeper=$(cat "$node.keeper.pid")
      postmaster=$(head -n 1 "$node/pgdata/postmaster.pid")
      # The host is lost: its keeper (and everything it started) and its postmaster die at once.
      kill -9 -- "-$keeper" "$postmaster" 2>/dev/null || true
      log "killed the primary on port ${ports[$i]} (keeper group $keeper, postmaster $postmaster)"
      exit 0
    fi
  done
  log "no primary to kill"
  exit 1
fi

if ! command -v pg_autoctl >/dev/null && [ ! -x "$bindir/pg_autoctl" ]; then
  log "apt-get install postgresql-$major-auto-failover pg-auto-failover-cli"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "postgresql-$major-auto-failover" pg-auto-failover-cli >/dev/null
fi
pitboss_bin=${PITBOSS_BIN:-target/debug/pitboss}
tools_bin=${TOOLS_BIN:-target/debug/pitboss-tools}
if [ ! -x "$pitboss_bin" ] || [ ! -x "$tools_bin" ]; then
  log "building pitboss and pitboss-tools"
  cargo build --quiet -p server -p tools
fi

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -9 -- "-$pid" 2>/dev/null || kill -9 "$pid" 2>/dev/null || true; done
  for pgdata in "$dir"/monitor/pgdata "$dir"/node*/pgdata; do
    [ -f "$pgdata/postmaster.pid" ] && kill -9 "$(head -n 1 "$pgdata/postmaster.pid")" 2>/dev/null || true
  done
  rm -rf "$dir"
  # A postmaster killed with -9 leaves its socket lock file behind, holding its process id. When a later
  # process reuses that id (PIDs repeat from boot to boot), the next postmaster on the port refuses to start.
  local port
  for port in "$monitor_port" "${ports[@]}"; do
    "$bindir/pg_isready" -q -h 127.0.0.1 -p "$port" && continue
    # Debian's socket directory, and PostgreSQL's own default.
    rm -f {/var/run/postgresql,/tmp}/.s.PGSQL."$port"{,.lock}
  done
}
trap 'status=$?; [ "$status" = 0 ] || tail -n 15 "$dir"/*.log >&2 2>/dev/null; cleanup' EXIT
cleanup
mkdir -p "$dir/xdg/config" "$dir/xdg/data" "$dir/xdg/run" "$dir/server"
[ "$(id -u)" = 0 ] && chown -R postgres:postgres "$dir"
chmod 700 "$dir/xdg/run"

# Runs `pg_autoctl create … --run` for one service in its own process group; records the group's id.
start_service() { # name, pg_autoctl create arguments...
  local name=$1
  shift
  # From a directory the postgres user can enter: pg_autoctl fails in a checkout under /root.
  (cd "$dir" && exec setsid bash -c "$(declare -f as_pg); bindir='$bindir' dir='$dir' as_pg pg_autoctl create $* \
    --auth trust --no-ssl --hostname 127.0.0.1 --run" >"$dir/$name.log" 2>&1) &
  echo $! >"$dir/$name.keeper.pid"
  pids+=($!)
  disown
}

log "monitor on port $monitor_port"
start_service monitor monitor --pgdata "$dir/monitor/pgdata" --pgport "$monitor_port"
wait_for 60 "the monitor" "$bindir/pg_isready" -q -h 127.0.0.1 -p "$monitor_port"
monitor_ready() {
  "$bindir/psql" -h 127.0.0.1 -p "$monitor_port" -U autoctl_node -d pg_auto_failover -XAtqc \
    "select 1 from pgautofailover.formation" >/dev/null 2>&1
}
wait_for 60 "the monitor's extension" monitor_ready
# Defaults take about 50 s to fail over (20 s to call a node unhealthy, 30 s to wait for the old primary to
# demote itself). A lost host never demotes itself, so the drill, like the runbook, shortens both.
settings=(health_check_period=1000 health_check_timeout=1000 health_check_max_retries=1
  health_check_retry_delay=500 node_considered_unhealthy_timeout=4000 primary_demote_timeout=4000)
for setting in "${settings[@]}"; do
  "$bindir/psql" -h 127.0.0.1 -p "$monitor_port" -U postgres -d pg_auto_failover -Xqc \
    "alter system set pgautofailover.${setting%%=*} = ${setting#*=}" >/dev/null
done
"$bindir/psql" -h 127.0.0.1 -p "$monitor_port" -U postgres -d pg_auto_failover -Xqc "select pg_reload_conf()" >/dev/null

monitor="postgres://autoctl_node@127.0.0.1:$monitor_port/pg_auto_failover?sslmode=disable"
for i in 0 1; do
  log "node$((i + 1)) on port ${ports[$i]}"
  start_service "node$((i + 1))" postgres --pgdata "$dir/node$((i + 1))/pgdata" --pgport "${ports[$i]}" \
    --dbname pitboss --monitor "'$monitor'" --replication-quorum true
  if [ "$i" = 0 ]; then wait_for 120 "node1 as primary" is_primary "${ports[0]}"; fi
done
sync_standby() {
  [ "$("$bindir/psql" -h 127.0.0.1 -p "${ports[0]}" -U postgres -d pitboss -XAtqc \
    "select count(*) from pg_stat_replication where sync_state in ('sync', 'quorum') and state = 'streaming'")" = 1 ]
}
wait_for 180 "node2 streaming as a synchronous standby" sync_standby
log "formation ready: $("$bindir/psql" -h 127.0.0.1 -p "${ports[0]}" -U postgres -d pitboss -XAtqc 'show synchronous_standby_names')"

DATABASE_URL=$url "$pitboss_bin" migrate
DATABASE_URL=$url PITBOSS_ADDR=$server_addr PITBOSS_DATA_DIR=$dir/server LOG_FORMAT=json \
  setsid "$pitboss_bin" serve >"$dir/server.log" 2>&1 &
pids+=($!)
disown
wait_for 60 "pitboss" curl -sf "http://$server_addr/readyz" -o /dev/null

DATABASE_URL=$url "$tools_bin" ha-drill --server "$server_addr" --tablets "${HA_TABLETS:-20}" \
  --kill-command "HA_DIR='$dir' bash '$PWD/scripts/ha-drill.sh' kill-primary"
grep -o '"message":"database primary moved[^"]*"[^}]*' "$dir/server.log" | head -n 1 | sed 's/^/ha-drill: server log: /' >&2 || true
DATABASE_URL=$url "$pitboss_bin" audit verify
log "passed"
