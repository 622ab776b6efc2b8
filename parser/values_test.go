package parser_test

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/parser"
	"github.com/matryer/is"
)

func args(t *testing.T, s string) *parser.Args {
	t.Helper()
	a, err := parser.NewArgs(s)
	if err != nil {
		t.Fatal(err)
	}
	return &a
}

// argErr checks err is an *ArgError for argument index, and returns it.
func argErr(t *testing.T, err error, index int, arg, want string) *parser.ArgError {
	t.Helper()
	is := is.NewRelaxed(t)
	var ae *parser.ArgError
	is.True(errors.As(err, &ae)) // an *ArgError
	if ae == nil {
		t.FailNow()
	}
	is.Equal(ae.Index, index)
	is.Equal(ae.Arg, arg)
	is.Equal(ae.Want, want)
	return ae
}

func TestInts(t *testing.T) {
	is := is.New(t)
	a := args(t, "42 -7 +3 9223372036854775807 18446744073709551615 0")
	n, err := a.Int()
	is.NoErr(err)
	is.Equal(n, 42)
	n, err = a.Int()
	is.NoErr(err)
	is.Equal(n, -7)
	n64, err := a.Int64()
	is.NoErr(err)
	is.Equal(n64, int64(3))
	n64, err = a.Int64()
	is.NoErr(err)
	is.Equal(n64, int64(9223372036854775807))
	u64, err := a.Uint64()
	is.NoErr(err)
	is.Equal(u64, uint64(18446744073709551615))
	u, err := a.Uint()
	is.NoErr(err)
	is.Equal(u, uint(0))
	is.NoErr(a.End())

	for _, tc := range []struct {
		in    string
		read  func(*parser.Args) error
		want  string
		cause error
	}{
		{"x", func(a *parser.Args) error { _, err := a.Int(); return err }, "integer", strconv.ErrSyntax},
		{"1.5", func(a *parser.Args) error { _, err := a.Int(); return err }, "integer", strconv.ErrSyntax},
		{"0x10", func(a *parser.Args) error { _, err := a.Int64(); return err }, "integer", strconv.ErrSyntax},
		{"1_000", func(a *parser.Args) error { _, err := a.Int64(); return err }, "integer", strconv.ErrSyntax},
		{"٣", func(a *parser.Args) error { _, err := a.Int(); return err }, "integer", strconv.ErrSyntax},
		{"9223372036854775808", func(a *parser.Args) error { _, err := a.Int64(); return err }, "integer", strconv.ErrRange},
		{"-1", func(a *parser.Args) error { _, err := a.Uint(); return err }, "unsigned integer", strconv.ErrSyntax},
		{"18446744073709551616", func(a *parser.Args) error { _, err := a.Uint64(); return err }, "unsigned integer", strconv.ErrRange},
		{"1e999", func(a *parser.Args) error { _, err := a.Float(); return err }, "number", strconv.ErrRange},
		{"abc", func(a *parser.Args) error { _, err := a.Float(); return err }, "number", strconv.ErrSyntax},
		{"inf", func(a *parser.Args) error { _, err := a.Float(); return err }, "number", nil},
		{"NaN", func(a *parser.Args) error { _, err := a.Float(); return err }, "number", nil},
	} {
		t.Run(tc.in, func(t *testing.T) {
			is := is.New(t)
			a := args(t, "first "+tc.in+" last")
			a.Next()
			err := tc.read(a)
			ae := argErr(t, err, 1, tc.in, tc.want)
			is.Equal(ae.Err, tc.cause) // the cause
			if tc.cause != nil {
				is.True(errors.Is(err, tc.cause))
			}
			is.Equal(a.Index(), 1) // the cursor did not move
			s, _ := a.Next()
			is.Equal(s, tc.in)
		})
	}
}

func TestFloatBool(t *testing.T) {
	is := is.New(t)
	a := args(t, "2.5 -1e3 .5 yes NO On off 1 0 Enabled disable y n maybe")
	for _, want := range []float64{2.5, -1000, 0.5} {
		f, err := a.Float()
		is.NoErr(err)
		is.Equal(f, want)
	}
	for _, want := range []bool{true, false, true, false, true, false, true, false, true, false} {
		b, err := a.Bool()
		is.NoErr(err)
		is.Equal(b, want)
	}
	_, err := a.Bool()
	argErr(t, err, 13, "maybe", "yes or no")
}

func TestMissing(t *testing.T) {
	is := is.New(t)
	a := args(t, "only")
	_, err := a.Arg()
	is.NoErr(err)
	for want, read := range map[string]func() error{
		"argument": func() error { _, err := a.Arg(); return err },
		"integer":  func() error { _, err := a.Int(); return err },
		"user":     func() error { _, err := a.User(); return err },
		"duration": func() error { _, err := a.Duration(); return err },
		"emoji":    func() error { _, err := a.Emoji(); return err },
	} {
		err := read()
		argErr(t, err, 1, "", want)
		is.True(errors.Is(err, parser.ErrMissingArg)) // missing
		is.True(strings.Contains(err.Error(), "argument 2: missing"))
	}
}

func TestEnd(t *testing.T) {
	is := is.New(t)
	a := args(t, `a "b c"`)
	a.Next()
	err := a.End()
	argErr(t, err, 1, "b c", "no more arguments")
	is.Equal(err.Error(), `parser: argument 2 "b c": want no more arguments`)
	is.Equal(a.Index(), 1) // End does not move
	a.Next()
	is.NoErr(a.End())
}

func TestMentions(t *testing.T) {
	const id = 80351110224678912
	for _, tc := range []struct {
		in                  string
		user, channel, role bool
	}{
		{"<@80351110224678912>", true, false, false},
		{"<@!80351110224678912>", true, false, false},
		{"<#80351110224678912>", false, true, false},
		{"<@&80351110224678912>", false, false, true},
		{"80351110224678912", true, true, true},
		{"<@8>", true, false, false}, // any ID inside a mention
		{"<@0>", false, false, false},
		{"<@>", false, false, false},
		{"<@!>", false, false, false},
		{"<@ 80351110224678912>", false, false, false},
		{"<@80351110224678912", false, false, false},
		{"@80351110224678912>", false, false, false},
		{"<@18446744073709551616>", false, false, false}, // overflows
		{"<@-80351110224678912>", false, false, false},
		{"<@+80351110224678912>", false, false, false},
		{"<#!80351110224678912>", false, false, false},
		{"<@&!80351110224678912>", false, false, false},
		{"12345", false, false, false},                 // too short for a bare ID
		{"123456789012345678901", false, false, false}, // too long
		{"000000000000000", false, false, false},       // zero
		{"@someone", false, false, false},
		{"", false, false, false},
	} {
		t.Run(tc.in, func(t *testing.T) {
			is := is.New(t)
			u, ok := parser.ParseUser(tc.in)
			is.Equal(ok, tc.user) // user
			c, ok2 := parser.ParseChannel(tc.in)
			is.Equal(ok2, tc.channel) // channel
			r, ok3 := parser.ParseRole(tc.in)
			is.Equal(ok3, tc.role) // role
			if ok && tc.in != "<@8>" {
				is.Equal(u, model.UserID(id))
			}
			if ok2 {
				is.Equal(c, model.ChannelID(id))
			}
			if ok3 {
				is.Equal(r, model.RoleID(id))
			}
		})
	}
	is := is.New(t)
	u, ok := parser.ParseUser("<@1>")
	is.True(ok) // any ID inside a mention
	is.Equal(u, model.UserID(1))
	u, ok = parser.ParseUser("18446744073709551615")
	is.True(ok)
	is.Equal(u, model.UserID(18446744073709551615))

	a := args(t, "<@!1> <#2> <@&3> <#4>")
	user, err := a.User()
	is.NoErr(err)
	is.Equal(user, model.UserID(1))
	ch, err := a.Channel()
	is.NoErr(err)
	is.Equal(ch, model.ChannelID(2))
	role, err := a.Role()
	is.NoErr(err)
	is.Equal(role, model.RoleID(3))
	_, err = a.User()
	argErr(t, err, 3, "<#4>", "user")
	_, err = a.Role()
	argErr(t, err, 3, "<#4>", "role")
	_, err = a.Channel()
	is.NoErr(err)
}

func TestEmoji(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want parser.Emoji
		ok   bool
	}{
		{"<:blobcat:396521773144866826>", parser.Emoji{Name: "blobcat", ID: 396521773144866826}, true},
		{"<a:party_parrot:396521773144866827>", parser.Emoji{Name: "party_parrot", ID: 396521773144866827, Animated: true}, true},
		{"<:a:1>", parser.Emoji{Name: "a", ID: 1}, true},
		{"<a:a:1>", parser.Emoji{Name: "a", ID: 1, Animated: true}, true},
		{"👍", parser.Emoji{Name: "👍"}, true},
		{"👍🏽", parser.Emoji{Name: "👍🏽"}, true},
		{"❤️", parser.Emoji{Name: "❤️"}, true},
		{"❤", parser.Emoji{Name: "❤"}, true},
		{"🇫🇷", parser.Emoji{Name: "🇫🇷"}, true},
		{"1️⃣", parser.Emoji{Name: "1️⃣"}, true},
		{"#⃣", parser.Emoji{Name: "#⃣"}, true},
		{"👨‍👩‍👧‍👦", parser.Emoji{Name: "👨‍👩‍👧‍👦"}, true},
		{"🏳️‍🌈", parser.Emoji{Name: "🏳️‍🌈"}, true},
		{"🏴󠁧󠁢󠁳󠁣󠁴󠁿", parser.Emoji{Name: "🏴󠁧󠁢󠁳󠁣󠁴󠁿"}, true},
		{"🧑🏿‍🤝‍🧑🏻", parser.Emoji{Name: "🧑🏿‍🤝‍🧑🏻"}, true},
		{"©️", parser.Emoji{Name: "©️"}, true},
		{"⭐", parser.Emoji{Name: "⭐"}, true},
		{"🤖", parser.Emoji{Name: "🤖"}, true},
		{"👍👍", parser.Emoji{}, false},
		{"🇫", parser.Emoji{}, false}, // half a flag
		{"🇫🇷🇫", parser.Emoji{}, false},
		{"1", parser.Emoji{}, false},
		{"1️", parser.Emoji{}, false},
		{"a", parser.Emoji{}, false},
		{"👍x", parser.Emoji{}, false},
		{"👍‍", parser.Emoji{}, false}, // a joiner with nothing after
		{"‍👍", parser.Emoji{}, false},
		{"\u20e3", parser.Emoji{}, false},
		{":thumbsup:", parser.Emoji{}, false},
		{"<:blobcat>", parser.Emoji{}, false},
		{"<:blobcat:>", parser.Emoji{}, false},
		{"<:blobcat:0>", parser.Emoji{}, false},
		{"<::1>", parser.Emoji{}, false},
		{"<:blob cat:1>", parser.Emoji{}, false},
		{"<:blob:cat:1>", parser.Emoji{}, false},
		{"<b:blobcat:1>", parser.Emoji{}, false},
		{"<a:blobcat:1x>", parser.Emoji{}, false},
		{"<>", parser.Emoji{}, false},
		{"", parser.Emoji{}, false},
		{"\xff", parser.Emoji{}, false},
	} {
		t.Run(tc.in, func(t *testing.T) {
			is := is.New(t)
			e, ok := parser.ParseEmoji(tc.in)
			is.Equal(ok, tc.ok)
			is.Equal(e, tc.want)
			if ok {
				is.Equal(e.String(), tc.in) // as written
				a := args(t, tc.in)
				e2, err := a.Emoji()
				is.NoErr(err)
				is.Equal(e2, e)
			}
		})
	}
	is := is.New(t)
	e, _ := parser.ParseEmoji("<a:party:12>")
	is.True(e.IsCustom())
	is.Equal(e.APIName(), "party:12")
	e, _ = parser.ParseEmoji("👍")
	is.True(!e.IsCustom())
	is.Equal(e.APIName(), "👍")
	_, err := args(t, "hello").Emoji()
	argErr(t, err, 0, "hello", "emoji")
}

func TestDurationArg(t *testing.T) {
	is := is.New(t)
	a := args(t, "1h30m 2d 1w 1d12h 90s soon")
	for _, want := range []time.Duration{90 * time.Minute, 48 * time.Hour, 7 * 24 * time.Hour, 36 * time.Hour, 90 * time.Second} {
		d, err := a.Duration()
		is.NoErr(err)
		is.Equal(d, want)
	}
	_, err := a.Duration()
	ae := argErr(t, err, 5, "soon", "duration")
	is.Equal(ae.Err, nil) // no finer cause
	is.Equal(err.Error(), `parser: argument 6 "soon": want duration`)
}

func TestArgErrorMessage(t *testing.T) {
	is := is.New(t)
	_, err := args(t, `"`+strings.Repeat("x", 50)+`"`).Int()
	is.Equal(err.Error(), `parser: argument 1 "`+strings.Repeat("x", 40)+`...": want integer (invalid syntax)`)
	_, err = args(t, "").Int()
	is.Equal(err.Error(), "parser: argument 1: missing integer")
}

func TestQuotedTypedArgs(t *testing.T) {
	is := is.New(t)
	a := args(t, `"42" "<@1>"`)
	n, err := a.Int()
	is.NoErr(err)
	is.Equal(n, 42) // a quoted number is a number
	u, err := a.User()
	is.NoErr(err)
	is.Equal(u, model.UserID(1))
}
