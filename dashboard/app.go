//go:build !js

package dashboard

import (
	"bytes"
	"compress/gzip"
)

// App is the browser app: the wasm binary and the wasm_exec.js of the Go
// installation that built it (the two must match). The dashboard never
// builds it: the program serving the dashboard does (gloam run builds it
// with the go command when it starts) and hands it over with SetApp.
type App struct {
	Wasm      []byte // the binary
	WasmGzip  []byte // the binary, gzip-compressed; nil: SetApp compresses it
	ExecJS    []byte // wasm_exec.js
	GoVersion string // the Go version that built it, e.g. "go1.26.8"
}

// Compress sets WasmGzip to the binary compressed as browsers take it.
func (a *App) Compress() {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(a.Wasm)
	zw.Close()
	a.WasmGzip = buf.Bytes()
}
