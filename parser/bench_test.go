package parser_test

import (
	"strconv"
	"testing"

	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/parser"
)

var (
	benchNotCommand = "did anyone see the match last night? that last goal was unreal 🤯"
	benchCommand    = `!remind <@80351110224678912> 1h30m "take the bread out" 3 yes`
	benchConfig     = &parser.Config{
		Prefixes: []string{"!", "?", "🤖"},
		Mention:  botID,
		Commands: []string{"remind", "ban", "kick", "ping", "help", "play", "skip", "queue"},
		Aliases:  map[string]string{"r": "remind", "b": "ban", "k": "kick"},
	}
	sink int
)

func benchParsers(b *testing.B) map[string]*parser.Parser {
	exact := mustNew(b, benchConfig)
	cfg := *benchConfig
	cfg.IgnoreCase = true
	return map[string]*parser.Parser{"exact": exact, "fold": mustNew(b, &cfg)}
}

// BenchmarkParseNotCommand parses a message that is not a command.
func BenchmarkParseNotCommand(b *testing.B) {
	for name, p := range benchParsers(b) {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(benchNotCommand)))
			for b.Loop() {
				if _, err := p.Parse(benchNotCommand); err != parser.ErrNotCommand {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkParseCommand parses a command with 5 arguments and reads them
// all as strings.
func BenchmarkParseCommand(b *testing.B) {
	for name, p := range benchParsers(b) {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(benchCommand)))
			for b.Loop() {
				cmd, err := p.Parse(benchCommand)
				if err != nil {
					b.Fatal(err)
				}
				n := 0
				args := cmd.Args()
				for s, ok := args.Next(); ok; s, ok = args.Next() {
					n += len(s)
				}
				if n != 47 {
					b.Fatal(n)
				}
			}
		})
	}
}

// BenchmarkParseCommandTyped parses the same command and reads its
// arguments with the typed helpers.
func BenchmarkParseCommandTyped(b *testing.B) {
	p := mustNew(b, benchConfig)
	b.ReportAllocs()
	b.SetBytes(int64(len(benchCommand)))
	for b.Loop() {
		cmd, err := p.Parse(benchCommand)
		if err != nil {
			b.Fatal(err)
		}
		a := cmd.Args()
		u, err1 := a.User()
		d, err2 := a.Duration()
		text, err3 := a.Arg()
		n, err4 := a.Int()
		yes, err5 := a.Bool()
		if err1 != nil || err2 != nil || err3 != nil || err4 != nil || err5 != nil || a.End() != nil || !yes {
			b.Fatal(err1, err2, err3, err4, err5)
		}
		sink += int(u) + int(d) + len(text) + n
	}
}

// BenchmarkParseEvent finds the command in a MESSAGE_CREATE event whose
// envelope the gateway has read, and turns away one that holds none.
func BenchmarkParseEvent(b *testing.B) {
	p := mustNew(b, benchConfig)
	for name, content := range map[string]string{
		"not-command":  benchNotCommand,
		"command":      "!remind <@80351110224678912> 1h30m bread 3 yes",
		"json-escaped": benchCommand, // its quotes are \" in JSON: gjson unescapes the content
	} {
		payload := message(strconv.Quote(content), false)
		ev, err := model.ParseEventString(payload)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(payload)))
			for b.Loop() {
				cmd, _ := p.ParseEvent(ev)
				sink += len(cmd.Name)
			}
		})
		b.Run(name+"/view", func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(payload)))
			for b.Loop() {
				v, err := ev.MessageCreate()
				if err != nil {
					b.Fatal(err)
				}
				cmd, _ := p.ParseMessage(v)
				sink += len(cmd.Name)
			}
		})
	}
}

// BenchmarkQuote quotes 5 arguments, one needing quotes and escapes.
func BenchmarkQuote(b *testing.B) {
	args := []string{"<@80351110224678912>", "1h30m", `take the "bread" out`, "3", "yes"}
	b.ReportAllocs()
	for b.Loop() {
		sink += len(parser.Quote(args...))
	}
}
