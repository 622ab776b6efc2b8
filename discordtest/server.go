package discordtest

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/gloamdev/gloam/model"
)

// Server is a fake Discord listening on a loopback port: the gateway
// WebSocket, GET /gateway and /gateway/bot, and the REST API, all over one
// World.
type Server struct {
	opts  Options
	ln    net.Listener
	http  *http.Server
	mux   *http.ServeMux
	world *World

	closeOnce sync.Once
	served    chan struct{} // closed when http.Serve has returned

	gw   *gatewayState      // gateway.go
	rest *restState         // rest.go
	ix   *interactionsState // interactions_http.go
}

// Options configures a Server; nil means defaults. Every field documents
// its zero value.
type Options struct {
	// Token is the bot token the server accepts. Zero: DefaultToken.
	Token string

	// Addr is the loopback address to listen on, e.g. "127.0.0.1:8080".
	// Zero: 127.0.0.1 with a random port. Only loopback hosts are
	// accepted.
	Addr string

	// Shards is the shard count GET /gateway/bot recommends. Zero: one
	// shard per 1000 guilds, at least 1 and at least RequireShards.
	Shards int

	// RequireShards is the smallest shard count Identify may give; fewer
	// closes the connection with 4011 (sharding required). Zero: any count,
	// as long as no shard has more than 2500 guilds (Discord's rule).
	RequireShards int

	// MaxConcurrency is session_start_limit.max_concurrency: the number of
	// identify buckets (shard_id % max_concurrency), each allowing one
	// Identify per IdentifyWindow. Zero: 1.
	MaxConcurrency int

	// IdentifyWindow is how long an identify bucket stays taken after an
	// Identify; an Identify into a taken bucket gets Invalid Session (op
	// 9, not resumable) and counts as a violation. Zero: 5 s, as on
	// Discord; negative: no limit.
	IdentifyWindow time.Duration

	// SessionStartLimit is session_start_limit.total: identifies allowed
	// per 24 hours. When none remain, Identify is closed with 4004, as
	// Discord resets the token of a bot that goes past it. Zero: 1000.
	SessionStartLimit int

	// HeartbeatInterval is heartbeat_interval in Hello. Zero: 41.25 s.
	HeartbeatInterval time.Duration

	// HeartbeatTimeout is how long the server waits for a heartbeat (the
	// first one counted from Hello) before it drops the connection without
	// a close frame; the session stays resumable. Zero: one and a half
	// heartbeat intervals plus one second.
	HeartbeatTimeout time.Duration

	// ResumeWindow is how long a disconnected session stays resumable.
	// Zero: 3 minutes.
	ResumeWindow time.Duration

	// ResumeBuffer is how many dispatches a session keeps for Resume; a
	// Resume from further back is closed with 4007 (invalid seq). Zero:
	// 4096.
	ResumeBuffer int

	// MemberRequestWindow is how often a bot may ask for all the members
	// of a guild (Request Guild Members with an empty query and limit 0);
	// sooner gets a RATE_LIMITED event. Zero: 30 s, as on Discord;
	// negative: no limit.
	MemberRequestWindow time.Duration

	// UnapprovedIntents are the privileged intents the application is not
	// approved for (GUILD_MEMBERS, GUILD_PRESENCES, MESSAGE_CONTENT);
	// Identify asking for one of them is closed with 4014. Other bits are
	// ignored. Zero: every privileged intent is approved.
	UnapprovedIntents model.Intents

	// Seed makes the World; the same seed gives the same world. Zero is a
	// seed like any other.
	Seed int64

	// Guilds is the number of guilds in the World. Zero: 2; negative: none.
	Guilds int

	// MembersPerGuild is the number of members of each guild besides the
	// bot. Zero: 10; negative: none.
	MembersPerGuild int

	// ChannelsPerGuild is the number of channels in each guild, categories
	// included. Zero: 6; negative: none.
	ChannelsPerGuild int

	// RolesPerGuild is the number of roles in each guild besides
	// @everyone and the bot's own role. Zero: 4; negative: none.
	RolesPerGuild int

	// Faults makes faults happen by chance while a Stream runs. Zero: none.
	Faults FaultOptions

	// Logf, when set, is told what happens on the gateway: connections,
	// identifies, resumes, closes both ways, missed heartbeats. It may be
	// called from many goroutines at once; log.Printf and t.Logf do. Zero:
	// no log.
	Logf func(format string, args ...any)

	// REST configures the REST API: rate limits and REST faults.
	REST RESTOptions
}

// Stats are the counters a test reads to check what a client did.
type Stats struct {
	Gateway GatewayStats
	REST    RESTStats
}

// Stats returns a snapshot of the counters.
func (s *Server) Stats() Stats {
	return Stats{Gateway: s.gw.stats(), REST: s.rest.stats()}
}

// DefaultToken is the token a Server accepts when Options.Token is empty.
const DefaultToken = "gloam-test-token"

// DefaultHeartbeatInterval is the heartbeat interval a Server sends when
// Options.HeartbeatInterval is zero.
const DefaultHeartbeatInterval = 41250 * time.Millisecond

// ErrNotLoopback is returned by Listen for an address that is not on
// loopback.
var ErrNotLoopback = errors.New("discordtest: address is not loopback")

// NewServer starts a Server on 127.0.0.1 with a random port (or on
// opts.Addr). It panics when it cannot listen, as httptest.NewServer does;
// Listen returns the error instead.
func NewServer(opts *Options) *Server {
	s, err := Listen(opts)
	if err != nil {
		panic(err.Error())
	}
	return s
}

// Listen starts a Server on opts.Addr, which must be a loopback address
// ("127.0.0.1:8080", "localhost:0", "[::1]:0"); an empty Addr means
// 127.0.0.1 with a random port. This is the way to run a fake Discord as
// a process on a fixed port:
//
//	srv, err := discordtest.Listen(&discordtest.Options{Addr: "127.0.0.1:8080"})
//	if err != nil {
//		return err
//	}
//	defer srv.Close()
//	fmt.Println("gateway", srv.GatewayURL(), "REST", srv.URL())
func Listen(opts *Options) (*Server, error) {
	s := &Server{mux: http.NewServeMux(), served: make(chan struct{})}
	if opts != nil {
		s.opts = *opts
	}
	s.opts.setDefaults()
	addr := s.opts.Addr
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("discordtest: listen: %w", err)
	}
	if host != "localhost" {
		ip := net.ParseIP(host)
		if ip == nil || !ip.IsLoopback() {
			return nil, fmt.Errorf("discordtest: listen on %q: %w", addr, ErrNotLoopback)
		}
	}
	network := "tcp"
	if host == "localhost" {
		network = "tcp4"
		addr = net.JoinHostPort("127.0.0.1", addr[len(host)+1:])
	}
	ln, err := net.Listen(network, addr)
	if err != nil {
		return nil, fmt.Errorf("discordtest: listen: %w", err)
	}
	s.ln = ln
	s.world = newWorld(&s.opts)
	s.gw = newGatewayState(s)
	s.rest = newRESTState(s)
	s.ix = newInteractionsState(s.opts.Seed)
	s.http = &http.Server{Handler: s.mux, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		defer close(s.served)
		s.http.Serve(ln)
	}()
	return s, nil
}

func (o *Options) setDefaults() {
	if o.Token == "" {
		o.Token = DefaultToken
	}
	if o.RequireShards < 0 {
		o.RequireShards = 0
	}
	o.Guilds = defaultCount(o.Guilds, 2)
	if o.Shards <= 0 {
		o.Shards = max(1, o.RequireShards, (o.Guilds+999)/1000)
	}
	if o.MaxConcurrency <= 0 {
		o.MaxConcurrency = 1
	}
	if o.IdentifyWindow == 0 {
		o.IdentifyWindow = 5 * time.Second
	}
	if o.SessionStartLimit <= 0 {
		o.SessionStartLimit = 1000
	}
	if o.HeartbeatInterval <= 0 {
		o.HeartbeatInterval = DefaultHeartbeatInterval
	}
	if o.HeartbeatTimeout <= 0 {
		o.HeartbeatTimeout = o.HeartbeatInterval*3/2 + time.Second
	}
	if o.MemberRequestWindow == 0 {
		o.MemberRequestWindow = 30 * time.Second
	}
	if o.ResumeWindow <= 0 {
		o.ResumeWindow = 3 * time.Minute
	}
	if o.ResumeBuffer <= 0 {
		o.ResumeBuffer = 4096
	}
	o.UnapprovedIntents = o.UnapprovedIntents.Privileged()
	o.Guilds = defaultCount(o.Guilds, 2)
	o.MembersPerGuild = defaultCount(o.MembersPerGuild, 10)
	o.ChannelsPerGuild = defaultCount(o.ChannelsPerGuild, 6)
	o.RolesPerGuild = defaultCount(o.RolesPerGuild, 4)
}

func defaultCount(n, def int) int {
	switch {
	case n == 0:
		return def
	case n < 0:
		return 0
	}
	return n
}

// Addr is the host:port the server listens on.
func (s *Server) Addr() string { return s.ln.Addr().String() }

// URL is the REST base, e.g. http://127.0.0.1:PORT/api/v10.
func (s *Server) URL() string { return "http://" + s.Addr() + "/api/v10" }

// GatewayURL is the gateway WebSocket URL, e.g. ws://127.0.0.1:PORT/gateway;
// clients append the query (?v=10&encoding=json&compress=zlib-stream) as
// they do to Discord's.
func (s *Server) GatewayURL() string { return "ws://" + s.Addr() + "/gateway" }

// ResumeGatewayURL is the resume_gateway_url READY gives, a different path
// on the same server, so that a test can check a client resumes there.
func (s *Server) ResumeGatewayURL() string { return "ws://" + s.Addr() + "/resume-gateway" }

// Token is the bot token the server accepts.
func (s *Server) Token() string { return s.opts.Token }

// World is the state the server serves.
func (s *Server) World() *World { return s.world }

// Close stops the server, drops every connection and waits for the
// server's goroutines to end.
func (s *Server) Close() {
	s.closeOnce.Do(func() {
		s.http.Close()
		s.gw.close()
		s.ix.close()
		s.stopInteractions()
		<-s.served
	})
}
