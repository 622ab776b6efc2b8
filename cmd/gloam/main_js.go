//go:build js

package main

import (
	"fmt"
	"os"
)

// Under js/wasm the dashboard (package wasm) runs gloam; this command
// needs files, signals and sockets to listen on.
func main() {
	fmt.Fprintln(os.Stderr, "gloam: the command does not run under js/wasm; build the browser dashboard (./wasm) instead")
	os.Exit(2)
}
