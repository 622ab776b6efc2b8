//go:build !js

package dashboard

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/coder/websocket"
)

// item is one live message waiting for a browser.
type item struct {
	msg   []byte
	shard int
	seq   int64
	ready bool
}

// itemOverhead is what an item costs besides its message, counted against
// Options.QueueBytes so that many small messages are bounded too.
const itemOverhead = 64

// Reasons a browser is disconnected.
const (
	dropSlow   = 1
	dropClosed = 2
)

// Close codes of the feed.
const (
	// CloseTooSlow ends the feed of a browser that fell more than
	// Options.QueueBytes behind; it reconnects and gets a fresh snapshot.
	CloseTooSlow = 4001
	// CloseUnauthorized ends a feed whose first message did not carry the
	// access key (or that sent none in time).
	CloseUnauthorized = 4401
	// CloseGoingAway ends the feeds when the server closes.
	CloseGoingAway = 1001
)

// errDropped ends the feed of a dropped browser.
var errDropped = errors.New("dashboard: browser dropped")

// client is one browser on the feed.
type client struct {
	mu    sync.Mutex
	q     []item // oldest first
	bytes int    // what q holds, with itemOverhead per item

	ready chan struct{} // a token when q may have items
	gone  chan struct{}
	once  sync.Once
	why   atomic.Int32 // why it was dropped: 0 until drop
}

// push queues it unless that would take the queue over budget bytes;
// a message alone in the queue always fits.
func (c *client) push(it item, budget int) bool {
	n := len(it.msg) + itemOverhead
	c.mu.Lock()
	if c.bytes > 0 && c.bytes+n > budget {
		c.mu.Unlock()
		return false
	}
	c.q = append(c.q, it)
	c.bytes += n
	c.mu.Unlock()
	select {
	case c.ready <- struct{}{}:
	default:
	}
	return true
}

// pop takes the oldest item.
func (c *client) pop() (item, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.q) == 0 {
		return item{}, false
	}
	it := c.q[0]
	c.q[0] = item{}
	c.q = c.q[1:]
	c.bytes -= len(it.msg) + itemOverhead
	if len(c.q) == 0 {
		c.q = nil // let the backing array go
	}
	return it, true
}

// discard empties the queue.
func (c *client) discard() {
	c.mu.Lock()
	c.q, c.bytes = nil, 0
	c.mu.Unlock()
}

// drop disconnects the client; the first reason wins.
func (c *client) drop(why int) {
	c.once.Do(func() {
		c.why.Store(int32(why))
		close(c.gone)
	})
}

// isUpgrade reports whether r asks for a WebSocket.
func isUpgrade(r *http.Request) bool {
	return strings.EqualFold(r.Header.Get("Upgrade"), "websocket")
}

func (s *Server) serveFeed(w http.ResponseWriter, r *http.Request) {
	// A key in the query string is never looked at: it would be in logs
	// and histories. A client that can set headers sends it in one; a
	// browser's WebSocket cannot, and sends it in its first message.
	authed := false
	if h := r.Header.Get("Authorization"); h != "" {
		key, ok := strings.CutPrefix(h, "Bearer ")
		if !ok || !s.keyOK(key) {
			unauthorized(w)
			return
		}
		authed = true
	}
	if !isUpgrade(r) {
		unauthorized(w)
		return
	}
	// Connections waiting for their key are few: each holds a socket for
	// up to authTimeout, and no one without the key may hold many.
	release := func() {}
	if !authed {
		if s.pending.Add(1) > maxPending {
			s.pending.Add(-1)
			w.Header().Set("Retry-After", "10")
			http.Error(w, "dashboard: too many connections waiting for their key", http.StatusServiceUnavailable)
			return
		}
		release = sync.OnceFunc(func() { s.pending.Add(-1) })
		defer release()
	}
	ws, err := websocket.Accept(w, r, &websocket.AcceptOptions{
		CompressionMode:      websocket.CompressionNoContextTakeover,
		CompressionThreshold: 512,
	})
	if err != nil {
		return // Accept has answered
	}
	defer ws.CloseNow()
	if !authed {
		err := s.authenticate(ws)
		release()
		if err != nil {
			s.log.Warn("dashboard: feed refused", "remote", r.RemoteAddr, "err", err)
			ws.Close(CloseUnauthorized, "the feed needs the access key gloam run printed")
			return
		}
	}
	c := s.register()
	if c == nil {
		ws.Close(CloseGoingAway, "dashboard closed")
		return
	}
	defer s.unregister(c)
	s.log.Info("dashboard: browser connected", "remote", r.RemoteAddr)
	// The browser sends nothing more; CloseRead answers its pings and
	// notices when it leaves. A browser dropped for being slow gets its
	// close frame once the write in progress, if any, is through (or has
	// timed out): the feed never cuts a message in two.
	ctx := ws.CloseRead(context.Background())
	err = s.feed(ctx, ws, c)
	why := int(c.why.Load())
	switch {
	case why == dropSlow:
		reason := fmt.Sprintf("too slow: over %d KiB behind; reconnect for a fresh snapshot", s.o.QueueBytes>>10)
		s.log.Warn("dashboard: browser disconnected", "remote", r.RemoteAddr, "reason", reason)
		ws.Close(CloseTooSlow, reason)
	case why == dropClosed:
		ws.Close(CloseGoingAway, "dashboard closed")
	case err != nil && !errors.Is(err, context.Canceled) && !errors.Is(err, errDropped):
		s.log.Info("dashboard: browser left", "remote", r.RemoteAddr, "err", err)
	}
}

func unauthorized(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(http.StatusUnauthorized)
	w.Write([]byte("dashboard: the feed needs the access key gloam run printed\n"))
}

// maxPending bounds the feed connections waiting for their key.
const maxPending = 64

// keyMessage is the first message of a browser on the feed.
type keyMessage struct {
	Key string `json:"key"`
}

// authenticate reads the browser's first message, {"key":"..."}, within
// authTimeout and checks the key.
func (s *Server) authenticate(ws *websocket.Conn) error {
	ctx, cancel := context.WithTimeout(context.Background(), authTimeout)
	defer cancel()
	ws.SetReadLimit(1 << 10)
	_, p, err := ws.Read(ctx)
	if err != nil {
		return fmt.Errorf("no access key: %w", err)
	}
	var m keyMessage
	if json.Unmarshal(p, &m) != nil || !s.keyOK(m.Key) {
		return errors.New("a wrong access key")
	}
	return nil
}

// feed writes the health, the snapshot, then live messages and health
// until ctx is done or a write fails.
func (s *Server) feed(ctx context.Context, ws *websocket.Conn, c *client) error {
	write := func(p []byte) error {
		select {
		case <-c.gone:
			return errDropped
		default:
		}
		wctx, cancel := context.WithTimeout(ctx, s.o.WriteTimeout)
		defer cancel()
		return ws.Write(wctx, websocket.MessageText, p)
	}
	for _, m := range s.health() {
		if err := write(m); err != nil {
			return err
		}
	}
	// The sequence number each shard's session stood at before the
	// snapshot: live events up to it are in the snapshot already.
	cch := s.bot.Cache()
	var shards []int
	seen := map[int]int64{}
	for _, h := range s.bot.Health().Shards {
		shards = append(shards, h.Shard)
		if ss, ok := cch.Session(h.Shard); ok {
			seen[h.Shard] = ss.Seq
		}
	}
	if err := snapshot(cch, s.bot.Health().ShardCount, shards, func(_ int, p []byte) error { return write(p) }); err != nil {
		return err
	}
	if err := write(append(envelope(nil, 0, TypeSnapshotEnd), "{}}"...)); err != nil {
		return err
	}
	t := time.NewTicker(s.o.HealthInterval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-c.gone:
			return errDropped
		case <-c.ready:
			for {
				it, ok := c.pop()
				if !ok {
					break
				}
				if it.ready {
					delete(seen, it.shard) // a new session: its numbers start again
				} else if at, ok := seen[it.shard]; ok && it.seq != 0 && it.seq <= at {
					continue
				}
				if err := write(it.msg); err != nil {
					return err
				}
			}
		case <-t.C:
			for _, m := range s.health() {
				if err := write(m); err != nil {
					return err
				}
			}
		}
	}
}

// health is the feed messages of the shards' health and of the bot's
// figures (TypeStats), made at most once per half HealthInterval whatever
// the number of browsers.
func (s *Server) health() [][]byte {
	s.hmu.Lock()
	defer s.hmu.Unlock()
	now := time.Now()
	if s.hCached != nil && now.Sub(s.hAt) < s.o.HealthInterval/2 {
		return s.hCached
	}
	// One snapshot for both: the shards' health and the figures.
	st := s.bot.Stats()
	health := st.Health
	var out [][]byte
	for _, h := range health.Shards {
		// The shard in core's JSON form, with the run's shard count.
		j, err := json.Marshal(h)
		if err != nil || len(j) < 2 || j[0] != '{' {
			continue
		}
		b := envelope(nil, h.Shard, TypeHealth)
		b = append(b, `{"shard_count":`...)
		b = strconv.AppendInt(b, int64(health.ShardCount), 10)
		if j[1] != '}' {
			b = append(b, ',')
		}
		b = append(b, j[1:]...)
		out = append(out, append(b, '}'))
	}
	if m := statsMessage(st); m != nil {
		out = append(out, m)
	}
	s.hAt, s.hCached = now, out
	return out
}
