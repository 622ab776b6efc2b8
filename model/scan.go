package model

import (
	"strings"

	"github.com/gloamdev/gloam/internal/wire"
)

// A small scanner for the top level of JSON objects, on the primitives of
// internal/wire: it finds each key and the extent of its value without
// decoding anything. It checks structure (balanced brackets, closed
// strings, a colon after each key, commas between members) but not the
// grammar of numbers and literals; values are checked when read.

// scanObject calls f with each key (raw, without quotes) and value (raw
// JSON) of the object that is s, until f returns false. It reports where
// the object is malformed: "" when it is well formed.
func scanObject(s string, f func(key, val string) bool) string {
	i := wire.SkipSpace(s, 0)
	if i >= len(s) || s[i] != '{' {
		return "not a JSON object"
	}
	end, why := scanMembers(s, i, f)
	if why != "" {
		return why
	}
	if wire.SkipSpace(s, end) != len(s) {
		return "data after the object"
	}
	return ""
}

// scanMembers scans the object starting at s[i] == '{' and returns the
// index just past it.
func scanMembers(s string, i int, f func(key, val string) bool) (int, string) {
	i = wire.SkipSpace(s, i+1)
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
		k, esc := wire.SkipString(s, i)
		if k < 0 {
			return 0, "truncated"
		}
		key := s[i+1 : k-1]
		if esc {
			key = rawString(s[i:k])
		}
		i = wire.SkipSpace(s, k)
		if i >= len(s) || s[i] != ':' {
			return 0, "no colon after a key"
		}
		i = wire.SkipSpace(s, i+1)
		v := wire.SkipValue(s, i)
		if v < 0 || v == i {
			return 0, "a value is malformed or truncated"
		}
		if !stopped && !f(key, s[i:v]) {
			stopped = true
		}
		i = wire.SkipSpace(s, v)
		if i >= len(s) {
			return 0, "truncated"
		}
		switch s[i] {
		case ',':
			i = wire.SkipSpace(s, i+1)
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
	i := wire.SkipSpace(s, 0)
	if i >= len(s) || s[i] != '[' {
		return
	}
	i = wire.SkipSpace(s, i+1)
	if i < len(s) && s[i] == ']' {
		return
	}
	for i < len(s) {
		v := wire.SkipValue(s, i)
		if v <= i {
			return
		}
		if !f(s[i:v]) {
			return
		}
		i = wire.SkipSpace(s, v)
		if i >= len(s) || s[i] != ',' {
			return
		}
		i = wire.SkipSpace(s, i+1)
	}
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
	return wire.Unescape(inner)
}

// rawSnowflake reads a snowflake sent as a string or a number.
func rawSnowflake(raw string) uint64 {
	if len(raw) >= 2 && raw[0] == '"' && raw[len(raw)-1] == '"' {
		raw = raw[1 : len(raw)-1]
	}
	return wire.ParseUint(raw)
}

// rawInt reads an integer; 0 for anything else.
func rawInt(raw string) int64 {
	if !isInt(raw) {
		return 0
	}
	return wire.ParseInt(raw)
}

// rawBool reads true; anything else is false.
func rawBool(raw string) bool { return raw == "true" }

// rawNull reports whether raw is null or absent.
func rawNull(raw string) bool { return raw == "" || raw == "null" }
