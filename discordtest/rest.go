package discordtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/gloamdev/gloam/model"
)

// DefaultBearerToken is the OAuth2 access token the REST API accepts (as
// "Authorization: Bearer <token>") when RESTOptions.BearerTokens is empty.
const DefaultBearerToken = "gloam-test-bearer"

// RESTOptions configures the REST API; the zero value is Discord's
// defaults. Durations can be made short so that tests of rate limiting
// run in milliseconds.
type RESTOptions struct {
	// RateLimits overrides the per-route limits, keyed by route as the
	// spec writes it: "POST /channels/{channel_id}/messages". An entry with
	// Limit 0 removes the route's limit. Routes not listed keep their
	// defaults (message create 5 per 5 s per channel, reactions 1 per
	// 250 ms, other GETs 50 per second, other routes 5 per second).
	RateLimits map[string]RateLimit

	// RateLimitFunc, when set, is called once per route with the route
	// and the limit it would have (after RateLimits) and returns the limit
	// to use. Nil: no change.
	RateLimitFunc func(route string, def RateLimit) RateLimit

	// GlobalLimit is the number of requests per GlobalWindow a token may
	// make across all routes, interaction callbacks and webhook-token
	// routes excepted. Zero: 50. Negative: no global limit.
	GlobalLimit int

	// GlobalWindow is the window of GlobalLimit. Zero: one second. A
	// window starts with the first request after the last one ended and
	// ends a tenth early, so that a client keeping to the limit by its own
	// clock (its window starts when it sends, the server's when it
	// receives) is never judged over it.
	GlobalWindow time.Duration

	// InvalidLimit is the number of invalid requests (401, 403 and 429
	// answers, shared-scope 429s excepted) per InvalidWindow after which
	// every request is refused, as a Cloudflare ban, until the window
	// ends. Zero: 10,000. Negative: no ban.
	InvalidLimit int

	// InvalidWindow is the window of InvalidLimit. Zero: ten minutes.
	InvalidWindow time.Duration

	// Faults are forced 429s, active from the start; see also
	// Server.InjectRateLimit. Nil: none.
	Faults []RateLimitFault

	// Seed seeds the random choices of probabilistic faults. Zero: 1.
	Seed uint64

	// BearerTokens are the OAuth2 access tokens accepted. Empty:
	// DefaultBearerToken.
	BearerTokens []string

	// EnforcePermissions makes the REST API check the bot's permissions as
	// Discord does (from its roles and the channel's overwrites): sending
	// in a channel where it may not gets 403 50013 Missing Permissions, or
	// 50001 Missing Access where it cannot see the channel. False: the bot
	// may do anything.
	EnforcePermissions bool

	// InteractionTimeout is how long after an interaction is sent its
	// initial response is accepted: after it, the interaction has failed
	// ("This interaction failed" in Discord's client, ErrInteractionFailed
	// here) and a late callback gets 10062 Unknown interaction. Zero: 3 s,
	// as on Discord; negative: no limit but the token's lifetime.
	InteractionTimeout time.Duration

	// InteractionTokenLifetime is how long an interaction token works, for
	// the initial response, follow-ups and the original's edits; after it
	// they get 10015 Unknown Webhook (10062 on the callback route). Zero:
	// 15 minutes, as on Discord.
	InteractionTokenLifetime time.Duration

	// MaxBodyBytes caps request bodies; larger ones get 413. Zero: 25 MiB.
	MaxBodyBytes int64
}

// RESTStats counts what clients did on the REST API. Route keys are
// "METHOD /template" as the spec writes them, e.g.
// "POST /channels/{channel_id}/messages".
type RESTStats struct {
	Requests        int            // every request to /api/v10/, answered or not
	RequestsByRoute map[string]int // requests to known routes

	RateLimited              int            // 429s sent (bans excepted)
	RateLimitedByRoute       map[string]int // 429s by route
	AvoidableRateLimited     int            // 429s the client could have avoided: it had used the route before and its bucket was empty, or it was over the global limit
	UnknownBucketRateLimited int            // 429s on a client's first request to a route whose bucket, shared with other routes, was empty: not avoidable
	ForcedRateLimited        int            // 429s forced by faults (RateLimitFault)
	GlobalRateLimited        int            // 429s for the global limit (forced ones excepted)
	SharedRateLimited        int            // forced 429s with scope shared

	InvalidRequests int // 401, 403 and non-shared 429 answers in the current invalid-request window
	Unauthorized    int // 401s sent
	Forbidden       int // 403s sent
	Banned          int // requests refused because the invalid-request limit was passed

	ByStatus map[int]int // answers by HTTP status

	NotFound       int // 404s sent for paths that are no route of the API
	NotImplemented int // requests to routes of the API discordtest does not serve
	InternalErrors int // 500s; always zero unless discordtest has a bug
}

// restState is the REST side of a Server: rate limits, counters and the
// state the routes keep beyond the World (messages, bans, commands...).
type restState struct {
	s    *Server
	opts RESTOptions

	// mu guards the limiter and the counters.
	mu           sync.Mutex
	buckets      []bucketDef // by route index
	state        map[bucketKey]*bucketState
	seen         map[seenKey]bool
	global       map[string]*windowCounter
	globalLimit  int
	globalWindow time.Duration
	invalid      windowCounter
	invLimit     int
	invWindow    time.Duration
	faults       []RateLimitFault
	rand         interface{ Float64() float64 }
	st           RESTStats

	bearer    map[string]bool
	userToken map[string]model.UserID // OAuth2 tokens of World users (Server.AccessToken)
	lastPanic string                  // the last recovered panic, for discordtest's own tests

	// data is the state of the routes; it has its own lock.
	data *restData
}

func newRESTState(s *Server) *restState {
	rs := &restState{
		s:         s,
		opts:      s.opts.REST,
		state:     map[bucketKey]*bucketState{},
		seen:      map[seenKey]bool{},
		global:    map[string]*windowCounter{},
		bearer:    map[string]bool{},
		userToken: map[string]model.UserID{},
	}
	o := &rs.opts
	rs.globalLimit, rs.globalWindow = o.GlobalLimit, o.GlobalWindow
	if rs.globalLimit == 0 {
		rs.globalLimit = 50
	}
	if rs.globalWindow <= 0 {
		rs.globalWindow = time.Second
	}
	rs.invLimit, rs.invWindow = o.InvalidLimit, o.InvalidWindow
	if rs.invLimit == 0 {
		rs.invLimit = 10000
	}
	if rs.invWindow <= 0 {
		rs.invWindow = 10 * time.Minute
	}
	if o.MaxBodyBytes <= 0 {
		o.MaxBodyBytes = 25 << 20
	}
	seed := o.Seed
	if seed == 0 {
		seed = 1
	}
	rs.rand = newFaultRand(seed)
	for _, f := range o.Faults {
		rs.faults = append(rs.faults, normalizeFault(f))
	}
	if len(o.BearerTokens) == 0 {
		rs.bearer[DefaultBearerToken] = true
	}
	for _, t := range o.BearerTokens {
		rs.bearer[t] = true
	}
	rs.st.RequestsByRoute = map[string]int{}
	rs.st.RateLimitedByRoute = map[string]int{}
	rs.st.ByStatus = map[int]int{}
	rs.resolveLimits()
	rs.data = newRESTData()
	s.mux.Handle("/api/v10/", rs)
	return rs
}

// stats returns a snapshot of the counters.
func (rs *restState) stats() RESTStats {
	rs.mu.Lock()
	defer rs.mu.Unlock()
	st := rs.st
	st.RequestsByRoute = maps.Clone(rs.st.RequestsByRoute)
	st.RateLimitedByRoute = maps.Clone(rs.st.RateLimitedByRoute)
	st.ByStatus = maps.Clone(rs.st.ByStatus)
	if !time.Now().Before(rs.invalid.reset) {
		st.InvalidRequests = 0
	} else {
		st.InvalidRequests = rs.invalid.n
	}
	return st
}

// countInvalid records an invalid request; rs.mu is held.
func (rs *restState) countInvalid(now time.Time) {
	rs.invalid.roll(now, rs.invWindow)
	rs.invalid.n++
}

// banned reports whether the invalid-request limit is passed; rs.mu is held.
func (rs *restState) banned(now time.Time) (time.Duration, bool) {
	if rs.invLimit < 0 || !now.Before(rs.invalid.reset) || rs.invalid.n <= rs.invLimit {
		return 0, false
	}
	return rs.invalid.reset.Sub(now), true
}

// ServeHTTP answers every request under /api/v10/ that no more specific
// pattern took.
func (rs *restState) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	sw := &restStatusWriter{ResponseWriter: w}
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			rs.mu.Lock()
			rs.st.InternalErrors++
			rs.lastPanic = fmt.Sprintf("%v\n%s", v, debug.Stack())
			rs.mu.Unlock()
			if sw.status == 0 {
				restJSON(sw, http.StatusInternalServerError, apiError{Code: 0, Message: "500: Internal Server Error"})
			}
		}
	}()
	rs.serve(sw, r)
	if sw.status != 0 && !(r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "") {
		rs.mu.Lock()
		rs.st.ByStatus[sw.status]++
		rs.mu.Unlock()
	}
}

func (rs *restState) serve(w *restStatusWriter, r *http.Request) {
	if r.Header.Get("Origin") != "" {
		// a bot in a browser page (js/wasm) calls from another origin
		h := w.Header()
		h.Set("Access-Control-Allow-Origin", "*")
		h.Set("Access-Control-Expose-Headers", "X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset, "+
			"X-RateLimit-Reset-After, X-RateLimit-Bucket, X-RateLimit-Scope, X-RateLimit-Global, Retry-After")
		if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
			h.Set("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE")
			h.Set("Access-Control-Allow-Headers", "Authorization, Content-Type, X-Audit-Log-Reason, User-Agent")
			h.Set("Access-Control-Max-Age", "600")
			w.WriteHeader(http.StatusNoContent)
			return
		}
	}
	now := time.Now()
	esc := r.URL.EscapedPath()
	path, ok := strings.CutPrefix(esc, "/api/v10")
	rs.mu.Lock()
	rs.st.Requests++
	if wait, ok := rs.banned(now); ok {
		rs.st.Banned++
		rs.mu.Unlock()
		writeBan(w, wait)
		return
	}
	rs.mu.Unlock()
	if !ok {
		rs.notFound(w)
		return
	}
	rt, vals, known := matchRoute(r.Method, path)
	if rt == nil {
		if known {
			restJSON(w, http.StatusMethodNotAllowed, apiError{Code: 0, Message: "405: Method Not Allowed"})
			return
		}
		rs.notFound(w)
		return
	}
	identity, authed := rs.auth(r, rt)

	rs.mu.Lock()
	now = time.Now() // under the lock, so that requests are limited in the order of their times
	rs.st.RequestsByRoute[rt.key]++
	if !authed {
		rs.st.Unauthorized++
		rs.countInvalid(now)
		rs.mu.Unlock()
		restJSON(w, http.StatusUnauthorized, apiError{Code: 0, Message: "401: Unauthorized"})
		return
	}
	res := rs.limit(now, rt, vals, identity)
	if res.limited {
		rs.st.RateLimited++
		rs.st.RateLimitedByRoute[rt.key]++
		switch {
		case res.forced:
			rs.st.ForcedRateLimited++
			if res.scope == ScopeShared {
				rs.st.SharedRateLimited++
			}
		case res.scope == ScopeGlobal:
			rs.st.GlobalRateLimited++
			rs.st.AvoidableRateLimited++
		case res.unknownBucket:
			rs.st.UnknownBucketRateLimited++
		default:
			rs.st.AvoidableRateLimited++
		}
		if res.scope != ScopeShared {
			rs.countInvalid(now)
		}
		rs.mu.Unlock()
		write429(w, &res, now)
		return
	}
	rs.mu.Unlock()
	setBucketHeaders(w.Header(), &res, now)

	h := restHandlers[rt.key]
	if h == nil {
		rs.mu.Lock()
		rs.st.NotImplemented++
		rs.mu.Unlock()
		restJSON(w, http.StatusNotImplemented, apiError{Code: 0,
			Message: "501: Not Implemented (discordtest does not serve " + rt.key + ")"})
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, rs.opts.MaxBodyBytes)
	c := &restCall{rs: rs, s: rs.s, w: w, r: r, rt: rt, vals: vals, identity: identity, now: now}
	pending := c.auditStart()
	access := c.accessStart()
	h(c)
	c.audit(pending)
	c.accessEnd(access)
	if w.status == http.StatusForbidden {
		rs.mu.Lock()
		rs.st.Forbidden++
		rs.countInvalid(now)
		rs.mu.Unlock()
	}
}

func (rs *restState) notFound(w http.ResponseWriter) {
	rs.mu.Lock()
	rs.st.NotFound++
	rs.mu.Unlock()
	restJSON(w, http.StatusNotFound, apiError{Code: 0, Message: "404: Not Found"})
}

// auth checks the Authorization header against what the route accepts
// and returns the identity rate limits are counted for.
func (rs *restState) auth(r *http.Request, rt *route) (string, bool) {
	h := r.Header.Get("Authorization")
	if h == "" {
		return "", rt.Auth == authNone
	}
	scheme, tok, _ := strings.Cut(h, " ")
	switch {
	case strings.EqualFold(scheme, "Bot") && tok == rs.s.opts.Token:
		return "bot", rt.Auth != authBearer
	case strings.EqualFold(scheme, "Bearer") && rs.bearer[tok]:
		return "bearer:" + tok, rt.Auth == authBearer || rt.Auth == authBotOrBearer || rt.Auth == authNone
	}
	return "", false
}

// restStatusWriter remembers the status written.
type restStatusWriter struct {
	http.ResponseWriter
	status int
	keep   bool         // keep what is written in body
	body   bytes.Buffer // the answer, when keep is set
}

func (w *restStatusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *restStatusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	if w.keep {
		w.body.Write(b)
	}
	return w.ResponseWriter.Write(b)
}

// writeBan answers as Cloudflare does when an IP made too many invalid
// requests: a 429 with an HTML page and no rate-limit headers.
func writeBan(w http.ResponseWriter, wait time.Duration) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=UTF-8")
	h.Set("Retry-After", fmt.Sprint(int64((wait+time.Second-1)/time.Second)))
	w.WriteHeader(http.StatusTooManyRequests)
	fmt.Fprint(w, "<!DOCTYPE html>\n<html><head><title>Access denied | discord.com used Cloudflare to restrict access</title></head>"+
		"<body><h1>Error 1015</h1><h2>You are being rate limited</h2>"+
		"<p>The owner of this website (discord.com) has banned you temporarily from accessing this website.</p></body></html>\n")
}

// apiError is Discord's JSON error body.
type apiError struct {
	status  int
	Code    int            `json:"code"`
	Errors  map[string]any `json:"errors,omitempty"`
	Message string         `json:"message"`
}

func (e *apiError) Error() string { return fmt.Sprintf("%d %s", e.Code, e.Message) }

// restJSON writes v as the JSON body with status.
func restJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		b = []byte(`{"message": "500: Internal Server Error", "code": 0}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	w.Write(b)
}

// restCall is one request being served.
type restCall struct {
	rs       *restState
	s        *Server
	w        *restStatusWriter
	r        *http.Request
	rt       *route
	vals     []string
	identity string
	now      time.Time

	auditOptions map[string]string // the options of the call's audit-log entry, for those its handler knows
	moved        *model.ChannelID  // where a member was moved in voice; 0: disconnected
}

// param returns a path parameter by name.
func (c *restCall) param(name string) string {
	for i, p := range c.rt.params {
		if p == name {
			return c.vals[i]
		}
	}
	return ""
}

// id parses a snowflake path parameter; zero when it is not one.
func (c *restCall) id(name string) model.Snowflake {
	v, err := model.ParseSnowflake(c.param(name))
	if err != nil {
		return 0
	}
	return v
}

// json answers with status and v as JSON.
func (c *restCall) json(status int, v any) { restJSON(c.w, status, v) }

// noContent answers 204.
func (c *restCall) noContent() { c.w.WriteHeader(http.StatusNoContent) }

// fail answers with a Discord error.
func (c *restCall) fail(e *apiError) {
	st := e.status
	if st == 0 {
		st = http.StatusBadRequest
	}
	restJSON(c.w, st, e)
}

// isBot reports whether the request is authenticated as the bot.
func (c *restCall) isBot() bool { return c.identity == "bot" }
