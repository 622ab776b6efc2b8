package parser_test

import (
	"errors"
	"testing"

	"github.com/gloamdev/gloam/parser"
	"github.com/matryer/is"
)

func TestNewArgs(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"   ", nil},
		{"a", []string{"a"}},
		{"  a  b  ", []string{"a", "b"}},
		{"a\tb\nc\r\nd\ve\ff", []string{"a", "b", "c", "d", "e", "f"}},
		{"a\u2003b\u3000c\u0085d\u2028e", []string{"a", "b", "c", "d", "e"}}, // Unicode whitespace
		{`"a b" c`, []string{"a b", "c"}},
		{`"" x ""`, []string{"", "x", ""}},
		{`"a\"b"`, []string{`a"b`}},
		{`"a\\b"`, []string{`a\b`}},
		{`"a\\"`, []string{`a\`}},
		{`"a\nb"`, []string{`a\nb`}},                     // other escapes stay as they are
		{`"a\\\"b"`, []string{`a\"b`}},                   // a backslash, then a quote
		{`a\"b c`, []string{`a\"b`, "c"}},                // nothing is special outside quotes
		{`it's 5" tall`, []string{"it's", `5"`, "tall"}}, // quotes inside a word are text
		{`a"b c"`, []string{`a"b`, `c"`}},
		{"“smart quotes” here", []string{"smart quotes", "here"}},
		{`“a \” b”`, []string{"a ” b"}},
		{`“a " b”`, []string{`a " b`}},
		{`"a “ b"`, []string{"a “ b"}},
		{"”closing first", []string{"”closing", "first"}},
		{"\"tab\there\nnewline\"", []string{"tab\there\nnewline"}},
		{"é ü 日本語 🤖", []string{"é", "ü", "日本語", "🤖"}},
		{`"🤖 beep" 👍🏽`, []string{"🤖 beep", "👍🏽"}},
		{"\xff \xfe\xfd", []string{"\xff", "\xfe\xfd"}}, // invalid UTF-8 kept as it is
	} {
		t.Run(tc.in, func(t *testing.T) {
			is := is.New(t)
			a, err := parser.NewArgs(tc.in)
			is.NoErr(err)
			is.Equal(a.Len(), len(tc.want))
			is.Equal(a.Strings(), tc.want)
			var got []string
			for s := range a.All() {
				got = append(got, s)
			}
			is.Equal(got, tc.want) // All
			is.Equal(parser.Quote(tc.want...) == "", len(tc.want) == 0)
			back, err := parser.NewArgs(parser.Quote(tc.want...))
			is.NoErr(err)
			is.Equal(back.Strings(), tc.want) // Quote round trip
		})
	}
}

func TestNewArgsSyntaxError(t *testing.T) {
	for _, tc := range []struct {
		in     string
		offset int
		reason string
	}{
		{`"`, 0, "unterminated quote"},
		{`  "abc`, 2, "unterminated quote"},
		{`a "b" "c`, 6, "unterminated quote"},
		{`"a\"`, 0, "unterminated quote"},
		{`"a\\\"`, 0, "unterminated quote"},
		{`“a"`, 0, "unterminated quote"},
		{`"a"b`, 3, "text after closing quote"},
		{`"a"“b”`, 3, "text after closing quote"},
		{`“a”b`, 7, "text after closing quote"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			is := is.New(t)
			_, err := parser.NewArgs(tc.in)
			var se *parser.SyntaxError
			is.True(errors.As(err, &se))
			is.Equal(se.Offset, tc.offset)
			is.Equal(se.Reason, tc.reason)
		})
	}
}

func TestArgsCursor(t *testing.T) {
	is := is.New(t)
	a, err := parser.NewArgs(`  one "two 2"   three four  `)
	is.NoErr(err)
	is.Equal(a.Index(), 0)
	is.Equal(a.Rest(), `one "two 2"   three four  `)
	s, ok := a.Next()
	is.True(ok)
	is.Equal(s, "one")
	is.Equal(a.Index(), 1)
	is.Equal(a.Rest(), `"two 2"   three four  `)
	saved := a // a copy keeps its place
	s, _ = a.Next()
	is.Equal(s, "two 2")
	is.Equal(a.Rest(), "three four  ")
	is.Equal(a.Len(), 2)
	for s := range a.All() {
		if s == "three" {
			break // stopping early is fine
		}
	}
	is.Equal(a.Index(), 2) // All does not move the cursor
	s, _ = saved.Next()
	is.Equal(s, "two 2")
	a.Next()
	a.Next()
	s, ok = a.Next()
	is.True(!ok)
	is.Equal(s, "")
	is.Equal(a.Rest(), "")
	is.Equal(a.Index(), 4)

	var zero parser.Args
	_, ok = zero.Next()
	is.True(!ok) // the zero Args is empty
	is.Equal(zero.Len(), 0)
}

func TestQuote(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, ""},
		{[]string{""}, `""`},
		{[]string{"a"}, "a"},
		{[]string{"a", "b"}, "a b"},
		{[]string{"a b"}, `"a b"`},
		{[]string{`a"b`}, `a"b`},
		{[]string{`"a`}, `"\"a"`},
		{[]string{`“a`}, `"“a"`},
		{[]string{`a\b`}, `a\b`},
		{[]string{`a \b`}, `"a \\b"`},
		{[]string{"tab\t"}, "\"tab\t\""},
		{[]string{"no-break\u00a0space"}, "\"no-break\u00a0space\""},
		{[]string{"🤖", "é"}, "🤖 é"},
	} {
		is := is.New(t)
		is.Equal(parser.Quote(tc.args...), tc.want)
	}
}
