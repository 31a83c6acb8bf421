#!/usr/bin/env bash
# BackCare as several instances on one machine, everything on 127.0.0.1 (Debian 12's packages):
#   deploy/local-cluster.sh start [N]   PostgreSQL 15, Redis, nginx, and N BackCare instances behind it (N = 3)
#   deploy/local-cluster.sh status      what runs, with pids and ports
#   deploy/local-cluster.sh stop        stops them all (the data stays in the state folder)
# Needs: postgresql (15), redis-server, nginx, the .NET SDK. The app is published into the state folder unless
# BACKCARE_CLUSTER_APP names a published BackCare.Web. Settings (environment):
#   BACKCARE_CLUSTER_DIR    state folder (default /tmp/backcare-cluster): data, logs, pids, the nginx config
#   BACKCARE_CLUSTER_PORT   nginx's HTTPS port (default 28080); instances on the next N ports, PostgreSQL on 25432,
#                           Redis on 26379, and nginx's plain HTTP, which only redirects to HTTPS, on 28000
#                           (BACKCARE_CLUSTER_PG_PORT, BACKCARE_CLUSTER_REDIS_PORT, BACKCARE_CLUSTER_HTTP_PORT). Keep them below
#                           Linux's range for outgoing connections (32768-60999 by default): a port in it can be
#                           taken at any moment by a connection's own end, and then an instance cannot listen on it
#   BACKCARE_CLUSTER_NO_BUILD=1  publish without building (after a Release build, as CI does)
# Any other setting of the app can be exported as usual (RateLimiting__Api__PermitLimit=30): the instances inherit it.
# nginx ends TLS with a self-signed certificate for 127.0.0.1 and localhost, made once with openssl in the state folder
# (tls/cert.pem: give it to curl as --cacert, or tell the browser to trust it), and passes X-Forwarded-Proto, so the
# instances answer as over HTTPS: Secure cookies, HSTS, redirects to https://. PostgreSQL trusts loopback connections
# here: this is for trying and testing, not for people's data. A real deployment: docs/deploy.md, "Several instances
# behind nginx".
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
STATE=${BACKCARE_CLUSTER_DIR:-/tmp/backcare-cluster}
PORT=${BACKCARE_CLUSTER_PORT:-28080}
PG_PORT=${BACKCARE_CLUSTER_PG_PORT:-25432}
REDIS_PORT=${BACKCARE_CLUSTER_REDIS_PORT:-26379}
HTTP_PORT=${BACKCARE_CLUSTER_HTTP_PORT:-28000}
PG_BIN=${BACKCARE_CLUSTER_PG_BIN:-/usr/lib/postgresql/15/bin}
CONNECTION="Host=127.0.0.1;Port=$PG_PORT;Username=backcare;Database=backcare;Maximum Pool Size=30"

say() { printf '%s\n' "$*"; }
fail() { printf 'local-cluster: %s\n' "$*" >&2; exit 1; }

# PostgreSQL will not run as root: then its folder belongs to, and its programs run as, Debian's postgres user.
as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

alive() { # pid file; quiet when the program removes it while this looks
  local pid
  pid=$(cat "$1" 2>/dev/null) && [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null
}

wait_for() { # url, seconds, curl's other arguments
  local url=$1 seconds=$2
  shift 2
  for _ in $(seq 1 "$((seconds * 5))"); do
    if curl -fsS -o /dev/null --max-time 2 "$@" "$url" 2>/dev/null; then return 0; fi
    sleep 0.2
  done
  return 1
}

need() {
  [ -x "$PG_BIN/initdb" ] || fail "PostgreSQL 15 is not installed ($PG_BIN/initdb): apt-get install postgresql"
  command -v redis-server >/dev/null || fail "redis-server is not installed: apt-get install redis-server"
  command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || fail "nginx is not installed: apt-get install nginx"
  command -v dotnet >/dev/null || fail "the .NET SDK (dotnet) is not on the PATH"
  command -v curl >/dev/null || fail "curl is not installed"
  command -v openssl >/dev/null || fail "openssl is not installed: apt-get install openssl"
}

# A program about to listen on a port first makes sure nothing else does: a clear refusal instead of a crash in a log.
port_free() { # port, what
  python3 -c 'import socket, sys
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
try: s.bind(("127.0.0.1", int(sys.argv[1])))
except OSError: sys.exit(1)' "$1" \
    || fail "port $1 on 127.0.0.1 (for $2) is taken by another program: choose free ports with BACKCARE_CLUSTER_PORT, BACKCARE_CLUSTER_PG_PORT and BACKCARE_CLUSTER_REDIS_PORT"
}

instances() { ls "$STATE"/web-*.pid 2>/dev/null | sed 's/.*web-\([0-9]*\)\.pid/\1/' | sort -n; }

start_postgres() {
  local folder="$STATE/postgres"
  if [ ! -s "$folder/data/PG_VERSION" ]; then
    mkdir -p "$folder/data" "$folder/run"
    [ "$(id -u)" = 0 ] && chown -R postgres: "$folder"
    as_postgres "$PG_BIN/initdb" -D "$folder/data" -U backcare --auth=trust -E UTF8 --no-locale >"$STATE/logs/initdb.log"
  fi
  if ! as_postgres "$PG_BIN/pg_ctl" -D "$folder/data" status >/dev/null 2>&1; then
    as_postgres "$PG_BIN/pg_ctl" -D "$folder/data" -l "$folder/postgres.log" -w -t 60 \
      -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$folder/run -c max_connections=200" start >/dev/null
  fi
  if ! "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U backcare -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'backcare'" | grep -q 1; then
    "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U backcare backcare
  fi
  say "PostgreSQL on 127.0.0.1:$PG_PORT (database backcare)"
}

start_redis() {
  mkdir -p "$STATE/redis"
  if ! alive "$STATE/redis.pid"; then
    # Rate-limit windows only: nothing to keep across a restart.
    redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --daemonize yes --pidfile "$STATE/redis.pid" \
      --logfile "$STATE/logs/redis.log" --dir "$STATE/redis" --save '' --appendonly no
    for _ in $(seq 1 50); do alive "$STATE/redis.pid" && break; sleep 0.1; done
  fi
  alive "$STATE/redis.pid" || fail "Redis did not start: see $STATE/logs/redis.log"
  say "Redis on 127.0.0.1:$REDIS_PORT"
}

publish_app() {
  if [ -n "${BACKCARE_CLUSTER_APP:-}" ]; then
    APP=$BACKCARE_CLUSTER_APP
  else
    APP=$STATE/app
    local build=()
    [ "${BACKCARE_CLUSTER_NO_BUILD:-}" = 1 ] && build=(--no-build)
    say "Publishing BackCare.Web (Release) to $APP"
    dotnet publish "$ROOT/src/BackCare.Web/BackCare.Web.csproj" -c Release -o "$APP" "${build[@]}" --nologo -v quiet >"$STATE/logs/publish.log" 2>&1 \
      || fail "dotnet publish failed: see $STATE/logs/publish.log"
  fi
  [ -f "$APP/BackCare.Web.dll" ] || fail "no BackCare.Web.dll in $APP"
}

# Once per state folder, never in the repository: a key that any copy of the repository shares is no secret.
make_certificate() {
  local folder="$STATE/tls"
  [ -s "$folder/cert.pem" ] && [ -s "$folder/key.pem" ] && return 0
  mkdir -p "$folder"
  chmod 700 "$folder"
  openssl req -x509 -newkey rsa:2048 -nodes -days 825 -subj "/CN=127.0.0.1" \
    -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" -addext "extendedKeyUsage=serverAuth" \
    -keyout "$folder/key.pem" -out "$folder/cert.pem" >"$STATE/logs/openssl.log" 2>&1 \
    || fail "openssl could not make the certificate: see $STATE/logs/openssl.log"
  chmod 600 "$folder/key.pem"
  say "Made a self-signed certificate for 127.0.0.1 and localhost: $folder/cert.pem"
}

start_instance() { # number
  local i=$1 port=$((PORT + $1))
  alive "$STATE/web-$i.pid" && return 0
  mkdir -p "$STATE/mail"
  (
    cd "$APP"
    export ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$port" ASPNETCORE_CONTENTROOT="$APP"
    export Database__Provider=Postgres ConnectionStrings__BackCare="$CONNECTION"
    export RateLimiting__Redis="127.0.0.1:$REDIS_PORT"
    export ForwardedHeaders__Enabled=true
    # The links in emails: nginx's HTTPS address (emails are sent only with an https one).
    export Notifications__PublicBaseUrl="${Notifications__PublicBaseUrl:-https://127.0.0.1:$PORT}"
    export Content__Root="$ROOT/content/en" Places__Root="$ROOT/content/places"
    export Email__Mode=Pickup Email__PickupFolder="$STATE/mail"
    export OTEL_RESOURCE_ATTRIBUTES="service.instance.id=web-$i"
    exec setsid dotnet "$APP/BackCare.Web.dll" >"$STATE/logs/web-$i.log" 2>&1 </dev/null
  ) &
  echo $! >"$STATE/web-$i.pid"
}

wait_ready() { # number
  local i=$1
  wait_for "http://127.0.0.1:$((PORT + i))/health/ready" 120 || fail "instance $i is not ready: see $STATE/logs/web-$i.log"
  say "BackCare instance $i on 127.0.0.1:$((PORT + i)) (pid $(cat "$STATE/web-$i.pid"))"
}

start_nginx() { # count
  local upstreams="" i
  for i in $(seq 1 "$1"); do upstreams+="        server 127.0.0.1:$((PORT + i)) max_fails=1 fail_timeout=10s;"$'\n'; done
  mkdir -p "$STATE/nginx"/{client-body,proxy,fastcgi,uwsgi,scgi}
  local user_line=""
  if [ "$(id -u)" = 0 ]; then
    # As root nginx's workers would run as nobody, who could not write the temporary folders.
    user_line="user root;"
  fi
  UPSTREAMS=$upstreams STATE=$STATE PORT=$PORT HTTP_PORT=$HTTP_PORT USER_LINE=$user_line python3 - "$ROOT/deploy/nginx-local-cluster.conf" >"$STATE/nginx/nginx.conf" <<'PY'
import os, sys
text = open(sys.argv[1]).read()
for name in ("UPSTREAMS", "STATE", "PORT", "HTTP_PORT", "USER_LINE"):
    text = text.replace("@" + name + "@", os.environ[name].rstrip("\n"))
sys.stdout.write(text)
PY
  local nginx
  nginx=$(command -v nginx || echo /usr/sbin/nginx)
  "$nginx" -t -q -p "$STATE/nginx" -c "$STATE/nginx/nginx.conf" -e "$STATE/logs/nginx-error.log" || fail "nginx refused its configuration"
  if alive "$STATE/nginx/nginx.pid"; then
    "$nginx" -p "$STATE/nginx" -c "$STATE/nginx/nginx.conf" -e "$STATE/logs/nginx-error.log" -s reload
  else
    "$nginx" -p "$STATE/nginx" -c "$STATE/nginx/nginx.conf" -e "$STATE/logs/nginx-error.log"
  fi
  wait_for "https://127.0.0.1:$PORT/health/ready" 20 --cacert "$STATE/tls/cert.pem" \
    || fail "nginx does not answer on https://127.0.0.1:$PORT: see $STATE/logs/nginx-error.log"
  say "nginx on https://127.0.0.1:$PORT/ in front of $1 instances (http://127.0.0.1:$HTTP_PORT/ redirects there)"
}

start() {
  local count=${1:-3}
  [[ $count =~ ^[1-9][0-9]?$ ]] || fail "start takes a number of instances from 1 to 99, got '$count'"
  need
  mkdir -p "$STATE/logs"
  chmod 755 "$STATE"
  # Every port is looked at before anything starts; one that runs already (a second start) keeps its own.
  as_postgres "$PG_BIN/pg_ctl" -D "$STATE/postgres/data" status >/dev/null 2>&1 || port_free "$PG_PORT" PostgreSQL
  alive "$STATE/redis.pid" || port_free "$REDIS_PORT" Redis
  local i
  for i in $(seq 1 "$count"); do alive "$STATE/web-$i.pid" || port_free "$((PORT + i))" "instance $i"; done
  if ! alive "$STATE/nginx/nginx.pid"; then
    port_free "$PORT" nginx
    port_free "$HTTP_PORT" "nginx's redirect to HTTPS"
  fi
  make_certificate
  start_postgres
  start_redis
  publish_app
  # The first instance alone first: it brings the schema up to date and, on an empty database, makes the Data
  # Protection key as it starts; the others then read that key from the database instead of each making its own.
  start_instance 1
  wait_ready 1
  for i in $(seq 2 "$count"); do start_instance "$i"; done
  for i in $(seq 2 "$count"); do wait_ready "$i"; done
  start_nginx "$count"
  say "Stop them all with: $0 stop"
}

stop() {
  local i pid
  if [ -s "$STATE/nginx/nginx.pid" ] && alive "$STATE/nginx/nginx.pid"; then
    kill -QUIT "$(cat "$STATE/nginx/nginx.pid")"
    for _ in $(seq 1 50); do alive "$STATE/nginx/nginx.pid" || break; sleep 0.1; done
    say "nginx stopped"
  fi
  for i in $(instances); do
    if alive "$STATE/web-$i.pid"; then
      pid=$(cat "$STATE/web-$i.pid")
      kill -TERM "$pid"
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
      say "BackCare instance $i stopped"
    fi
    rm -f "$STATE/web-$i.pid"
  done
  if alive "$STATE/redis.pid"; then
    pid=$(cat "$STATE/redis.pid")
    kill -TERM "$pid"
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    say "Redis stopped"
  fi
  if [ -s "$STATE/postgres/data/PG_VERSION" ] && as_postgres "$PG_BIN/pg_ctl" -D "$STATE/postgres/data" status >/dev/null 2>&1; then
    as_postgres "$PG_BIN/pg_ctl" -D "$STATE/postgres/data" -m fast -w stop >/dev/null
    say "PostgreSQL stopped"
  fi
}

status() {
  local running=0 i
  if [ -s "$STATE/postgres/data/PG_VERSION" ] && as_postgres "$PG_BIN/pg_ctl" -D "$STATE/postgres/data" status >/dev/null 2>&1; then
    say "PostgreSQL  running  127.0.0.1:$PG_PORT"; running=$((running + 1))
  else
    say "PostgreSQL  stopped"
  fi
  if alive "$STATE/redis.pid"; then say "Redis       running  127.0.0.1:$REDIS_PORT  pid $(cat "$STATE/redis.pid")"; running=$((running + 1)); else say "Redis       stopped"; fi
  if alive "$STATE/nginx/nginx.pid"; then say "nginx       running  https://127.0.0.1:$PORT (http://127.0.0.1:$HTTP_PORT redirects)  pid $(cat "$STATE/nginx/nginx.pid")"; running=$((running + 1)); else say "nginx       stopped"; fi
  for i in $(instances); do
    if alive "$STATE/web-$i.pid"; then
      local ready
      ready=$(curl -sS --max-time 3 "http://127.0.0.1:$((PORT + i))/health/ready" 2>/dev/null || echo "no answer")
      say "instance $i  running  127.0.0.1:$((PORT + i))  pid $(cat "$STATE/web-$i.pid")  ready: $ready"; running=$((running + 1))
    else
      say "instance $i  stopped"
    fi
  done
  [ "$running" -gt 0 ]
}

case "${1:-}" in
  start) start "${2:-3}" ;;
  stop) stop ;;
  status) status ;;
  *) say "usage: $0 start [N] | stop | status"; exit 2 ;;
esac
