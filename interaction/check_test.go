package interaction_test

import (
	"context"
	"errors"
	"testing"

	"github.com/gloamdev/gloam/interaction"
	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/rest"
	"github.com/matryer/is"
)

func TestCheck(t *testing.T) {
	is := is.New(t)
	noop := func(context.Context, *interaction.Request) error { return nil }
	defs := []model.ApplicationCommand{
		{Name: "ping", Description: "d"},
		{Name: "admin", Description: "d", Options: []model.ApplicationCommandOption{
			{Type: model.OptionSubCommandGroup, Name: "user", Description: "d", Options: []model.ApplicationCommandOption{
				{Type: model.OptionSubCommand, Name: "ban", Description: "d"},
				{Type: model.OptionSubCommand, Name: "kick", Description: "d"},
			}},
		}},
		{Name: "search", Description: "d", Options: []model.ApplicationCommandOption{
			{Type: model.OptionString, Name: "q", Description: "d", Autocomplete: true}}},
		{Type: model.CommandUser, Name: "Profile"},
	}
	rt := interaction.NewRouter(rest.NewClient("x", nil), nil)
	rt.Command("ping", noop)
	rt.Command("admin user ban", noop)
	rt.Command("admin user kick", noop)
	rt.Command("search", noop)
	rt.Autocomplete("search", noop)
	rt.UserCommand("Profile", noop)
	is.NoErr(rt.Check(defs)) // every definition has its handler and back

	rt.Command("pong", noop)         // a typo: never defined
	rt.MessageCommand("Quote", noop) // not defined either
	defs = append(defs, model.ApplicationCommand{Name: "help", Description: "d"})
	defs[2].Options[0].Name = "query" // still autocompleted
	err := rt.Check(defs)
	var ce *interaction.CheckError
	is.True(errors.As(err, &ce))
	is.Equal(ce.Unhandled, []string{"help"})
	is.Equal(ce.Undefined, []string{"Quote", "pong"})

	rt2 := interaction.NewRouter(rest.NewClient("x", nil), nil)
	rt2.Command("search", noop)
	is.True(errors.As(rt2.Check(defs[2:3]), &ce))
	is.Equal(ce.Unhandled, []string{"search (autocomplete)"}) // the autocomplete handler is missing
}
