// Command wasm is the browser dashboard: gloam compiled to WebAssembly.
//
// Build it with GOOS=js GOARCH=wasm; natively it only says so.
package main
