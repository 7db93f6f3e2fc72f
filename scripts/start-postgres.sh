#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for the history tests: a cluster in a temporary folder,
# listening on 127.0.0.1 only, with a random superuser password kept in a pgpass file.
# Prints the environment the tests read; `eval "$(scripts/start-postgres.sh)"` sets it.
# Stop it with: pg_ctl -D "$TUANTHU_TEST_POSTGRES_DIR/data" stop (as its owner), or remove the folder after.
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$bin" ] && [ -x "$bin/initdb" ] || { echo "start-postgres: no PostgreSQL server installed (apt-get install postgresql)" >&2; exit 1; }
dir=$(mktemp -d /tmp/tuanthu-postgres.XXXXXX)
port=${TUANTHU_TEST_POSTGRES_PORT:-$((20000 + RANDOM % 20000))}
password=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
# initdb refuses to run as root: the server then runs as the `postgres` system user.
run() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
chmod 755 "$dir"
printf '%s\n' "$password" > "$dir/password"
if [ "$(id -u)" = 0 ]; then chown -R postgres "$dir"; fi
run "$bin/initdb" -D "$dir/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
    --pwfile="$dir/password" -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
rm -f "$dir/password"
run "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c max_connections=200" start >/dev/null \
    || { cat "$dir/server.log" >&2; exit 1; }
pgpass="$dir/pgpass"
printf '127.0.0.1:%s:*:postgres:%s\n' "$port" "$password" > "$pgpass"
chmod 600 "$pgpass"
if [ "$(id -u)" = 0 ]; then chown root "$pgpass"; fi
echo "export TUANTHU_TEST_POSTGRES=postgresql://postgres@127.0.0.1:$port/postgres"
echo "export TUANTHU_TEST_POSTGRES_DIR=$dir"
echo "export PGPASSFILE=$pgpass"
