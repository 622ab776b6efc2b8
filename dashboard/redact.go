//go:build !js

package dashboard

import (
	"strings"

	"github.com/tidwall/gjson"
)

// secretKeys are the object members the feed never forwards, at any depth
// of any event: an interaction's token (it answers the interaction as the
// bot for 15 minutes), a voice server's token and the voice and gateway
// session ids (with them, a voice connection as the bot), and the
// gateway's resume URL.
var secretKeys = [...]string{"token", "session_id", "resume_gateway_url"}

// maxDepth bounds the nesting redact walks; a deeper payload is not
// forwarded at all. Discord's objects nest a dozen levels at most.
const maxDepth = 64

// redact returns the payload without its secret members, and false when
// it cannot be checked (invalid or too deep): such a payload is dropped.
// A payload that names no secret member is returned as it is, without a
// copy.
func redact(raw string) (string, bool) {
	if !mayHoldSecret(raw) {
		return raw, true
	}
	if !gjson.Valid(raw) {
		return "", false
	}
	b, ok := appendRedacted(make([]byte, 0, len(raw)), gjson.Parse(raw), 0)
	if !ok {
		return "", false
	}
	return string(b), true
}

// mayHoldSecret reports whether raw may have a member named as a secret:
// it spells one as a JSON string, or escapes characters (a key may be
// spelled with \u escapes).
func mayHoldSecret(raw string) bool {
	if strings.Contains(raw, `\u`) {
		return true
	}
	for _, k := range secretKeys {
		if strings.Contains(raw, `"`+k+`"`) {
			return true
		}
	}
	return false
}

func isSecret(key string) bool {
	for _, k := range secretKeys {
		if key == k {
			return true
		}
	}
	return false
}

// appendRedacted appends v to b without the secret members of its
// objects.
func appendRedacted(b []byte, v gjson.Result, depth int) ([]byte, bool) {
	if depth > maxDepth {
		return b, false
	}
	ok := true
	switch {
	case v.IsObject():
		b = append(b, '{')
		first := true
		v.ForEach(func(k, val gjson.Result) bool {
			if isSecret(k.Str) {
				return true
			}
			if !first {
				b = append(b, ',')
			}
			first = false
			b = append(b, k.Raw...)
			b = append(b, ':')
			b, ok = appendRedacted(b, val, depth+1)
			return ok
		})
		b = append(b, '}')
	case v.IsArray():
		b = append(b, '[')
		first := true
		v.ForEach(func(_, val gjson.Result) bool {
			if !first {
				b = append(b, ',')
			}
			first = false
			b, ok = appendRedacted(b, val, depth+1)
			return ok
		})
		b = append(b, ']')
	default:
		b = append(b, v.Raw...)
	}
	return b, ok
}
