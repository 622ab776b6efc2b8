//go:build js && wasm

package transport

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"syscall/js"
	"time"
)

// The browser's WebSocket is driven directly through syscall/js: unlike
// coder/websocket's js build, this keeps the peer's close code, which the
// gateway needs to tell a fatal close from a resumable one.

type jsMessage struct {
	typ MessageType
	p   []byte
}

type jsConn struct {
	ws         js.Value
	readLimit  int64
	queueLimit int64 // bytes queue may hold

	mu       sync.Mutex
	queue    []jsMessage
	queued   int64 // bytes in queue
	refused  bool  // the queue overflowed: later messages are dropped
	closeErr error // set once, when the socket closed
	signal   chan struct{}
	closed   chan struct{}
	opened   chan struct{}
	funcs    []js.Func
	closing  atomic.Bool
}

func jsErr(op string, r any) error {
	if e, ok := r.(error); ok {
		return fmt.Errorf("transport: %s: %w", op, e)
	}
	return fmt.Errorf("transport: %s: %v", op, r)
}

func dial(ctx context.Context, d *WebSocketDialer, url string) (_ Conn, err error) {
	ctor := js.Global().Get("WebSocket")
	if !ctor.Truthy() {
		return nil, errors.New("transport: dial: this JavaScript runtime has no WebSocket")
	}
	defer func() {
		if r := recover(); r != nil {
			err = jsErr("dial", r)
		}
	}()
	c := &jsConn{
		readLimit:  d.readLimit(),
		queueLimit: d.queueLimit(),
		signal:     make(chan struct{}, 1),
		closed:     make(chan struct{}),
		opened:     make(chan struct{}),
	}
	c.ws = ctor.New(url)
	c.ws.Set("binaryType", "arraybuffer")
	var openOnce sync.Once
	c.on("open", func(js.Value) { openOnce.Do(func() { close(c.opened) }) })
	c.on("message", c.onMessage)
	c.on("close", func(ev js.Value) {
		c.finish(&CloseError{Code: ev.Get("code").Int(), Reason: ev.Get("reason").String()})
	})
	select {
	case <-c.opened:
		return c, nil
	case <-c.closed:
		return nil, fmt.Errorf("transport: dial %s: %w", url, c.closeErr)
	case <-ctx.Done():
		c.Close(1000, "")
		return nil, fmt.Errorf("transport: dial: %w", ctx.Err())
	}
}

func (c *jsConn) on(name string, f func(js.Value)) {
	fn := js.FuncOf(func(this js.Value, args []js.Value) any {
		if len(args) > 0 {
			f(args[0])
		}
		return nil
	})
	c.funcs = append(c.funcs, fn)
	c.ws.Set("on"+name, fn)
}

func (c *jsConn) onMessage(ev js.Value) {
	data := ev.Get("data")
	var m jsMessage
	if data.Type() == js.TypeString {
		m = jsMessage{typ: Text, p: []byte(data.String())}
	} else {
		arr := js.Global().Get("Uint8Array").New(data)
		m = jsMessage{typ: Binary, p: make([]byte, arr.Length())}
		js.CopyBytesToGo(m.p, arr)
	}
	if c.readLimit >= 0 && int64(len(m.p)) > c.readLimit {
		c.refuse(fmt.Errorf("transport: read: %w: %d bytes", ErrMessageTooBig, len(m.p)), 1009, "message too big")
		return
	}
	c.mu.Lock()
	if c.refused {
		c.mu.Unlock()
		return
	}
	if c.queueLimit >= 0 && c.queued+int64(len(m.p)) > c.queueLimit {
		c.mu.Unlock()
		c.refuse(fmt.Errorf("transport: read: %w: %d bytes unread", ErrQueueFull, c.queued+int64(len(m.p))), 1008, "receive queue full")
		return
	}
	c.queue = append(c.queue, m)
	c.queued += int64(len(m.p))
	c.mu.Unlock()
	select {
	case c.signal <- struct{}{}:
	default:
	}
}

// refuse ends the connection with err, which Read returns once the
// messages queued before it are read: the browser delivered what the
// connection cannot take.
func (c *jsConn) refuse(err error, code int, reason string) {
	c.mu.Lock()
	c.refused = true
	if c.closeErr == nil {
		c.closeErr = err
	}
	c.mu.Unlock()
	go c.Close(code, reason)
}

func (c *jsConn) finish(err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	select {
	case <-c.closed:
		return
	default:
	}
	if c.closeErr == nil {
		c.closeErr = err
	}
	close(c.closed)
	for _, name := range []string{"open", "message", "close"} {
		c.ws.Set("on"+name, js.Null())
	}
	for _, fn := range c.funcs {
		fn.Release()
	}
	c.funcs = nil
}

func (c *jsConn) Read(ctx context.Context) (MessageType, []byte, error) {
	for {
		c.mu.Lock()
		if len(c.queue) > 0 {
			m := c.queue[0]
			c.queue[0] = jsMessage{}
			c.queue = c.queue[1:]
			c.queued -= int64(len(m.p))
			c.mu.Unlock()
			return m.typ, m.p, nil
		}
		select {
		case <-c.closed:
			err := c.closeErr
			c.mu.Unlock()
			return 0, nil, err
		default:
		}
		c.mu.Unlock()
		select {
		case <-c.signal:
		case <-c.closed:
		case <-ctx.Done():
			return 0, nil, fmt.Errorf("transport: read: %w", ctx.Err())
		}
	}
}

func (c *jsConn) ReadInto(ctx context.Context, get func() []byte) (MessageType, []byte, error) {
	typ, p, err := c.Read(ctx)
	if err != nil {
		return 0, nil, err
	}
	return typ, append(get(), p...), nil
}

func (c *jsConn) Write(ctx context.Context, typ MessageType, p []byte) (err error) {
	select {
	case <-c.closed:
		return c.closeErr
	default:
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("transport: write: %w", err)
	}
	defer func() {
		if r := recover(); r != nil {
			err = jsErr("write", r)
		}
	}()
	if typ == Text {
		c.ws.Call("send", string(p))
		return nil
	}
	arr := js.Global().Get("Uint8Array").New(len(p))
	js.CopyBytesToJS(arr, p)
	c.ws.Call("send", arr.Get("buffer"))
	return nil
}

func (c *jsConn) Close(code int, reason string) error {
	if c.closing.Swap(true) {
		return nil
	}
	func() {
		defer func() {
			if recover() != nil {
				// Browsers accept only 1000 and 3000-4999.
				defer func() { recover() }()
				c.ws.Call("close")
			}
		}()
		c.ws.Call("close", code, reason)
	}()
	wait := 250 * time.Millisecond
	if code == 1000 || code == 1001 {
		wait = 5 * time.Second
	}
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case <-c.closed:
	case <-t.C:
		c.finish(ErrClosed)
	}
	return nil
}
