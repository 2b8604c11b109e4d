# shellcheck shell=bash
# Shared helpers of scripts/reliability/*, scripts/cluster-sim and scripts/measure-startup.
# Source it after `set -euo pipefail`. Everything a script starts through these helpers is
# stopped by the EXIT trap installed here (also on failure or Ctrl-C), and the temporary folder
# is removed. Only 127.0.0.1 is ever used.

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SCRIPT_NAME=$(basename "$0")
WORK=$(mktemp -d "/tmp/folio-${SCRIPT_NAME}.XXXXXX")
chmod 755 "$WORK"
FOLIO_PIDS=()   # folio / nginx / wrk processes started with start_bg (each leads its process group)
PG_DIR=""       # set by pg_start
PG_BIN=""
KEEP_WORK=${KEEP_WORK:-false}   # KEEP_WORK=true keeps logs in $WORK for a post-mortem

log() { printf '[%s] %s\n' "$(date +%T.%3N)" "$*"; }
now_ms() { date +%s%3N; }
# Ends the script with the verdict line; the EXIT trap then stops everything.
pass() { echo "PASS: $*"; exit 0; }
fail() { echo "FAIL: $*"; exit 1; }

# ---- cleanup ----------------------------------------------------------------------------------

stop_pid() {   # stop_pid PID [SECONDS]: SIGTERM its process group, SIGKILL after SECONDS (default 10)
  local pid=$1 limit=$(( ${2:-10} * 10 )) i
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < limit; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

_cleanup() {
  local status=$? i
  trap - EXIT INT TERM
  for ((i = ${#FOLIO_PIDS[@]} - 1; i >= 0; i--)); do stop_pid "${FOLIO_PIDS[i]}" 5; done
  if [ -n "$PG_DIR" ]; then "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true; fi
  if [ "$KEEP_WORK" = true ]; then echo "(logs kept in $WORK)"; else rm -rf "$WORK"; fi
  exit "$status"
}
trap _cleanup EXIT
trap 'echo "FAIL: interrupted"; exit 130' INT TERM
# An unexpected failing command (set -e) still ends with a verdict line naming it.
set -o errtrace
trap 'status=$?; echo "FAIL: unexpected error (exit $status) at ${BASH_SOURCE[0]##*/}:$LINENO: $BASH_COMMAND"; exit "$status"' ERR

# ---- tools ------------------------------------------------------------------------------------

# apt_install PACKAGE...: from Debian, quietly (fresh machines have an empty apt cache). The
# packages' own services (nginx's default site on :80, PostgreSQL's main cluster) are not started:
# a temporary policy-rc.d refuses them; we run our own instances.
apt_install() {
  local policy=/usr/sbin/policy-rc.d made=false rc=0
  log "installing $* from Debian…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >"$WORK/apt.log" 2>&1 || rc=$?
  if [ ! -e "$policy" ]; then printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod 755 "$policy" && made=true; fi
  [ "$rc" != 0 ] || apt-get install -y -qq --no-install-recommends "$@" >>"$WORK/apt.log" 2>&1 || rc=$?
  if $made; then rm -f "$policy"; fi
  [ "$rc" = 0 ] || { tail -5 "$WORK/apt.log"; fail "apt-get could not install $*"; }
}

need() {   # need COMMAND PACKAGE: install PACKAGE when COMMAND is missing
  command -v "$1" >/dev/null 2>&1 || apt_install "$2"
  command -v "$1" >/dev/null 2>&1 || fail "$1 could not be installed (package $2)"
}

# The folio binary: $FOLIO_BIN, else .build/debug/folio (built when missing). Its resource
# bundle must sit beside it, so it is always run from where it is.
folio_bin() {
  FOLIO=${FOLIO_BIN:-$REPO_ROOT/.build/debug/folio}
  if [ ! -x "$FOLIO" ] && [ -z "${FOLIO_BIN:-}" ]; then
    log "building folio (swift build --product folio)…"
    (cd "$REPO_ROOT" && swift build --product folio >/dev/null) || fail "swift build failed"
  fi
  [ -x "$FOLIO" ] || fail "no folio binary at $FOLIO (set FOLIO_BIN)"
  export FOLIO
}

# free_port: a random port below the kernel's ephemeral range (outgoing connections, e.g. to
# PostgreSQL, take ports from that range and would make a later bind fail) that no socket uses
# and that was not handed out before (recorded in a file: callers are often subshells).
free_port() {
  local low port i
  low=$(awk '{print $1}' /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
  for ((i = 0; i < 200; i++)); do
    port=$(( 20000 + RANDOM % (low - 20000) ))
    grep -qx "$port" "$WORK/ports" 2>/dev/null && continue
    ss -Htan "( sport = :$port )" 2>/dev/null | grep -q . || { echo "$port" | tee -a "$WORK/ports"; return 0; }
  done
  fail "no free port found"
}

# ---- PostgreSQL -------------------------------------------------------------------------------
# A throwaway server in $WORK/pg, modelled on scripts/with-postgres: the `postgres` user, trust
# auth for `folio`, 127.0.0.1 only, durability settings off (we test Folio, not the disk).

PG_AS=()
pg_start() {   # pg_start PORT: sets PG_PORT and DATABASE_URL (database `folio`)
  PG_PORT=$1
  PG_BIN=$(find /usr/lib/postgresql -maxdepth 2 -name bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; then
    apt_install postgresql
    PG_BIN=$(find /usr/lib/postgresql -maxdepth 2 -name bin | sort -V | tail -n 1)
  fi
  command -v psql >/dev/null || apt_install postgresql-client
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /nonexistent --shell /usr/sbin/nologin postgres
    PG_AS=(runuser -u postgres --)
  fi
  PG_DIR=$WORK/pg
  mkdir -p "$PG_DIR"
  [ "$(id -u)" = 0 ] && chown postgres "$PG_DIR"
  "${PG_AS[@]}" "$PG_BIN/initdb" -D "$PG_DIR/data" -U folio --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  pg_ctl_do start
  "${PG_AS[@]}" "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U folio folio
  DATABASE_URL="postgres://folio@127.0.0.1:$PG_PORT/folio?sslmode=disable"
  export DATABASE_URL PG_PORT
  log "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT"
}

pg_ctl_do() {   # pg_ctl_do start|stop|restart [pg_ctl options]
  local action=$1; shift
  "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w "$@" \
    -o "-h 127.0.0.1 -p $PG_PORT -k $PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    "$action" >/dev/null
}

psql_q() {   # psql_q SQL: unaligned, tuples only
  psql -X -q -A -t -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U folio -d folio -c "$1"
}

# ---- processes --------------------------------------------------------------------------------

# start_bg NAME LOGFILE COMMAND...: runs COMMAND as the leader of its own process group (so the
# cleanup can stop it with everything it started), output to LOGFILE. Sets LAST_PID.
start_bg() {
  local name=$1 logfile=$2; shift 2
  setsid "$@" >"$logfile" 2>&1 </dev/null &
  LAST_PID=$!
  FOLIO_PIDS+=("$LAST_PID")
  log "started $name (pid $LAST_PID), log $logfile"
}

# start_folio NAME PORT LOGFILE ARGS...: a folio process with the common test settings
# (PostgreSQL when DATABASE_URL is set), plus FOLIO_* variables already exported by the caller.
start_folio() {
  local name=$1 port=$2 logfile=$3; shift 3
  # No untrusted origin: these processes run on random ports, and port + 1 may be taken.
  start_bg "$name" "$logfile" env FOLIO_HOST=127.0.0.1 FOLIO_PORT="$port" FOLIO_UNTRUSTED_PORT="${FOLIO_UNTRUSTED_PORT:-0}" \
    FOLIO_DATABASE_URL="${DATABASE_URL:-}" FOLIO_DATA_DIR="${FOLIO_DATA_DIR:-$WORK/data}" \
    FOLIO_DEMO_CONTENT="${FOLIO_DEMO_CONTENT:-false}" FOLIO_BCRYPT_COST=4 \
    FOLIO_LOG_FORMAT="${FOLIO_LOG_FORMAT:-json}" "$FOLIO" "$@"
}

# folio_cli ARGS...: a one-shot folio command against the same database.
folio_cli() {
  env FOLIO_DATABASE_URL="${DATABASE_URL:-}" FOLIO_DATA_DIR="${FOLIO_DATA_DIR:-$WORK/data}" \
    FOLIO_DEMO_CONTENT="${FOLIO_DEMO_CONTENT:-false}" FOLIO_BCRYPT_COST=4 FOLIO_LOG_FORMAT=json "$FOLIO" "$@"
}

# wait_http URL SECONDS [PID]: until URL answers 200; fails after SECONDS or if PID dies.
wait_http() {
  local url=$1 limit=$(( $2 * 20 )) pid=${3:-} i
  for ((i = 0; i < limit; i++)); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url" || true)" = 200 ] && return 0
    if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then fail "process $pid died before $url answered"; fi
    sleep 0.05
  done
  fail "$url did not answer 200 within $2 s"
}

# wait_exit PID SECONDS: true when PID (a child) ended within SECONDS; its status in EXIT_STATUS.
wait_exit() {
  local pid=$1 limit=$(( $2 * 10 )) i
  for ((i = 0; i < limit; i++)); do
    if ! kill -0 "$pid" 2>/dev/null; then export EXIT_STATUS=0; wait "$pid" 2>/dev/null || EXIT_STATUS=$?; return 0; fi
    sleep 0.1
  done
  return 1
}

# ---- the wiki ---------------------------------------------------------------------------------

# make_api_key: an admin account and its API key in API_KEY (output: "API key N for admin: folio_…").
make_api_key() {
  FOLIO_NEW_PASSWORD=reliability-password-1 folio_cli user create admin --admin >/dev/null
  API_KEY=$(folio_cli apikey create --user admin | sed -n 's/^API key .*: \(folio_[A-Za-z0-9_-]*\)$/\1/p')
  [ -n "$API_KEY" ] || fail "could not create an API key"
  export API_KEY
}

# put_page BASE SLUG TITLE CONTENT: saves a page through the write API; prints the HTTP status
# (000 on a connection error).
put_page() {
  local base=$1 slug=$2 title=$3 content=$4
  jq -n --arg t "$title" --arg c "$content" --arg m "reliability $slug" '{title:$t, content:$c, comment:$m}' |
    curl -s -o /dev/null -w '%{http_code}' --max-time 60 -X PUT -H "Authorization: Bearer $API_KEY" \
      -H 'Content-Type: application/json' --data-binary @- "$base/en-US/docs/$slug" || true
}

# ---- nginx ------------------------------------------------------------------------------------

# start_nginx PORT KEEPALIVE BACKEND_PORT...: nginx in the foreground on 127.0.0.1:PORT as a load
# balancer over the backends, everything (config, logs, temp files) in $WORK/nginx. Sets NGINX_PID.
# Open-source nginx has no active health checks, so it cannot see /readiness turn 503: a draining
# backend is avoided only once it refuses connections. `proxy_next_upstream error timeout` makes
# nginx retry an idempotent request (GET/HEAD) on the other backend when a connection is refused or
# reset before any response byte; max_fails=1 fail_timeout=2s then keeps the dead backend out for
# 2 s (a rolling restart must wait that long after a new backend is ready before stopping the next
# one, or nginx may see every backend as down and answer 502 "no live upstreams").
# KEEPALIVE is the idle upstream connections nginx keeps per worker (0: a new one per request).
start_nginx() {
  local port=$1 keepalive=$2 dir=$WORK/nginx servers="" backend; shift 2
  need nginx nginx
  mkdir -p "$dir/tmp"; chmod 1777 "$dir/tmp"   # workers run as nobody/www-data
  for backend in "$@"; do servers+="    server 127.0.0.1:$backend max_fails=1 fail_timeout=2s;"$'\n'; done
  cat >"$dir/nginx.conf" <<CONF
worker_processes 1;
error_log $dir/error.log info;
events { worker_connections 1024; }
http {
  log_format lb '\$msec \$status \$request_method \$request_uri up=\$upstream_addr up_status=\$upstream_status rt=\$request_time';
  access_log $dir/access.log lb;
  client_body_temp_path $dir/tmp/body; proxy_temp_path $dir/tmp/proxy;
  fastcgi_temp_path $dir/tmp/fastcgi; uwsgi_temp_path $dir/tmp/uwsgi; scgi_temp_path $dir/tmp/scgi;
  upstream folio {
$servers$( [ "$keepalive" -gt 0 ] && echo "    keepalive $keepalive;" )
  }
  server {
    listen 127.0.0.1:$port;
    client_max_body_size 6m;
    location / {
      proxy_pass http://folio;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$http_host;
      proxy_next_upstream error timeout http_502 http_503;
      proxy_next_upstream_tries 3;
      proxy_connect_timeout 2s;
      proxy_read_timeout 30s;
    }
  }
}
CONF
  nginx -t -q -p "$dir" -e "$dir/error.log" -c "$dir/nginx.conf" -g "daemon off; pid $dir/nginx.pid;" || fail "nginx rejected its configuration"
  start_bg nginx "$dir/stdout.log" nginx -p "$dir" -e "$dir/error.log" -c "$dir/nginx.conf" -g "daemon off; pid $dir/nginx.pid;"
  export NGINX_PID=$LAST_PID
}

# nginx_upstream_report: what nginx retried on another backend, from its error log. Refused
# connects are harmless (a stopped backend); "while reading response header" means a backend
# reset or closed a connection that already carried a request (retried because GET and PUT are
# idempotent to nginx; a POST would have got 502). Sets NGINX_REFUSED and NGINX_DROPPED.
nginx_upstream_report() {
  NGINX_REFUSED=$(grep -c 'connect() failed (111' "$WORK/nginx/error.log" || true)
  NGINX_DROPPED=$(grep -c '\[error\].*while reading response header from upstream' "$WORK/nginx/error.log" || true)
  export NGINX_REFUSED NGINX_DROPPED
  echo "--- nginx retried on another backend: $NGINX_REFUSED refused connects, $NGINX_DROPPED requests a backend dropped after receiving them (a POST would have got 502)"
}

# wrk_errors FILE: the failed requests in a wrk summary: non-2xx/3xx plus socket errors.
wrk_errors() {
  awk '/Non-2xx or 3xx responses:/ { n += $NF }
       /Socket errors:/ { gsub(",", ""); n += $4 + $6 + $8 + $10 }
       END { print n + 0 }' "$1"
}

# Tools every script uses (a fresh Debian image may lack even ss).
need curl curl
need jq jq
need ss iproute2
