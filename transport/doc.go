// Package transport holds the seam between gloam and the network: a
// message-oriented WebSocket Conn and its Dialer, natively and in the
// browser, plus an in-memory Pipe for tests.
//
// # Basics
//
// A Dialer opens a Conn; WebSocketDialer is the one gloam uses, and its
// zero value is ready:
//
//	c, err := (&transport.WebSocketDialer{}).Dial(ctx, "wss://gateway.discord.gg/?v=10&encoding=json")
//
// Conn reads and writes whole messages and closes with a code. A close the
// peer sent arrives from Read and Write as a *CloseError, found with
// errors.As, carrying the peer's code and reason. ReadInto reads into a
// buffer the caller reuses.
//
// # Caveats
//
// Close with 1000 or 1001 does the close handshake (waiting up to 5 s for
// the peer's answer); any other code is sent and the socket dropped after
// a short grace, since such closes usually leave a connection that is
// already dead. A cancelled ctx given to Read or Write may close the
// connection: to stop a reader, Close the Conn instead.
//
// Dial never follows an HTTP redirect: it fails with ErrRedirect, since a
// gateway connection carries the bot token to whatever host it reaches.
//
// Messages are read whole, up to WebSocketDialer.ReadLimit (64 MiB by
// default, room for the GUILD_CREATE of a very large guild).
//
// # Wasm
//
// Under GOOS=js GOARCH=wasm, WebSocketDialer uses the browser's WebSocket
// through syscall/js, keeping the close codes the browser reports. The
// browser sets the User-Agent and every other handshake header itself;
// UserAgent is ignored. Browsers accept only close codes 1000 and
// 3000-4999; Close with another code closes with none. Close and read-limit
// handling otherwise behave as natively. The browser delivers messages as
// they arrive, with no flow control: they wait in a queue bounded by
// WebSocketDialer.QueueLimit (64 MiB by default), and a peer that
// overflows it ends the connection with ErrQueueFull.
package transport
