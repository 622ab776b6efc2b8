//go:build !js

package dashboard

import (
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/gloamdev/gloam/cache"
)

// obj appends the members of one JSON object, leaving out zero values:
// the cache reads an absent field as its zero value, so the payloads stay
// small and still say everything.
type obj struct {
	b     []byte
	empty bool
}

func (o *obj) key(k string) {
	if !o.empty {
		o.b = append(o.b, ',')
	}
	o.empty = false
	o.b = append(o.b, '"')
	o.b = append(o.b, k...)
	o.b = append(o.b, '"', ':')
}

func (o *obj) str(k, v string) {
	if v != "" {
		o.key(k)
		o.b = appendString(o.b, v)
	}
}

func (o *obj) id(k string, v uint64) {
	if v != 0 {
		o.key(k)
		o.b = append(o.b, '"')
		o.b = strconv.AppendUint(o.b, v, 10)
		o.b = append(o.b, '"')
	}
}

func (o *obj) int(k string, v int64) {
	if v != 0 {
		o.key(k)
		o.b = strconv.AppendInt(o.b, v, 10)
	}
}

func (o *obj) bool(k string, v bool) {
	if v {
		o.key(k)
		o.b = append(o.b, "true"...)
	}
}

func (o *obj) hash(k string, h cache.Hash) { o.str(k, h.String()) }

func (o *obj) time(k string, t time.Time) {
	if !t.IsZero() {
		o.key(k)
		o.b = append(o.b, '"')
		o.b = t.UTC().AppendFormat(o.b, "2006-01-02T15:04:05.000000Z07:00")
		o.b = append(o.b, '"')
	}
}

func (o *obj) millis(k string, t time.Time) {
	if !t.IsZero() {
		o.int(k, t.UnixMilli())
	}
}

// ids appends a list of snowflakes; empty lists are left out.
func (o *obj) ids(k string, n int, at func(int) uint64) {
	if n == 0 {
		return
	}
	o.key(k)
	o.b = append(o.b, '[')
	for i := range n {
		if i > 0 {
			o.b = append(o.b, ',')
		}
		o.b = append(o.b, '"')
		o.b = strconv.AppendUint(o.b, at(i), 10)
		o.b = append(o.b, '"')
	}
	o.b = append(o.b, ']')
}

// open starts a nested object under k; close ends it.
func (o *obj) open(k string) {
	o.key(k)
	o.b = append(o.b, '{')
	o.empty = true
}

func (o *obj) close() {
	o.b = append(o.b, '}')
	o.empty = false
}

// appendString appends s as a JSON string. Invalid UTF-8 becomes U+FFFD,
// as encoding/json does.
func appendString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
