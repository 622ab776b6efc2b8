package gateway

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/transport"
)

// maxPending bounds a zlib-stream message split over WebSocket messages.
const maxPending = 64 << 20

// bufPool holds the scratch buffers of reading and decompressing, shared
// by all shards: an idle shard holds none.
var bufPool = sync.Pool{New: func() any { return &scratch{b: make([]byte, 0, 4096)} }}

// scratch is a pooled buffer; the pool holds pointers so that putting one
// back allocates nothing.
type scratch struct{ b []byte }

func getScratch() *scratch { return bufPool.Get().(*scratch) }

// put returns the buffer, now b, to the pool; huge ones are let go.
func (s *scratch) put(b []byte) {
	if cap(b) > 4<<20 {
		return
	}
	s.b = b[:0]
	bufPool.Put(s)
}

// frameDecoder turns the WebSocket messages of one connection into
// gateway payloads: it undoes the transport compression and copies each
// payload into bytes of its own, since events outlive the scratch buffers.
type frameDecoder struct {
	inf     inflater
	limit   int      // the largest payload without compression; 0: DefaultMaxPayloadSize
	pending []byte   // a zlib-stream message not yet ended by its sync flush
	read    *scratch // the buffer buffer handed out, until decode
}

// buffer gives ReadInto the buffer to read the next message into.
func (d *frameDecoder) buffer() []byte {
	if d.read == nil {
		d.read = getScratch()
	}
	return d.read.b[:0]
}

// release gives the read buffer, now msg, back.
func (d *frameDecoder) release(msg []byte) {
	if d.read != nil {
		d.read.put(msg)
		d.read = nil
	}
}

// decode takes one WebSocket message, read into a buffer from buffer, and
// returns the payload it completes, or nil when more messages are needed.
func (d *frameDecoder) decode(msg []byte) ([]byte, error) {
	if d.inf == nil {
		if len(msg) > cmp.Or(d.limit, DefaultMaxPayloadSize) {
			d.release(msg)
			return nil, fmt.Errorf("%w: %d bytes", ErrPayloadOverLimit, len(msg))
		}
		p := clone(msg)
		d.release(msg)
		return p, nil
	}
	if d.pending != nil {
		d.pending = append(d.pending, msg...)
		d.release(msg)
		msg = d.pending
	}
	if !d.inf.complete(msg) {
		if len(msg) > maxPending {
			d.pending = nil
			d.release(msg)
			return nil, fmt.Errorf("%w: message over %d bytes without sync flush", ErrDecompress, maxPending)
		}
		if d.pending == nil {
			d.pending = clone(msg) // rare: keep it out of the pool
			d.release(msg)
		}
		return nil, nil
	}
	d.pending = nil
	out := getScratch()
	o, err := d.inf.inflate(out.b[:0], msg)
	d.release(msg)
	if err != nil || len(o) == 0 {
		out.put(o)
		return nil, err // nil, nil: the payload goes on in the next message
	}
	p := clone(o)
	out.put(o)
	return p, nil
}

// close releases the inflater.
func (d *frameDecoder) close() {
	if d.inf != nil {
		d.inf.close()
	}
}

func clone(b []byte) []byte {
	p := make([]byte, len(b))
	copy(p, b)
	return p
}

// read is the connection's reading goroutine: it decodes payloads, acts
// on those the shard handles itself and delivers dispatches.
func (c *conn) read() {
	defer close(c.exited)
	d := frameDecoder{inf: c.inf, limit: c.s.o.MaxPayloadSize}
	defer d.close()
	get := d.buffer
	gotHello := false
	for {
		_, msg, err := transport.ReadInto(context.Background(), c.ws, get)
		if err != nil {
			c.finish(c.readOutcome(err))
			return
		}
		p, err := d.decode(msg)
		if err != nil {
			c.finish(outcome{next: nextResume, err: err})
			return
		}
		if p == nil {
			continue
		}
		ev, err := model.ParseEvent(p)
		if err != nil {
			c.finish(outcome{next: nextResume, err: fmt.Errorf("gateway: %w", err)})
			return
		}
		c.progress.Add(1)
		if !gotHello && ev.Op != model.OpHello && ev.Op != model.OpReconnect {
			c.finish(outcome{next: nextResume, err: errNoHello})
			return
		}
		if r, stop := c.handle(ev, &gotHello); stop {
			c.finish(r)
			return
		}
	}
}

// establish marks the connection as having reached READY or RESUMED.
func (c *conn) establish() {
	if !c.established.Swap(true) {
		c.establishedAt.Store(time.Now().UnixNano())
	}
}

// The range a heartbeat interval from Hello is clamped to: Discord sends
// about 41 s. A hostile or broken server must neither make the shard
// flood it nor stop it noticing a dead connection for days.
var (
	minHeartbeat = time.Second
	maxHeartbeat = 10 * time.Minute
)

// heartbeatInterval turns Hello's heartbeat_interval, ms > 0 milliseconds,
// into the interval to beat at, clamped to its range.
func (c *conn) heartbeatInterval(ms int64) time.Duration {
	var iv time.Duration
	switch {
	case ms > maxHeartbeat.Milliseconds():
		iv = maxHeartbeat
	case ms < minHeartbeat.Milliseconds():
		iv = minHeartbeat
	default:
		return time.Duration(ms) * time.Millisecond
	}
	c.s.o.Logger.Warn("gateway: Hello's heartbeat_interval out of range; clamped",
		slog.Int("shard", c.s.id), slog.Int64("heartbeat_interval_ms", ms), slog.Duration("used", iv))
	return iv
}

// finish hands the reason the connection ends to the control loop.
func (c *conn) finish(r outcome) {
	select {
	case c.done <- r:
	default:
	}
}

// readOutcome maps a read error to what the shard does next.
func (c *conn) readOutcome(err error) outcome {
	var ce *transport.CloseError
	if errors.As(err, &ce) {
		code := CloseCode(ce.Code)
		switch actionFor(code) {
		case closeFatal:
			return outcome{next: nextFatal, err: &CloseError{Code: code, Reason: ce.Reason}}
		case closeNewSession:
			return outcome{next: nextIdentify, err: fmt.Errorf("gateway: closed with %s: %w", code, ce)}
		}
		return outcome{next: nextResume, err: fmt.Errorf("gateway: closed with %s: %w", code, ce)}
	}
	return outcome{next: nextResume, err: fmt.Errorf("gateway: %w", err)}
}

// handle acts on one payload; stop ends the connection with r.
func (c *conn) handle(ev model.Event, gotHello *bool) (r outcome, stop bool) {
	s := c.s
	switch ev.Op {
	case model.OpDispatch:
		return outcome{}, c.dispatch(ev)
	case model.OpHeartbeat:
		select {
		case c.beatNow <- struct{}{}:
		default:
		}
	case model.OpHeartbeatACK:
		if sent := c.beatSent.Load(); sent != 0 && !c.acked.Load() {
			rtt := time.Duration(time.Now().UnixNano() - sent)
			s.mu.Lock()
			s.health.Latency = rtt
			s.mu.Unlock()
		}
		c.acked.Store(true)
	case model.OpHello:
		if *gotHello {
			return outcome{}, false
		}
		ms := ev.Get("heartbeat_interval").Int()
		if ms <= 0 {
			return outcome{next: nextResume, err: fmt.Errorf("gateway: Hello without heartbeat_interval: %.64s", ev.Data())}, true
		}
		*gotHello = true
		c.hello <- c.heartbeatInterval(ms)
	case model.OpReconnect:
		return outcome{next: nextResume, err: errReconnect}, true
	case model.OpInvalidSession:
		if ev.Data() == "true" {
			return outcome{next: nextResume, err: fmt.Errorf("%w: resumable", errInvalidSession)}, true
		}
		return outcome{next: nextIdentify, err: fmt.Errorf("%w: not resumable", errInvalidSession), wait: s.o.InvalidSessionWait()}, true
	}
	// Other opcodes are not sent to clients; newer ones are ignored.
	return outcome{}, false
}

// dispatch tracks the sequence, reads READY and RESUMED, and delivers the
// event; it reports whether the connection must end.
func (c *conn) dispatch(ev model.Event) bool {
	s := c.s
	s.mu.Lock()
	if ev.Seq != 0 {
		if ev.Seq <= s.sess.Seq && ev.Type != model.EventReady {
			s.health.Duplicates++
			s.mu.Unlock()
			return false
		}
		s.sess.Seq = ev.Seq
	}
	switch ev.Type {
	case model.EventReady:
		// Copies: the strings would otherwise keep all of READY alive.
		s.sess.ID = strings.Clone(ev.Get("session_id").String())
		s.sess.ResumeURL = strings.Clone(ev.Get("resume_gateway_url").String())
		s.health.State = StateConnected
		c.establish()
	case model.EventResumed:
		s.health.State = StateConnected
		s.health.Resumes++
		c.establish()
	}
	var refused error
	if ev.Type == model.EventReady && s.sess.ResumeURL != "" {
		if refused = checkResumeURL(s.sess.ResumeURL, s.o.URL); refused != nil {
			s.sess.ResumeURL = ""
		}
	}
	s.mu.Unlock()
	if refused != nil {
		s.o.Logger.Warn("gateway: READY's resume URL refused; resuming on the gateway URL",
			slog.Int("shard", s.id), slog.Any("error", refused))
	}
	if h := s.o.Handler; h != nil && s.o.Events.Has(ev.Type) {
		c.inHandler.Store(true)
		h(ev)
		c.progress.Add(1)
		c.inHandler.Store(false)
	}
	return false
}
