//go:build !js

package dashboard

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"log/slog"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gloamdev/gloam/core"
)

// Options configures a Server; nil means defaults. Every field documents
// its zero value.
type Options struct {
	// Key is the access key of the feed: a browser sends it in the first
	// message on the feed (or a client in an Authorization: Bearer
	// header), and the feed closes without it. Zero: 32 random hex digits.
	Key string

	// QueueBytes bounds the bytes of the feed messages waiting for one
	// browser; a browser that falls further behind is disconnected (it
	// reconnects and gets a fresh snapshot), so that it never slows the
	// bot nor holds its memory. A single message larger than the bound is
	// still sent to a browser that has nothing else waiting.
	// Zero: DefaultQueueBytes.
	QueueBytes int

	// HealthInterval is how often the feed sends the shards' health.
	// Zero: 1 s.
	HealthInterval time.Duration

	// WriteTimeout bounds each write to a browser; a browser that takes
	// longer is disconnected. Zero: 10 s.
	WriteTimeout time.Duration

	// Logger receives browsers connecting and leaving (Info) and failures
	// (Warn). Zero: nothing is logged.
	Logger *slog.Logger
}

// DefaultQueueBytes is the default of Options.QueueBytes.
const DefaultQueueBytes = 32 << 20

// authTimeout is how long the feed waits for a browser's access key.
const authTimeout = 10 * time.Second

// Server serves the dashboard of a bot: the page, the browser app and the
// feed. It is an http.Handler; mount it at the root of a mux or a server
// of its own. Its methods are safe for concurrent use.
type Server struct {
	bot *core.Bot
	o   Options
	log *slog.Logger

	mu      sync.Mutex
	clients map[*client]struct{}
	nclient atomic.Int32
	pending atomic.Int32 // feed connections waiting for their key
	app     *App
	appErr  error
	appDone chan struct{} // closed by SetApp
	appOnce sync.Once
	closed  bool

	hmu     sync.Mutex
	hAt     time.Time
	hCached [][]byte

	mux *http.ServeMux
}

// New returns a dashboard for bot. It neither listens nor starts
// goroutines; serve it with an http.Server. The page can load once SetApp
// has given it the browser app.
func New(bot *core.Bot, opts *Options) *Server {
	var o Options
	if opts != nil {
		o = *opts
	}
	if o.Key == "" {
		var k [16]byte
		rand.Read(k[:])
		o.Key = hex.EncodeToString(k[:])
	}
	if o.QueueBytes <= 0 {
		o.QueueBytes = DefaultQueueBytes
	}
	if o.HealthInterval <= 0 {
		o.HealthInterval = time.Second
	}
	if o.WriteTimeout <= 0 {
		o.WriteTimeout = 10 * time.Second
	}
	s := &Server{bot: bot, o: o, log: o.Logger, clients: map[*client]struct{}{}, appDone: make(chan struct{})}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	s.mux = http.NewServeMux()
	s.routes()
	return s
}

// Key is the feed's access key.
func (s *Server) Key() string { return s.o.Key }

// URL is the address of the page for a server listening on addr (host:port),
// with the access key in the fragment: browsers never send a fragment to
// a server, nor put it in a Referer; the page sends the key on the feed.
func (s *Server) URL(addr string) string {
	return "http://" + addr + "/#key=" + s.o.Key
}

// SetApp gives the server the browser app, or the reason there is none
// (the page shows it). Requests for the app wait for it; a later call
// replaces it. SetApp compresses the binary when app.WasmGzip is nil, and
// owns app afterwards.
func (s *Server) SetApp(app *App, err error) {
	if app != nil && app.WasmGzip == nil && len(app.Wasm) > 0 {
		app.Compress()
	}
	s.mu.Lock()
	s.app, s.appErr = app, err
	s.mu.Unlock()
	s.appOnce.Do(func() { close(s.appDone) })
}

// Close disconnects every browser. The Server may still serve the page
// afterwards, but refuses new feeds.
func (s *Server) Close() {
	s.mu.Lock()
	s.closed = true
	for c := range s.clients {
		c.drop(dropClosed)
	}
	s.mu.Unlock()
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.mux.ServeHTTP(w, r) }

// keyOK reports whether key is the access key, in constant time.
func (s *Server) keyOK(key string) bool {
	return subtle.ConstantTimeCompare([]byte(key), []byte(s.o.Key)) == 1
}

// Publish hands one event of the bot to the browsers. Call it from a
// listener of the bot (core.Bot.Listen); it never blocks: a browser whose
// queue is full is disconnected. Secrets never leave the process: the
// members named token, session_id and resume_gateway_url are removed
// from every event, at any depth (an interaction's token, a voice
// server's token), and an event that cannot be checked is not sent.
func (s *Server) Publish(ev core.Event) {
	if s.nclient.Load() == 0 {
		return
	}
	raw, ok := redact(ev.Raw())
	if !ok {
		return
	}
	i := 0
	for i < len(raw) && raw[i] != '{' {
		i++
	}
	if i == len(raw) {
		return
	}
	msg := make([]byte, 0, len(raw)+16)
	msg = append(msg, `{"shard":`...)
	msg = strconv.AppendInt(msg, int64(ev.Shard), 10)
	if rest := raw[i+1:]; len(rest) > 0 && !isClose(rest) {
		msg = append(msg, ',')
	}
	msg = append(msg, raw[i+1:]...)
	it := item{msg: msg, shard: ev.Shard, seq: ev.Seq, ready: ev.Name() == "READY"}
	s.mu.Lock()
	for c := range s.clients {
		if !c.push(it, s.o.QueueBytes) {
			// Gone from the feed now, its queue freed; its connection
			// closes once the write in progress, if any, ends.
			delete(s.clients, c)
			s.nclient.Add(-1)
			c.discard()
			c.drop(dropSlow)
		}
	}
	s.mu.Unlock()
}

// isClose reports whether s is only space and a closing brace.
func isClose(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ', '\t', '\r', '\n':
		case '}':
			return true
		default:
			return false
		}
	}
	return false
}

// register adds a browser; nil when the server is closed.
func (s *Server) register() *client {
	c := &client{ready: make(chan struct{}, 1), gone: make(chan struct{})}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	s.clients[c] = struct{}{}
	s.nclient.Add(1)
	return c
}

func (s *Server) unregister(c *client) {
	s.mu.Lock()
	if _, ok := s.clients[c]; ok {
		delete(s.clients, c)
		s.nclient.Add(-1)
	}
	s.mu.Unlock()
}

// Clients is the number of browsers connected to the feed.
func (s *Server) Clients() int { return int(s.nclient.Load()) }

// waitApp waits for SetApp or ctx.
func (s *Server) waitApp(ctx context.Context) (*App, error) {
	select {
	case <-s.appDone:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.app, s.appErr
}
