package parser_test

import (
	"testing"

	"github.com/gloamdev/gloam/parser"
	"github.com/matryer/is"
)

// TestZeroAllocs holds the promise the benchmarks measure: turning away a
// message that is not a command, and reading a command whose arguments
// hold no escapes, allocate nothing.
func TestZeroAllocs(t *testing.T) {
	for name, cfg := range map[string]*parser.Config{
		"exact": benchConfig,
		"fold":  {Prefixes: benchConfig.Prefixes, Mention: botID, Commands: benchConfig.Commands, IgnoreCase: true},
		"any":   {Prefixes: []string{"!", "¡", "hey bot "}, Mention: botID},
	} {
		t.Run(name, func(t *testing.T) {
			is := is.New(t)
			p := mustNew(t, cfg)
			n := testing.AllocsPerRun(100, func() {
				for _, s := range []string{benchNotCommand, "", "!", "!!!", "¡", "hey bot", "<@80351110224678912>", "?nope"} {
					p.Parse(s)
				}
			})
			is.Equal(n, 0.0) // not commands
			n = testing.AllocsPerRun(100, func() {
				cmd, err := p.Parse(benchCommand)
				if err != nil {
					t.Fatal(err)
				}
				args := cmd.Args()
				for range args.All() {
				}
				for _, ok := args.Next(); ok; _, ok = args.Next() {
				}
				args = cmd.Args()
				args.User()
				args.Duration()
				args.Arg()
				args.Int()
				args.Bool()
				args.End()
			})
			is.Equal(n, 0.0) // a command with five arguments
		})
	}
}
