package parser_test

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/parser"
)

var fuzzSeeds = []string{
	"", "!", "!ping", "! ping", `!say "a b" c`, `!say "a\"b\\" “c d” e`, `!say "open`, `!say "a"b`,
	"<@80351110224678912> ping", "<@!80351110224678912>ping x", "¡HOLA amigo", "🤖beep 👍🏽 <:a:1>",
	"hey bot\tPING 1h30m 2d <#1> <@&2>", "!ban <@1> for \"being\" rude", "\xff!\xfe", "!x \"\\",
	"!x \u3000\u00a0\u0085 y", "!\u212Aelvin", "!say “a \\” b”",
}

func fuzzParsers(t testing.TB) []*parser.Parser {
	return []*parser.Parser{
		mustNew(t, &parser.Config{Prefixes: []string{"!", "¡", "🤖", "hey bot "}, Mention: botID}),
		mustNew(t, &parser.Config{
			Prefixes: []string{"!", "!!", "¡", ""}, Mention: botID,
			Commands: []string{"ping", "say", "ban", "hola", "kelvin", "été"},
			Aliases:  map[string]string{"p": "ping", "b": "ban"}, IgnoreCase: true,
		}),
	}
}

// FuzzParse checks that any content gives a command or an error, never a
// panic; that the arguments found quote back to themselves; that the typed
// helpers cope with any argument; and that ParseEvent agrees with Parse.
func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	parsers := fuzzParsers(f)
	f.Fuzz(func(t *testing.T, content string) {
		for _, p := range parsers {
			cmd, err := p.Parse(content)
			var se *parser.SyntaxError
			switch {
			case errors.Is(err, parser.ErrNotCommand):
				if cmd.Name != "" {
					t.Fatalf("not a command, but named %q", cmd.Name)
				}
			case errors.As(err, &se):
				if se.Offset < 0 || se.Offset >= len(content) {
					t.Fatalf("syntax error offset %d outside %d bytes", se.Offset, len(content))
				}
				cmd.Args().Strings() // lenient reading must not panic
			case err != nil:
				t.Fatalf("unexpected error %v", err)
			default:
				if !strings.HasPrefix(content, cmd.Prefix) {
					t.Fatalf("prefix %q is not the start of %q", cmd.Prefix, content)
				}
				if !strings.HasSuffix(content, cmd.Rest()) {
					t.Fatalf("rest %q is not the end of %q", cmd.Rest(), content)
				}
				args := cmd.Args()
				got := args.Strings()
				if args.Len() != len(got) {
					t.Fatalf("Len %d, %d arguments", args.Len(), len(got))
				}
				back, err := parser.NewArgs(parser.Quote(got...))
				if err != nil {
					t.Fatalf("Quote(%q) does not parse: %v", got, err)
				}
				if again := back.Strings(); !slices.Equal(again, got) {
					t.Fatalf("round trip: %q became %q", got, again)
				}
				for range got {
					readAll(&args)
				}
			}
			checkEvent(t, p, content, cmd, err)
		}
	})
}

// readAll runs every typed helper on the next argument, then moves on.
func readAll(a *parser.Args) {
	a.Int()
	a.Int64()
	a.Uint()
	a.Uint64()
	a.Float()
	a.Bool()
	a.Duration()
	a.User()
	a.Channel()
	a.Role()
	if e, err := a.Emoji(); err == nil {
		_ = e.String() + e.APIName()
	}
	a.End()
	a.Next()
}

func checkEvent(t *testing.T, p *parser.Parser, content string, want parser.Command, wantErr error) {
	if !utf8.ValidString(content) {
		return // JSON would change it
	}
	js, err := json.Marshal(content)
	if err != nil {
		t.Fatal(err)
	}
	ev, err := model.ParseEventString(`{"t":"MESSAGE_CREATE","s":1,"op":0,"d":{"author":{"bot":false},"content":` + string(js) + `}}`)
	if err != nil {
		t.Fatal(err)
	}
	got, err := p.ParseEvent(ev)
	if (err == nil) != (wantErr == nil) || err != nil && err.Error() != wantErr.Error() {
		t.Fatalf("ParseEvent: %v, Parse: %v", err, wantErr)
	}
	if got.Prefix != want.Prefix || got.Name != want.Name || got.Typed != want.Typed || got.Rest() != want.Rest() {
		t.Fatalf("ParseEvent: %+v, Parse: %+v", got, want)
	}
	v, verr := ev.MessageCreate()
	if verr != nil {
		t.Fatal(verr)
	}
	if got2, err2 := p.ParseMessage(v); got2 != got || (err2 == nil) != (err == nil) {
		t.Fatalf("ParseMessage: %+v, %v; ParseEvent: %+v, %v", got2, err2, got, err)
	}
}

// FuzzRoundTrip checks that any arguments (here the input cut at NUL
// bytes) survive Quote and a parse, alone and after a command.
func FuzzRoundTrip(f *testing.F) {
	for _, s := range []string{"", "a", "a\x00b", "a b\x00\"c\x00", "\\\x00\"\x00“x”\x00 \x00\t", "🤖\x00\xff\x00"} {
		f.Add(s)
	}
	p := mustNew(f, &parser.Config{Prefixes: []string{"!"}})
	f.Fuzz(func(t *testing.T, s string) {
		var args []string
		if s != "" {
			args = strings.Split(s, "\x00")
		}
		q := parser.Quote(args...)
		a, err := parser.NewArgs(q)
		if err != nil {
			t.Fatalf("Quote(%q) = %q: %v", args, q, err)
		}
		if got := a.Strings(); !slices.Equal(got, args) {
			t.Fatalf("Quote(%q) = %q, parsed back as %q", args, q, got)
		}
		cmd, err := p.Parse("!cmd " + q)
		if err != nil {
			t.Fatalf("Parse: %v", err)
		}
		if got := cmd.Args().Strings(); !slices.Equal(got, args) {
			t.Fatalf("after a command, %q parsed back as %q", args, got)
		}
	})
}

// FuzzDuration checks ParseDuration against time.ParseDuration on every
// input without the extra units.
func FuzzDuration(f *testing.F) {
	for _, s := range []string{"0", "1h30m", "-1.5h", ".5s", "1.s", "2d", "1w2d", "9223372036854775807ns",
		"-9223372036854775808ns", "2562047h47m16.854775808s", "0.0000000000000000000001h", "1µs", "+-1s"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := parser.ParseDuration(s)
		if strings.ContainsAny(s, "dw") {
			return
		}
		want, err := time.ParseDuration(s)
		if ok != (err == nil) || got != want {
			t.Fatalf("ParseDuration(%q) = %v, %v; time: %v, %v", s, got, ok, want, err)
		}
	})
}
