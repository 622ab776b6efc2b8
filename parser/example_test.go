package parser_test

import (
	"errors"
	"fmt"

	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/parser"
)

func Example() {
	p, err := parser.New(&parser.Config{
		Prefixes:   []string{"!"},
		Mention:    80351110224678912, // the bot's own user ID
		Commands:   []string{"ban", "remind"},
		Aliases:    map[string]string{"b": "ban"},
		IgnoreCase: true,
	})
	if err != nil {
		panic(err)
	}
	for _, content := range []string{
		"good morning",
		"!B <@!41771983423143937> 2d spamming “free nitro” links",
		"<@80351110224678912> remind 1h30m \"take the bread out\"",
		"!dance",
		"!remind soon",
	} {
		cmd, err := p.Parse(content)
		switch {
		case errors.Is(err, parser.ErrUnknownCommand):
			fmt.Printf("unknown command %q\n", cmd.Typed)
			continue
		case errors.Is(err, parser.ErrNotCommand):
			continue
		case err != nil:
			fmt.Println(err)
			continue
		}
		args := cmd.Args()
		switch cmd.Name {
		case "ban":
			user, err := args.User()
			if err != nil {
				fmt.Println(err)
				continue
			}
			days, err := args.Duration()
			if err != nil {
				fmt.Println(err)
				continue
			}
			fmt.Printf("ban %d for %v (typed %q): %s\n", user, days, cmd.Typed, args.Rest())
		case "remind":
			in, err := args.Duration()
			if err != nil {
				fmt.Println(err)
				continue
			}
			what, _ := args.Next()
			fmt.Printf("in %v: %s\n", in, what)
		}
	}
	// Output:
	// ban 41771983423143937 for 48h0m0s (typed "B"): spamming “free nitro” links
	// in 1h30m0s: take the bread out
	// unknown command "dance"
	// parser: argument 1 "soon": want duration
}

func ExampleArgs() {
	args, err := parser.NewArgs(`"hello world" 👍 <a:party:396521773144866826> 42 "say \"hi\"" and the rest`)
	if err != nil {
		panic(err)
	}
	greeting, _ := args.Next()
	thumb, _ := args.Emoji()
	party, _ := args.Emoji()
	n, _ := args.Int()
	quoted, _ := args.Arg()
	fmt.Println(greeting)
	fmt.Println(thumb.Name, thumb.IsCustom())
	fmt.Println(party.APIName(), party.Animated)
	fmt.Println(n)
	fmt.Println(quoted)
	fmt.Println(args.Rest())
	// Output:
	// hello world
	// 👍 false
	// party:396521773144866826 true
	// 42
	// say "hi"
	// and the rest
}

func ExampleQuote() {
	q := parser.Quote("ban", "two words", `a "quote"`, "")
	fmt.Println(q)
	args, _ := parser.NewArgs(q)
	fmt.Printf("%q\n", args.Strings())
	// Output:
	// ban "two words" "a \"quote\"" ""
	// ["ban" "two words" "a \"quote\"" ""]
}

func ExampleParser_ParseEvent() {
	p, err := parser.New(&parser.Config{Prefixes: []string{"!"}, IgnoreBots: true})
	if err != nil {
		panic(err)
	}
	payload := `{"t":"MESSAGE_CREATE","s":42,"op":0,"d":{"content":"!ping now","author":{"id":"1","bot":false}}}`
	ev, err := model.ParseEventString(payload)
	if err != nil {
		panic(err)
	}
	cmd, err := p.ParseEvent(ev)
	fmt.Println(cmd.Name, cmd.Rest(), err)
	// Output: ping now <nil>
}
