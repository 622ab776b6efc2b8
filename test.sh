#!/usr/bin/env bash
# Runs every test of gloam: the main module with the race detector, the
# packages that also run in the browser under js/wasm (on Node), and the
# separate modules (benchmarks, browser tests) where they exist.
set -euo pipefail
cd "$(dirname "$0")"

echo "== go test -race ./..."
go test -race -count=1 ./...

if command -v node >/dev/null 2>&1; then
	echo "== js/wasm: model, parser, cache/memory on Node"
	GOOS=js GOARCH=wasm go test -count=1 \
		-exec "$(go env GOROOT)/lib/wasm/go_js_wasm_exec" \
		./model/... ./parser/... ./cache/memory/...
else
	echo "test.sh: node is not installed; js/wasm tests need it" >&2
	exit 1
fi

if [ -f bench/go.mod ]; then
	echo "== bench module: every benchmark once"
	(cd bench && go test -count=1 -run . -bench . -benchtime 1x ./...)
fi
