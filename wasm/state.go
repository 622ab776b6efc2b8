package main

import (
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gloamdev/gloam/cache"
	"github.com/gloamdev/gloam/cache/memory"
	"github.com/gloamdev/gloam/model"
	"github.com/tidwall/gjson"
)

// The state model the page renders from. It holds no browser code, so
// that it is tested natively.

// Connection states of the page.
const (
	connLoading      = "loading"      // connecting, or reading the snapshot
	connLive         = "live"         // events flow
	connDisconnected = "disconnected" // waiting to reconnect
	connRefused      = "refused"      // the feed refused the key
	connError        = "error"        // cannot go on
)

// Feed message types of the relay (see package dashboard).
const (
	typeHealth      = "GLOAM_HEALTH"
	typeSnapshotEnd = "GLOAM_SNAPSHOT_END"
	typeStats       = "GLOAM_STATS"
)

const (
	feedLength = 50  // live events listed
	rateWindow = 300 // seconds of events per second charted
)

// shardInfo is one shard's health.
type shardInfo struct {
	ID              int
	State           string
	LatencyMS       float64
	Connects        int
	Reconnects      int
	Reasons         string // the reconnects by reason, "close 2, reconnect 1"
	Events          int64
	EventsPerSecond float64
	LastError       string
}

// feedEntry is one live event.
type feedEntry struct {
	At    time.Time
	Shard int
	Type  string
	Text  string
}

// state is what the page knows: the cache the events are applied to, the
// shards' health, the last events and the event rate. Safe for concurrent
// use.
type state struct {
	mu         sync.Mutex
	c          *cache.Cache
	mode       string // "relay" or "direct"
	conn       string
	detail     string
	synced     bool // the snapshot is in: later events are live
	shards     map[int]*shardInfo
	shardCount int
	stats      string      // d of the last TypeStats message: the bot's figures, JSON
	feed       []feedEntry // newest last
	rate       rateSeries
	errors     int   // events the cache could not apply
	live       int64 // live events counted
	version    uint64
	now        func() time.Time
}

func newState() *state {
	s := &state{mode: "relay", conn: connLoading, now: time.Now}
	s.resetLocked()
	return s
}

// reset starts over with an empty cache, for a fresh snapshot or a new
// session. The event list and the chart are kept: they are history.
func (s *state) reset(mode string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.mode = mode
	s.resetLocked()
}

func (s *state) resetLocked() {
	s.c = cache.New(memory.New(), nil)
	s.synced = s.mode == "direct"
	s.shards = map[int]*shardInfo{}
	s.shardCount = 0
	s.stats = ""
	s.version++
}

// cache is the current cache.
func (s *state) cache() *cache.Cache {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.c
}

func (s *state) setConn(conn, detail string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.conn != conn || s.detail != detail {
		s.conn, s.detail = conn, detail
		s.version++
	}
}

// handle applies one message of the relay's feed.
func (s *state) handle(msg []byte) error {
	ev, err := model.ParseEvent(msg)
	if err != nil {
		return err
	}
	shard := int(gjson.Get(ev.Raw(), "shard").Int())
	switch ev.Name() {
	case typeHealth:
		d := gjson.Parse(ev.Data())
		s.setHealth(shardInfo{
			ID: shard, State: d.Get("state").Str, LatencyMS: d.Get("latency_ms").Float(),
			Connects: int(d.Get("connects").Int()), Reconnects: int(d.Get("reconnects").Int()),
			Reasons: counts(d.Get("reconnect_reasons")), Events: d.Get("events").Int(),
			EventsPerSecond: d.Get("events_per_second").Float(), LastError: d.Get("last_error").Str,
		}, int(d.Get("shard_count").Int()))
		return nil
	case typeStats:
		d := ev.Data()
		if !gjson.Valid(d) || !gjson.Parse(d).IsObject() {
			return nil // not the figures: nothing to show
		}
		s.mu.Lock()
		s.stats = d
		s.version++
		s.mu.Unlock()
		return nil
	case typeSnapshotEnd:
		s.mu.Lock()
		s.synced = true
		s.conn, s.detail = connLive, ""
		s.version++
		s.mu.Unlock()
		return nil
	}
	s.event(shard, ev)
	return nil
}

// counts writes a JSON object of counts as "key n, key n", in the
// object's order.
func counts(o gjson.Result) string {
	var parts []string
	o.ForEach(func(k, v gjson.Result) bool {
		parts = append(parts, k.String()+" "+strconv.FormatInt(v.Int(), 10))
		return true
	})
	return strings.Join(parts, ", ")
}

func (s *state) setHealth(h shardInfo, count int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.shards[h.ID] = &h
	if count > 0 {
		s.shardCount = count
	}
	s.version++
}

// event applies a dispatch to the cache, the way the bot does, and once
// the snapshot is in, lists and counts it.
func (s *state) event(shard int, ev model.Event) {
	s.mu.Lock()
	c, live := s.c, s.synced
	s.mu.Unlock()
	err := c.Apply(shard, ev)
	s.mu.Lock()
	defer s.mu.Unlock()
	if err != nil {
		s.errors++
	}
	s.version++
	if !live || c != s.c {
		return
	}
	now := s.now()
	s.live++
	s.rate.add(now)
	s.feed = append(s.feed, feedEntry{At: now, Shard: shard, Type: eventName(ev), Text: describe(c, ev)})
	if len(s.feed) > feedLength {
		s.feed = append(s.feed[:0], s.feed[len(s.feed)-feedLength:]...)
	}
}

func eventName(ev model.Event) string {
	if n := ev.Name(); n != "" {
		return n
	}
	return "op " + strconv.Itoa(int(ev.Op))
}

// view is a consistent copy of what the page shows.
type view struct {
	mode, conn, detail string
	synced             bool
	shards             []shardInfo
	shardCount         int
	stats              gjson.Result // the bot's figures; none in direct mode
	feed               []feedEntry
	rate               []int
	c                  *cache.Cache
	version            uint64
}

func (s *state) view() view {
	s.mu.Lock()
	defer s.mu.Unlock()
	v := view{mode: s.mode, conn: s.conn, detail: s.detail, synced: s.synced, shardCount: s.shardCount,
		c: s.c, version: s.version, rate: s.rate.series(s.now()), stats: gjson.Parse(s.stats)}
	for _, sh := range s.shards {
		v.shards = append(v.shards, *sh)
	}
	for i := 1; i < len(v.shards); i++ {
		for j := i; j > 0 && v.shards[j].ID < v.shards[j-1].ID; j-- {
			v.shards[j], v.shards[j-1] = v.shards[j-1], v.shards[j]
		}
	}
	v.feed = append([]feedEntry(nil), s.feed...)
	return v
}

// changed reports the version of the state, which moves on every change.
func (s *state) changed() uint64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.version
}

// rateSeries counts events per second over the last rateWindow seconds.
type rateSeries struct {
	counts [rateWindow]int
	last   int64 // the Unix second of the newest bucket
}

func (r *rateSeries) advance(sec int64) {
	if sec <= r.last {
		return
	}
	if sec-r.last >= rateWindow {
		r.counts = [rateWindow]int{}
	} else {
		for t := r.last + 1; t <= sec; t++ {
			r.counts[t%rateWindow] = 0
		}
	}
	r.last = sec
}

func (r *rateSeries) add(now time.Time) {
	sec := now.Unix()
	r.advance(sec)
	if sec > r.last-rateWindow {
		r.counts[sec%rateWindow]++
	}
}

// series is the counts of the last rateWindow seconds, oldest first; the
// current second, still counting, is left out.
func (r *rateSeries) series(now time.Time) []int {
	r.advance(now.Unix())
	out := make([]int, 0, rateWindow-1)
	for t := r.last - rateWindow + 1; t < r.last; t++ {
		out = append(out, r.counts[((t%rateWindow)+rateWindow)%rateWindow])
	}
	return out
}

// describe says in a few words what an event is about, with names from
// the cache.
func describe(c *cache.Cache, ev model.Event) string {
	d := gjson.Parse(ev.Data())
	guild := func() string {
		if g, ok := c.Guild(model.GuildID(d.Get("guild_id").Uint())); ok {
			return g.Name
		}
		return ""
	}
	channel := func(path string) string {
		if ch, ok := c.Channel(model.ChannelID(d.Get(path).Uint())); ok {
			return "#" + ch.Name
		}
		return ""
	}
	user := func(path string) string {
		id := d.Get(path)
		if u, ok := c.User(model.UserID(id.Uint())); ok {
			return userName(&u)
		}
		if n := d.Get(strings.TrimSuffix(path, ".id") + ".username"); n.Exists() {
			return n.Str
		}
		return id.Str
	}
	switch ev.Type {
	case model.EventMessageCreate, model.EventMessageUpdate:
		return join(channel("channel_id"), user("author.id")+": "+clip(d.Get("content").Str, 120))
	case model.EventMessageDelete:
		return join(channel("channel_id"), "message deleted")
	case model.EventTypingStart:
		return join(user("user_id"), "typing in "+channel("channel_id"))
	case model.EventPresenceUpdate:
		return join(user("user.id"), "is "+d.Get("status").Str)
	case model.EventGuildMemberAdd:
		return join(user("user.id"), "joined "+guild())
	case model.EventGuildMemberRemove:
		return join(user("user.id"), "left "+guild())
	case model.EventGuildMemberUpdate:
		return join(user("user.id"), "updated in "+guild())
	case model.EventGuildCreate:
		return d.Get("name").Str + " (" + strconv.FormatInt(d.Get("member_count").Int(), 10) + " members)"
	case model.EventReady:
		return "session ready, " + strconv.Itoa(int(d.Get("guilds.#").Int())) + " guilds"
	case model.EventResumed:
		return "session resumed"
	case model.EventMessageReactionAdd, model.EventMessageReactionRemove:
		return join(channel("channel_id"), user("user_id")+" "+d.Get("emoji.name").Str)
	}
	if ch := channel("channel_id"); ch != "" {
		return join(guild(), ch)
	}
	return guild()
}

func join(a, b string) string {
	a, b = strings.TrimSpace(a), strings.TrimSpace(b)
	if a == "" {
		return b
	}
	if b == "" {
		return a
	}
	return a + " · " + b
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xc0 == 0x80 {
		n--
	}
	return s[:n] + "…"
}

func userName(u *cache.User) string {
	if u.GlobalName != "" {
		return u.GlobalName
	}
	return u.Username
}
