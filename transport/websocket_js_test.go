//go:build js && wasm

package transport_test

import (
	"context"
	"errors"
	"strings"
	"syscall/js"
	"testing"

	"github.com/gloamdev/gloam/transport"
	"github.com/matryer/is"
)

// fakeWebSocket replaces the runtime's WebSocket with a class that opens
// at once and lets the test deliver messages as a browser would, as fast
// as the peer sends them; it records the close.
const fakeWebSocket = `
globalThis.WebSocket = class {
	constructor(url) {
		globalThis.lastSocket = this;
		this.closed = null;
		setTimeout(() => this.onopen && this.onopen({}), 0);
	}
	send(data) {}
	close(code, reason) {
		if (code !== undefined && code !== 1000 && (code < 3000 || code > 4999)) {
			throw new Error("InvalidAccessError");
		}
		this.closed = {code: code || 1005, reason: reason || ""};
		setTimeout(() => this.onclose && this.onclose(this.closed), 0);
	}
	deliver(n, size) {
		for (let i = 0; i < n; i++) {
			this.onmessage && this.onmessage({data: "x".repeat(size)});
		}
	}
};
`

// TestBrowserQueueBounded has the peer send 40 messages of 1 KiB at once
// to a connection that reads nothing: past the 16 KiB queue, the
// connection fails with ErrQueueFull after the messages that fit, and
// is closed.
func TestBrowserQueueBounded(t *testing.T) {
	is := is.New(t)
	saved := js.Global().Get("WebSocket")
	defer js.Global().Set("WebSocket", saved)
	js.Global().Call("eval", fakeWebSocket)

	ctx := context.Background()
	c, err := (&transport.WebSocketDialer{QueueLimit: 16 << 10}).Dial(ctx, "wss://gateway.example/")
	is.NoErr(err)
	defer c.Close(1000, "")
	js.Global().Get("lastSocket").Call("deliver", 40, 1024)
	read := 0
	for {
		_, p, err := c.Read(ctx)
		if err != nil {
			is.True(errors.Is(err, transport.ErrQueueFull)) // the overflow is reported
			break
		}
		is.Equal(p, []byte(strings.Repeat("x", 1024)))
		read++
	}
	is.Equal(read, 16)                                             // what fitted is read first
	is.True(!js.Global().Get("lastSocket").Get("closed").IsNull()) // and the socket is closed
}
