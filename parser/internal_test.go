package parser

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/matryer/is"
)

// TestFoldKey checks foldKey against strings.EqualFold over every rune: a
// rune and each rune of its folding orbit share a key, and the key itself
// matches the rune under EqualFold.
func TestFoldKey(t *testing.T) {
	is := is.New(t)
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		k := foldKey(r)
		if f := unicode.SimpleFold(r); f != r && foldKey(f) != k {
			t.Fatalf("foldKey(%U) = %U, foldKey(%U) = %U", r, k, f, foldKey(f))
		}
		if k != r && !strings.EqualFold(string(k), string(r)) {
			t.Fatalf("foldKey(%U) = %U, which EqualFold does not match", r, k)
		}
		if !equalFoldRune(r, k) || !equalFoldRune(k, r) {
			t.Fatalf("equalFoldRune(%U, %U) = false", r, k)
		}
		if utf8.RuneLen(k) > utf8.RuneLen(r) {
			t.Fatalf("foldKey(%U) = %U is longer", r, k)
		}
	}
	is.Equal(foldKey('k'), foldKey('\u212A')) // Kelvin sign
	is.True(foldKey('a') != foldKey('b'))
}

func TestCutPrefixFold(t *testing.T) {
	for _, tc := range []struct {
		s, prefix string
		n         int
		ok        bool
	}{
		{"HELLO world", "hello", 5, true},
		{"\u212Aey", "key", 5, true},
		{"ke", "key", 0, false},
		{"", "", 0, true},
		{"abc", "", 0, true},
		{"ÄBC", "äb", 3, true},
		{"xbc", "äb", 0, false},
	} {
		is := is.New(t)
		n, ok := cutPrefixFold(tc.s, tc.prefix)
		is.Equal(ok, tc.ok) // match
		is.Equal(n, tc.n)   // bytes
	}
}
