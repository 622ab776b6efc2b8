package discordtest

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
)

// specAuth is the authentication an operation accepts.
type specAuth uint8

const (
	authBot         specAuth = iota // Authorization: Bot <token>
	authBearer                      // Authorization: Bearer <oauth2 token>
	authBotOrBearer                 // either
	authNone                        // none needed (webhook and interaction tokens in the path)
)

// specRoute is one operation of Discord's OpenAPI spec.
type specRoute struct {
	Method    string
	Path      string // template as the spec writes it: /channels/{channel_id}
	Operation string // operationId
	Auth      specAuth
}

// route is a specRoute prepared for matching and serving.
type route struct {
	specRoute
	index  int
	key    string   // "METHOD /template", the key of stats and limits
	params []string // parameter names in path order
	major  []int    // indexes into params of the major parameters
	exempt bool     // exempt from the global limit
}

// notInSpec are operations Discord documents that its OpenAPI spec lacks.
var notInSpec = []specRoute{
	{"GET", "/applications/{application_id}/skus", "list_skus", authBot},
}

var (
	routerOnce sync.Once
	routeMuxes []*http.ServeMux // by precedence: literal segments first
	routeList  []*route
	routeByKey map[string]*route
)

func routes() []*http.ServeMux {
	routerOnce.Do(buildRouter)
	return routeMuxes
}

// matchedKey carries a match out of a ServeMux to matchRoute.
type matchedKey struct{}

type matched struct {
	rt *route
	r  *http.Request // with its path values
}

// buildRouter registers every spec operation as a net/http.ServeMux
// pattern ("GET /channels/{channel_id}/messages"). Discord's paths are
// not all one mux can hold: /guilds/templates/{code} and
// /guilds/{guild_id}/preview both match /guilds/templates/preview and
// neither is more specific, which ServeMux refuses. So the routes are
// sorted literal segments first and go to the first mux where they do
// not conflict; matching tries the muxes in that order, which gives
// literal segments precedence, as Discord does.
func buildRouter() {
	all := append(specRoutes[:], notInSpec...)
	routeByKey = make(map[string]*route, len(all))
	for i, sr := range all {
		rt := &route{specRoute: sr, index: i, key: sr.Method + " " + sr.Path}
		for _, seg := range strings.Split(strings.Trim(sr.Path, "/"), "/") {
			if strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}") {
				rt.params = append(rt.params, seg[1:len(seg)-1])
			}
		}
		for j, p := range rt.params {
			switch p {
			case "channel_id", "guild_id", "webhook_id":
				if len(rt.major) == 0 {
					rt.major = append(rt.major, j)
				}
			case "webhook_token":
				rt.major = append(rt.major, j)
			}
		}
		rt.exempt = slices.Contains(rt.params, "webhook_token") || slices.Contains(rt.params, "interaction_token")
		routeList = append(routeList, rt)
		routeByKey[rt.key] = rt
	}
	sorted := slices.Clone(routeList)
	slices.SortStableFunc(sorted, func(a, b *route) int { return literalFirst(a.Path, b.Path) })
	for _, rt := range sorted {
		h := func(w http.ResponseWriter, r *http.Request) {
			m := r.Context().Value(matchedKey{}).(*matched)
			m.rt, m.r = rt, r
		}
		for i := 0; ; i++ {
			if i == len(routeMuxes) {
				routeMuxes = append(routeMuxes, http.NewServeMux())
			}
			if register(routeMuxes[i], rt.key, h) {
				break
			}
		}
	}
}

// register adds a pattern to mux, reporting false when it conflicts with
// one there already (ServeMux panics on that).
func register(mux *http.ServeMux, pattern string, h http.HandlerFunc) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	mux.HandleFunc(pattern, h)
	return true
}

// literalFirst orders path templates segment by segment, a literal
// segment before a parameter.
func literalFirst(a, b string) int {
	as, bs := strings.Split(a, "/"), strings.Split(b, "/")
	for i := 0; i < len(as) && i < len(bs); i++ {
		ap, bp := strings.HasPrefix(as[i], "{"), strings.HasPrefix(bs[i], "{")
		switch {
		case ap == bp:
			continue
		case bp:
			return -1
		default:
			return 1
		}
	}
	return 0
}

// discard is where the muxes write their own 404, 405 and redirect
// answers: matchRoute only wants to know what matched.
type discard struct{ h http.Header }

func (d *discard) Header() http.Header {
	if d.h == nil {
		d.h = http.Header{}
	}
	return d.h
}
func (discard) Write(b []byte) (int, error) { return len(b), nil }
func (discard) WriteHeader(int)             {}

// matchRoute finds the route of a method and escaped path (under
// /api/v10). It returns the route (nil when none), the unescaped
// parameter values in path order, and whether the path is known for
// another method (for 405).
func matchRoute(method, escapedPath string) (*route, []string, bool) {
	if rt, vals := matchMethod(method, escapedPath); rt != nil {
		return rt, vals, true
	}
	for _, m := range []string{"GET", "POST", "PUT", "PATCH", "DELETE"} {
		if m != method {
			if rt, _ := matchMethod(m, escapedPath); rt != nil {
				return nil, nil, true
			}
		}
	}
	return nil, nil, false
}

func matchMethod(method, escapedPath string) (*route, []string) {
	path, err := url.PathUnescape(escapedPath)
	if err != nil {
		return nil, nil
	}
	var m matched
	r := (&http.Request{Method: method, URL: &url.URL{Path: path, RawPath: escapedPath}, Host: "discord.com",
		Header: http.Header{}}).WithContext(context.WithValue(context.Background(), matchedKey{}, &m))
	for _, mux := range routes() {
		mux.ServeHTTP(&discard{}, r)
		if m.rt != nil {
			vals := make([]string, len(m.rt.params))
			for i, p := range m.rt.params {
				vals[i] = m.r.PathValue(p)
				if vals[i] == "" {
					return nil, nil
				}
			}
			return m.rt, vals
		}
	}
	return nil, nil
}
