package interaction

import (
	"fmt"
	"strings"
)

// maxParams bounds the {name} segments of a pattern, so that a Request
// holds its parameters without allocating.
const maxParams = 8

// trie holds custom ID patterns by segment.
type trie struct {
	sep  byte
	root pnode
}

type pnode struct {
	lit     map[string]*pnode
	param   *pnode // a {name} segment
	pname   string
	rest    Handler // a final {name...} segment
	rname   string
	rpat    string
	h       Handler // the handler of a pattern ending here
	pattern string
}

func (t *trie) add(pattern string, h Handler) {
	if pattern == "" {
		panic("interaction: empty custom ID pattern")
	}
	segs := strings.Split(pattern, string(t.sep))
	n := &t.root
	params := 0
	for i, s := range segs {
		name, isParam := strings.CutPrefix(s, "{")
		if isParam {
			var ok bool
			if name, ok = strings.CutSuffix(name, "}"); !ok || name == "" {
				panic(fmt.Sprintf("interaction: pattern %q: bad segment %q", pattern, s))
			}
			if params++; params > maxParams {
				panic(fmt.Sprintf("interaction: pattern %q: more than %d parameters", pattern, maxParams))
			}
		}
		if isParam && strings.HasSuffix(name, "...") {
			if i != len(segs)-1 {
				panic(fmt.Sprintf("interaction: pattern %q: {%s} must be the last segment", pattern, name))
			}
			if n.rest != nil {
				panic(fmt.Sprintf("interaction: pattern %q conflicts with %q", pattern, n.rpat))
			}
			n.rest, n.rname, n.rpat = h, strings.TrimSuffix(name, "..."), pattern
			return
		}
		switch {
		case isParam:
			if n.param == nil {
				n.param = &pnode{pname: name}
			} else if n.param.pname != name {
				panic(fmt.Sprintf("interaction: pattern %q: {%s} where another pattern has {%s}", pattern, name, n.param.pname))
			}
			n = n.param
		default:
			if n.lit == nil {
				n.lit = map[string]*pnode{}
			}
			next := n.lit[s]
			if next == nil {
				next = &pnode{}
				n.lit[s] = next
			}
			n = next
		}
	}
	if n.h != nil {
		panic(fmt.Sprintf("interaction: pattern %q registered twice", pattern))
	}
	n.h, n.pattern = h, pattern
}

// match finds the handler of id and records its parameters in r.
func (t *trie) match(id string, r *Request) Handler {
	r.np = 0
	h, pat := t.root.match(id, t.sep, r)
	r.route = pat
	return h
}

func (n *pnode) match(id string, sep byte, r *Request) (Handler, string) {
	seg, rest, more := cut(id, sep)
	np := r.np
	if next := n.lit[seg]; next != nil {
		if h, p := next.end(rest, more, sep, r); h != nil {
			return h, p
		}
		r.np = np
	}
	if n.param != nil && seg != "" && r.np < maxParams {
		r.params[r.np] = Param{Name: n.param.pname, Value: seg}
		r.np++
		if h, p := n.param.end(rest, more, sep, r); h != nil {
			return h, p
		}
		r.np = np
	}
	if n.rest != nil && id != "" && r.np < maxParams {
		r.params[r.np] = Param{Name: n.rname, Value: id}
		r.np++
		return n.rest, n.rpat
	}
	return nil, ""
}

// end matches what follows a segment matched by n.
func (n *pnode) end(rest string, more bool, sep byte, r *Request) (Handler, string) {
	if !more {
		return n.h, n.pattern
	}
	return n.match(rest, sep, r)
}

func cut(s string, sep byte) (before, after string, found bool) {
	if i := strings.IndexByte(s, sep); i >= 0 {
		return s[:i], s[i+1:], true
	}
	return s, "", false
}

// Param is a {name} segment of a custom ID pattern and what it matched.
type Param struct {
	Name, Value string
}
