// Package transport holds the seams between gloam and the network: a
// message-oriented WebSocket Conn and its Dialer, natively and in the browser.
//
// # Basics
//
// Conn reads and writes whole messages and closes with a code; a peer close
// arrives as a *CloseError found with errors.As.
//
// # Wasm
//
// Under GOOS=js GOARCH=wasm the Dialer uses the browser WebSocket API.
package transport
