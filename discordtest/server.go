package discordtest

import (
	"net"
	"net/http"
	"sync"
)

// Server is a fake Discord listening on a random loopback port.
type Server struct {
	opts Options
	ln   net.Listener
	http *http.Server
	mux  *http.ServeMux

	closeOnce sync.Once

	gw   *gatewayState // gateway.go
	rest *restState    // rest.go
}

// Options configures a Server; nil means defaults. Every field documents
// its zero value.
type Options struct {
	// Token is the bot token the server accepts. Zero: DefaultToken.
	Token string

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

// NewServer starts a Server on 127.0.0.1 with a random port.
func NewServer(opts *Options) *Server {
	s := &Server{mux: http.NewServeMux()}
	if opts != nil {
		s.opts = *opts
	}
	if s.opts.Token == "" {
		s.opts.Token = DefaultToken
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic("discordtest: listen on loopback: " + err.Error())
	}
	s.ln = ln
	s.gw = newGatewayState(s)
	s.rest = newRESTState(s)
	s.http = &http.Server{Handler: s.mux}
	go s.http.Serve(ln)
	return s
}

// Addr is the host:port the server listens on.
func (s *Server) Addr() string { return s.ln.Addr().String() }

// URL is the REST base, e.g. http://127.0.0.1:PORT/api/v10.
func (s *Server) URL() string { return "http://" + s.Addr() + "/api/v10" }

// Token is the bot token the server accepts.
func (s *Server) Token() string { return s.opts.Token }

// Close stops the server and drops every connection.
func (s *Server) Close() {
	s.closeOnce.Do(func() {
		s.gw.close()
		s.http.Close()
	})
}
