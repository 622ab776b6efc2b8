package rest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gloamdev/gloam/internal/useragent"
	"github.com/gloamdev/gloam/internal/wait"
)

// DefaultBaseURL is Discord's REST API, version 10.
const DefaultBaseURL = "https://discord.com/api/v10"

// maxResponse caps how much of a response body is read.
const maxResponse = 64 << 20

// Options configures a Client; nil means defaults. Every field documents
// its zero value.
type Options struct {
	// BaseURL is the API root. Zero: DefaultBaseURL.
	BaseURL string
	// HTTPClient sends the requests; the client copies it and adds a
	// redirect policy that drops the token on redirects to another host.
	// Zero: a new http.Client.
	HTTPClient *http.Client
	// Timeout bounds each HTTP attempt, not the time spent waiting for a
	// rate limit (bound that with the context). Zero: 10 s.
	Timeout time.Duration
	// Bearer marks the token as an OAuth2 access token ("Bearer ...").
	// Zero: a bot token ("Bot ...").
	Bearer bool
	// AllowedMentions applies to every message sent that sets none.
	// Zero: Discord's default (mentions in the content ping).
	AllowedMentions *AllowedMentions
	// NoWait makes every request return a *RateLimitError instead of
	// waiting for a rate limit, as the NoWait request option does for one
	// request. Zero: requests wait.
	NoWait bool
	// MaxRetries is how often a request is retried after a 429, or after
	// a 502, 503 or 504 for GET, PUT and DELETE. Zero: 3; negative: never.
	MaxRetries int
	// GlobalLimit is the number of requests allowed per GlobalPeriod by
	// the global rate limit (the limiter keeps one send time per request
	// of the window). Zero: 50.
	GlobalLimit int
	// GlobalPeriod is the window of the global limit. Zero: 1 s.
	GlobalPeriod time.Duration
	// MaxInvalidRequests is how many 401, 403 and 429 responses in ten
	// minutes the client accepts before refusing to send any more
	// (ErrInvalidRequestLimit). Discord bans at 10,000. Zero: 8,000.
	MaxInvalidRequests int
	// NoLimiter turns the client's own rate limiter off, for a client
	// behind a proxy that holds the limits (a gloam-scale proxy, or
	// twilight's http-proxy): every request is sent at once, with no
	// wait for a bucket or the global limit, and nothing is learnt from
	// the rate-limit headers. A 429 that comes anyway is still retried
	// after its retry_after, at most MaxRetries times, and then returned
	// as a *RateLimitError (at once with NoWait). The guards that never
	// wait stay on: ErrUnauthorized after a 401, ErrUnknownWebhook, and
	// the invalid-request count of MaxInvalidRequests, which protects
	// this process's IP address whatever the proxy does. GlobalLimit,
	// GlobalPeriod and LimiterState are ignored. Zero: the client keeps
	// its own limiter.
	NoLimiter bool
	// LimiterState is a state saved from Limiter.State to start from.
	// Zero: start knowing nothing.
	LimiterState *LimiterState
	// Logger receives retries and rate-limit events at level Debug and
	// Warn; it never sees the token. Zero: no logging.
	Logger *slog.Logger
}

// Client sends requests to Discord's REST API within its rate limits.
// Its methods are safe for concurrent use.
type Client struct {
	auth            credential
	base            string // without a trailing slash
	baseURL         *url.URL
	http            *http.Client
	timeout         time.Duration
	noWait          bool
	maxRetries      int
	allowedMentions *AllowedMentions
	log             *slog.Logger
	lim             *Limiter
	stats           *stats
}

// NewClient makes a client for token: a bot token, with or without its
// "Bot " prefix, or an OAuth2 access token when opts.Bearer is set. It
// sends nothing until a method is called.
func NewClient(token string, opts *Options) *Client {
	var o Options
	if opts != nil {
		o = *opts
	}
	c := &Client{
		base:            strings.TrimSuffix(o.BaseURL, "/"),
		timeout:         o.Timeout,
		noWait:          o.NoWait,
		maxRetries:      o.MaxRetries,
		allowedMentions: o.AllowedMentions,
		log:             o.Logger,
		stats:           &stats{},
	}
	if c.base == "" {
		c.base = DefaultBaseURL
	}
	c.baseURL, _ = url.Parse(c.base)
	if c.baseURL == nil {
		c.baseURL = &url.URL{}
	}
	if c.timeout <= 0 {
		c.timeout = 10 * time.Second
	}
	if c.maxRetries == 0 {
		c.maxRetries = 3
	} else if c.maxRetries < 0 {
		c.maxRetries = 0
	}
	token = strings.TrimSpace(token)
	switch {
	case strings.HasPrefix(token, "Bot "), strings.HasPrefix(token, "Bearer "):
		c.auth = newCredential(token)
	case o.Bearer:
		c.auth = newCredential("Bearer " + token)
	default:
		c.auth = newCredential("Bot " + token)
	}
	hc := &http.Client{}
	if o.HTTPClient != nil {
		*hc = *o.HTTPClient
	}
	next := hc.CheckRedirect
	hc.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if req.URL.Host != c.baseURL.Host || req.URL.Scheme != c.baseURL.Scheme {
			req.Header.Del("Authorization")
		}
		if next != nil {
			return next(req, via)
		}
		if len(via) >= 10 {
			return errors.New("stopped after 10 redirects")
		}
		return nil
	}
	c.http = hc
	c.lim = newLimiter(limiterConfig{
		globalLimit:  o.GlobalLimit,
		globalPeriod: o.GlobalPeriod,
		maxInvalid:   o.MaxInvalidRequests,
		state:        o.LimiterState,
		off:          o.NoLimiter,
	})
	return c
}

// credential returns the Authorization header: "Bot <token>" or "Bearer
// <token>". It is a function so that no way of printing a Client (fmt's
// verbs on the pointer or on a copy, log/slog, reflection) can show the
// token: fmt prints a function as its address.
type credential func() string

func newCredential(header string) credential {
	return func() string { return header }
}

// String describes the client by its base URL, never its token.
func (c *Client) String() string { return "rest.Client(" + c.base + ")" }

// GoString is String, for %#v.
func (c *Client) GoString() string { return c.String() }

// LogValue is the client as log/slog shows it: its base URL, never the
// token.
func (c *Client) LogValue() slog.Value {
	return slog.GroupValue(slog.String("base_url", c.base))
}

// Limiter is the client's rate limiter, to read or save its state.
func (c *Client) Limiter() *Limiter { return c.lim }

// RequestOption changes one request.
type RequestOption func(*call)

// WithReason sets the audit log reason of a request (X-Audit-Log-Reason),
// up to 512 characters.
func WithReason(reason string) RequestOption {
	return func(c *call) { c.reason = reason }
}

// NoWait makes the request return a *RateLimitError instead of waiting
// for a rate limit. While a route's bucket is not yet known, the request
// still waits for the one request of that route in flight.
func NoWait() RequestOption {
	return func(c *call) { c.noWait = true }
}

// WithHeader adds a header to a request.
func WithHeader(key, value string) RequestOption {
	return func(c *call) { c.header = append(c.header, key, value) }
}

// call is one request being made.
type call struct {
	reason string
	noWait bool
	header []string // key, value, key, value...
	query  url.Values
}

// Do sends one request to route r: args fill the path's parameters in
// order, query is appended to the URL, body (unless nil) is sent as JSON
// (or as multipart/form-data when it carries files, like *MessageCreate),
// and the JSON response is decoded into out (unless nil; a *[]byte gets
// the body as it came). It is what
// every method of Client uses, and calls endpoints the client has no
// method for:
//
//	r := rest.NewRoute("GET", "/guilds/{guild_id}/new-member-welcome")
//	err := c.Do(ctx, r, []string{guildID.String()}, nil, nil, &out)
func (c *Client) Do(ctx context.Context, r *Route, args []string, query url.Values, body, out any, opts ...RequestOption) error {
	var cl call
	cl.query = query
	for _, o := range opts {
		o(&cl)
	}
	return c.do(ctx, r, args, &cl, body, out)
}

// uploader is a request body that carries files.
type uploader interface {
	uploads() []File
}

func (c *Client) do(ctx context.Context, r *Route, args []string, cl *call, body, out any) error {
	if r == nil || r.id == "" {
		return errors.New("rest: Do: nil or zero Route")
	}
	if utf8Len(cl.reason) > 512 {
		return &ValidationError{Field: "reason", Reason: "longer than 512 characters"}
	}
	if err := r.checkArgs(args); err != nil {
		return err
	}
	var u strings.Builder
	u.WriteString(c.base)
	major := r.build(&u, args)
	if len(cl.query) > 0 {
		u.WriteByte('?')
		u.WriteString(cl.query.Encode())
	}
	var data []byte
	var ctype string
	if body != nil {
		var err error
		if fm, ok := body.(former); ok {
			data, ctype, err = formBody(fm.form())
		} else if up, ok := body.(uploader); ok && len(up.uploads()) > 0 {
			data, ctype, err = multipartBody(body, up.uploads())
		} else {
			data, err = json.Marshal(body)
			ctype = "application/json"
		}
		if err != nil {
			return fmt.Errorf("rest: %s: encode body: %w", r.id, err)
		}
	}
	noWait := c.noWait || cl.noWait
	for attempt := 1; ; attempt++ {
		t, err := c.lim.acquire(ctx, r, major, noWait)
		c.stats.waited(t)
		if err != nil {
			if errors.Is(err, ErrUnauthorized) || errors.Is(err, ErrInvalidRequestLimit) || errors.Is(err, ErrUnknownWebhook) {
				return fmt.Errorf("rest: %s: %w", r.id, err)
			}
			return err
		}
		res, err := c.send(ctx, r, u.String(), data, ctype, cl)
		if err != nil {
			c.lim.done(t, nil)
			c.stats.request(r.id, 0)
			return err
		}
		c.stats.request(r.id, res.status)
		o := outcome{status: res.status, header: res.header}
		if res.status == http.StatusTooManyRequests {
			o.retryAfter, o.global, o.scope = parse429(res.header, res.body)
		}
		c.lim.done(t, &o)
		switch {
		case res.status == http.StatusTooManyRequests:
			c.stats.tooMany(o.scope, o.global)
			if c.log != nil {
				c.log.Warn("rest: 429", "route", r.id, "retry_after", o.retryAfter, "global", o.global, "scope", o.scope, "attempt", attempt)
			}
			if attempt > c.maxRetries || noWait {
				return &RateLimitError{Route: r.id, Bucket: header(res.header, hBucket), RetryAfter: o.retryAfter,
					Global: o.global, Scope: o.scope, Attempts: attempt}
			}
			if c.lim.off {
				// No limiter holds the route back: wait here as told.
				if err := wait.Sleep(ctx, o.retryAfter); err != nil {
					return err
				}
			}
			continue
		case res.status == http.StatusBadGateway || res.status == http.StatusServiceUnavailable || res.status == http.StatusGatewayTimeout:
			if attempt <= c.maxRetries && (r.Method == http.MethodGet || r.Method == http.MethodPut || r.Method == http.MethodDelete) {
				if c.log != nil {
					c.log.Debug("rest: retrying", "route", r.id, "status", res.status, "attempt", attempt)
				}
				if err := wait.Sleep(ctx, time.Duration(attempt)*250*time.Millisecond); err != nil {
					return err
				}
				continue
			}
		}
		if res.status >= 400 {
			e := parseError(r.id, res.status, http.StatusText(res.status), res.body)
			if e.Code == 10015 {
				c.lim.webhookGone(r, major)
			}
			return e
		}
		if raw, ok := out.(*[]byte); ok {
			*raw = res.body // images, CSV: the body as it came
			return nil
		}
		if out != nil && len(res.body) > 0 && res.status != http.StatusNoContent {
			if err := json.Unmarshal(res.body, out); err != nil {
				return fmt.Errorf("rest: %s: decode response: %w", r.id, err)
			}
		}
		return nil
	}
}

type response struct {
	status int
	header http.Header
	body   []byte
}

// send makes one HTTP attempt. Its errors name the route, never the URL,
// which may hold a webhook or interaction token.
func (c *Client) send(ctx context.Context, r *Route, u string, data []byte, ctype string, cl *call) (*response, error) {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	var rd io.Reader
	if data != nil {
		rd = bytes.NewReader(data)
	}
	req, err := http.NewRequestWithContext(ctx, r.Method, u, rd)
	if err != nil {
		return nil, fmt.Errorf("rest: %s: bad request URL", r.id)
	}
	if !r.noAuth {
		req.Header.Set("Authorization", c.auth())
	}
	req.Header.Set("User-Agent", useragent.String)
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	if cl.reason != "" {
		req.Header.Set("X-Audit-Log-Reason", url.PathEscape(cl.reason))
	}
	for i := 0; i+1 < len(cl.header); i += 2 {
		req.Header.Set(cl.header[i], cl.header[i+1])
	}
	res, err := c.http.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, fmt.Errorf("rest: %s: %w", r.id, err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(io.LimitReader(res.Body, maxResponse))
	if err != nil {
		return nil, fmt.Errorf("rest: %s: read response: %w", r.id, err)
	}
	return &response{status: res.StatusCode, header: res.Header, body: body}, nil
}

// parse429 reads how long to wait from a 429: the body's retry_after
// (seconds, with decimals), else the Retry-After header.
func parse429(h http.Header, body []byte) (wait time.Duration, global bool, scope string) {
	var b struct {
		RetryAfter float64 `json:"retry_after"`
		Global     bool    `json:"global"`
	}
	if json.Unmarshal(body, &b) != nil && header(h, hBucket) == "" {
		// Not Discord's JSON: Cloudflare's ban page, which holds every
		// route of the IP address.
		global = true
	}
	ra := b.RetryAfter
	if ra <= 0 {
		ra, _ = strconv.ParseFloat(header(h, hRetryAfter), 64)
	}
	if ra <= 0 {
		ra, _ = strconv.ParseFloat(header(h, hResetAfter), 64)
	}
	if ra < 0 {
		ra = 0
	}
	scope = header(h, hScope)
	global = global || b.Global || header(h, hGlobal) == "true" || scope == "global"
	return seconds(ra), global, scope
}
