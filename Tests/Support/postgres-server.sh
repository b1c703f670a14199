#!/usr/bin/env bash
# Starts or stops a private PostgreSQL server for the tests.
#
#   postgres-server.sh start DIR   initialises a cluster in DIR, starts it on 127.0.0.1 with its Unix
#                                  socket in DIR, creates database motcua_test and prints its URL
#   postgres-server.sh stop DIR    stops the server whose data folder is DIR/data and removes DIR
#
# initdb rejects root, so as root the cluster belongs to the unprivileged user "nobody". The server
# runs with fsync off: the data is thrown away after the tests.
set -euo pipefail

command=${1:-}
folder=${2:-}
if [ -z "$command" ] || [ -z "$folder" ]; then
    echo "usage: $0 start|stop DIR" >&2
    exit 2
fi

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bindir" ]; then
    echo "PostgreSQL server binaries not found under /usr/lib/postgresql; install Debian package postgresql" >&2
    exit 1
fi

as_owner() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u nobody -- "$@"
    else
        "$@"
    fi
}

case "$command" in
start)
    mkdir -p "$folder"
    if [ "$(id -u)" = 0 ]; then
        chown nobody "$folder"
    fi
    as_owner "$bindir/initdb" -D "$folder/data" -U motcua --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync \
        >"$folder/initdb.log" 2>&1 || { cat "$folder/initdb.log" >&2; exit 1; }

    # Try a few ports below the ephemeral range; pg_ctl -w fails fast when the port is taken.
    for attempt in 1 2 3 4 5 6 7 8; do
        port=$((20000 + RANDOM % 10000))
        options="-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$folder"
        options="$options -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        if as_owner "$bindir/pg_ctl" -D "$folder/data" -l "$folder/server.log" -w -t 30 -o "$options" start \
            >/dev/null 2>&1; then
            as_owner "$bindir/createdb" -h 127.0.0.1 -p "$port" -U motcua motcua_test
            echo "postgres://motcua@127.0.0.1:$port/motcua_test"
            exit 0
        fi
    done
    echo "starting PostgreSQL failed; see $folder/server.log" >&2
    tail -n 20 "$folder/server.log" >&2 || true
    exit 1
    ;;
stop)
    if [ -f "$folder/data/postmaster.pid" ]; then
        as_owner "$bindir/pg_ctl" -D "$folder/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$folder"
    ;;
*)
    echo "unknown command $command; use start or stop" >&2
    exit 2
    ;;
esac
