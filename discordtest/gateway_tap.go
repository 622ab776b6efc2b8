package discordtest

import (
	"bufio"
	"errors"
	"net"
	"net/http"
)

// tapWriter lets the gateway see the bytes it writes on a connection it
// accepts: the WebSocket library answers a client's close frame by itself,
// before Read returns, and the server must have counted the client's close
// code (and ended its session, for 1000 and 1001) by the time the client
// sees that answer.
type tapWriter struct {
	http.ResponseWriter
	onClose func(code int) // called before a close frame is written
	conn    net.Conn       // the hijacked connection
}

func (w *tapWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	hj, ok := w.ResponseWriter.(http.Hijacker)
	if !ok {
		return nil, nil, errors.New("discordtest: the connection cannot be hijacked")
	}
	nc, brw, err := hj.Hijack()
	if err != nil {
		return nil, nil, err
	}
	tc := &tapConn{Conn: nc, onClose: w.onClose}
	// The library writes through brw.Writer: send what it holds, then
	// point it at the tap.
	if err := brw.Writer.Flush(); err != nil {
		nc.Close()
		return nil, nil, err
	}
	brw.Writer.Reset(tc)
	w.conn = nc
	return tc, brw, nil
}

// tapConn calls onClose before it writes a close frame. The WebSocket
// library flushes after every frame it ends, so a close frame starts a
// Write.
type tapConn struct {
	net.Conn
	onClose func(code int)
}

func (c *tapConn) Write(p []byte) (int, error) {
	// A server frame is unmasked: FIN and opcode 8, a length under 126,
	// then the code.
	if len(p) >= 4 && p[0] == 0x88 && p[1] >= 2 && p[1] < 126 {
		c.onClose(int(p[2])<<8 | int(p[3]))
	}
	return c.Conn.Write(p)
}
