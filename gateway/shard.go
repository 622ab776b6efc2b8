package gateway

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
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
	Connects   int           // connections opened (the WebSocket handshake succeeded)
	Reconnects int           // attempts to connect after the first; by reason in Shard.Reconnects
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
	token     *secret // a pointer, so that printing a Shard shows no token
	o         Options

	running atomic.Bool

	mu     sync.Mutex
	sess   model.Session
	health Health
	ends   map[disconnectKey]int // see Disconnects
	again  map[string]int        // see Reconnects
	last   string                // the reason the last connection ended
	cur    *conn                 // the connection, while one is open
}

// NewShard returns shard id of count, which will identify with token. It
// neither dials nor starts goroutines: Run does.
func NewShard(id, count int, token string, opts *Options) *Shard {
	s := &Shard{id: id, count: count, token: newSecret(token), o: opts.withDefaults()}
	s.sess = s.o.Session
	return s
}

// ID is the shard's id.
func (s *Shard) ID() int { return s.id }

// Format prints the shard, for every verb, by its id, count and state:
// never the token, and none of the fields its goroutines change.
func (s *Shard) Format(f fmt.State, _ rune) {
	fmt.Fprintf(f, "gateway.Shard{id: %d, count: %d, state: %s}", s.id, s.count, s.Health().State)
}

// LogValue describes the shard to log/slog by its id, count and state;
// the token is never part of it.
func (s *Shard) LogValue() slog.Value {
	return slog.GroupValue(
		slog.Int("id", s.id),
		slog.Int("count", s.count),
		slog.String("state", s.Health().State.String()),
	)
}

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
	var (
		fails       int // attempts in a row that failed or did not last
		resumeFails int // resumes in a row that failed
		unreachable int // attempts in a row the resume URL did not answer
		wait        time.Duration
	)
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
			s.countReconnect()
		}
		s.mu.Unlock()

		r, a := s.connect(ctx, sess, resume)
		s.mu.Lock()
		if r.err != nil {
			s.health.LastError = r.err
			s.countEnd(r.err)
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
		switch {
		case a.established:
			resumeFails, unreachable = 0, 0
			if time.Since(a.establishedAt) >= stableAfter {
				fails = 0
			}
			// Even after a connection that worked, the next dial waits
			// a little: a server that drops every connection at once
			// must not be dialled in a loop.
			fails++
		case resume:
			fails++
			switch {
			case a.resumeSent:
				resumeFails++ // sent Resume, never got RESUMED
			case a.unreachable && a.resumeURL:
				// The resume URL did not answer: a failed resume, and
				// after a few the URL is given up. A gateway URL that
				// does not answer says nothing of the session (the
				// network may be down), so it does not count.
				resumeFails++
				unreachable++
				if unreachable >= max(1, s.o.MaxResumeAttempts-1) {
					s.giveUpResumeURL(sess.ResumeURL, r.err)
					unreachable = 0
				}
			}
			if a.resumeURL && !a.unreachable {
				unreachable = 0
			}
		default:
			fails++
		}
		if r.next == nextIdentify || resumeFails >= s.o.MaxResumeAttempts {
			s.dropSession()
			resumeFails, unreachable = 0, 0
		}
		wait = max(r.wait, backoff(s.o.BackoffBase, s.o.BackoffMax, fails))
	}
}

// stableAfter is how long a connection must stay up after READY or
// RESUMED for its end to reset the backoff.
const stableAfter = 30 * time.Second

func (s *Shard) dropSession() {
	s.mu.Lock()
	s.sess = model.Session{}
	s.mu.Unlock()
}

// giveUpResumeURL stops resuming on url, which did not answer: the
// session, if still the same, resumes on the gateway URL from now on.
func (s *Shard) giveUpResumeURL(url string, why error) {
	s.dropResumeURL(url)
	s.o.Logger.Warn("gateway: resume URL does not answer; resuming on the gateway URL",
		slog.Int("shard", s.id), slog.String("resume_url", url), slog.Any("error", why))
}

// attempt is what one connection attempt got to.
type attempt struct {
	resumeURL     bool      // dialled the session's resume URL
	unreachable   bool      // the dial failed or no Hello came
	resumeSent    bool      // Resume was sent
	established   bool      // READY or RESUMED received
	establishedAt time.Time // when
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

	established   atomic.Bool  // READY or RESUMED received
	establishedAt atomic.Int64 // when, UnixNano
	acked         atomic.Bool  // the last heartbeat was acknowledged
	beatSent      atomic.Int64 // when the last heartbeat went, UnixNano
	inHandler     atomic.Bool  // the reader is in Options.Handler
	progress      atomic.Int64 // payloads read and handlers returned
	beatMark      int64        // progress when the last heartbeat went (run's)
	closing       atomic.Bool  // this side closed
	resumeSent    atomic.Bool  // Resume was sent
}

// connect runs one connection from dial to close, and reports how far it
// got.
func (s *Shard) connect(ctx context.Context, sess model.Session, resume bool) (outcome, attempt) {
	s.setState(StateConnecting)
	var a attempt
	base := s.o.URL
	if resume && sess.ResumeURL != "" {
		if err := checkResumeURL(sess.ResumeURL, s.o.URL); err != nil {
			s.refuseResumeURL(sess.ResumeURL, err)
		} else {
			base, a.resumeURL = sess.ResumeURL, true
		}
	}
	u, err := gatewayURL(base, s.o.Compression)
	if err != nil {
		return outcome{next: nextFatal, err: fmt.Errorf("gateway: url %q: %w", base, err)}, a
	}
	if s.o.Compression != ZlibStream && s.o.Compression != ZstdStream && s.o.Compression != NoCompression {
		return outcome{next: nextFatal, err: fmt.Errorf("%w: %q", errUnknownCompression, s.o.Compression)}, a
	}
	dctx, cancel := context.WithTimeout(ctx, s.o.HelloTimeout)
	ws, err := s.o.Dialer.Dial(dctx, u)
	cancel()
	if err != nil {
		if ctx.Err() != nil {
			return outcome{next: nextStop, err: ctx.Err()}, a
		}
		n := nextResume
		if !resume {
			n = nextIdentify
		}
		a.unreachable = true
		return outcome{next: n, err: &dialError{err}}, a
	}
	c := &conn{
		s:       s,
		ws:      ws,
		inf:     newInflater(s.o.Compression, s.o.MaxPayloadSize),
		lim:     newSendLimiter(0),
		resume:  resume,
		hello:   make(chan time.Duration, 1),
		beatNow: make(chan struct{}, 1),
		done:    make(chan outcome, 1),
		exited:  make(chan struct{}),
	}
	s.mu.Lock()
	s.cur = c
	s.health.Connects++
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
	a.resumeSent = c.resumeSent.Load()
	a.unreachable = errors.Is(r.err, errHelloTimeout)
	if at := c.establishedAt.Load(); at != 0 {
		a.established, a.establishedAt = true, time.Unix(0, at)
	}
	return r, a
}

// refuseResumeURL drops url, which checkResumeURL refused, from the
// session, if still the same: it resumes on the gateway URL.
func (s *Shard) refuseResumeURL(url string, why error) {
	s.dropResumeURL(url)
	s.o.Logger.Warn("gateway: resuming on the gateway URL", slog.Int("shard", s.id), slog.Any("error", why))
}

// dropResumeURL takes url out of the session, if still its resume URL.
func (s *Shard) dropResumeURL(url string) {
	s.mu.Lock()
	if s.sess.ResumeURL == url {
		s.sess.ResumeURL = ""
	}
	s.mu.Unlock()
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
		Token:          s.token.value(),
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
	}{c.s.token.value(), sess.ID, sess.Seq}})
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
