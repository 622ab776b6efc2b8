package discordtest_test

import (
	"compress/zlib"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/gloamdev/gloam/discordtest"
	"github.com/gloamdev/gloam/internal/leaktest"
	"github.com/gloamdev/gloam/model"
	"github.com/klauspost/compress/zstd"
	"github.com/matryer/is"
)

// TestMain fails the run when goroutines (of the server or its clients)
// outlive the tests.
func TestMain(m *testing.M) { leaktest.Main(m, nil) }

// payload is a gateway payload as a raw client sees it.
type payload struct {
	Op int             `json:"op"`
	S  *int64          `json:"s"`
	T  *string         `json:"t"`
	D  json.RawMessage `json:"d"`
}

func (p payload) name() string {
	if p.T == nil {
		return ""
	}
	return *p.T
}

func (p payload) seq() int64 {
	if p.S == nil {
		return 0
	}
	return *p.S
}

// client is a minimal gateway client on coder/websocket, independent of
// gloam's gateway package.
type client struct {
	t    testing.TB
	ws   *websocket.Conn
	ctx  context.Context
	dec  *json.Decoder // for compressed connections
	feed *feed
	raw  [][]byte // compressed frames received, for inspection
}

// feed turns the connection's binary messages into one byte stream.
type feed struct {
	c   *client
	cur []byte
}

func (f *feed) Read(p []byte) (int, error) {
	for len(f.cur) == 0 {
		typ, b, err := f.c.ws.Read(f.c.ctx)
		if err != nil {
			return 0, err
		}
		if typ != websocket.MessageBinary {
			return 0, errors.New("text frame on a compressed connection")
		}
		f.c.raw = append(f.c.raw, b)
		f.cur = b
	}
	n := copy(p, f.cur)
	f.cur = f.cur[n:]
	return n, nil
}

func dial(t testing.TB, url string) *client {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	ws, _, err := websocket.Dial(ctx, url, nil)
	if err != nil {
		t.Fatalf("dial %s: %v", url, err)
	}
	ws.SetReadLimit(1 << 24)
	c := &client{t: t, ws: ws, ctx: ctx}
	t.Cleanup(func() { ws.CloseNow() })
	switch {
	case strings.Contains(url, "compress=zlib-stream"):
		c.feed = &feed{c: c}
		c.dec = json.NewDecoder(lazyReader(func() (io.Reader, error) { return zlib.NewReader(c.feed) }))
	case strings.Contains(url, "compress=zstd-stream"):
		c.feed = &feed{c: c}
		c.dec = json.NewDecoder(lazyReader(func() (io.Reader, error) {
			return zstd.NewReader(c.feed, zstd.WithDecoderConcurrency(1))
		}))
	}
	return c
}

// lazyReader opens its reader on first use, so that a decompressor does
// not read its header before the test asks for a payload.
func lazyReader(open func() (io.Reader, error)) io.Reader { return &lazy{open: open} }

type lazy struct {
	open func() (io.Reader, error)
	r    io.Reader
}

func (l *lazy) Read(p []byte) (int, error) {
	if l.r == nil {
		r, err := l.open()
		if err != nil {
			return 0, err
		}
		l.r = r
	}
	return l.r.Read(p)
}

// read returns the next payload, or the error that ended the connection.
func (c *client) read() (payload, error) {
	var p payload
	if c.dec != nil {
		err := c.dec.Decode(&p)
		return p, err
	}
	typ, b, err := c.ws.Read(c.ctx)
	if err != nil {
		return p, err
	}
	if typ != websocket.MessageText {
		return p, errors.New("binary frame on an uncompressed connection")
	}
	if err := json.Unmarshal(b, &p); err != nil {
		return p, fmt.Errorf("payload %q: %w", b, err)
	}
	return p, nil
}

func (c *client) mustRead() payload {
	c.t.Helper()
	p, err := c.read()
	if err != nil {
		c.t.Fatalf("read: %v", err)
	}
	return p
}

// until reads up to the first payload with the op (and dispatch name, for
// op 0), failing on anything that ends the connection.
func (c *client) until(op int, name string) payload {
	c.t.Helper()
	for {
		p := c.mustRead()
		if p.Op == op && (op != 0 || name == "" || p.name() == name) {
			return p
		}
	}
}

func (c *client) send(v any) {
	c.t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		c.t.Fatal(err)
	}
	c.sendRaw(b)
}

func (c *client) sendRaw(b []byte) {
	c.t.Helper()
	if err := c.ws.Write(c.ctx, websocket.MessageText, b); err != nil {
		c.t.Fatalf("write: %v", err)
	}
}

// closeCode reads until the server closes the connection and returns the
// close code, -1 when it closed without a close frame.
func (c *client) closeCode() int {
	c.t.Helper()
	for {
		_, err := c.read()
		if err != nil {
			return int(websocket.CloseStatus(err))
		}
	}
}

func identify(token string, intents int, shard ...int) map[string]any {
	d := map[string]any{
		"token":      token,
		"intents":    intents,
		"properties": map[string]string{"os": "linux", "browser": "test", "device": "test"},
	}
	if shard != nil {
		d["shard"] = shard
	}
	return map[string]any{"op": 2, "d": d}
}

var allUnprivileged = int(model.IntentsNonPrivileged)

// eventually waits for cond, which reads counters other goroutines change.
func eventually(t testing.TB, cond func() bool) bool {
	t.Helper()
	for range 500 {
		if cond() {
			return true
		}
		time.Sleep(10 * time.Millisecond)
	}
	return false
}

// ready is the d of READY, as far as the tests read it.
type ready struct {
	V                int    `json:"v"`
	SessionID        string `json:"session_id"`
	ResumeGatewayURL string `json:"resume_gateway_url"`
	Shard            [2]int `json:"shard"`
	User             struct {
		ID  string `json:"id"`
		Bot bool   `json:"bot"`
	} `json:"user"`
	Guilds []struct {
		ID          string `json:"id"`
		Unavailable bool   `json:"unavailable"`
	} `json:"guilds"`
}

// connect dials, reads Hello, identifies and reads READY.
func connect(t testing.TB, srv *discordtest.Server, query string, intents int, shard ...int) (*client, ready) {
	t.Helper()
	c := dial(t, srv.GatewayURL()+"?v=10&encoding=json"+query)
	hello := c.mustRead()
	if hello.Op != 10 {
		t.Fatalf("first payload op %d, want Hello", hello.Op)
	}
	c.send(identify(srv.Token(), intents, shard...))
	p := c.until(0, "READY")
	var r ready
	if err := json.Unmarshal(p.D, &r); err != nil {
		t.Fatal(err)
	}
	return c, r
}

func TestListenRefusesOtherHosts(t *testing.T) {
	is := is.New(t)
	_, err := discordtest.Listen(&discordtest.Options{Addr: "0.0.0.0:0"})
	is.True(errors.Is(err, discordtest.ErrNotLoopback)) // 0.0.0.0 is not loopback
	srv, err := discordtest.Listen(&discordtest.Options{Addr: "localhost:0"})
	is.NoErr(err) // localhost is loopback
	is.True(strings.HasPrefix(srv.Addr(), "127.0.0.1:"))
	srv.Close()
	srv.Close() // Close twice is fine
}

func TestGatewayEndpoints(t *testing.T) {
	is := is.New(t)
	srv := discordtest.NewServer(&discordtest.Options{Shards: 3, MaxConcurrency: 2, SessionStartLimit: 50})
	defer srv.Close()

	get := func(path, auth string) (int, map[string]any) {
		req, _ := http.NewRequest("GET", srv.URL()+path, nil)
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		resp, err := http.DefaultClient.Do(req)
		is.NoErr(err) // GET
		defer resp.Body.Close()
		var m map[string]any
		is.NoErr(json.NewDecoder(resp.Body).Decode(&m)) // JSON body
		return resp.StatusCode, m
	}
	code, m := get("/gateway", "")
	is.Equal(code, 200)
	is.Equal(m["url"], srv.GatewayURL())

	code, m = get("/gateway/bot", "")
	is.Equal(code, 401) // no token
	is.Equal(m["message"], "401: Unauthorized")
	code, _ = get("/gateway/bot", "Bot wrong")
	is.Equal(code, 401) // wrong token

	code, m = get("/gateway/bot", "Bot "+srv.Token())
	is.Equal(code, 200)
	is.Equal(m["url"], srv.GatewayURL())
	is.Equal(m["shards"], 3.0)
	ssl := m["session_start_limit"].(map[string]any)
	is.Equal(ssl["total"], 50.0)
	is.Equal(ssl["remaining"], 50.0)
	is.Equal(ssl["max_concurrency"], 2.0)
	is.True(ssl["reset_after"].(float64) > 0)

	c, _ := connect(t, srv, "", allUnprivileged)
	c.ws.Close(websocket.StatusCode(4000), "")
	_, m = get("/gateway/bot", "Bot "+srv.Token())
	is.Equal(m["session_start_limit"].(map[string]any)["remaining"], 49.0) // one identify used
	is.Equal(srv.Stats().Gateway.SessionStartsRemaining, 49)
}

func dialRaw(url string) (*websocket.Conn, *http.Response, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return websocket.Dial(ctx, url, nil)
}
