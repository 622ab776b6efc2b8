package gateway

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/transport"
)

// State is where a shard is in the life of its connection.
type State int32

// States of a shard.
const (
	StateIdle        State = iota // Run has not been called
	StateConnecting               // dialling and waiting for Hello
	StateIdentifying              // waiting for the identify queue or READY
	StateResuming                 // Resume sent, missed events replaying
	StateConnected                // READY or RESUMED received: events flow
	StateWaiting                  // between connections
	StateStopped                  // Run returned
)

var stateNames = [...]string{"idle", "connecting", "identifying", "resuming", "connected", "waiting", "stopped"}

func (s State) String() string {
	if s >= 0 && int(s) < len(stateNames) {
		return stateNames[s]
	}
	return "State(" + strconv.Itoa(int(s)) + ")"
}

// Health is a snapshot of a shard's connection.
type Health struct {
	State      State
	Latency    time.Duration // round trip of the last acknowledged heartbeat
	Reconnects int           // connections opened after the first
	Identifies int           // Identify payloads sent
	Resumes    int           // sessions resumed (RESUMED received)
	Duplicates int           // dispatches dropped for a sequence number already seen
	LastError  error         // why the last connection ended; nil before any
}

// Shard is one gateway connection of a bot: it connects, identifies or
// resumes, heartbeats, reconnects through every fault Discord documents
// and hands dispatches to Options.Handler.
//
// Its methods are safe for concurrent use; Run runs once at a time.
type Shard struct {
	id, count int
	token     string
	o         Options

	running atomic.Bool

	mu     sync.Mutex
	sess   model.Session
	health Health
	cur    *conn // the connection, while one is open
}

// NewShard returns shard id of count, which will identify with token. It
// neither dials nor starts goroutines: Run does.
func NewShard(id, count int, token string, opts *Options) *Shard {
	s := &Shard{id: id, count: count, token: token, o: opts.withDefaults()}
	s.sess = s.o.Session
	return s
}

// ID is the shard's id.
func (s *Shard) ID() int { return s.id }

// Session returns what resuming the current session takes; its ID is ""
// when there is no session.
func (s *Shard) Session() model.Session {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sess
}

// Health returns a snapshot of the shard's state and counters.
func (s *Shard) Health() Health {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.health
}

func (s *Shard) setState(st State) {
	s.mu.Lock()
	s.health.State = st
	s.mu.Unlock()
}

// next is what the shard does after a connection ends.
type next int

const (
	nextResume   next = iota // reconnect and resume the session
	nextIdentify             // reconnect and start a new session
	nextFatal                // Run returns err
	nextStop                 // ctx is done
)

// outcome is how a connection ended.
type outcome struct {
	next next
	err  error
	wait time.Duration // at least this long before the next attempt
}

var (
	errReconnect      = errors.New("gateway: server asked to reconnect (op 7)")
	errInvalidSession = errors.New("gateway: invalid session (op 9)")
	errZombie         = errors.New("gateway: no heartbeat ACK: zombie connection")
	errHelloTimeout   = errors.New("gateway: no Hello")
	errNoHello        = errors.New("gateway: payload before Hello")
)

// Run connects and keeps the shard connected until ctx is done or Discord
// closes with a code that forbids reconnecting. It returns ctx's error in
// the first case and a *CloseError in the second (errors.Is matches it to
// ErrAuthenticationFailed and the other sentinels). Configuration errors
// (a bad URL, an Identify over MaxPayload) are returned at once.
//
// When ctx is done the connection is closed with 1000, which ends the
// session, or with 4000 when Options.KeepSession is set.
func (s *Shard) Run(ctx context.Context) error {
	if !s.running.CompareAndSwap(false, true) {
		return ErrRunning
	}
	defer s.running.Store(false)
	fails, resumeFails := 0, 0
	var wait time.Duration
	for attempt := 0; ; attempt++ {
		if wait > 0 {
			s.setState(StateWaiting)
			t := time.NewTimer(wait)
			select {
			case <-t.C:
			case <-ctx.Done():
				t.Stop()
			}
		}
		if err := ctx.Err(); err != nil {
			s.setState(StateStopped)
			return err
		}
		sess := s.Session()
		resume := sess.ID != ""
		s.mu.Lock()
		s.health.State = StateConnecting
		if attempt > 0 {
			s.health.Reconnects++
		}
		s.mu.Unlock()

		r, est, resumed := s.connect(ctx, sess, resume)
		s.mu.Lock()
		if r.err != nil {
			s.health.LastError = r.err
		}
		s.mu.Unlock()
		switch r.next {
		case nextStop:
			s.setState(StateStopped)
			return ctx.Err()
		case nextFatal:
			s.setState(StateStopped)
			return r.err
		}
		if est {
			fails, resumeFails = 0, 0
		} else {
			fails++
			if resumed {
				resumeFails++ // sent Resume, never got RESUMED
			}
		}
		if r.next == nextIdentify || resumeFails >= s.o.MaxResumeAttempts {
			s.dropSession()
			resumeFails = 0
		}
		wait = max(r.wait, backoff(s.o.BackoffBase, s.o.BackoffMax, fails))
	}
}

func (s *Shard) dropSession() {
	s.mu.Lock()
	s.sess = model.Session{}
	s.mu.Unlock()
}

// conn is one connection's life.
type conn struct {
	s      *Shard
	ws     transport.Conn
	inf    inflater
	lim    *sendLimiter
	resume bool

	writeMu sync.Mutex

	hello   chan time.Duration // Hello's interval, from the reader
	beatNow chan struct{}      // the server asked for a heartbeat
	done    chan outcome       // the reader's reason to stop
	exited  chan struct{}      // closed when the reader returns

	established atomic.Bool  // READY or RESUMED received
	acked       atomic.Bool  // the last heartbeat was acknowledged
	beatSent    atomic.Int64 // when the last heartbeat went, UnixNano
	inHandler   atomic.Bool  // the reader is in Options.Handler
	progress    atomic.Int64 // payloads read and handlers returned
	beatMark    int64        // progress when the last heartbeat went (run's)
	closing     atomic.Bool  // this side closed
	resumeSent  atomic.Bool  // Resume was sent
}

// connect runs one connection from dial to close. est reports whether it
// reached READY or RESUMED, tried whether it sent Resume.
func (s *Shard) connect(ctx context.Context, sess model.Session, resume bool) (_ outcome, est, tried bool) {
	s.setState(StateConnecting)
	base := s.o.URL
	if resume && sess.ResumeURL != "" {
		base = sess.ResumeURL
	}
	u, err := gatewayURL(base, s.o.Compression)
	if err != nil {
		return outcome{next: nextFatal, err: fmt.Errorf("gateway: url %q: %w", base, err)}, false, false
	}
	if s.o.Compression != ZlibStream && s.o.Compression != ZstdStream && s.o.Compression != NoCompression {
		return outcome{next: nextFatal, err: fmt.Errorf("%w: %q", errUnknownCompression, s.o.Compression)}, false, false
	}
	dctx, cancel := context.WithTimeout(ctx, s.o.HelloTimeout)
	ws, err := s.o.Dialer.Dial(dctx, u)
	cancel()
	if err != nil {
		if ctx.Err() != nil {
			return outcome{next: nextStop, err: ctx.Err()}, false, false
		}
		n := nextResume
		if !resume {
			n = nextIdentify
		}
		return outcome{next: n, err: fmt.Errorf("gateway: dial: %w", err)}, false, false
	}
	c := &conn{
		s:       s,
		ws:      ws,
		inf:     newInflater(s.o.Compression),
		lim:     newSendLimiter(0),
		resume:  resume,
		hello:   make(chan time.Duration, 1),
		beatNow: make(chan struct{}, 1),
		done:    make(chan outcome, 1),
		exited:  make(chan struct{}),
	}
	s.mu.Lock()
	s.cur = c
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		s.cur = nil
		s.mu.Unlock()
	}()
	go c.read()
	r := c.run(ctx)
	// The reader has returned: no event of this connection is delivered
	// after connect returns, so the next one carries on in order.
	<-c.exited
	return r, c.established.Load(), c.resumeSent.Load()
}

// close closes the connection with code, once.
func (c *conn) close(code int, reason string) {
	if c.closing.Swap(true) {
		return
	}
	c.ws.Close(code, reason)
}

// run is the connection's control loop: Hello, Identify or Resume,
// heartbeats, and the end of the connection.
func (c *conn) run(ctx context.Context) outcome {
	s := c.s
	helloT := time.NewTimer(s.o.HelloTimeout)
	defer helloT.Stop()
	var (
		beatT    *time.Timer
		beatC    <-chan time.Time
		interval time.Duration
		gateC    chan error
	)
	gctx, gcancel := context.WithCancel(ctx)
	defer func() {
		gcancel()
		if gateC != nil {
			<-gateC
		}
		if beatT != nil {
			beatT.Stop()
		}
	}()
	end := func(code int, reason string, r outcome) outcome {
		c.close(code, reason)
		return r
	}
	for {
		select {
		case <-ctx.Done():
			code, reason := 1000, "shutting down"
			if s.o.KeepSession {
				code, reason = 4000, "restarting"
			} else {
				s.dropSession()
			}
			return end(code, reason, outcome{next: nextStop, err: ctx.Err()})

		case r := <-c.done:
			return end(4000, "reconnecting", r)

		case <-helloT.C:
			return end(4000, "no hello", outcome{next: nextResume, err: errHelloTimeout})

		case interval = <-c.hello:
			helloT.Stop()
			c.lim.setInterval(interval)
			c.acked.Store(true)
			beatT = time.NewTimer(time.Duration(rand.Float64() * float64(interval)))
			beatC = beatT.C
			if c.resume {
				s.setState(StateResuming)
				if err := c.sendResume(ctx); err != nil {
					if ctx.Err() != nil {
						continue // ctx.Done closes with the right code
					}
					return end(4000, "write failed", c.writeOutcome(err))
				}
			} else {
				s.setState(StateIdentifying)
				gateC = make(chan error, 1)
				go func() { gateC <- s.o.IdentifyQueue.Wait(gctx, s.id) }()
			}

		case err := <-gateC:
			gateC = nil
			if err != nil {
				if ctx.Err() != nil {
					continue // handled by ctx.Done
				}
				return end(4000, "identify queue", outcome{next: nextIdentify, err: fmt.Errorf("gateway: identify queue: %w", err)})
			}
			if err := c.sendIdentify(ctx); err != nil {
				var pe *PayloadError
				if errors.As(err, &pe) {
					return end(1000, "bad identify", outcome{next: nextFatal, err: err})
				}
				if ctx.Err() != nil {
					continue // ctx.Done closes with the right code
				}
				return end(4000, "write failed", c.writeOutcome(err))
			}

		case <-beatC:
			// A zombie sends nothing, not even the ACK, since the last
			// beat; an ACK stuck behind a slow Handler is no sign of one.
			if !c.acked.Load() && !c.inHandler.Load() && c.progress.Load() == c.beatMark {
				return end(4000, "zombie", outcome{next: nextResume, err: errZombie})
			}
			if err := c.heartbeat(ctx); err != nil {
				if ctx.Err() != nil {
					continue // ctx.Done closes with the right code
				}
				return end(4000, "write failed", c.writeOutcome(err))
			}
			beatT.Reset(interval)

		case <-c.beatNow:
			if interval == 0 {
				continue // before Hello there is nothing to beat
			}
			if err := c.heartbeat(ctx); err != nil {
				if ctx.Err() != nil {
					continue // ctx.Done closes with the right code
				}
				return end(4000, "write failed", c.writeOutcome(err))
			}
		}
	}
}

// writeOutcome turns a failed write into the end of the connection. The
// reader knows best why the connection broke (a close code, say), so its
// outcome wins; if it has none soon, the connection is closed under it.
func (c *conn) writeOutcome(err error) outcome {
	t := time.NewTimer(time.Second)
	defer t.Stop()
	select {
	case r := <-c.done:
		return r
	case <-t.C:
	}
	c.close(4000, "write failed")
	r := <-c.done
	if r.next == nextResume {
		r.err = fmt.Errorf("gateway: write: %w", err)
	}
	return r
}

// send writes one payload, waiting for room under the rate limit.
func (c *conn) send(ctx context.Context, p []byte, priority bool) error {
	if err := c.lim.take(ctx, priority); err != nil {
		return err
	}
	c.writeMu.Lock()
	defer c.writeMu.Unlock()
	wctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), c.s.o.WriteTimeout)
	defer cancel()
	return c.ws.Write(wctx, transport.Text, p)
}

func (c *conn) heartbeat(ctx context.Context) error {
	seq := c.s.Session().Seq
	p := make([]byte, 0, 32)
	p = append(p, `{"op":1,"d":`...)
	if seq > 0 {
		p = strconv.AppendInt(p, seq, 10)
	} else {
		p = append(p, "null"...)
	}
	p = append(p, '}')
	c.acked.Store(false)
	c.beatSent.Store(time.Now().UnixNano())
	c.beatMark = c.progress.Load()
	return c.send(ctx, p, true)
}

type identifyData struct {
	Token          string     `json:"token"`
	Properties     Properties `json:"properties"`
	Intents        uint64     `json:"intents"`
	Shard          [2]int     `json:"shard"`
	LargeThreshold int        `json:"large_threshold,omitempty"`
	Presence       *Presence  `json:"presence,omitempty"`
}

func (c *conn) sendIdentify(ctx context.Context) error {
	s := c.s
	props := Properties{OS: runtime.GOOS, Browser: "gloam", Device: "gloam"}
	if s.o.Properties != nil {
		props = *s.o.Properties
	}
	p, err := encodePayload(model.OpIdentify, identifyData{
		Token:          s.token,
		Properties:     props,
		Intents:        uint64(s.o.Intents),
		Shard:          [2]int{s.id, s.count},
		LargeThreshold: s.o.LargeThreshold,
		Presence:       s.o.Presence,
	})
	if err != nil {
		return err
	}
	s.mu.Lock()
	s.sess = model.Session{}
	s.health.Identifies++
	s.mu.Unlock()
	return c.send(ctx, p, true)
}

func (c *conn) sendResume(ctx context.Context) error {
	sess := c.s.Session()
	p, err := json.Marshal(struct {
		Op int `json:"op"`
		D  any `json:"d"`
	}{int(model.OpResume), struct {
		Token     string `json:"token"`
		SessionID string `json:"session_id"`
		Seq       int64  `json:"seq"`
	}{c.s.token, sess.ID, sess.Seq}})
	if err != nil {
		return err
	}
	c.resumeSent.Store(true)
	return c.send(ctx, p, true)
}

// command sends a command on the current connection.
func (s *Shard) command(ctx context.Context, op model.Opcode, d any) error {
	p, err := encodePayload(op, d)
	if err != nil {
		return err
	}
	s.mu.Lock()
	c := s.cur
	s.mu.Unlock()
	if c == nil || !c.established.Load() {
		return fmt.Errorf("gateway: op %d: %w", op, ErrNotConnected)
	}
	if err := c.send(ctx, p, false); err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("gateway: op %d: %w", op, err)
		}
		// The connection broke under the command.
		return fmt.Errorf("gateway: op %d: %w: %w", op, ErrNotConnected, err)
	}
	return nil
}
