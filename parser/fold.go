package parser

import (
	"unicode"
	"unicode/utf8"
)

// Case folding follows strings.EqualFold: two runes match when one is
// reached from the other through unicode.SimpleFold. Nothing here
// allocates.

// foldKey is the smallest rune of r's case-folding orbit, so that two runes
// match under EqualFold exactly when their keys are equal.
func foldKey(r rune) rune {
	if r < utf8.RuneSelf {
		// The orbits of k and s hold the Kelvin sign and the long s, both
		// above ASCII, so the ASCII capital is still the smallest.
		if 'a' <= r && r <= 'z' {
			return r - 'a' + 'A'
		}
		return r
	}
	min := r
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		if f < min {
			min = f
		}
	}
	return min
}

// appendFoldKey appends the fold key of every rune of s to dst.
func appendFoldKey(dst []byte, s string) []byte {
	for _, r := range s {
		dst = utf8.AppendRune(dst, foldKey(r))
	}
	return dst
}

// equalFoldRune reports whether r and t match under simple case folding.
func equalFoldRune(r, t rune) bool {
	if r == t {
		return true
	}
	if r < utf8.RuneSelf && t < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		if 'A' <= t && t <= 'Z' {
			t += 'a' - 'A'
		}
		return r == t
	}
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		if f == t {
			return true
		}
	}
	return false
}

// cutPrefixFold reports whether s starts with prefix under simple case
// folding, and how many bytes of s the prefix covers (not always
// len(prefix): the Kelvin sign K is three bytes, k one).
func cutPrefixFold(s, prefix string) (int, bool) {
	i := 0
	for _, p := range prefix {
		if i >= len(s) {
			return 0, false
		}
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		if !equalFoldRune(r, p) {
			return 0, false
		}
		i += size
	}
	return i, true
}
