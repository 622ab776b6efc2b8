package discordtest

import (
	"net/url"
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

// routeNode is a node of the path trie.
type routeNode struct {
	literal map[string]*routeNode
	param   *routeNode
	name    string            // parameter name when this node is a param
	methods map[string]*route // routes ending here
}

var (
	routerOnce sync.Once
	routeRoot  *routeNode
	routeList  []*route
	routeByKey map[string]*route
)

func routes() *routeNode {
	routerOnce.Do(buildRouter)
	return routeRoot
}

func buildRouter() {
	routeRoot = &routeNode{}
	routeByKey = make(map[string]*route, len(specRoutes))
	for i, sr := range specRoutes {
		rt := &route{specRoute: sr, index: i, key: sr.Method + " " + sr.Path}
		n := routeRoot
		for _, seg := range splitRoutePath(sr.Path) {
			if strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}") {
				name := seg[1 : len(seg)-1]
				if n.param == nil {
					n.param = &routeNode{name: name}
				}
				n = n.param
				rt.params = append(rt.params, name)
				continue
			}
			if n.literal == nil {
				n.literal = map[string]*routeNode{}
			}
			c := n.literal[seg]
			if c == nil {
				c = &routeNode{}
				n.literal[seg] = c
			}
			n = c
		}
		if n.methods == nil {
			n.methods = map[string]*route{}
		}
		n.methods[sr.Method] = rt
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
		hasToken := false
		for _, p := range rt.params {
			if p == "webhook_token" || p == "interaction_token" {
				hasToken = true
			}
		}
		rt.exempt = hasToken
		routeList = append(routeList, rt)
		routeByKey[rt.key] = rt
	}
}

// splitPath splits an escaped path into its segments, without empty ones
// at the ends.
func splitRoutePath(p string) []string {
	p = strings.Trim(p, "/")
	if p == "" {
		return nil
	}
	return strings.Split(p, "/")
}

// matchRoute finds the route of an escaped path. It prefers literal
// segments to parameters (/users/@me before /users/{user_id}). It returns
// the route (nil when none), the unescaped parameter values, and whether
// the path is known for some other method (for 405).
func matchRoute(method, escapedPath string) (*route, []string, bool) {
	segs := splitRoutePath(escapedPath)
	if len(segs) > 16 {
		return nil, nil, false
	}
	if rt, vals := matchMethod(routes(), segs, method, nil); rt != nil {
		return rt, vals, true
	}
	var vals []string
	return nil, nil, matchNode(routes(), segs, &vals) != nil
}

// matchNode walks the trie depth first, literal before parameter, and
// returns the first node with any route.
func matchNode(n *routeNode, segs []string, vals *[]string) *routeNode {
	if len(segs) == 0 {
		if len(n.methods) > 0 {
			return n
		}
		return nil
	}
	if c := n.literal[segs[0]]; c != nil {
		if m := matchNode(c, segs[1:], vals); m != nil {
			return m
		}
	}
	if n.param != nil {
		v, err := url.PathUnescape(segs[0])
		if err != nil || v == "" {
			return nil
		}
		save := len(*vals)
		*vals = append(*vals, v)
		if m := matchNode(n.param, segs[1:], vals); m != nil {
			return m
		}
		*vals = (*vals)[:save]
	}
	return nil
}

// matchMethod is matchNode restricted to nodes holding method.
func matchMethod(n *routeNode, segs []string, method string, vals []string) (*route, []string) {
	if len(segs) == 0 {
		if rt := n.methods[method]; rt != nil {
			return rt, vals
		}
		return nil, nil
	}
	if c := n.literal[segs[0]]; c != nil {
		if rt, v := matchMethod(c, segs[1:], method, vals); rt != nil {
			return rt, v
		}
	}
	if n.param != nil {
		v, err := url.PathUnescape(segs[0])
		if err != nil || v == "" {
			return nil, nil
		}
		if rt, out := matchMethod(n.param, segs[1:], method, append(vals[:len(vals):len(vals)], v)); rt != nil {
			return rt, out
		}
	}
	return nil, nil
}
