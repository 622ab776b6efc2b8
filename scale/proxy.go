package scale

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
	"sync"
	"time"

	"github.com/gloamdev/gloam/rest"
)

// ProxyOptions configures a Proxy; nil means defaults. Every field
// documents its zero value.
type ProxyOptions struct {
	// APIURL is the API root requests are forwarded to. Zero:
	// rest.DefaultBaseURL.
	APIURL string

	// HTTPClient sends the forwarded requests. Zero: a new http.Client.
	HTTPClient *http.Client

	// Timeout bounds each forwarded request, not the wait for a rate
	// limit. Zero: 30 s.
	Timeout time.Duration

	// GlobalLimit and GlobalPeriod are the global rate limit of each
	// token. Zero: 50 per second, as Discord's default.
	GlobalLimit  int
	GlobalPeriod time.Duration

	// Logger receives 429s and refused requests (Warn). It never sees a
	// token. Zero: nothing is logged.
	Logger *slog.Logger
}

// Proxy is an HTTP proxy for Discord's REST API that holds the rate
// limiter for all its clients, in any language: a client sends its
// request to the proxy as it would to Discord (same path under /api/vN,
// same Authorization header), and the proxy waits for room in the route's
// bucket and the token's global limit, forwards the request and answers
// with Discord's response, status, headers and body as they came, 429s
// included. It keeps one limiter per Authorization header, learnt from
// every client's responses, so that all processes of a bot together stay
// inside every bucket and the global limit.
//
// A Proxy is an http.Handler; its methods are safe for concurrent use.
type Proxy struct {
	o    ProxyOptions
	base string // APIURL without a trailing slash
	up   *http.Client
	log  *slog.Logger

	mu      sync.Mutex
	clients map[string]*rest.Client // by Authorization header
	routes  map[string]*rest.Route  // by "METHOD /template"
	known   map[int][]*rest.Route   // the client's routes, by segment count
}

// NewProxy returns a proxy to opts.APIURL.
func NewProxy(opts *ProxyOptions) *Proxy {
	var o ProxyOptions
	if opts != nil {
		o = *opts
	}
	if o.APIURL == "" {
		o.APIURL = rest.DefaultBaseURL
	}
	if o.Timeout <= 0 {
		o.Timeout = 30 * time.Second
	}
	up := o.HTTPClient
	if up == nil {
		up = &http.Client{}
	}
	up = &http.Client{Transport: up.Transport, Jar: up.Jar,
		// A redirect would carry the Authorization header elsewhere.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	log := o.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	p := &Proxy{o: o, base: strings.TrimSuffix(o.APIURL, "/"), up: up, log: log,
		clients: map[string]*rest.Client{}, routes: map[string]*rest.Route{}, known: map[int][]*rest.Route{}}
	for _, r := range rest.Routes() {
		r := r
		n := strings.Count(r.Path, "/")
		p.known[n] = append(p.known[n], &r)
	}
	return p
}

// maxBody bounds a request body: Discord takes uploads up to 500 MiB for
// boosted guilds, but a proxy holding that much per request in memory is
// no help to anyone.
const maxBody = 64 << 20

// exchange is one request going through a rest.Client: the request the
// proxy forwards, and the response it got.
type exchange struct {
	in   *http.Request
	url  string
	body []byte

	res  *http.Response
	data []byte
}

type exchangeKey struct{}

// ServeHTTP forwards one request within the rate limits.
func (p *Proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	path := r.URL.EscapedPath()
	if rest, ok := strings.CutPrefix(path, "/api/v"); ok {
		if i := strings.IndexByte(rest, '/'); i > 0 {
			path = rest[i:]
		}
	}
	if strings.Contains(path+"/", "//") || path == "" || path == "/" {
		// No route of the API has an empty segment; rest.Route would take
		// one for a parameter.
		p.fail(w, http.StatusNotFound, "404: Not Found")
		return
	}
	var body []byte
	var err error
	if r.Body != nil {
		body, err = io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	}
	if err != nil {
		p.fail(w, http.StatusBadRequest, "cannot read the request body")
		return
	}
	if len(body) > maxBody {
		p.fail(w, http.StatusRequestEntityTooLarge, "request body over 64 MiB")
		return
	}
	u := p.base + path
	if r.URL.RawQuery != "" {
		u += "?" + r.URL.RawQuery
	}
	route, args := p.route(r.Method, path)
	ex := &exchange{in: r, url: u, body: body}
	ctx := context.WithValue(r.Context(), exchangeKey{}, ex)
	var out []byte
	err = p.client(r.Header.Get("Authorization")).Do(ctx, route, args, nil, nil, &out)
	if ex.res != nil {
		h := w.Header()
		for k, vs := range ex.res.Header {
			switch k {
			case "Connection", "Transfer-Encoding", "Content-Length", "Keep-Alive":
				continue
			}
			h[k] = vs
		}
		w.WriteHeader(ex.res.StatusCode)
		w.Write(ex.data)
		if ex.res.StatusCode == http.StatusTooManyRequests {
			p.log.Warn("scale: proxy: 429 from the API", "route", route.String(), "scope", ex.res.Header.Get("X-RateLimit-Scope"))
		}
		return
	}
	// The request was not sent: the limiter refused it or the API could
	// not be reached.
	var rl *rest.RateLimitError
	switch {
	case errors.As(err, &rl):
		p.rateLimited(w, rl.RetryAfter, rl.Global)
	case errors.Is(err, rest.ErrUnauthorized):
		p.fail(w, http.StatusUnauthorized, "401: Unauthorized")
	case errors.Is(err, rest.ErrUnknownWebhook):
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusNotFound)
		w.Write([]byte(`{"message": "Unknown Webhook", "code": 10015}`))
	case errors.Is(err, rest.ErrInvalidRequestLimit):
		p.rateLimited(w, time.Minute, true)
	case r.Context().Err() != nil:
		// The client went away; no one reads an answer.
	default:
		p.log.Warn("scale: proxy: request failed", "route", route.String(), "err", err)
		p.fail(w, http.StatusBadGateway, "the API could not be reached")
	}
}

// fail answers with a Discord-shaped error body.
func (p *Proxy) fail(w http.ResponseWriter, status int, message string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]any{"message": message, "code": 0})
}

// rateLimited answers 429 as Discord does, for a request the limiter
// refused to send.
func (p *Proxy) rateLimited(w http.ResponseWriter, after time.Duration, global bool) {
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Retry-After", strconv.Itoa(int((after+time.Second-1)/time.Second)))
	if global {
		h.Set("X-RateLimit-Global", "true")
		h.Set("X-RateLimit-Scope", "global")
	}
	w.WriteHeader(http.StatusTooManyRequests)
	json.NewEncoder(w).Encode(map[string]any{"message": "You are being rate limited.",
		"retry_after": after.Seconds(), "global": global})
}

// client is the rest.Client holding the limiter of one token.
func (p *Proxy) client(auth string) *rest.Client {
	p.mu.Lock()
	defer p.mu.Unlock()
	c := p.clients[auth]
	if c == nil {
		c = rest.NewClient("proxy", &rest.Options{
			BaseURL:      p.base,
			HTTPClient:   &http.Client{Transport: forwarder{p}},
			Timeout:      p.o.Timeout,
			MaxRetries:   -1, // a 429 or a 503 goes back to the client, as it came
			GlobalLimit:  p.o.GlobalLimit,
			GlobalPeriod: p.o.GlobalPeriod,
			Logger:       p.o.Logger,
		})
		p.clients[auth] = c
	}
	return c
}

// route finds the route template of a path, for its rate-limit bucket:
// one of the REST client's routes when one matches, or else a template
// with every snowflake (and webhook or interaction token) as a parameter.
func (p *Proxy) route(method, path string) (*rest.Route, []string) {
	segs := strings.Split(strings.TrimPrefix(path, "/"), "/")
	for i, s := range segs {
		if u, err := url.PathUnescape(s); err == nil {
			segs[i] = u
		}
	}
	var best *rest.Route
	bestLit := -1
	for _, r := range p.known[len(segs)] {
		if r.Method != method {
			continue
		}
		lit, ok := 0, true
		for i, t := range strings.Split(strings.TrimPrefix(r.Path, "/"), "/") {
			if strings.HasPrefix(t, "{") {
				if segs[i] == "" {
					ok = false
					break
				}
				continue
			}
			if t != segs[i] {
				ok = false
				break
			}
			lit++
		}
		if ok && lit > bestLit {
			best, bestLit = r, lit
		}
	}
	var tmpl strings.Builder
	var args []string
	if best != nil {
		for i, t := range strings.Split(strings.TrimPrefix(best.Path, "/"), "/") {
			if strings.HasPrefix(t, "{") {
				args = append(args, segs[i])
			}
		}
		return best, args
	}
	for i, s := range segs {
		tmpl.WriteByte('/')
		token := i == 2 && (segs[0] == "webhooks" || segs[0] == "interactions")
		if isSnowflake(s) || token {
			fmt.Fprintf(&tmpl, "{p%d}", i)
			args = append(args, s)
			continue
		}
		tmpl.WriteString(s)
	}
	key := method + " " + tmpl.String()
	p.mu.Lock()
	defer p.mu.Unlock()
	r := p.routes[key]
	if r == nil {
		r = rest.NewRoute(method, tmpl.String())
		if len(p.routes) < 4096 {
			p.routes[key] = r
		}
	}
	return r, args
}

func isSnowflake(s string) bool {
	if s == "" || len(s) > 20 {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// forwarder is the transport of the proxy's rest.Clients: it sends the
// client's original request (method, path, query, headers, body) instead
// of the one the rest.Client built, and keeps the response for ServeHTTP.
type forwarder struct{ p *Proxy }

func (f forwarder) RoundTrip(req *http.Request) (*http.Response, error) {
	ex, _ := req.Context().Value(exchangeKey{}).(*exchange)
	if ex == nil {
		return nil, errors.New("scale: proxy: request without its exchange")
	}
	out, err := http.NewRequestWithContext(req.Context(), ex.in.Method, ex.url, bytes.NewReader(ex.body))
	if err != nil {
		return nil, err
	}
	for k, vs := range ex.in.Header {
		switch k {
		case "Connection", "Keep-Alive", "Proxy-Authorization", "Te", "Trailer", "Transfer-Encoding", "Upgrade", "Host":
			continue
		}
		out.Header[k] = vs
	}
	out.ContentLength = int64(len(ex.body))
	res, err := f.p.up.Do(out)
	if err != nil {
		return nil, err
	}
	data, err := io.ReadAll(res.Body)
	res.Body.Close()
	if err != nil {
		return nil, err
	}
	ex.res, ex.data = res, data
	res.Body = io.NopCloser(bytes.NewReader(data))
	return res, nil
}
