//go:build !js

package transport

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/coder/websocket"
)

// closeWait bounds how long Close waits for the peer's close frame: a
// normal closure (1000, 1001) gets the handshake coder/websocket does;
// any other code, sent to drop a connection that may be dead, gets a short
// grace before the socket is closed under it.
const (
	closeWaitNormal = 5 * time.Second
	closeWaitOther  = 250 * time.Millisecond
)

type wsConn struct {
	ws      *websocket.Conn
	raw     net.Conn // the TCP connection under ws, to drop it
	closing atomic.Bool
}

func dial(ctx context.Context, d *WebSocketDialer, url string) (Conn, error) {
	var (
		mu  sync.Mutex
		raw net.Conn
	)
	nd := &net.Dialer{KeepAlive: 30 * time.Second}
	tr := &http.Transport{
		Proxy: http.ProxyFromEnvironment,
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			c, err := nd.DialContext(ctx, network, addr)
			if err == nil {
				mu.Lock()
				raw = c
				mu.Unlock()
			}
			return c, err
		},
		TLSHandshakeTimeout: 10 * time.Second,
	}
	ua := d.UserAgent
	if ua == "" {
		ua = UserAgent
	}
	ws, _, err := websocket.Dial(ctx, url, &websocket.DialOptions{
		HTTPClient: &http.Client{Transport: tr, CheckRedirect: refuseRedirect},
		HTTPHeader: http.Header{"User-Agent": {ua}},
	})
	// A refused handshake may leave its connection idle in tr; an accepted
	// one was taken over by the WebSocket.
	tr.CloseIdleConnections()
	if err != nil {
		return nil, fmt.Errorf("transport: dial: %w", err)
	}
	ws.SetReadLimit(d.readLimit())
	mu.Lock()
	c := &wsConn{ws: ws, raw: raw}
	mu.Unlock()
	return c, nil
}

// refuseRedirect keeps a dial on the host it was given: a gateway sends
// the bot token once connected, so a redirect to another host must not be
// followed.
func refuseRedirect(req *http.Request, _ []*http.Request) error {
	return fmt.Errorf("%w to %s", ErrRedirect, req.URL.Redacted())
}

func (c *wsConn) Read(ctx context.Context) (MessageType, []byte, error) {
	return c.ReadInto(ctx, func() []byte { return nil })
}

func (c *wsConn) ReadInto(ctx context.Context, get func() []byte) (MessageType, []byte, error) {
	typ, r, err := c.ws.Reader(ctx)
	if err != nil {
		return 0, nil, c.mapErr("read", err)
	}
	buf := get()
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return MessageType(typ), buf, nil
		}
		if err != nil {
			return 0, nil, c.mapErr("read", err)
		}
	}
}

func (c *wsConn) Write(ctx context.Context, typ MessageType, p []byte) error {
	if err := c.ws.Write(ctx, websocket.MessageType(typ), p); err != nil {
		return c.mapErr("write", err)
	}
	return nil
}

func (c *wsConn) Close(code int, reason string) error {
	if c.closing.Swap(true) {
		return nil
	}
	wait := closeWaitOther
	if code == 1000 || code == 1001 {
		wait = closeWaitNormal
	}
	done := make(chan error, 1)
	go func() { done <- c.ws.Close(websocket.StatusCode(code), reason) }()
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case err := <-done:
		if err != nil && c.raw != nil {
			c.raw.Close()
		}
		return nil
	case <-t.C:
		if c.raw != nil {
			c.raw.Close()
		} else {
			c.ws.CloseNow()
		}
		<-done
		return nil
	}
}

func (c *wsConn) mapErr(op string, err error) error {
	var ce websocket.CloseError
	if errors.As(err, &ce) {
		return &CloseError{Code: int(ce.Code), Reason: ce.Reason}
	}
	if errors.Is(err, websocket.ErrMessageTooBig) {
		return fmt.Errorf("transport: %s: %w: %v", op, ErrMessageTooBig, err)
	}
	if c.closing.Load() {
		return ErrClosed
	}
	return fmt.Errorf("transport: %s: %w", op, err)
}
