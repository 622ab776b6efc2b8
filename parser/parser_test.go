package parser_test

import (
	"errors"
	"strings"
	"testing"
	"unsafe"

	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/parser"
	"github.com/matryer/is"
)

const botID model.UserID = 80351110224678912

func mustNew(t testing.TB, cfg *parser.Config) *parser.Parser {
	t.Helper()
	p, err := parser.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestNewRejects(t *testing.T) {
	for _, tc := range []struct {
		name string
		cfg  *parser.Config
		want string
	}{
		{"nil", nil, "no prefix"},
		{"nothing", &parser.Config{}, "no prefix"},
		{"whitespace prefix", &parser.Config{Prefixes: []string{" \t"}}, "only whitespace"},
		{"empty name", &parser.Config{Prefixes: []string{"!"}, Commands: []string{""}}, "empty"},
		{"spaced name", &parser.Config{Prefixes: []string{"!"}, Commands: []string{"two words"}}, "whitespace"},
		{"empty alias", &parser.Config{Prefixes: []string{"!"}, Aliases: map[string]string{"": "ban"}}, "empty"},
		{"alias to nothing", &parser.Config{Prefixes: []string{"!"}, Aliases: map[string]string{"b": ""}}, "empty"},
		{"bad prefix", &parser.Config{Prefixes: []string{"\xff"}}, "UTF-8"},
		{"bad name", &parser.Config{Prefixes: []string{"!"}, Commands: []string{"a\xffb"}}, "UTF-8"},
		{"alias clash", &parser.Config{Prefixes: []string{"!"}, Commands: []string{"ban", "kick"},
			Aliases: map[string]string{"ban": "kick"}}, "names both"},
		{"case clash", &parser.Config{Prefixes: []string{"!"}, Commands: []string{"Ping", "PING"},
			IgnoreCase: true}, "names both"},
		{"fold clash", &parser.Config{Prefixes: []string{"!"}, Commands: []string{"kelvin", "\u212Aelvin"},
			IgnoreCase: true}, "names both"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			is := is.New(t)
			p, err := parser.New(tc.cfg)
			is.True(err != nil) // New fails
			is.True(p == nil)
			is.True(strings.Contains(err.Error(), tc.want))     // err.Error()
			is.True(strings.HasPrefix(err.Error(), "parser: ")) // prefixed
		})
	}
}

func TestNewAccepts(t *testing.T) {
	is := is.New(t)
	_, err := parser.New(&parser.Config{Mention: botID}) // mention only
	is.NoErr(err)
	_, err = parser.New(&parser.Config{Prefixes: []string{"!", "!", ""}}) // duplicates, empty
	is.NoErr(err)
	_, err = parser.New(&parser.Config{Prefixes: []string{"!"}, Commands: []string{"ping", "ping"},
		Aliases: map[string]string{"p": "ping", "ping": "ping"}}) // repeats of the same meaning
	is.NoErr(err)
}

func TestNewCopiesConfig(t *testing.T) {
	is := is.New(t)
	cfg := &parser.Config{Prefixes: []string{"!"}, Commands: []string{"ping"}, Aliases: map[string]string{"p": "ping"}}
	p := mustNew(t, cfg)
	cfg.Prefixes[0] = "?"
	cfg.Commands[0] = "pong"
	cfg.Aliases["p"] = "pong"
	cmd, err := p.Parse("!p")
	is.NoErr(err)
	is.Equal(cmd.Name, "ping") // unchanged by later edits of the Config
}

type parseCase struct {
	in     string
	prefix string
	name   string
	typed  string
	args   []string
	rest   string
	err    error // ErrNotCommand, ErrUnknownCommand or nil
}

func runParse(t *testing.T, p *parser.Parser, cases []parseCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.in, func(t *testing.T) {
			is := is.New(t)
			cmd, err := p.Parse(tc.in)
			if tc.err != nil {
				is.True(err == tc.err) // the sentinel itself
				is.True(errors.Is(err, parser.ErrNotCommand))
				is.Equal(cmd.Prefix, tc.prefix)
				is.Equal(cmd.Typed, tc.typed)
				is.Equal(cmd.Name, "")
				return
			}
			is.NoErr(err)
			is.Equal(cmd.Prefix, tc.prefix) // prefix
			is.Equal(cmd.Name, tc.name)     // canonical name
			is.Equal(cmd.Typed, tc.typed)   // name as typed
			is.Equal(cmd.Args().Strings(), tc.args)
			is.Equal(cmd.Rest(), tc.rest)
		})
	}
}

func TestParseAnyName(t *testing.T) {
	p := mustNew(t, &parser.Config{Prefixes: []string{"!", "!!", "¡", "🤖", "bot "}, Mention: botID})
	runParse(t, p, []parseCase{
		{in: "", err: parser.ErrNotCommand},
		{in: "hello there", err: parser.ErrNotCommand},
		{in: " !ping", err: parser.ErrNotCommand},
		{in: "!", prefix: "!", err: parser.ErrNotCommand},
		{in: "! ping", prefix: "!", err: parser.ErrNotCommand},
		{in: "!\tping", prefix: "!", err: parser.ErrNotCommand},
		{in: "!ping", prefix: "!", name: "ping", typed: "ping"},
		{in: "!ping ", prefix: "!", name: "ping", typed: "ping", rest: ""},
		{in: "!!ping", prefix: "!!", name: "ping", typed: "ping"},
		{in: "!!!ping", prefix: "!!", name: "!ping", typed: "!ping"},
		{in: "¡hola", prefix: "¡", name: "hola", typed: "hola"},
		{in: "🤖beep boop", prefix: "🤖", name: "beep", typed: "beep", args: []string{"boop"}, rest: "boop"},
		{in: "🤖", prefix: "🤖", err: parser.ErrNotCommand},
		{in: "\xf0\x9f\xa4", err: parser.ErrNotCommand}, // the robot cut short
		{in: "bot ping", prefix: "bot", name: "ping", typed: "ping"},
		{in: "bot \t\n ping  x", prefix: "bot", name: "ping", typed: "ping", args: []string{"x"}, rest: "x"},
		{in: "bot\u3000ping", prefix: "bot", name: "ping", typed: "ping"},
		{in: "botping", err: parser.ErrNotCommand},
		{in: "bot", err: parser.ErrNotCommand},
		{in: "bot ", prefix: "bot", err: parser.ErrNotCommand},
		{in: "<@80351110224678912>ping", prefix: "<@80351110224678912>", name: "ping", typed: "ping"},
		{in: "<@80351110224678912> ping", prefix: "<@80351110224678912>", name: "ping", typed: "ping"},
		{in: "<@!80351110224678912>   ping a", prefix: "<@!80351110224678912>", name: "ping", typed: "ping",
			args: []string{"a"}, rest: "a"},
		{in: "<@!80351110224678912>\nping", prefix: "<@!80351110224678912>", name: "ping", typed: "ping"},
		{in: "<@80351110224678912>", prefix: "<@80351110224678912>", err: parser.ErrNotCommand},
		{in: "<@80351110224678912>  ", prefix: "<@80351110224678912>", err: parser.ErrNotCommand},
		{in: "<@80351110224678913> ping", err: parser.ErrNotCommand},     // someone else
		{in: "<@&80351110224678912> ping", err: parser.ErrNotCommand},    // a role
		{in: "<@8035111022467891> ping", err: parser.ErrNotCommand},      // a digit short
		{in: "hey <@80351110224678912> ping", err: parser.ErrNotCommand}, // not at the start
		{in: "!say  hello,\tworld\n", prefix: "!", name: "say", typed: "say",
			args: []string{"hello,", "world"}, rest: "hello,\tworld\n"},
		{in: "!say\nline one\nline two", prefix: "!", name: "say", typed: "say",
			args: []string{"line", "one", "line", "two"}, rest: "line one\nline two"},
		{in: "!PING", prefix: "!", name: "PING", typed: "PING"},
		{in: "!ping\u00a0x", prefix: "!", name: "ping", typed: "ping", args: []string{"x"}, rest: "x"}, // no-break space
		{in: "!ping\u200bx", prefix: "!", name: "ping\u200bx", typed: "ping\u200bx"},                   // zero width space is not whitespace
		{in: `!say "a b"`, prefix: "!", name: "say", typed: "say", args: []string{"a b"}, rest: `"a b"`},
	})
}

func TestParseCommands(t *testing.T) {
	p := mustNew(t, &parser.Config{
		Prefixes: []string{"?"},
		Commands: []string{"ban", "kick", "ping"},
		Aliases:  map[string]string{"b": "ban", "k": "kick", "remove": "kick", "rm": "remove_user", "🔨": "ban"},
	})
	runParse(t, p, []parseCase{
		{in: "?ban x", prefix: "?", name: "ban", typed: "ban", args: []string{"x"}, rest: "x"},
		{in: "?b x", prefix: "?", name: "ban", typed: "b", args: []string{"x"}, rest: "x"},
		{in: "?🔨 x", prefix: "?", name: "ban", typed: "🔨", args: []string{"x"}, rest: "x"},
		{in: "?remove", prefix: "?", name: "kick", typed: "remove"},
		{in: "?rm", prefix: "?", name: "remove_user", typed: "rm"}, // the alias's target is a command too
		{in: "?remove_user", prefix: "?", name: "remove_user", typed: "remove_user"},
		{in: "?BAN x", prefix: "?", typed: "BAN", err: parser.ErrUnknownCommand},
		{in: "?bank", prefix: "?", typed: "bank", err: parser.ErrUnknownCommand},
		{in: "?ba", prefix: "?", typed: "ba", err: parser.ErrUnknownCommand},
		{in: "?? what", prefix: "?", typed: "?", err: parser.ErrUnknownCommand},
		{in: "? what", prefix: "?", err: parser.ErrNotCommand},
		{in: "?", prefix: "?", err: parser.ErrNotCommand},
		{in: "!ban", err: parser.ErrNotCommand},
	})
}

func TestParseIgnoreCase(t *testing.T) {
	p := mustNew(t, &parser.Config{
		Prefixes:   []string{"hey bot ", "ä:"},
		Commands:   []string{"ping", "été", "straße", "σοφία", "kelvin"},
		Aliases:    map[string]string{"P": "ping", "ÉCOLE": "été"},
		IgnoreCase: true,
	})
	runParse(t, p, []parseCase{
		{in: "hey bot ping", prefix: "hey bot", name: "ping", typed: "ping"},
		{in: "HEY BOT PING", prefix: "HEY BOT", name: "ping", typed: "PING"},
		{in: "Hey Bot\tPiNg 1", prefix: "Hey Bot", name: "ping", typed: "PiNg", args: []string{"1"}, rest: "1"},
		{in: "hey bot p", prefix: "hey bot", name: "ping", typed: "p"},
		{in: "Ä:ÉTÉ", prefix: "Ä:", name: "été", typed: "ÉTÉ"},
		{in: "ä:École", prefix: "ä:", name: "été", typed: "École"},
		{in: "ä:STRAßE", prefix: "ä:", name: "straße", typed: "STRAßE"},
		{in: "ä:STRASSE", prefix: "ä:", typed: "STRASSE", err: parser.ErrUnknownCommand}, // simple folding only
		{in: "ä:ΣΟΦΊΑ", prefix: "ä:", name: "σοφία", typed: "ΣΟΦΊΑ"},
		{in: "ä:\u212AELVIN", prefix: "ä:", name: "kelvin", typed: "\u212AELVIN"}, // Kelvin sign, three bytes
		{in: "ä:pingpingpingpingpingpingpingpingpingpingpingpingpingpingpingpingpingping",
			prefix: "ä:", typed: "pingpingpingpingpingpingpingpingpingpingpingpingpingpingpingpingpingping",
			err: parser.ErrUnknownCommand},
		{in: "a:ping", err: parser.ErrNotCommand},
	})
}

func TestParseLongestPrefix(t *testing.T) {
	is := is.New(t)
	p := mustNew(t, &parser.Config{Prefixes: []string{"", "!", "!!"}, Commands: []string{"ping", "help"}})
	cmd, err := p.Parse("!!ping")
	is.NoErr(err)
	is.Equal(cmd.Prefix, "!!")
	cmd, err = p.Parse("help me")
	is.NoErr(err)
	is.Equal(cmd.Prefix, "") // the empty prefix: every message is a candidate
	is.Equal(cmd.Name, "help")
	_, err = p.Parse("hello")
	is.Equal(err, parser.ErrUnknownCommand)
}

func TestParseSyntaxError(t *testing.T) {
	p := mustNew(t, &parser.Config{Prefixes: []string{"!"}, Commands: []string{"say"}})
	for _, tc := range []struct {
		in     string
		offset int
		reason string
		args   []string // read leniently
	}{
		{`!say "open`, 5, "unterminated quote", []string{"open"}},
		{`!say a "b c`, 7, "unterminated quote", []string{"a", "b c"}},
		{`!say "a\"`, 5, "unterminated quote", []string{`a"`}},
		{`!say “curly`, 5, "unterminated quote", []string{"curly"}},
		{`!say "a"b`, 8, "text after closing quote", []string{"a", "b"}},
		{`!say """"`, 7, "text after closing quote", []string{"", ""}},
		{"!say é \"ü", 8, "unterminated quote", []string{"é", "ü"}},
	} {
		t.Run(tc.in, func(t *testing.T) {
			is := is.New(t)
			cmd, err := p.Parse(tc.in)
			var se *parser.SyntaxError
			is.True(errors.As(err, &se)) // a *SyntaxError
			is.Equal(se.Offset, tc.offset)
			is.Equal(se.Reason, tc.reason)
			is.True(!errors.Is(err, parser.ErrNotCommand)) // it is a command
			is.Equal(cmd.Name, "say")                      // the command is filled in
			is.Equal(cmd.Args().Strings(), tc.args)
			is.True(strings.Contains(err.Error(), tc.reason))
		})
	}
}

func message(content string, bot bool) string {
	b := "false"
	if bot {
		b = "true"
	}
	return `{"t":"MESSAGE_CREATE","s":7,"op":0,"d":{"type":0,"tts":false,"timestamp":"2026-01-01T00:00:00.000000+00:00",` +
		`"mentions":[],"id":"1234567890123456789","embeds":[],"content":` + content +
		`,"channel_id":"41771983423143937","author":{"username":"someone","id":"80351110224678913","bot":` + b + `}}}`
}

func TestParseEvent(t *testing.T) {
	p := mustNew(t, &parser.Config{Prefixes: []string{"!"}, Commands: []string{"say"}, IgnoreBots: true})
	loose := mustNew(t, &parser.Config{Prefixes: []string{"!"}, Commands: []string{"say"}})
	for _, tc := range []struct {
		name    string
		payload string
		p       *parser.Parser
		err     error
		args    []string
	}{
		{"command", message(`"!say hi there"`, false), p, nil, []string{"hi", "there"}},
		{"escaped json", message(`"!say \"a b\" \u00e9\n\\"`, false), p, nil, []string{"a b", "é", `\`}},
		{"not a command", message(`"hello"`, false), p, parser.ErrNotCommand, nil},
		{"by a bot", message(`"!say hi"`, true), p, parser.ErrNotCommand, nil},
		{"unknown by a bot", message(`"!hug"`, true), p, parser.ErrNotCommand, nil},
		{"unknown", message(`"!hug"`, false), p, parser.ErrUnknownCommand, nil},
		{"by a bot, bots welcome", message(`"!say hi"`, true), loose, nil, []string{"hi"}},
		{"content not a string", message(`null`, false), p, parser.ErrNotCommand, nil},
		{"no content", `{"t":"MESSAGE_CREATE","s":1,"op":0,"d":{"id":"1"}}`, p, parser.ErrNotCommand, nil},
		{"an update", `{"t":"MESSAGE_UPDATE","s":1,"op":0,"d":{"content":"!say hi"}}`, p, parser.ErrNotCommand, nil},
		{"a heartbeat ack", `{"op":11}`, p, parser.ErrNotCommand, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			is := is.New(t)
			ev, err := model.ParseEventString(tc.payload)
			is.NoErr(err) // the payload
			cmd, err := tc.p.ParseEvent(ev)
			is.Equal(err, tc.err)
			if tc.err == nil {
				is.Equal(cmd.Name, "say")
				is.Equal(cmd.Args().Strings(), tc.args)
			}
			if v, verr := ev.MessageCreate(); verr == nil && ev.Type == model.EventMessageCreate {
				cmd2, err := tc.p.ParseMessage(v)
				is.Equal(err, tc.err) // ParseMessage agrees
				is.Equal(cmd2, cmd)   // ParseMessage agrees
			}
		})
	}
}

func TestParseEventSubstring(t *testing.T) {
	is := is.New(t)
	p := mustNew(t, &parser.Config{Prefixes: []string{"!"}})
	payload := message(`"!say hi"`, false)
	ev, err := model.ParseEventString(payload)
	is.NoErr(err)
	cmd, err := p.ParseEvent(ev)
	is.NoErr(err)
	i := strings.Index(payload, "say hi")
	is.True(i > 0)
	is.Equal(cmd.Typed, "say")
	is.True(sameBytes(payload[i:i+3], cmd.Typed)) // a substring of the payload
}

func TestConcurrentUse(t *testing.T) {
	is := is.New(t)
	p := mustNew(t, &parser.Config{Prefixes: []string{"!"}, Commands: []string{"x"}, IgnoreCase: true})
	done := make(chan []string)
	for range 4 {
		go func() {
			var got []string
			for range 200 {
				cmd, err := p.Parse(`!X "a b" c`)
				if err != nil {
					got = append(got, err.Error())
					continue
				}
				got = cmd.Args().Strings()
			}
			done <- got
		}()
	}
	for range 4 {
		is.Equal(<-done, []string{"a b", "c"})
	}
}

func sameBytes(a, b string) bool {
	return len(a) == len(b) && len(a) > 0 && unsafe.StringData(a) == unsafe.StringData(b)
}
