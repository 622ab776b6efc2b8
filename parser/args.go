package parser

import (
	"iter"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Args is a cursor over the arguments of a command. Arguments are
// separated by Unicode whitespace. An argument that starts with a double
// quote, straight (") or curly (“, closed by ”), runs to its closing quote
// and may hold whitespace; inside it a backslash escapes a backslash or the
// closing quote, and is kept as it is before anything else. Outside quotes
// nothing is special but whitespace.
//
// An argument without escapes is a substring of the parsed text: reading
// arguments does not allocate. An Args is a small value; copy it to keep a
// position. The zero Args has no arguments.
type Args struct {
	s   string // what is left, from the next argument on
	off int    // offset of s in the parsed text
	n   int    // arguments read so far
}

// NewArgs splits s into arguments, as Parse splits the text after a
// command name. It returns a *SyntaxError, with an offset into s, when a
// quote is never closed or a closing quote is followed by something other
// than whitespace.
func NewArgs(s string) (Args, error) {
	a := newArgs(s, 0)
	if err := a.check(); err != nil {
		return a, err
	}
	return a, nil
}

func newArgs(s string, off int) Args {
	k := skipSpace(s, 0)
	return Args{s: s[k:], off: off + k}
}

// Next returns the next argument and advances; false when there are no
// more.
func (a *Args) Next() (string, bool) {
	if a.s == "" {
		return "", false
	}
	t := scanArg(a.s)
	a.advance(t.end)
	return t.value(), true
}

// Rest is the raw text from the next argument on, quotes and escapes left
// as they are: for "!ban @someone breaking the rules", after reading the
// user, Rest is "breaking the rules".
func (a Args) Rest() string { return a.s }

// Index is the position of the next argument, from 0: how many have been
// read.
func (a Args) Index() int { return a.n }

// Len counts the arguments left.
func (a Args) Len() int {
	n := 0
	for {
		if _, ok := a.Next(); !ok {
			return n
		}
		n++
	}
}

// All yields the arguments left, without moving a.
func (a Args) All() iter.Seq[string] {
	return func(yield func(string) bool) {
		for {
			s, ok := a.Next()
			if !ok || !yield(s) {
				return
			}
		}
	}
}

// Strings returns the arguments left as a slice.
func (a Args) Strings() []string {
	var out []string
	for s := range a.All() {
		out = append(out, s)
	}
	return out
}

func (a *Args) advance(n int) {
	k := skipSpace(a.s, n)
	a.s = a.s[k:]
	a.off += k
	a.n++
}

// check walks the arguments left and reports the first syntax error.
func (a Args) check() error {
	s, off := a.s, a.off
	for s != "" {
		t := scanArg(s)
		if t.fail != "" {
			return &SyntaxError{Offset: off + t.failAt, Reason: t.fail}
		}
		k := skipSpace(s, t.end)
		s, off = s[k:], off+k
	}
	return nil
}

// token is one argument as scanned.
type token struct {
	raw    string // the word, or the text between the quotes
	end    int    // bytes taken, quotes included
	close  string // the closing quote; "" for a bare word
	esc    bool   // raw holds escapes
	fail   string // why the argument is malformed; "" when it is not
	failAt int    // where, in bytes from its start
}

func (t token) value() string {
	if !t.esc {
		return t.raw
	}
	var b strings.Builder
	b.Grow(len(t.raw))
	s := t.raw
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			if s[i+1] == '\\' {
				b.WriteByte('\\')
				i++
				continue
			}
			if strings.HasPrefix(s[i+1:], t.close) {
				b.WriteString(t.close)
				i += len(t.close)
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// openQuote returns the closing quote for a quote that opens s, and the
// length of the opening one.
func openQuote(s string) (string, int) {
	if s == "" {
		return "", 0
	}
	if s[0] == '"' {
		return `"`, 1
	}
	if strings.HasPrefix(s, "“") {
		return "”", len("“")
	}
	return "", 0
}

// scanArg reads one argument at the start of s, which is not empty and
// does not start with whitespace. A malformed argument is still scanned,
// leniently: an unterminated quote runs to the end of s.
func scanArg(s string) token {
	close, q := openQuote(s)
	if q == 0 {
		i := wordEnd(s, 0)
		return token{raw: s[:i], end: i}
	}
	t := token{close: close}
	for i := q; i < len(s); i++ {
		c := s[i]
		if c == '\\' && i+1 < len(s) {
			if s[i+1] == '\\' {
				t.esc = true
				i++
				continue
			}
			if strings.HasPrefix(s[i+1:], close) {
				t.esc = true
				i += len(close)
				continue
			}
			continue
		}
		if c == close[0] && strings.HasPrefix(s[i:], close) {
			t.raw = s[q:i]
			t.end = i + len(close)
			if t.end < len(s) && spaceAt(s, t.end) == 0 {
				t.fail, t.failAt = "text after closing quote", t.end
			}
			return t
		}
	}
	t.raw, t.end = s[q:], len(s)
	t.fail, t.failAt = "unterminated quote", 0
	return t
}

var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// spaceAt returns the length of the whitespace rune at s[i], or 0.
func spaceAt(s string, i int) int {
	c := s[i]
	if c < utf8.RuneSelf {
		if asciiSpace[c] {
			return 1
		}
		return 0
	}
	r, n := utf8.DecodeRuneInString(s[i:])
	if unicode.IsSpace(r) {
		return n
	}
	return 0
}

// skipSpace returns the index of the first non-whitespace rune of s at or
// after i.
func skipSpace(s string, i int) int {
	for i < len(s) {
		n := spaceAt(s, i)
		if n == 0 {
			break
		}
		i += n
	}
	return i
}

// wordEnd returns the index of the first whitespace rune of s at or after
// i, or len(s).
func wordEnd(s string, i int) int {
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if asciiSpace[c] {
				return i
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			return i
		}
		i += n
	}
	return i
}

// Quote joins args into text that splits back into the same arguments:
// each is quoted only when it must be (it is empty, holds whitespace or
// starts with a quote), with backslashes and double quotes escaped inside.
func Quote(args ...string) string {
	var b strings.Builder
	for i, a := range args {
		if i > 0 {
			b.WriteByte(' ')
		}
		if !needsQuote(a) {
			b.WriteString(a)
			continue
		}
		b.WriteByte('"')
		for j := 0; j < len(a); j++ {
			if a[j] == '"' || a[j] == '\\' {
				b.WriteByte('\\')
			}
			b.WriteByte(a[j])
		}
		b.WriteByte('"')
	}
	return b.String()
}

func needsQuote(a string) bool {
	if a == "" {
		return true
	}
	if _, q := openQuote(a); q > 0 {
		return true
	}
	return wordEnd(a, 0) < len(a)
}
