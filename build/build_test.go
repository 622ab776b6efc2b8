package build_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/gloamdev/gloam/build"
	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/rest"
	"github.com/matryer/is"
)

func TestEmbed(t *testing.T) {
	is := is.New(t)
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	e, err := build.NewEmbed().Title("Release").URL("https://example.com").Description("notes").Color(0x5865F2).
		Timestamp(at).Author("gloam", "", "").Footer("footer", "").Image("attachment://a.png").Thumbnail("https://x/t.png").
		Field("Version", "1.2.0", true).Field("Date", "today", true).Build()
	is.NoErr(err)
	is.Equal(e.Title, "Release")
	is.Equal(len(e.Fields), 2)
	is.Equal(e.Timestamp.Time, at)
	is.Equal(e.Image.URL, "attachment://a.png")

	var ve *rest.ValidationError
	_, err = build.NewEmbed().Title(strings.Repeat("t", 257)).Build()
	is.True(errors.As(err, &ve)) // title too long
	is.Equal(ve.Field, "embeds.0.title")
	b := build.NewEmbed()
	for range 26 {
		b.Field("n", "v", false)
	}
	_, err = b.Build()
	is.True(errors.As(err, &ve)) // too many fields
	_, err = build.NewEmbed().Description(strings.Repeat("d", 4096)).Field(strings.Repeat("n", 256), strings.Repeat("v", 1024), false).
		Field(strings.Repeat("n", 256), strings.Repeat("v", 1024), false).Build()
	is.True(errors.As(err, &ve)) // over 6000 in all
	is.Equal(ve.Field, "embeds")
}

func TestComponents(t *testing.T) {
	is := is.New(t)
	cs, err := build.Components(
		build.Row(build.Button(model.ButtonPrimary, "Yes", "vote/1/yes"), build.Button(model.ButtonDanger, "No", "vote/1/no"), build.Link("Docs", "https://example.com")),
		build.Row(build.StringSelect("pick", "Pick one", build.Option("A", "a"), build.Option("B", "b"))),
		build.Row(build.ChannelSelect("where", "", model.ChannelGuildText)),
	)
	is.NoErr(err)
	is.Equal(len(cs), 3)
	b, _ := json.Marshal(cs[0])
	is.Equal(string(b), `{"type":1,"components":[{"type":2,"custom_id":"vote/1/yes","style":1,"label":"Yes"},{"type":2,"custom_id":"vote/1/no","style":4,"label":"No"},{"type":2,"style":5,"label":"Docs","url":"https://example.com"}]}`)

	for name, c := range map[string]model.Component{
		"six buttons":       build.Row(build.Button(1, "1", "1"), build.Button(1, "2", "2"), build.Button(1, "3", "3"), build.Button(1, "4", "4"), build.Button(1, "5", "5"), build.Button(1, "6", "6")),
		"select and button": build.Row(build.UserSelect("u", ""), build.Button(1, "x", "x")),
		"no custom id":      build.Row(build.Button(model.ButtonPrimary, "x", "")),
		"link with id":      build.Row(model.Component{Type: model.ComponentButton, Style: model.ButtonLink, Label: "x", URL: "https://x", CustomID: "x"}),
		"no label":          build.Row(build.Button(model.ButtonPrimary, "", "x")),
		"long custom id":    build.Row(build.Button(model.ButtonPrimary, "x", strings.Repeat("c", 101))),
		"empty select":      build.Row(build.StringSelect("s", "")),
		"not a row":         build.Button(1, "x", "x"),
		"empty row":         build.Row(),
		"same custom id":    build.Row(build.Button(1, "a", "x"), build.Button(2, "b", "x")),
	} {
		t.Run(name, func(t *testing.T) {
			is := is.New(t)
			_, err := build.Components(c)
			var ve *rest.ValidationError
			is.True(errors.As(err, &ve)) // refused at build time
		})
	}
}

func TestLayout(t *testing.T) {
	is := is.New(t)
	cs, flags, err := build.Layout(
		build.Container(0xE67E22,
			build.Section(build.Thumbnail("https://x/a.png"), build.Text("# Title"), build.Text("body")),
			build.Separator(true, model.SeparatorSmall),
			build.Gallery(build.Media("https://x/1.png", "one"), build.Media("https://x/2.png", "")),
			build.File("attachment://notes.txt"),
			build.Row(build.Button(model.ButtonSecondary, "More", "more")),
		),
		build.Text("outside"),
	)
	is.NoErr(err)
	is.Equal(flags, model.MessageIsComponentsV2) // the flag the message needs
	is.Equal(*cs[0].AccentColor, 0xE67E22)
	is.Equal(cs[0].Components[0].Accessory.Type, model.ComponentThumbnail)

	many := make([]model.Component, 41)
	for i := range many {
		many[i] = build.Text("x")
	}
	for name, cs := range map[string][]model.Component{
		"41 components":     many,
		"four texts":        {build.Section(build.Thumbnail("https://x"), build.Text("1"), build.Text("2"), build.Text("3"), build.Text("4"))},
		"empty gallery":     {build.Gallery()},
		"file from the web": {build.File("https://x/notes.txt")},
		"too much text":     {build.Text(strings.Repeat("x", 2001)), build.Text(strings.Repeat("x", 2000))},
		"nested container":  {build.Container(-1, build.Container(-1))},
	} {
		t.Run(name, func(t *testing.T) {
			is := is.New(t)
			_, _, err := build.Layout(cs...)
			var ve *rest.ValidationError
			is.True(errors.As(err, &ve)) // refused at build time
		})
	}
}

func TestCommand(t *testing.T) {
	is := is.New(t)
	cmd, err := build.Slash("dice", "Roll dice").Localize("fr", "dés", "Lancer des dés").
		Sub("roll", "Roll one die",
			build.Int("sides", "How many sides").Required().Range(2, 120),
			build.String("color", "Its color").Choice("Red", "red").Choice("Blue", "blue")).
		Group("stats", "Statistics", build.Subcommand("show", "Show them", build.User("who", "Whose"))).
		Permissions(model.PermissionSendMessages).Build()
	is.NoErr(err)
	is.Equal(cmd.Type, model.CommandChatInput)
	is.Equal(cmd.NameLocalizations["fr"], "dés")
	is.Equal(len(cmd.Options), 2)
	is.Equal(cmd.Options[0].Options[0].Name, "sides")
	is.Equal(*cmd.Options[0].Options[0].MaxValue, 120.0)
	is.Equal(cmd.Options[1].Options[0].Options[0].Type, model.OptionUser)

	u, err := build.UserCommand("Profile").Build()
	is.NoErr(err)
	is.Equal(u.Type, model.CommandUser)

	for name, b := range map[string]*build.Command{
		"upper case":        build.Slash("Dice", "d"),
		"required after":    build.Slash("d", "d").Options(build.String("a", "a"), build.String("b", "b").Required()),
		"choice type":       build.Slash("d", "d").Options(build.Int("n", "n").Choice("one", "1")),
		"range on a string": build.Slash("d", "d").Options(build.String("s", "s").Range(1, 2)),
		"bad locale":        build.Slash("d", "d").Localize("klingon", "d", ""),
		"user with desc":    build.Slash("d", "").Options(),
	} {
		t.Run(name, func(t *testing.T) {
			is := is.New(t)
			_, err := b.Build()
			var ve *rest.ValidationError
			is.True(errors.As(err, &ve)) // refused at build time
		})
	}
}

func Example() {
	embed, err := build.NewEmbed().Title("Poll").Description("Tabs or spaces?").Color(0x5865F2).Build()
	if err != nil {
		panic(err)
	}
	comps, err := build.Components(build.Row(
		build.Button(model.ButtonPrimary, "Tabs", "vote/7/tabs"),
		build.Button(model.ButtonSecondary, "Spaces", "vote/7/spaces"),
	))
	if err != nil {
		panic(err)
	}
	msg := rest.MessageCreate{Embeds: []model.Embed{embed}, Components: comps}
	fmt.Println(msg.Embeds[0].Title, len(msg.Components[0].Components))

	cmd, err := build.Slash("poll", "Start a poll").
		Options(build.String("question", "What to ask").Required().Length(1, 200)).Build()
	fmt.Println(cmd.Name, cmd.Options[0].Name, err)
	// Output:
	// Poll 2
	// poll question <nil>
}
