package discordtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/coder/websocket"
	"github.com/gloamdev/gloam/model"
)

// Gateway limits, as Discord enforces them.
const (
	maxPayload     = 4096             // bytes a client payload may have
	commandLimit   = 120              // commands per commandWindow per connection
	commandWindow  = 60 * time.Second // the window of commandLimit
	writeTimeout   = 10 * time.Second // a write that takes longer drops the connection
	sessionStartTT = 24 * time.Hour   // session_start_limit period
)

// gatewayState is the gateway half of a Server.
type gatewayState struct {
	s      *Server
	ctx    context.Context // cancelled by close
	cancel context.CancelFunc
	wg     sync.WaitGroup // connection handlers and helper goroutines

	dispatched atomic.Int64 // DispatchesSent

	// mu is taken last: nothing else is locked while it is held.
	mu        sync.Mutex
	closed    bool
	conns     map[*gwConn]struct{}
	sessions  map[string]*session
	buckets   map[int]time.Time           // identify bucket -> when it was last taken
	remaining int                         // session starts remaining
	resetAt   time.Time                   // when remaining resets
	slowHello []time.Duration             // pending FaultSlowHello delays
	memberReq map[model.GuildID]time.Time // last request for all members, per guild
	chunkCuts map[int][]FaultMemberChunks // queued FaultMemberChunks, by shard
	streams   map[int]*streamState        // by shard
	st        GatewayStats
}

func newGatewayState(s *Server) *gatewayState {
	g := &gatewayState{
		s:         s,
		conns:     make(map[*gwConn]struct{}),
		sessions:  make(map[string]*session),
		buckets:   make(map[int]time.Time),
		memberReq: make(map[model.GuildID]time.Time),
		chunkCuts: make(map[int][]FaultMemberChunks),
		streams:   make(map[int]*streamState),
		remaining: s.opts.SessionStartLimit,
		resetAt:   time.Now().Add(sessionStartTT),
		st:        newGatewayStats(),
	}
	g.ctx, g.cancel = context.WithCancel(context.Background())
	s.mux.HandleFunc("/gateway", g.serveWS)
	s.mux.HandleFunc("/gateway/", g.serveWS)
	s.mux.HandleFunc("/resume-gateway", g.serveWS)
	s.mux.HandleFunc("/resume-gateway/", g.serveWS)
	s.mux.HandleFunc("GET /api/v10/gateway", g.serveGateway)
	s.mux.HandleFunc("GET /api/v10/gateway/bot", g.serveGatewayBot)
	return g
}

// close drops every connection and waits for every goroutine.
func (g *gatewayState) close() {
	g.mu.Lock()
	g.closed = true
	conns := make([]*gwConn, 0, len(g.conns))
	for c := range g.conns {
		conns = append(conns, c)
	}
	g.mu.Unlock()
	g.cancel()
	for _, c := range conns {
		// Closing the TCP connection first ends any close handshake
		// waiting on the client.
		c.raw.Close()
		c.ws.CloseNow()
	}
	g.wg.Wait()
}

// takeMemberRequest takes the guild's allowance of one request for all
// its members per Options.MemberRequestWindow; when it is taken, it returns
// how long until it is free.
func (g *gatewayState) takeMemberRequest(id model.GuildID) time.Duration {
	window := g.s.opts.MemberRequestWindow
	if window < 0 {
		return 0
	}
	now := time.Now()
	g.mu.Lock()
	defer g.mu.Unlock()
	if last, ok := g.memberReq[id]; ok && now.Sub(last) < window {
		return window - now.Sub(last)
	}
	g.memberReq[id] = now
	return 0
}

// takeChunkCut takes the first FaultMemberChunks queued for a shard.
func (g *gatewayState) takeChunkCut(shard int) (FaultMemberChunks, bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	q := g.chunkCuts[shard]
	if len(q) == 0 {
		return FaultMemberChunks{}, false
	}
	g.chunkCuts[shard] = q[1:]
	return q[0], true
}

// logf logs through Options.Logf, if set.
func (g *gatewayState) logf(format string, args ...any) {
	if f := g.s.opts.Logf; f != nil {
		f("discordtest: "+format, args...)
	}
}

// goTracked runs fn in a goroutine Close waits for; false after Close.
func (g *gatewayState) goTracked(fn func()) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.closed {
		return false
	}
	g.wg.Add(1)
	go func() {
		defer g.wg.Done()
		fn()
	}()
	return true
}

func (g *gatewayState) stats() GatewayStats {
	g.mu.Lock()
	defer g.mu.Unlock()
	st := g.st.clone()
	st.DispatchesSent = int(g.dispatched.Load())
	g.refillLocked(time.Now())
	st.SessionStartsRemaining = g.remaining
	return st
}

// count changes the counters under the lock.
func (g *gatewayState) count(fn func(st *GatewayStats)) {
	g.mu.Lock()
	fn(&g.st)
	g.mu.Unlock()
}

func (g *gatewayState) refillLocked(now time.Time) {
	if now.After(g.resetAt) {
		g.remaining = g.s.opts.SessionStartLimit
		g.resetAt = now.Add(sessionStartTT)
	}
}

// serveGateway is GET /gateway.
func (g *gatewayState) serveGateway(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"url": g.s.GatewayURL()})
}

// serveGatewayBot is GET /gateway/bot.
func (g *gatewayState) serveGatewayBot(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("Authorization") != "Bot "+g.s.opts.Token {
		writeJSON(w, http.StatusUnauthorized, map[string]any{"message": "401: Unauthorized", "code": 0})
		return
	}
	g.mu.Lock()
	now := time.Now()
	g.refillLocked(now)
	remaining, resetAfter := g.remaining, g.resetAt.Sub(now).Milliseconds()
	g.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]any{
		"url":    g.s.GatewayURL(),
		"shards": g.s.opts.Shards,
		"session_start_limit": map[string]any{
			"total":           g.s.opts.SessionStartLimit,
			"remaining":       remaining,
			"reset_after":     resetAfter,
			"max_concurrency": g.s.opts.MaxConcurrency,
		},
	})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, _ := json.Marshal(v) // maps of plain values always marshal
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(status)
	w.Write(b)
}

// serveWS accepts a gateway connection and runs it until it closes.
func (g *gatewayState) serveWS(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	var comp compressor
	switch q.Get("compress") {
	case "":
	case "zlib-stream":
		comp = newZlibStream()
	case "zstd-stream":
		z, err := newZstdStream()
		if err != nil {
			writeJSON(w, http.StatusInternalServerError, map[string]any{"message": "zstd: " + err.Error(), "code": 0})
			return
		}
		comp = z
	default:
		writeJSON(w, http.StatusBadRequest, map[string]any{"message": "Invalid compression", "code": 0})
		return
	}
	g.mu.Lock()
	if g.closed {
		g.mu.Unlock()
		http.Error(w, "server closed", http.StatusServiceUnavailable)
		return
	}
	g.wg.Add(1)
	g.mu.Unlock()
	defer g.wg.Done()

	var c *gwConn
	defer func() {
		if v := recover(); v != nil {
			// A bug in discordtest: count it, end the connection, go on.
			g.count(func(st *GatewayStats) { st.Panics = append(st.Panics, fmt.Sprint(v)) })
			g.logf("gateway: panic serving %s: %v", r.RemoteAddr, v)
			if c != nil {
				c.ws.CloseNow()
			}
		}
	}()

	tw := &tapWriter{ResponseWriter: w, onClose: func(code int) {
		if c != nil {
			c.closeFrameOut(code)
		}
	}}
	// Counted before the upgrade completes, so a client that has dialled
	// sees its connection counted.
	resumeURL := strings.HasPrefix(r.URL.Path, "/resume-gateway")
	countConn := func(n int) {
		g.count(func(st *GatewayStats) {
			st.Connections += n
			if resumeURL {
				st.ResumeURLConnections += n
			}
		})
	}
	countConn(1)
	g.logf("gateway: connection from %s to %s", r.RemoteAddr, r.URL.RequestURI())
	ws, err := websocket.Accept(tw, r, &websocket.AcceptOptions{
		InsecureSkipVerify: true, // loopback only; browsers may load the page from anywhere
		CompressionMode:    websocket.CompressionDisabled,
	})
	if err != nil {
		countConn(-1)
		return
	}
	ws.SetReadLimit(1 << 20)
	c = &gwConn{g: g, ws: ws, raw: tw.conn, comp: comp, done: make(chan struct{}), resumeURL: resumeURL}
	g.mu.Lock()
	if g.closed {
		g.mu.Unlock()
		ws.CloseNow()
		return
	}
	g.conns[c] = struct{}{}
	g.mu.Unlock()
	defer func() {
		g.mu.Lock()
		delete(g.conns, c)
		g.mu.Unlock()
		close(c.done)
	}()

	if v := q.Get("v"); v != "" && v != "10" && v != "9" {
		c.closeWith(4012, "Invalid API version")
		c.drain()
		return
	}
	if e := q.Get("encoding"); e != "" && e != "json" {
		c.closeWith(4002, "discordtest serves encoding=json only")
		c.drain()
		return
	}
	c.run()
}

// gwConn is one gateway WebSocket connection.
type gwConn struct {
	g         *gatewayState
	ws        *websocket.Conn
	raw       net.Conn // the TCP connection under ws
	resumeURL bool
	done      chan struct{} // closed when the connection has ended

	wmu         sync.Mutex   // serialises writes and the compressors
	comp        compressor   // transport compression
	payloadZlib *zlibPayload // payload compression, asked for in Identify

	zombie   atomic.Bool  // FaultZombie: no more writes or ACKs
	closing  atomic.Bool  // the server has started closing it
	dead     atomic.Bool  // a write failed
	peerCode atomic.Int32 // the close code the client closed with, counted; 0 before

	// Owned by the read goroutine.
	lastHeartbeat time.Time
	commands      []time.Time

	sess *session // under g.mu
}

// session returns the connection's session, nil before Identify.
func (c *gwConn) session() *session {
	c.g.mu.Lock()
	defer c.g.mu.Unlock()
	return c.sess
}

// run sends Hello and reads until the connection ends.
func (c *gwConn) run() {
	g := c.g
	defer c.detach()
	g.mu.Lock()
	var delay time.Duration
	if len(g.slowHello) > 0 {
		delay = g.slowHello[0]
		g.slowHello = g.slowHello[1:]
	}
	g.mu.Unlock()
	if delay > 0 {
		t := time.NewTimer(delay)
		select {
		case <-t.C:
		case <-g.ctx.Done():
			t.Stop()
			return
		}
	}
	interval := g.s.opts.HeartbeatInterval
	c.writeOp(model.OpHello, `{"heartbeat_interval":`+strconv.FormatInt(interval.Milliseconds(), 10)+`}`)
	c.lastHeartbeat = time.Now()
	var timedOut atomic.Bool
	for {
		// A missed heartbeat drops the TCP connection, counted first so
		// that a client seeing the drop sees the count.
		var timer *time.Timer
		if !c.zombie.Load() && !c.closing.Load() {
			timer = time.AfterFunc(time.Until(c.lastHeartbeat.Add(g.s.opts.HeartbeatTimeout)), func() {
				if c.zombie.Load() || c.closing.Load() {
					return
				}
				timedOut.Store(true)
				g.count(func(st *GatewayStats) { st.HeartbeatTimeouts++ })
				g.logf("gateway: no heartbeat in %v: connection dropped", g.s.opts.HeartbeatTimeout)
				c.raw.Close()
			})
		}
		typ, p, err := c.ws.Read(g.ctx)
		if timer != nil {
			timer.Stop()
		}
		if err != nil {
			switch {
			case timedOut.Load():
			case c.closing.Load():
				// our own close echoed back
			default:
				code := int(websocket.CloseStatus(err))
				if peer := int(c.peerCode.Load()); peer != 0 && code < 0 {
					// The close frame was the library's own (a protocol
					// error), not an answer to the client's.
					g.count(func(st *GatewayStats) {
						st.CloseCodesReceived[peer]--
						if st.CloseCodesReceived[peer] == 0 {
							delete(st.CloseCodesReceived, peer)
						}
						st.CloseCodesSent[peer]++
					})
				} else if code >= 0 && peer == 0 {
					c.peerClosed(code)
				}
				if code == 1000 || code == 1001 {
					if s := c.session(); s != nil {
						s.invalidate()
					}
				}
			}
			return
		}
		if c.closing.Load() {
			continue
		}
		c.handle(typ, p)
	}
}

// closeFrameOut is called just before a close frame goes out. Unless the
// server is closing the connection itself, the frame answers the client's
// close, and the client's code is counted now, before the client can see
// the answer.
func (c *gwConn) closeFrameOut(code int) {
	if c.closing.Load() || !c.peerCode.CompareAndSwap(0, int32(code)) {
		return
	}
	c.peerClosed(code)
}

// peerClosed counts the code the client closed with; 1000 and 1001 end
// the session at once (the read loop forgets it when Read returns).
func (c *gwConn) peerClosed(code int) {
	c.g.count(func(st *GatewayStats) { st.CloseCodesReceived[code]++ })
	c.g.logf("gateway: client closed with %d", code)
	if code == 1000 || code == 1001 {
		if s := c.session(); s != nil {
			s.ended.Store(true)
		}
	}
}

// drain reads until the connection ends, so that a close handshake the
// server started can finish.
func (c *gwConn) drain() {
	for {
		if _, _, err := c.ws.Read(c.g.ctx); err != nil {
			return
		}
	}
}

// detach unhooks the connection from its session when it ends.
func (c *gwConn) detach() {
	s := c.session()
	if s == nil {
		return
	}
	s.mu.Lock()
	if s.conn == c {
		s.conn = nil
		s.detachedAt = time.Now()
	}
	s.mu.Unlock()
}

// writeOp sends a payload that is not a dispatch.
func (c *gwConn) writeOp(op model.Opcode, d string) error {
	p := make([]byte, 0, len(d)+32)
	p = append(p, `{"t":null,"s":null,"op":`...)
	p = strconv.AppendInt(p, int64(op), 10)
	p = append(p, `,"d":`...)
	p = append(p, d...)
	p = append(p, '}')
	return c.write(p)
}

// errConnGone is returned by write on a connection that can no longer be
// written to.
var errConnGone = &FaultError{Reason: "connection gone"}

// write sends one payload, compressed when the connection asked for it.
// A write that fails drops the connection.
func (c *gwConn) write(p []byte) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	if c.zombie.Load() || c.dead.Load() {
		return errConnGone
	}
	typ, out := websocket.MessageText, p
	if c.comp != nil {
		var err error
		if out, err = c.comp.compress(p); err != nil {
			c.dead.Store(true)
			c.ws.CloseNow()
			return err
		}
		typ = websocket.MessageBinary
	} else if c.payloadZlib != nil && len(p) >= payloadCompressMin {
		var err error
		if out, err = c.payloadZlib.compress(p); err != nil {
			c.dead.Store(true)
			c.ws.CloseNow()
			return err
		}
		typ = websocket.MessageBinary
	}
	ctx, cancel := context.WithTimeout(c.g.ctx, writeTimeout)
	err := c.ws.Write(ctx, typ, out)
	cancel()
	if err != nil {
		c.dead.Store(true)
		c.ws.CloseNow()
	}
	return err
}

// closeWith closes the connection with a close frame, counting the code.
// The handshake runs in the background; the read loop sees it end.
func (c *gwConn) closeWith(code int, reason string) {
	if !c.closing.CompareAndSwap(false, true) {
		return
	}
	c.g.count(func(st *GatewayStats) { st.CloseCodesSent[code]++ })
	c.g.logf("gateway: closing with %d %s", code, reason)
	if !c.g.goTracked(func() { c.ws.Close(websocket.StatusCode(code), reason) }) {
		c.ws.CloseNow()
	}
}

// drop closes the TCP connection without a close frame.
func (c *gwConn) drop() {
	c.closing.Store(true)
	c.ws.CloseNow()
}

// handle acts on one payload from the client.
func (c *gwConn) handle(_ websocket.MessageType, p []byte) {
	g := c.g
	if len(p) > maxPayload {
		g.count(func(st *GatewayStats) { st.PayloadTooLarge++ })
		c.closeWith(4002, "Decode error: payload too large")
		return
	}
	now := time.Now()
	i := 0
	for i < len(c.commands) && now.Sub(c.commands[i]) >= commandWindow {
		i++
	}
	c.commands = append(c.commands[:0], c.commands[i:]...)
	if len(c.commands) >= commandLimit {
		g.count(func(st *GatewayStats) { st.CommandRateViolations++ })
		c.closeWith(4008, "Rate limited.")
		return
	}
	c.commands = append(c.commands, now)

	var env struct {
		Op *int            `json:"op"`
		D  json.RawMessage `json:"d"`
	}
	if !json.Valid(p) || json.Unmarshal(p, &env) != nil || env.Op == nil {
		g.count(func(st *GatewayStats) { st.InvalidJSON++ })
		c.closeWith(4002, "Decode error")
		return
	}
	op := model.Opcode(*env.Op)
	g.count(func(st *GatewayStats) { st.Commands[*env.Op]++ })
	sess := c.session()
	switch op {
	case model.OpHeartbeat:
		c.heartbeat(env.D, sess)
	case model.OpIdentify:
		if sess != nil {
			g.count(func(st *GatewayStats) { st.AlreadyAuthenticated++ })
			c.closeWith(4005, "Already authenticated.")
			return
		}
		c.identify(env.D)
	case model.OpResume:
		if sess != nil {
			g.count(func(st *GatewayStats) { st.AlreadyAuthenticated++ })
			c.closeWith(4005, "Already authenticated.")
			return
		}
		c.resume(env.D)
	case model.OpPresenceUpdate, model.OpVoiceStateUpdate, model.OpRequestGuildMembers,
		model.OpRequestSoundboardSounds, model.OpRequestChannelInfo:
		if sess == nil {
			g.count(func(st *GatewayStats) { st.NotAuthenticated++ })
			c.closeWith(4003, "Not authenticated.")
			return
		}
		c.command(op, env.D, sess)
	default:
		g.count(func(st *GatewayStats) { st.UnknownOpcode++ })
		c.closeWith(4001, "Unknown opcode.")
	}
}

func (c *gwConn) heartbeat(d json.RawMessage, sess *session) {
	var seq *int64
	if len(d) > 0 {
		if err := json.Unmarshal(d, &seq); err != nil {
			c.g.count(func(st *GatewayStats) { st.InvalidJSON++ })
			c.closeWith(4002, "Decode error")
			return
		}
	}
	c.lastHeartbeat = time.Now()
	c.g.count(func(st *GatewayStats) {
		st.HeartbeatsReceived++
		if sess != nil && seq != nil {
			st.LastSeqAcked[sess.id] = *seq
		}
	})
	c.writeOp(model.OpHeartbeatACK, "null")
}

// identifyData is the d of Identify.
type identifyData struct {
	Token          string          `json:"token"`
	Intents        *json.Number    `json:"intents"`
	Properties     json.RawMessage `json:"properties"`
	Compress       bool            `json:"compress"`
	LargeThreshold int             `json:"large_threshold"`
	Shard          []int           `json:"shard"`
	Presence       json.RawMessage `json:"presence"`
}

func (c *gwConn) identify(d json.RawMessage) {
	g, o := c.g, &c.g.s.opts
	var id identifyData
	if err := json.Unmarshal(d, &id); err != nil {
		g.count(func(st *GatewayStats) { st.InvalidJSON++ })
		c.closeWith(4002, "Decode error")
		return
	}
	if strings.TrimPrefix(id.Token, "Bot ") != o.Token {
		g.count(func(st *GatewayStats) { st.AuthenticationFailed++ })
		c.closeWith(4004, "Authentication failed.")
		return
	}
	var intents model.Intents
	if id.Intents == nil {
		g.count(func(st *GatewayStats) { st.InvalidIntents++ })
		c.closeWith(4013, "Invalid intent(s).")
		return
	}
	n, err := strconv.ParseUint(id.Intents.String(), 10, 64)
	if err != nil || model.Intents(n)&^model.IntentsAll != 0 {
		g.count(func(st *GatewayStats) { st.InvalidIntents++ })
		c.closeWith(4013, "Invalid intent(s).")
		return
	}
	intents = model.Intents(n)
	if intents&o.UnapprovedIntents != 0 {
		g.count(func(st *GatewayStats) { st.DisallowedIntents++ })
		c.closeWith(4014, "Disallowed intent(s).")
		return
	}
	shardID, numShards := 0, 1
	if id.Shard != nil {
		if len(id.Shard) != 2 || id.Shard[1] < 1 || id.Shard[0] < 0 || id.Shard[0] >= id.Shard[1] {
			g.count(func(st *GatewayStats) { st.InvalidShard++ })
			c.closeWith(4010, "Invalid shard.")
			return
		}
		shardID, numShards = id.Shard[0], id.Shard[1]
	}
	if numShards < o.RequireShards || c.guildsOfShard(shardID, numShards) > maxGuildsPerShard {
		g.count(func(st *GatewayStats) { st.ShardingRequired++ })
		c.closeWith(4011, "Sharding required.")
		return
	}
	large := id.LargeThreshold
	if large == 0 {
		large = 50
	}
	if large < 50 || large > 250 {
		g.count(func(st *GatewayStats) { st.InvalidJSON++ })
		c.closeWith(4002, "Decode error: large_threshold must be between 50 and 250")
		return
	}

	// Limits: the identify bucket, then the session starts left.
	now := time.Now()
	bucket := shardID % o.MaxConcurrency
	g.mu.Lock()
	if o.IdentifyWindow > 0 {
		if last, ok := g.buckets[bucket]; ok && now.Sub(last) < o.IdentifyWindow {
			g.st.IdentifyConcurrencyViolations++
			g.mu.Unlock()
			g.logf("gateway: identify of shard %d too soon for bucket %d: invalid session", shardID, bucket)
			c.writeOp(model.OpInvalidSession, "false")
			return
		}
	}
	g.refillLocked(now)
	if g.remaining <= 0 {
		g.mu.Unlock()
		c.closeWith(4004, "Authentication failed: session start limit reached, token reset.")
		return
	}
	g.remaining--
	g.buckets[bucket] = now
	g.mu.Unlock()

	s := &session{
		g:         g,
		id:        newSessionID(),
		shardID:   shardID,
		numShards: numShards,
		intents:   intents,
		large:     large,
		bot:       g.s.world.Bot().ID,
	}
	if id.Compress && c.comp == nil {
		// Payload compression; transport compression overrides it.
		c.wmu.Lock()
		c.payloadZlib = &zlibPayload{}
		c.wmu.Unlock()
	}
	s.mu.Lock()
	g.mu.Lock()
	if g.closed {
		g.mu.Unlock()
		s.mu.Unlock()
		return
	}
	g.sessions[s.id] = s
	c.sess = s
	g.st.Identifies++
	others := make([]*session, 0, len(g.sessions))
	for _, o := range g.sessions {
		if o != s {
			others = append(others, o)
		}
	}
	g.mu.Unlock()
	s.conn = c
	g.logf("gateway: session %s identified: shard [%d, %d], intents %v", s.id, shardID, numShards, intents)
	s.sendReadyLocked()
	s.mu.Unlock()
	// Forget the sessions that can no longer be resumed.
	for _, o := range others {
		o.mu.Lock()
		if !o.resumable(now) {
			o.invalidateLocked()
		}
		o.mu.Unlock()
	}
}

// maxGuildsPerShard is the most guilds a shard may have.
const maxGuildsPerShard = 2500

// guildsOfShard counts the guilds a shard would receive.
func (c *gwConn) guildsOfShard(shardID, numShards int) int {
	n := 0
	for _, id := range c.g.s.world.GuildIDs() {
		if model.ShardOf(id, numShards) == shardID {
			n++
		}
	}
	return n
}

// resumeData is the d of Resume.
type resumeData struct {
	Token     string `json:"token"`
	SessionID string `json:"session_id"`
	Seq       *int64 `json:"seq"`
}

func (c *gwConn) resume(d json.RawMessage) {
	g, o := c.g, &c.g.s.opts
	var rd resumeData
	if err := json.Unmarshal(d, &rd); err != nil {
		g.count(func(st *GatewayStats) { st.InvalidJSON++ })
		c.closeWith(4002, "Decode error")
		return
	}
	if strings.TrimPrefix(rd.Token, "Bot ") != o.Token {
		g.count(func(st *GatewayStats) { st.AuthenticationFailed++ })
		c.closeWith(4004, "Authentication failed.")
		return
	}
	g.mu.Lock()
	s := g.sessions[rd.SessionID]
	g.mu.Unlock()
	if s == nil {
		g.count(func(st *GatewayStats) { st.InvalidResumes++ })
		c.writeOp(model.OpInvalidSession, "false")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.invalid || s.ended.Load() || s.conn == nil && time.Since(s.detachedAt) > o.ResumeWindow {
		s.invalidateLocked()
		g.count(func(st *GatewayStats) { st.InvalidResumes++ })
		c.writeOp(model.OpInvalidSession, "false")
		return
	}
	var seq int64
	if rd.Seq != nil {
		seq = *rd.Seq
	}
	if seq > s.seq || seq < s.bufStart-1 {
		s.invalidateLocked()
		g.count(func(st *GatewayStats) { st.InvalidSeq++ })
		c.closeWith(4007, "Invalid seq.")
		return
	}
	if old := s.conn; old != nil && old != c {
		// The session moves to the new connection; the old one is dropped.
		old.drop()
	}
	g.mu.Lock()
	c.sess = s
	g.st.Resumes++
	g.mu.Unlock()
	s.conn = c
	replay := s.buf[seq+1-s.bufStart:]
	g.logf("gateway: session %s resumed from seq %d: %d to replay", s.id, seq, len(replay))
	for _, p := range replay {
		g.dispatched.Add(1) // counted before the client can see it
		if c.write(p) != nil {
			g.dispatched.Add(-1)
			break
		}
	}
	g.count(func(st *GatewayStats) { st.Replayed += len(replay) })
	s.sendLocked("RESUMED", []byte(`{"_trace":["[\"discordtest\",{\"micros\":0}]"]}`))
}

// command answers the commands a session may send besides heartbeats.
func (c *gwConn) command(op model.Opcode, d json.RawMessage, s *session) {
	switch op {
	case model.OpRequestGuildMembers:
		c.requestGuildMembers(d, s)
	case model.OpPresenceUpdate:
		var p struct {
			Status string `json:"status"`
		}
		if json.Unmarshal(d, &p) != nil {
			c.g.count(func(st *GatewayStats) { st.InvalidJSON++ })
			c.closeWith(4002, "Decode error")
		}
	case model.OpVoiceStateUpdate:
		c.voiceStateUpdate(d, s)
	case model.OpRequestSoundboardSounds:
		c.requestSoundboardSounds(d, s)
	default:
		if !json.Valid(d) {
			c.g.count(func(st *GatewayStats) { st.InvalidJSON++ })
			c.closeWith(4002, "Decode error")
		}
	}
}

// voiceStateUpdate answers Voice State Update (op 4) as Discord does when
// the bot joins, moves or leaves a voice channel: VOICE_STATE_UPDATE, and
// on joining VOICE_SERVER_UPDATE with a null endpoint (no voice server is
// served; a null endpoint tells the client to wait for another).
func (c *gwConn) voiceStateUpdate(d json.RawMessage, s *session) {
	var v struct {
		GuildID   model.GuildID    `json:"guild_id"`
		ChannelID *model.ChannelID `json:"channel_id"`
		SelfMute  bool             `json:"self_mute"`
		SelfDeaf  bool             `json:"self_deaf"`
	}
	if json.Unmarshal(d, &v) != nil {
		c.g.count(func(st *GatewayStats) { st.InvalidJSON++ })
		c.closeWith(4002, "Decode error")
		return
	}
	w := c.g.s.world
	if !s.owns(v.GuildID) {
		return
	}
	if v.ChannelID != nil {
		ch, ok := w.Channel(*v.ChannelID)
		if !ok || ch.GuildID != v.GuildID || ch.Type != model.ChannelGuildVoice {
			return
		}
	}
	m, ok := w.Member(v.GuildID, s.bot)
	if !ok {
		return
	}
	state, _ := json.Marshal(map[string]any{
		"guild_id": v.GuildID, "channel_id": v.ChannelID, "user_id": s.bot, "member": m, "session_id": s.id,
		"deaf": false, "mute": false, "self_deaf": v.SelfDeaf, "self_mute": v.SelfMute, "self_video": false,
		"suppress": false, "request_to_speak_timestamp": nil,
	})
	c.g.s.rest.data.setVoice(v.GuildID, s.bot, v.ChannelID, s.id, v.SelfMute, v.SelfDeaf)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.deliverLocked("VOICE_STATE_UPDATE", state)
	if v.ChannelID != nil {
		server, _ := json.Marshal(map[string]any{"token": newSessionID()[:16], "guild_id": v.GuildID, "endpoint": nil})
		s.sendLocked("VOICE_SERVER_UPDATE", server)
	}
}

func newSessionID() string {
	var b [16]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
