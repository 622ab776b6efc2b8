package format_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/gloamdev/gloam/format"
	"github.com/gloamdev/gloam/model"
	"github.com/matryer/is"
)

func TestMentions(t *testing.T) {
	is := is.New(t)
	is.Equal(format.User(80351110224678912), "<@80351110224678912>")
	is.Equal(format.Channel(103735883630395392), "<#103735883630395392>")
	is.Equal(format.Role(165511591545143296), "<@&165511591545143296>")
	is.Equal(format.Command("airhorn", 1), "</airhorn:1>")
	is.Equal(format.Command("admin  user ban", 2), "</admin user ban:2>") // spaces collapse
	is.Equal(format.Emoji("mmLol", 216154654256398347, false), "<:mmLol:216154654256398347>")
	is.Equal(format.Emoji("b1nzy", 392938283556143104, true), "<a:b1nzy:392938283556143104>")
}

func TestTimestamp(t *testing.T) {
	is := is.New(t)
	at := time.Date(2021, 4, 20, 16, 20, 30, 0, time.UTC)
	is.Equal(format.Timestamp(at, format.Default), "<t:1618935630>")
	is.Equal(format.Timestamp(at, format.Relative), "<t:1618935630:R>")
	is.Equal(format.Timestamp(at, format.LongDateTime), "<t:1618935630:F>")
	is.Equal(format.Timestamp(time.Unix(-5, 0), format.ShortTime), "<t:-5:t>") // before 1970
}

func TestEscape(t *testing.T) {
	is := is.New(t)
	is.Equal(format.Escape("plain text"), "plain text")
	is.Equal(format.Escape("**bold** _it_ ~~s~~ `c` ||x|| > q"), `\*\*bold\*\* \_it\_ \~\~s\~\~ \`+"`"+`c\`+"`"+` \|\|x\|\| \> q`)
	is.Equal(format.Escape(`a\b`), `a\\b`)
	is.Equal(format.Escape("# title\n- item\n[link](http://x)"), `\# title`+"\n"+`\- item`+"\n"+`\[link\]\(http\://x\)`)
	is.Equal(format.Escape("héllo *wörld*"), `héllo \*wörld\*`) // multi-byte text is kept
}

func FuzzEscape(f *testing.F) {
	f.Add("**a**")
	f.Fuzz(func(t *testing.T, s string) {
		e := format.Escape(s)
		// Removing each backslash before a special character gives s back.
		out := make([]byte, 0, len(e))
		for i := 0; i < len(e); i++ {
			if e[i] == '\\' && i+1 < len(e) {
				i++
			}
			out = append(out, e[i])
		}
		if string(out) != s {
			t.Fatalf("unescape(Escape(%q)) = %q", s, out)
		}
	})
}

func Example() {
	cmd := model.CommandID(1000000000000000001)
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	fmt.Println(format.User(80351110224678912), "used", format.Command("dice roll", cmd), format.Timestamp(at, format.Relative))
	fmt.Println(format.Escape("*not italic*"))
	// Output:
	// <@80351110224678912> used </dice roll:1000000000000000001> <t:1767323045:R>
	// \*not italic\*
}
