package interaction_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/gloamdev/gloam/interaction"
	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/rest"
	"github.com/matryer/is"
)

func defs() []model.ApplicationCommand {
	minSides := 2.0
	return []model.ApplicationCommand{
		{Name: "ping", Description: "Is the bot there?"},
		{Name: "dice", Description: "Dice", NameLocalizations: map[string]string{"fr": "dés"}, Options: []model.ApplicationCommandOption{
			{Type: model.OptionSubCommand, Name: "roll", Description: "Roll one", Options: []model.ApplicationCommandOption{
				{Type: model.OptionInteger, Name: "sides", Description: "How many sides", Required: true, MinValue: &minSides},
				{Type: model.OptionString, Name: "color", Description: "Its color", Choices: []model.ApplicationCommandChoice{
					{Name: "Red", Value: "red"}, {Name: "Blue", Value: "blue"}}},
			}},
		}},
		{Type: model.CommandUser, Name: "Profile"},
	}
}

// writes counts the command writes the fake saw.
func (f *fake) writes() int {
	n := 0
	for route, c := range f.srv.Stats().REST.RequestsByRoute {
		if strings.Contains(route, "/commands") && !strings.HasPrefix(route, "GET") {
			n += c
		}
	}
	return n
}

func TestSync(t *testing.T) {
	f := newFake(t)
	ctx := context.Background()
	app := f.srv.World().ApplicationID()
	for _, guild := range []model.GuildID{0, f.guild} {
		name := "global"
		if guild != 0 {
			name = "guild"
		}
		t.Run(name, func(t *testing.T) {
			is := is.New(t)
			list := func() []model.ApplicationCommand {
				var cs []model.ApplicationCommand
				var err error
				if guild == 0 {
					cs, err = f.rc.GlobalCommands(ctx, app, &rest.CommandsQuery{WithLocalizations: true})
				} else {
					cs, err = f.rc.GuildCommands(ctx, app, guild, &rest.CommandsQuery{WithLocalizations: true})
				}
				is.NoErr(err)
				return cs
			}
			before := f.writes()
			res, err := interaction.Sync(ctx, f.rc, app, guild, defs())
			is.NoErr(err)
			is.Equal(len(res.Created), 3) // all new
			is.Equal(len(list()), 3)
			is.Equal(f.writes()-before, 3)

			before = f.writes()
			res, err = interaction.Sync(ctx, f.rc, app, guild, defs())
			is.NoErr(err)
			is.True(!res.Changed())        // nothing differs
			is.Equal(res.Unchanged, 3)     //
			is.Equal(f.writes()-before, 0) // and nothing was written

			changed := defs()
			changed[1].Options[0].Options[1].Choices = append(changed[1].Options[0].Options[1].Choices,
				model.ApplicationCommandChoice{Name: "Green", Value: "green"})
			changed = changed[1:] // ping goes
			before = f.writes()
			res, err = interaction.Sync(ctx, f.rc, app, guild, changed)
			is.NoErr(err)
			is.Equal(len(res.Updated), 1)
			is.Equal(res.Updated[0].Name, "dice")
			is.Equal(len(res.Deleted), 1)
			is.Equal(res.Deleted[0].Name, "ping")
			is.Equal(res.Unchanged, 1)
			is.Equal(f.writes()-before, 2) // one edit, one delete
			for _, c := range list() {
				if c.Name == "dice" {
					is.Equal(len(c.Options[0].Options[1].Choices), 3) // the new choice is there
				}
			}
		})
	}
}

func TestValidate(t *testing.T) {
	long := strings.Repeat("x", 101)
	opt := func(o model.ApplicationCommandOption) []model.ApplicationCommand {
		if o.Description == "" {
			o.Description = "d"
		}
		return []model.ApplicationCommand{{Name: "c", Description: "d", Options: []model.ApplicationCommandOption{o}}}
	}
	two := func(a, b model.ApplicationCommandOption) []model.ApplicationCommand {
		return []model.ApplicationCommand{{Name: "c", Description: "d", Options: []model.ApplicationCommandOption{a, b}}}
	}
	for name, c := range map[string]struct {
		defs  []model.ApplicationCommand
		field string
	}{
		"upper case name":     {[]model.ApplicationCommand{{Name: "Ping", Description: "d"}}, "0.name"},
		"space in name":       {[]model.ApplicationCommand{{Name: "a b", Description: "d"}}, "0.name"},
		"no description":      {[]model.ApplicationCommand{{Name: "ping"}}, "0.description"},
		"long description":    {[]model.ApplicationCommand{{Name: "ping", Description: long}}, "0.description"},
		"user command desc":   {[]model.ApplicationCommand{{Type: model.CommandUser, Name: "Info", Description: "d"}}, "0.description"},
		"duplicate":           {[]model.ApplicationCommand{{Name: "a", Description: "d"}, {Name: "a", Description: "d"}}, "1.name"},
		"bad locale":          {[]model.ApplicationCommand{{Name: "a", Description: "d", NameLocalizations: map[string]string{"xx": "a"}}}, "0.name_localizations.xx"},
		"bad localized name":  {[]model.ApplicationCommand{{Name: "a", Description: "d", NameLocalizations: map[string]string{"fr": "A B"}}}, "0.name"},
		"required after":      {two(model.ApplicationCommandOption{Type: 3, Name: "a", Description: "d"}, model.ApplicationCommandOption{Type: 3, Name: "b", Description: "d", Required: true}), "0.options.1.required"},
		"mixed subcommands":   {two(model.ApplicationCommandOption{Type: 1, Name: "a", Description: "d"}, model.ApplicationCommandOption{Type: 3, Name: "b", Description: "d"}), "0.options"},
		"same option":         {two(model.ApplicationCommandOption{Type: 3, Name: "a", Description: "d"}, model.ApplicationCommandOption{Type: 3, Name: "a", Description: "d"}), "0.options.1.name"},
		"choice type":         {opt(model.ApplicationCommandOption{Type: 4, Name: "n", Choices: []model.ApplicationCommandChoice{{Name: "one", Value: "1"}}}), "0.options.0.choices.0.value"},
		"choice not integer":  {opt(model.ApplicationCommandOption{Type: 4, Name: "n", Choices: []model.ApplicationCommandChoice{{Name: "half", Value: 0.5}}}), "0.options.0.choices.0.value"},
		"choice autocomplete": {opt(model.ApplicationCommandOption{Type: 3, Name: "n", Autocomplete: true, Choices: []model.ApplicationCommandChoice{{Name: "a", Value: "a"}}}), "0.options.0.autocomplete"},
		"choices on a bool":   {opt(model.ApplicationCommandOption{Type: 5, Name: "n", Choices: []model.ApplicationCommandChoice{{Name: "a", Value: "a"}}}), "0.options.0.choices"},
		"too many choices":    {opt(model.ApplicationCommandOption{Type: 3, Name: "n", Choices: make([]model.ApplicationCommandChoice, 26)}), "0.options.0.choices"},
		"range on a string":   {opt(model.ApplicationCommandOption{Type: 3, Name: "n", MinValue: new(1.0)}), "0.options.0.min_value"},
		"group in subcommand": {opt(model.ApplicationCommandOption{Type: 1, Name: "s", Options: []model.ApplicationCommandOption{{Type: 2, Name: "g", Description: "d"}}}), "0.options.0.options.0.type"},
		"too long in all": {[]model.ApplicationCommand{{Name: "c", Description: "d", Options: func() []model.ApplicationCommandOption {
			var os []model.ApplicationCommandOption
			for i := range 25 {
				os = append(os, model.ApplicationCommandOption{Type: 3, Name: "o" + strings.Repeat("x", i), Description: strings.Repeat("d", 100),
					Choices: []model.ApplicationCommandChoice{{Name: strings.Repeat("c", 100), Value: "v"}}})
			}
			return os
		}()}}, "0"},
	} {
		t.Run(name, func(t *testing.T) {
			is := is.New(t)
			err := interaction.Validate(c.defs)
			var ve *rest.ValidationError
			is.True(errors.As(err, &ve)) // the definitions are refused
			is.Equal(ve.Field, c.field)
		})
	}
	t.Run("valid", func(t *testing.T) {
		is := is.New(t)
		is.NoErr(interaction.Validate(defs()))
	})
	t.Run("sync refuses before sending", func(t *testing.T) {
		is := is.New(t)
		f := newFake(t)
		_, err := interaction.Sync(context.Background(), f.rc, f.srv.World().ApplicationID(), 0,
			[]model.ApplicationCommand{{Name: "Bad Name", Description: "d"}})
		is.True(err != nil)
		is.Equal(f.srv.Stats().REST.Requests, 0) // nothing was sent
	})
}
