package wire

import "math/bits"

// The scanning primitives every reader of gloam builds on: model's lazy
// views and event envelope, and the Dec of the cache. Each works on a
// string and an index into it and allocates nothing.

// structural marks the bytes a container skip must stop at.
var structural = [256]bool{'"': true, '{': true, '}': true, '[': true, ']': true}

// IsSpace reports JSON whitespace.
func IsSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// SkipSpace returns the index of the first byte at or after i that is
// not whitespace (len(s) if none).
func SkipSpace(s string, i int) int {
	for i < len(s) && IsSpace(s[i]) {
		i++
	}
	return i
}

// SkipString returns the index just past the string whose opening quote
// is at s[i], or -1 when it is not closed, and whether it holds escapes.
// It looks at eight bytes at a time for a quote or a backslash.
func SkipString(s string, i int) (end int, escaped bool) {
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

// SkipValue returns the index just past the value starting at s[i] (no
// leading space), or -1 when it is malformed or truncated. Containers
// are matched by their brackets, outside strings; numbers and literals
// run to the next delimiter, their grammar unchecked (Valid checks all).
func SkipValue(s string, i int) int {
	if i >= len(s) {
		return -1
	}
	switch c := s[i]; c {
	case '"':
		end, _ := SkipString(s, i)
		return end
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
				i, _ = SkipString(s, i)
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
			if c == ',' || c == '}' || c == ']' || IsSpace(c) {
				break
			}
			j++
		}
		return j
	}
}

// ParseUint parses decimal digits, such as a snowflake's; anything else,
// or overflow, gives 0.
func ParseUint(s string) uint64 {
	if len(s) == 0 || len(s) > 20 {
		return 0
	}
	var n uint64
	for i := 0; i < len(s); i++ {
		c := s[i] - '0'
		if c > 9 || n > (1<<64-1-uint64(c))/10 {
			return 0
		}
		n = n*10 + uint64(c)
	}
	return n
}

// ParseInt parses an optionally signed decimal integer; a fraction or an
// exponent is cut off, and overflow gives 0.
func ParseInt(s string) int64 {
	neg := false
	if len(s) > 0 && s[0] == '-' {
		neg, s = true, s[1:]
	}
	var n int64
	for i := 0; i < len(s); i++ {
		c := s[i] - '0'
		if c > 9 {
			break // a fraction or an exponent: keep the integer part
		}
		if n > (1<<63-1-int64(c))/10 {
			return 0
		}
		n = n*10 + int64(c)
	}
	if neg {
		return -n
	}
	return n
}
