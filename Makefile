# MotCua: `make run` starts the demo, `make test` runs every test, `make bench` measures speed.
# Each installs the Debian packages it needs first (as root, or through sudo). `make test` also
# starts a private PostgreSQL server on 127.0.0.1 for the tests and stops it afterwards, also
# when tests fail.

SWIFT ?= $(shell command -v swift 2>/dev/null || echo /opt/swift/usr/bin/swift)
DEB_PACKAGES := pkg-config libcurl4-openssl-dev libmicrohttpd-dev libsqlite3-dev libssl-dev libyaml-dev \
	libpq-dev postgresql
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps build run test bench format clean

all: build

deps:
	@missing=""; for p in $(DEB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:$$missing"; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build --product motcua

run: build
	$(SWIFT) run --skip-build motcua demo

# Tests run one at a time: several of them block a thread while they wait for a child process
# or a server, and on a 2-core machine parallel runs starved the tasks of other tests.
# The server's folder is removed by the stop step, which the trap runs on every exit.
test: deps
	$(SWIFT) build --build-tests
	@folder=$$(mktemp -d /tmp/motcua-postgres.XXXXXX); \
	trap 'bash Tests/Support/postgres-server.sh stop "'"$$folder"'"' EXIT INT TERM; \
	url=$$(bash Tests/Support/postgres-server.sh start "$$folder") || exit 1; \
	echo "PostgreSQL for the tests: $$url"; \
	MOTCUA_TEST_POSTGRES="$$url" $(SWIFT) test --skip-build --no-parallel

# Benchmarks on 127.0.0.1 with a release build; prints one table and appends it to BENCHMARKS.md,
# then measures ingest again with a private PostgreSQL server and appends a second table.
# Needs wrk, and valgrind for the callgrind profile. BENCH_SCRATCH sets the build folder and
# BENCH_FLAGS passes options to motcua-bench (see .build/release/motcua-bench --help).
BENCH_PACKAGES := wrk valgrind
BENCH_SCRATCH ?= .build
BENCH_FLAGS ?= --profile

bench: deps
	@missing=""; for p in $(BENCH_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:$$missing"; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi
	$(SWIFT) build -c release --scratch-path $(BENCH_SCRATCH) --product motcua
	$(SWIFT) build -c release --scratch-path $(BENCH_SCRATCH) --product motcua-bench
	$(BENCH_SCRATCH)/release/motcua-bench --motcua $(BENCH_SCRATCH)/release/motcua --swift $(SWIFT) $(BENCH_FLAGS)
	@folder=$$(mktemp -d /tmp/motcua-bench-postgres.XXXXXX); \
	trap 'bash Tests/Support/postgres-server.sh stop "'"$$folder"'"' EXIT INT TERM; \
	url=$$(bash Tests/Support/postgres-server.sh start "$$folder") || exit 1; \
	echo "PostgreSQL for the ingest benchmark: $$url"; \
	$(BENCH_SCRATCH)/release/motcua-bench --motcua $(BENCH_SCRATCH)/release/motcua --swift $(SWIFT) \
		--only floor,ingest --database "$$url"

format:
	$(SWIFT) format -i -r --configuration .swift-format Sources Tests Package.swift

clean:
	rm -rf .build
