package transport

import (
	"context"
	"fmt"
	"sync"
)

// Pipe returns the two ends of an in-memory connection, for tests: what
// one end writes the other reads, in order. Close on one end delivers a
// *CloseError with its code and reason to the other after the messages
// already written; the closing end's own Read and Write return ErrClosed.
// Messages are copied, so callers may reuse their buffers.
func Pipe() (Conn, Conn) {
	a, b := newPipeQueue(), newPipeQueue()
	return &pipeConn{in: a, out: b}, &pipeConn{in: b, out: a}
}

type pipeMessage struct {
	typ MessageType
	p   []byte
}

// pipeQueue is one direction of a pipe: an unbounded queue of messages
// ended by an error (the close).
type pipeQueue struct {
	mu     sync.Mutex
	msgs   []pipeMessage
	end    error // non-nil once closed; returned after msgs drain
	signal chan struct{}
}

func newPipeQueue() *pipeQueue { return &pipeQueue{signal: make(chan struct{}, 1)} }

func (q *pipeQueue) wake() {
	select {
	case q.signal <- struct{}{}:
	default:
	}
}

func (q *pipeQueue) push(m pipeMessage) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.end != nil {
		return q.end
	}
	q.msgs = append(q.msgs, m)
	q.wake()
	return nil
}

// stop ends the queue with err; drop discards unread messages.
func (q *pipeQueue) stop(err error, drop bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.end == nil {
		q.end = err
	}
	if drop {
		q.msgs = nil
	}
	q.wake()
}

func (q *pipeQueue) pop(ctx context.Context) (pipeMessage, error) {
	for {
		q.mu.Lock()
		if len(q.msgs) > 0 {
			m := q.msgs[0]
			q.msgs[0] = pipeMessage{}
			q.msgs = q.msgs[1:]
			q.mu.Unlock()
			return m, nil
		}
		if q.end != nil {
			err := q.end
			q.mu.Unlock()
			q.wake() // let other readers see the end too
			return pipeMessage{}, err
		}
		q.mu.Unlock()
		select {
		case <-q.signal:
		case <-ctx.Done():
			return pipeMessage{}, fmt.Errorf("transport: read: %w", ctx.Err())
		}
	}
}

type pipeConn struct {
	in, out *pipeQueue
	once    sync.Once
}

func (c *pipeConn) Read(ctx context.Context) (MessageType, []byte, error) {
	m, err := c.in.pop(ctx)
	return m.typ, m.p, err
}

func (c *pipeConn) ReadInto(ctx context.Context, get func() []byte) (MessageType, []byte, error) {
	m, err := c.in.pop(ctx)
	if err != nil {
		return 0, nil, err
	}
	return m.typ, append(get(), m.p...), nil
}

func (c *pipeConn) Write(ctx context.Context, typ MessageType, p []byte) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("transport: write: %w", err)
	}
	c.in.mu.Lock()
	end := c.in.end // ErrClosed when this end closed, the peer's close otherwise
	c.in.mu.Unlock()
	if end != nil {
		return end
	}
	return c.out.push(pipeMessage{typ: typ, p: append([]byte(nil), p...)})
}

func (c *pipeConn) Close(code int, reason string) error {
	c.once.Do(func() {
		c.out.stop(&CloseError{Code: code, Reason: reason}, false)
		c.in.stop(ErrClosed, true)
	})
	return nil
}
