package scale

import (
	"errors"
	"fmt"
	"net"
	"os"
	"strconv"
	"time"

	"github.com/nats-io/nats-server/v2/server"
)

// ServerOptions configures an embedded NATS server; nil means defaults.
// Every field documents its zero value.
type ServerOptions struct {
	// Addr is the host:port to listen on for clients. Zero: 127.0.0.1 with
	// a random port.
	Addr string

	// MaxStore bounds the bytes JetStream keeps on disk. Zero: 1 GiB.
	MaxStore int64

	// ReadyTimeout bounds the wait for the server to accept clients.
	// Zero: 10 s.
	ReadyTimeout time.Duration
}

// Server is a NATS server with JetStream running inside this process, for
// tests and for running a whole bot on one machine. Its JetStream data
// (streams, key-value buckets) lives in files under its directory, so a
// server started again on the same directory has every acknowledged
// message and key.
type Server struct {
	ns  *server.Server
	dir string
}

// StartServer starts a NATS server with JetStream storing its files in
// dir, and returns once it accepts clients.
func StartServer(dir string, opts *ServerOptions) (*Server, error) {
	var o ServerOptions
	if opts != nil {
		o = *opts
	}
	if dir == "" {
		return nil, errors.New("scale: StartServer: no directory")
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("scale: StartServer: %w", err)
	}
	host, port := "127.0.0.1", -1 // -1: a random port
	if o.Addr != "" {
		h, p, err := net.SplitHostPort(o.Addr)
		if err != nil {
			return nil, fmt.Errorf("scale: StartServer: address %q: %w", o.Addr, err)
		}
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 || n > 65535 {
			return nil, fmt.Errorf("scale: StartServer: address %q: bad port", o.Addr)
		}
		if h != "" {
			host = h
		}
		if n != 0 {
			port = n
		}
	}
	if o.MaxStore <= 0 {
		o.MaxStore = 1 << 30
	}
	if o.ReadyTimeout <= 0 {
		o.ReadyTimeout = 10 * time.Second
	}
	ns, err := server.NewServer(&server.Options{
		ServerName:         "gloam",
		Host:               host,
		Port:               port,
		JetStream:          true,
		StoreDir:           dir,
		JetStreamMaxStore:  o.MaxStore,
		JetStreamMaxMemory: 64 << 20,
		NoSigs:             true,
		NoLog:              true,
		MaxPayload:         8 << 20, // a GUILD_CREATE of a large guild is several MiB
	})
	if err != nil {
		return nil, fmt.Errorf("scale: StartServer: %w", err)
	}
	ns.Start()
	if !ns.ReadyForConnections(o.ReadyTimeout) {
		ns.Shutdown()
		ns.WaitForShutdown()
		return nil, fmt.Errorf("scale: StartServer: not ready after %s", o.ReadyTimeout)
	}
	return &Server{ns: ns, dir: dir}, nil
}

// URL is the server's client URL, nats://host:port.
func (s *Server) URL() string { return s.ns.ClientURL() }

// Dir is the directory the server stores JetStream's files in.
func (s *Server) Dir() string { return s.dir }

// Close stops the server and waits until it has stopped. Clients see a
// disconnection; what JetStream acknowledged is on disk.
func (s *Server) Close() {
	s.ns.Shutdown()
	s.ns.WaitForShutdown()
}
