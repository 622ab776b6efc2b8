package rest

import (
	"fmt"
	"hash/fnv"
	"net/url"
	"sort"
	"strconv"
	"strings"
)

// Route is one endpoint of the REST API: a method and a path template in
// the form of Discord's OpenAPI spec, e.g. POST /channels/{channel_id}/messages.
// The zero Route is not valid; routes come from Routes or NewRoute.
type Route struct {
	Method string
	Path   string

	id     string // Method + " " + Path: the limiter's key for the route
	parts  []segment
	names  []string // the parameters' names, in order
	params int      // number of parameters
	major  int      // how many leading parameters form the major parameter
	exempt bool     // not bound by the global limit
	noAuth bool     // authenticated by a token in the path, not the header
}

// segment is one segment of a route's path: literal text, which may be
// empty ("/" or "/a//b"), or a parameter filled in from the arguments.
type segment struct {
	text  string
	param bool
}

// String is "METHOD /path/{template}".
func (r *Route) String() string { return r.id }

var routes []*Route

// route defines one of the client's routes at package initialization.
func route(method, path string) *Route {
	r := NewRoute(method, path)
	routes = append(routes, r)
	return r
}

// NewRoute makes a route for Client.Do, for an endpoint this package has
// no method for. Parameters are written in braces: "/guilds/{guild_id}".
// Top-level resources (channel, guild, webhook with its token) are the
// major parameter of the rate limit, as Discord counts them. Any other
// segment, including an empty one ("/", "/a//b"), is literal text; a
// route never panics, whatever its path.
func NewRoute(method, path string) *Route {
	r := &Route{Method: method, Path: path, id: method + " " + path}
	segs := strings.Split(strings.TrimPrefix(path, "/"), "/")
	for _, s := range segs {
		if strings.HasPrefix(s, "{") && strings.HasSuffix(s, "}") {
			r.parts = append(r.parts, segment{param: true})
			r.names = append(r.names, s[1:len(s)-1])
			r.params++
		} else {
			r.parts = append(r.parts, segment{text: s})
		}
	}
	if len(segs) >= 2 && r.parts[1].param {
		switch segs[0] {
		case "channels", "guilds":
			r.major = 1
		case "webhooks":
			r.major = 1
			if len(segs) >= 3 && r.parts[2].param {
				r.major = 2
				r.noAuth = true
				r.exempt = true
			}
		case "interactions":
			r.major = 1
			r.noAuth = true
			r.exempt = true
		}
	}
	return r
}

// Routes lists every route the client implements, sorted by path and
// method.
func Routes() []Route {
	out := make([]Route, len(routes))
	for i, r := range routes {
		out[i] = *r
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Path != out[j].Path {
			return out[i].Path < out[j].Path
		}
		return out[i].Method < out[j].Method
	})
	return out
}

// checkArgs rejects path arguments that would change the route: an
// empty one would drop a segment, and "." or ".." (which no escaping
// hides) would be resolved by a proxy or server into another path.
func (r *Route) checkArgs(args []string) error {
	if len(args) != r.params {
		return fmt.Errorf("rest: %s: want %d path arguments, got %d", r.id, r.params, len(args))
	}
	for i, a := range args {
		switch a {
		case "":
			return &ValidationError{Field: r.names[i], Reason: "empty path argument"}
		case ".", "..":
			return &ValidationError{Field: r.names[i], Reason: strconv.Quote(a) + " is not allowed as a path argument"}
		}
	}
	return nil
}

// build writes the URL path of r with args, checked by checkArgs,
// escaped and filled in, and returns the major parameter's value.
func (r *Route) build(b *strings.Builder, args []string) (major string) {
	n := 0
	for _, p := range r.parts {
		b.WriteByte('/')
		if !p.param {
			b.WriteString(p.text)
			continue
		}
		b.WriteString(url.PathEscape(args[n]))
		n++
	}
	switch r.major {
	case 1:
		major = args[0]
	case 2:
		// The token is a secret: the limiter (and its saved state) keeps
		// only a hash of it.
		h := fnv.New64a()
		h.Write([]byte(args[1]))
		major = args[0] + "/" + strconv.FormatUint(h.Sum64(), 36)
	}
	return major
}
