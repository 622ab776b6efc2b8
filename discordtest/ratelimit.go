package discordtest

import (
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"net/http"
	"strconv"
	"time"
)

// RateLimit is the per-route limit of a bucket: Limit requests per Window,
// counted separately for each value of the route's major parameter
// (channel_id, guild_id, or webhook_id with webhook_token). The window
// starts with the first request after the previous one ended, as
// Discord's does.
type RateLimit struct {
	// Limit is the number of requests per window. Zero or less: the route
	// has no per-route limit and sends no X-RateLimit headers.
	Limit int

	// Window is the length of the window. Zero: one second.
	Window time.Duration

	// Bucket names a bucket shared by several routes: routes with the same
	// Bucket share one X-RateLimit-Bucket hash and one count per major
	// parameter. Empty: the route has a bucket of its own.
	Bucket string
}

// Rate-limit scopes, as in X-RateLimit-Scope.
const (
	ScopeUser   = "user"   // the bot's own per-route limit
	ScopeGlobal = "global" // the bot's global limit
	ScopeShared = "shared" // a limit of the resource, shared with others; not counted as invalid
)

// RateLimitFault forces 429 responses on a route, as Discord sends when a
// resource is busy or during an incident. A forced 429 is not one the
// client could have avoided.
type RateLimitFault struct {
	// Route is the route, "METHOD /template" as the spec writes it (e.g.
	// "POST /channels/{channel_id}/messages"). Empty: every route.
	Route string

	// Count is how many of the next matching requests get a 429.
	Count int

	// Probability is the chance that any matching request gets a 429, on
	// top of Count. Zero: none.
	Probability float64

	// RetryAfter is the retry_after sent. Zero: one second.
	RetryAfter time.Duration

	// Scope is ScopeUser, ScopeShared or ScopeGlobal. Empty: ScopeShared.
	Scope string
}

// defaultRateLimits are the per-route limits when RESTOptions does not
// say otherwise, modelled on what Discord answers.
var defaultRateLimits = map[string]RateLimit{
	"POST /channels/{channel_id}/messages":                                                 {5, 5 * time.Second, ""},
	"PATCH /channels/{channel_id}/messages/{message_id}":                                   {5, 5 * time.Second, ""},
	"DELETE /channels/{channel_id}/messages/{message_id}":                                  {5, time.Second, ""},
	"POST /channels/{channel_id}/messages/bulk-delete":                                     {1, time.Second, ""},
	"POST /channels/{channel_id}/typing":                                                   {5, 5 * time.Second, ""},
	"PATCH /channels/{channel_id}":                                                         {5, 5 * time.Second, ""},
	"PUT /channels/{channel_id}/messages/{message_id}/reactions/{emoji_name}/@me":          {1, 250 * time.Millisecond, "reactions"},
	"DELETE /channels/{channel_id}/messages/{message_id}/reactions/{emoji_name}/@me":       {1, 250 * time.Millisecond, "reactions"},
	"DELETE /channels/{channel_id}/messages/{message_id}/reactions/{emoji_name}/{user_id}": {1, 250 * time.Millisecond, "reactions"},
	"DELETE /channels/{channel_id}/messages/{message_id}/reactions/{emoji_name}":           {1, 250 * time.Millisecond, "reactions"},
	"DELETE /channels/{channel_id}/messages/{message_id}/reactions":                        {1, 250 * time.Millisecond, "reactions"},
	"PUT /channels/{channel_id}/messages/pins/{message_id}":                                {5, 5 * time.Second, "pins"},
	"DELETE /channels/{channel_id}/messages/pins/{message_id}":                             {5, 5 * time.Second, "pins"},
	"PUT /channels/{channel_id}/pins/{message_id}":                                         {5, 5 * time.Second, "pins"},
	"DELETE /channels/{channel_id}/pins/{message_id}":                                      {5, 5 * time.Second, "pins"},
	"PATCH /guilds/{guild_id}/members/{user_id}":                                           {10, 10 * time.Second, ""},
	"PUT /guilds/{guild_id}/members/{user_id}/roles/{role_id}":                             {10, 10 * time.Second, "member-roles"},
	"DELETE /guilds/{guild_id}/members/{user_id}/roles/{role_id}":                          {10, 10 * time.Second, "member-roles"},
	"DELETE /guilds/{guild_id}/members/{user_id}":                                          {5, 5 * time.Second, ""},
	"PUT /guilds/{guild_id}/bans/{user_id}":                                                {5, 5 * time.Second, "bans"},
	"DELETE /guilds/{guild_id}/bans/{user_id}":                                             {5, 5 * time.Second, "bans"},
	"POST /guilds/{guild_id}/roles":                                                        {10, 10 * time.Second, ""},
	"POST /guilds/{guild_id}/channels":                                                     {5, 5 * time.Second, ""},
	"POST /webhooks/{webhook_id}/{webhook_token}":                                          {5, 2 * time.Second, ""},
	"POST /interactions/{interaction_id}/{interaction_token}/callback":                     {},
	"POST /users/@me/channels":                                                             {5, 5 * time.Second, ""},
}

// defaultRateLimit is the limit of a route default RateLimits does not list.
func defaultRateLimit(rt *route) RateLimit {
	if l, ok := defaultRateLimits[rt.key]; ok {
		return l
	}
	if rt.Method == http.MethodGet {
		return RateLimit{Limit: 50, Window: time.Second}
	}
	return RateLimit{Limit: 5, Window: time.Second}
}

// bucketDef is a route's resolved limit on one server.
type bucketDef struct {
	limit  int
	window time.Duration
	hash   string // X-RateLimit-Bucket
}

// bucketKey identifies the count of one bucket for one major parameter
// and one identity (bot token, bearer token, or none).
type bucketKey struct {
	identity string
	hash     string
	major    string
}

type bucketState struct {
	remaining int
	reset     time.Time
}

// windowCounter is a fixed window that starts with its first event.
type windowCounter struct {
	n     int
	reset time.Time
}

func (c *windowCounter) roll(now time.Time, window time.Duration) {
	if !now.Before(c.reset) {
		c.n = 0
		c.reset = now.Add(window)
	}
}

// bucketHash is the opaque X-RateLimit-Bucket value of a bucket name: 32
// hex digits, like Discord's.
func bucketHash(name string) string {
	h := fnv.New128a()
	h.Write([]byte("discordtest/" + name))
	return fmt.Sprintf("%x", h.Sum(nil))
}

// resolveLimits computes every route's bucket on this server.
func (rs *restState) resolveLimits() {
	routes()
	rs.buckets = make([]bucketDef, len(routeList))
	for i, rt := range routeList {
		l := defaultRateLimit(rt)
		if o, ok := rs.opts.RateLimits[rt.key]; ok {
			l = o
		}
		if rs.opts.RateLimitFunc != nil {
			l = rs.opts.RateLimitFunc(rt.key, l)
		}
		if l.Limit <= 0 {
			continue
		}
		if l.Window <= 0 {
			l.Window = time.Second
		}
		name := l.Bucket
		if name == "" {
			name = rt.key
		}
		rs.buckets[i] = bucketDef{limit: l.Limit, window: l.Window, hash: bucketHash(name)}
	}
}

// limitResult is what the limiter decided about one request.
type limitResult struct {
	def       *bucketDef // nil: no per-route limit
	remaining int
	reset     time.Time

	limited    bool
	scope      string
	retryAfter time.Duration
	forced     bool

	unknownBucket bool // limited on the route's first request, by other routes of its bucket
}

// seenKey records that an identity has used a route.
type seenKey struct {
	identity string
	route    int
}

// majorKey is the value of a route's major parameters.
func majorKey(rt *route, vals []string) string {
	switch len(rt.major) {
	case 0:
		return ""
	case 1:
		return vals[rt.major[0]]
	}
	s := ""
	for i, j := range rt.major {
		if i > 0 {
			s += "/"
		}
		s += vals[j]
	}
	return s
}

// limit applies the global limit, forced faults and the route's bucket to
// one request. It is called with rs.mu held.
func (rs *restState) limit(now time.Time, rt *route, vals []string, identity string) limitResult {
	var res limitResult
	def := &rs.buckets[rt.index]
	var st *bucketState
	if def.limit > 0 {
		res.def = def
		k := bucketKey{identity: identity, hash: def.hash, major: majorKey(rt, vals)}
		st = rs.state[k]
		if st == nil {
			st = &bucketState{}
			rs.state[k] = st
			rs.sweep(now)
		}
		if !now.Before(st.reset) {
			st.remaining = def.limit
			st.reset = now.Add(def.window)
		}
		res.remaining, res.reset = st.remaining, st.reset
	}

	// the global limit, per identity; interactions and webhook tokens are exempt
	if rs.globalLimit > 0 && !rt.exempt {
		g := rs.global[identity]
		if g == nil {
			g = &windowCounter{}
			rs.global[identity] = g
		}
		// A client's own window may start a little before the server's
		// (it starts when the client sends, the server's when it
		// receives), so the server's window ends a tenth early.
		if !now.Before(g.reset.Add(-rs.globalWindow / 10)) {
			g.n = 0
			g.reset = now.Add(rs.globalWindow)
		}
		if g.n >= rs.globalLimit {
			res.limited, res.scope, res.retryAfter = true, ScopeGlobal, g.reset.Sub(now)
			return res
		}
		g.n++
	}

	if f := rs.forcedFault(rt); f != nil {
		res.limited, res.forced, res.scope, res.retryAfter = true, true, f.Scope, f.RetryAfter
		return res
	}

	// A route's first request cannot know that its bucket, shared with
	// other routes, is empty; from the second on, the client could have
	// learnt the bucket.
	sk := seenKey{identity: identity, route: rt.index}
	first := !rs.seen[sk]
	rs.seen[sk] = true
	if st != nil {
		if st.remaining <= 0 {
			res.limited, res.scope, res.retryAfter = true, ScopeUser, st.reset.Sub(now)
			res.unknownBucket = first
			return res
		}
		st.remaining--
		res.remaining = st.remaining
	}
	return res
}

// sweep drops the buckets whose windows ended, when there are many.
func (rs *restState) sweep(now time.Time) {
	if len(rs.state) < 4096 {
		return
	}
	for k, st := range rs.state {
		if !now.Before(st.reset) {
			delete(rs.state, k)
		}
	}
}

// forcedFault returns the fault that applies to this request, if any,
// and uses up one of its count.
func (rs *restState) forcedFault(rt *route) *RateLimitFault {
	for i := 0; i < len(rs.faults); i++ {
		f := &rs.faults[i]
		if f.Route != "" && f.Route != rt.key {
			continue
		}
		if f.Count > 0 {
			f.Count--
			out := *f
			if f.Count == 0 && f.Probability <= 0 {
				rs.faults = append(rs.faults[:i], rs.faults[i+1:]...)
			}
			return &out
		}
		if f.Probability > 0 && rs.rand.Float64() < f.Probability {
			out := *f
			return &out
		}
	}
	return nil
}

// normalizeFault fills a fault's defaults.
func normalizeFault(f RateLimitFault) RateLimitFault {
	if f.RetryAfter <= 0 {
		f.RetryAfter = time.Second
	}
	switch f.Scope {
	case ScopeUser, ScopeGlobal, ScopeShared:
	default:
		f.Scope = ScopeShared
	}
	return f
}

// InjectRateLimit adds a fault: the next matching requests (and, with a
// probability, later ones) are answered with 429.
func (s *Server) InjectRateLimit(f RateLimitFault) {
	rs := s.rest
	rs.mu.Lock()
	defer rs.mu.Unlock()
	if f.Count > 0 || f.Probability > 0 {
		rs.faults = append(rs.faults, normalizeFault(f))
	}
}

// newFaultRand is the random source of probabilistic faults.
func newFaultRand(seed uint64) *rand.Rand {
	return rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
}

// seconds formats a duration in seconds with millisecond precision,
// rounded up so that a client waiting that long finds the window over.
func rlSeconds(d time.Duration) string {
	if d < 0 {
		d = 0
	}
	ms := (d + time.Millisecond - 1) / time.Millisecond
	return strconv.FormatFloat(float64(ms)/1000, 'f', 3, 64)
}

// epochSeconds formats a time as Unix seconds with millisecond precision,
// rounded up.
func epochSeconds(t time.Time) string {
	ms := (t.UnixNano() + int64(time.Millisecond) - 1) / int64(time.Millisecond)
	return strconv.FormatFloat(float64(ms)/1000, 'f', 3, 64)
}

// setBucketHeaders writes the X-RateLimit headers of a per-route bucket.
func setBucketHeaders(h http.Header, res *limitResult, now time.Time) {
	if res.def == nil {
		return
	}
	h.Set("X-RateLimit-Limit", strconv.Itoa(res.def.limit))
	h.Set("X-RateLimit-Remaining", strconv.Itoa(res.remaining))
	h.Set("X-RateLimit-Reset", epochSeconds(res.reset))
	h.Set("X-RateLimit-Reset-After", rlSeconds(res.reset.Sub(now)))
	h.Set("X-RateLimit-Bucket", res.def.hash)
}

// write429 answers a rate-limited request as Discord does.
func write429(w http.ResponseWriter, res *limitResult, now time.Time) {
	h := w.Header()
	global := res.scope == ScopeGlobal
	if !global {
		setBucketHeaders(h, res, now)
	} else {
		h.Set("X-RateLimit-Global", "true")
	}
	h.Set("X-RateLimit-Scope", res.scope)
	h.Set("Retry-After", strconv.FormatInt(int64(math.Ceil(res.retryAfter.Seconds())), 10))
	msg := "You are being rate limited."
	if res.scope == ScopeShared {
		msg = "The resource is being rate limited."
	}
	body := rateLimitBody{Message: msg, RetryAfter: roundUpSeconds(res.retryAfter), Global: global}
	restJSON(w, http.StatusTooManyRequests, body)
}

// rateLimitBody is the JSON of a 429.
type rateLimitBody struct {
	Message    string  `json:"message"`
	RetryAfter float64 `json:"retry_after"`
	Global     bool    `json:"global"`
	Code       int     `json:"code,omitempty"`
}

func roundUpSeconds(d time.Duration) float64 {
	if d < 0 {
		d = 0
	}
	ms := (d + time.Millisecond - 1) / time.Millisecond
	return float64(ms) / 1000
}
