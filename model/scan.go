package model

import (
	"math/bits"
	"strings"

	"github.com/tidwall/gjson"
)

// A small scanner for the top level of JSON objects: it finds each key and
// the extent of its value without decoding anything, using IndexByte to
// jump over strings. It checks structure (balanced brackets, closed
// strings, a colon after each key, commas between members) but not the
// grammar of numbers and literals; values are checked when read.

// structural marks the bytes a container skip must stop at.
var structural = [256]bool{'"': true, '{': true, '}': true, '[': true, ']': true}

// isSpace reports JSON whitespace.
func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// skipString returns the index just past the string whose opening quote
// is at s[i], or -1 when it is not closed. It looks at eight bytes at a
// time for a quote or a backslash.
func skipString(s string, i int) int {
	end, _ := skipStringEsc(s, i)
	return end
}

// skipStringEsc is skipString that also reports whether the string holds
// escapes.
func skipStringEsc(s string, i int) (end int, escaped bool) {
	i++
	for {
		for i+8 <= len(s) {
			x := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
				uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
			m := zeroBytes(x^quotes) | zeroBytes(x^backslashes)
			if m != 0 {
				i += bits.TrailingZeros64(m) >> 3
				break
			}
			i += 8
		}
		for i < len(s) && s[i] != '"' && s[i] != '\\' {
			i++
		}
		if i >= len(s) {
			return -1, escaped
		}
		if s[i] == '"' {
			return i + 1, escaped
		}
		escaped = true
		i += 2 // a backslash and the byte it escapes
	}
}

const (
	ones        = 0x0101010101010101
	highs       = 0x8080808080808080
	quotes      = '"' * ones
	backslashes = '\\' * ones
)

// zeroBytes has the high bit set in (at least) the lowest zero byte of x,
// and in no byte below it.
func zeroBytes(x uint64) uint64 { return (x - ones) &^ x & highs }

// skipValue returns the index just past the value starting at s[i] (no
// leading space), or -1 when it is malformed or truncated.
func skipValue(s string, i int) int {
	if i >= len(s) {
		return -1
	}
	switch c := s[i]; c {
	case '"':
		return skipString(s, i)
	case '{', '[':
		depth := 0
		for i < len(s) {
			for i < len(s) && !structural[s[i]] {
				i++
			}
			if i >= len(s) {
				return -1
			}
			switch s[i] {
			case '"':
				i = skipString(s, i)
				if i < 0 {
					return -1
				}
				continue
			case '{', '[':
				depth++
			default: // '}' or ']'
				depth--
				if depth == 0 {
					return i + 1
				}
			}
			i++
		}
		return -1
	case '}', ']', ',', ':':
		return -1
	default:
		j := i
		for j < len(s) {
			c := s[j]
			if c == ',' || c == '}' || c == ']' || isSpace(c) {
				break
			}
			j++
		}
		return j
	}
}

// scanObject calls f with each key (raw, without quotes) and value (raw
// JSON) of the object that is s, until f returns false. It reports where
// the object is malformed: "" when it is well formed.
func scanObject(s string, f func(key, val string) bool) string {
	i := skipSpaceFrom(s, 0)
	if i >= len(s) || s[i] != '{' {
		return "not a JSON object"
	}
	end, why := scanMembers(s, i, f)
	if why != "" {
		return why
	}
	if skipSpaceFrom(s, end) != len(s) {
		return "data after the object"
	}
	return ""
}

// scanMembers scans the object starting at s[i] == '{' and returns the
// index just past it.
func scanMembers(s string, i int, f func(key, val string) bool) (int, string) {
	i = skipSpaceFrom(s, i+1)
	if i < len(s) && s[i] == '}' {
		return i + 1, ""
	}
	stopped := false
	for {
		if i >= len(s) {
			return 0, "truncated"
		}
		if s[i] != '"' {
			return 0, "a key is not a string"
		}
		k, esc := skipStringEsc(s, i)
		if k < 0 {
			return 0, "truncated"
		}
		key := s[i+1 : k-1]
		if esc {
			key = rawString(s[i:k])
		}
		i = skipSpaceFrom(s, k)
		if i >= len(s) || s[i] != ':' {
			return 0, "no colon after a key"
		}
		i = skipSpaceFrom(s, i+1)
		v := skipValue(s, i)
		if v < 0 || v == i {
			return 0, "a value is malformed or truncated"
		}
		if !stopped && !f(key, s[i:v]) {
			stopped = true
		}
		i = skipSpaceFrom(s, v)
		if i >= len(s) {
			return 0, "truncated"
		}
		switch s[i] {
		case ',':
			i = skipSpaceFrom(s, i+1)
		case '}':
			return i + 1, ""
		default:
			return 0, "no comma between members"
		}
	}
}

// scanArray calls f with each element of the array that is s (raw JSON);
// it gives up quietly on malformed input.
func scanArray(s string, f func(val string) bool) {
	i := skipSpaceFrom(s, 0)
	if i >= len(s) || s[i] != '[' {
		return
	}
	i = skipSpaceFrom(s, i+1)
	if i < len(s) && s[i] == ']' {
		return
	}
	for i < len(s) {
		v := skipValue(s, i)
		if v <= i {
			return
		}
		if !f(s[i:v]) {
			return
		}
		i = skipSpaceFrom(s, v)
		if i >= len(s) || s[i] != ',' {
			return
		}
		i = skipSpaceFrom(s, i+1)
	}
}

func skipSpaceFrom(s string, i int) int {
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	return i
}

// Readers of raw JSON values. They return the zero value for JSON of
// another kind, so that a malformed field never panics.

// rawString is the text of a JSON string. Without escapes it is a
// substring of raw and costs nothing.
func rawString(raw string) string {
	if len(raw) < 2 || raw[0] != '"' || raw[len(raw)-1] != '"' {
		return ""
	}
	inner := raw[1 : len(raw)-1]
	if strings.IndexByte(inner, '\\') < 0 {
		return inner
	}
	return gjson.Parse(raw).Str
}

// rawSnowflake reads a snowflake sent as a string or a number.
func rawSnowflake(raw string) uint64 {
	if len(raw) >= 2 && raw[0] == '"' && raw[len(raw)-1] == '"' {
		raw = raw[1 : len(raw)-1]
	}
	if raw == "" || len(raw) > 20 {
		return 0
	}
	var v uint64
	for i := 0; i < len(raw); i++ {
		c := raw[i] - '0'
		if c > 9 {
			return 0
		}
		n := v*10 + uint64(c)
		if n < v || v > (1<<64-1)/10 {
			return 0
		}
		v = n
	}
	return v
}

// rawInt reads an integer; 0 for anything else.
func rawInt(raw string) int64 {
	if !isInt(raw) {
		return 0
	}
	neg := raw[0] == '-'
	if neg {
		raw = raw[1:]
	}
	var v int64
	for i := 0; i < len(raw); i++ {
		n := v*10 + int64(raw[i]-'0')
		if n < v {
			return 0
		}
		v = n
	}
	if neg {
		return -v
	}
	return v
}

// rawBool reads true; anything else is false.
func rawBool(raw string) bool { return raw == "true" }

// rawNull reports whether raw is null or absent.
func rawNull(raw string) bool { return raw == "" || raw == "null" }
