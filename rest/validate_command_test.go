package rest_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/rest"
	"github.com/matryer/is"
)

func TestValidateCommand(t *testing.T) {
	is := is.New(t)
	var ve *rest.ValidationError
	ok := &model.ApplicationCommand{Name: "ping", Description: "pong", Options: []model.ApplicationCommandOption{
		{Type: model.OptionSubCommand, Name: "sub", Description: "d", Options: []model.ApplicationCommandOption{
			{Type: model.OptionString, Name: "s", Description: "d", Choices: []model.ApplicationCommandChoice{{Name: "a", Value: "a"}}},
		}},
	}}
	is.NoErr(rest.ValidateCommand(ok)) // a well-formed command passes

	leaf := model.ApplicationCommandOption{Type: model.OptionUser, Name: "who", Description: "d"}
	grouped := &model.ApplicationCommand{Name: "admin", Description: "d", Options: []model.ApplicationCommandOption{
		{Type: model.OptionSubCommandGroup, Name: "user", Description: "d", Options: []model.ApplicationCommandOption{
			{Type: model.OptionSubCommand, Name: "ban", Description: "d", Options: []model.ApplicationCommandOption{leaf}},
		}},
	}}
	is.NoErr(rest.ValidateCommand(grouped)) // an option of a subcommand in a group is as deep as Discord allows
	grouped.Options[0].Options[0].Options[0].Options = []model.ApplicationCommandOption{leaf}
	is.True(errors.As(rest.ValidateCommand(grouped), &ve)) // one level more is refused

	is.True(errors.As(rest.ValidateCommand(&model.ApplicationCommand{Description: "d"}), &ve)) // no name
	is.Equal(ve.Field, "name")

	bad := &model.ApplicationCommand{Name: "x", Description: "d", Options: []model.ApplicationCommandOption{
		{Type: model.OptionString, Name: "o", Description: strings.Repeat("d", 101)},
	}}
	is.True(errors.As(rest.ValidateCommand(bad), &ve)) // an option's description over 100
	is.Equal(ve.Field, "options.0.description")

	choices := make([]model.ApplicationCommandChoice, 26)
	bad.Options[0] = model.ApplicationCommandOption{Type: model.OptionString, Name: "o", Description: "d", Choices: choices}
	is.True(errors.As(rest.ValidateCommand(bad), &ve)) // 26 choices
	is.Equal(ve.Field, "options.0.choices")
}
