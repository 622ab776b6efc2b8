#!/usr/bin/env bash
# Runs every test of gloam: the main module with the race detector, the
# packages that also run in the browser under js/wasm (on Node), the
# dashboard in headless Chromium, the scale-out module, and the benchmarks
# once each.
#
# The browser test needs Chromium (Debian: apt-get install -y chromium);
# as root, this script installs it when it is missing.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v chromium >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "== installing Chromium for the browser test"
	apt-get update -qq && apt-get install -y -qq chromium >/dev/null
fi

echo "== go test -race ./..."
go test -race -count=1 ./...

if command -v node >/dev/null 2>&1; then
	echo "== js/wasm: model, parser, cache/memory, transport on Node"
	GOOS=js GOARCH=wasm go test -count=1 \
		-exec "$(go env GOROOT)/lib/wasm/go_js_wasm_exec" \
		./model/... ./parser/... ./cache/memory/... ./transport/...
else
	echo "test.sh: node is not installed; js/wasm tests need it" >&2
	exit 1
fi

if [ -f wasm/e2e/go.mod ]; then
	echo "== browser: the dashboard in headless Chromium"
	(cd wasm/e2e && go test -count=1 ./...)
fi

if [ -f scale/go.mod ]; then
	echo "== scale module: NATS JetStream scale-out, with the race detector"
	(cd scale && go vet ./... && go test -race -count=1 ./...)
fi

if [ -f bench/go.mod ]; then
	echo "== bench module: every benchmark once"
	(cd bench && go test -count=1 -run . -bench . -benchtime 1x ./...)
fi
