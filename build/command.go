package build

import (
	"github.com/gloamdev/gloam/interaction"
	"github.com/gloamdev/gloam/model"
)

// Command builds a model.ApplicationCommand; its methods return it for
// chaining.
type Command struct {
	c model.ApplicationCommand
}

// Slash starts a slash command.
func Slash(name, description string) *Command {
	return &Command{c: model.ApplicationCommand{Type: model.CommandChatInput, Name: name, Description: description}}
}

// UserCommand starts a user context menu command.
func UserCommand(name string) *Command {
	return &Command{c: model.ApplicationCommand{Type: model.CommandUser, Name: name}}
}

// MessageCommand starts a message context menu command.
func MessageCommand(name string) *Command {
	return &Command{c: model.ApplicationCommand{Type: model.CommandMessage, Name: name}}
}

// Options adds options to the command.
func (b *Command) Options(opts ...*Opt) *Command {
	for _, o := range opts {
		b.c.Options = append(b.c.Options, o.o)
	}
	return b
}

// Sub adds a subcommand with its options.
func (b *Command) Sub(name, description string, opts ...*Opt) *Command {
	b.c.Options = append(b.c.Options, sub(name, description, opts).o)
	return b
}

// Group adds a subcommand group holding subcommands (made by Subcommand).
func (b *Command) Group(name, description string, subs ...*Opt) *Command {
	g := model.ApplicationCommandOption{Type: model.OptionSubCommandGroup, Name: name, Description: description}
	for _, s := range subs {
		g.Options = append(g.Options, s.o)
	}
	b.c.Options = append(b.c.Options, g)
	return b
}

// Localize adds the name and description of the command in a locale
// (one of interaction.Locales); description is ignored when "".
func (b *Command) Localize(locale, name, description string) *Command {
	b.c.NameLocalizations = put(b.c.NameLocalizations, locale, name)
	if description != "" {
		b.c.DescriptionLocalizations = put(b.c.DescriptionLocalizations, locale, description)
	}
	return b
}

// Permissions sets the permissions a member needs to see the command by
// default (0: administrators only).
func (b *Command) Permissions(p model.Permissions) *Command {
	b.c.DefaultMemberPermissions = &p
	return b
}

// NSFW limits the command to age-restricted channels.
func (b *Command) NSFW() *Command { b.c.NSFW = true; return b }

// Contexts sets where the command can be used.
func (b *Command) Contexts(cs ...model.InteractionContextType) *Command { b.c.Contexts = cs; return b }

// Installs sets how the application must be installed for the command.
func (b *Command) Installs(ts ...model.IntegrationType) *Command { b.c.IntegrationTypes = ts; return b }

// Build checks the command as interaction.Validate does and returns it.
func (b *Command) Build() (model.ApplicationCommand, error) {
	if err := interaction.Validate([]model.ApplicationCommand{b.c}); err != nil {
		return model.ApplicationCommand{}, err
	}
	return b.c, nil
}

func put(m map[string]string, k, v string) map[string]string {
	if m == nil {
		m = map[string]string{}
	}
	m[k] = v
	return m
}

// Opt builds an option of a command; its methods return it for chaining.
type Opt struct {
	o model.ApplicationCommandOption
}

func opt(t model.OptionType, name, description string) *Opt {
	return &Opt{o: model.ApplicationCommandOption{Type: t, Name: name, Description: description}}
}

func sub(name, description string, opts []*Opt) *Opt {
	s := opt(model.OptionSubCommand, name, description)
	for _, o := range opts {
		s.o.Options = append(s.o.Options, o.o)
	}
	return s
}

// Subcommand is a subcommand, for a Group.
func Subcommand(name, description string, opts ...*Opt) *Opt { return sub(name, description, opts) }

// String is a text option.
func String(name, description string) *Opt { return opt(model.OptionString, name, description) }

// Int is an integer option.
func Int(name, description string) *Opt { return opt(model.OptionInteger, name, description) }

// Number is a number option.
func Number(name, description string) *Opt { return opt(model.OptionNumber, name, description) }

// Bool is a true/false option.
func Bool(name, description string) *Opt { return opt(model.OptionBoolean, name, description) }

// User is a user option.
func User(name, description string) *Opt { return opt(model.OptionUser, name, description) }

// Channel is a channel option, of the given types (any when none given).
func Channel(name, description string, types ...model.ChannelType) *Opt {
	o := opt(model.OptionChannel, name, description)
	o.o.ChannelTypes = types
	return o
}

// Role is a role option.
func Role(name, description string) *Opt { return opt(model.OptionRole, name, description) }

// Mentionable is a user-or-role option.
func Mentionable(name, description string) *Opt {
	return opt(model.OptionMentionable, name, description)
}

// Attachment is a file option.
func Attachment(name, description string) *Opt { return opt(model.OptionAttachment, name, description) }

// Required makes the option required.
func (o *Opt) Required() *Opt { o.o.Required = true; return o }

// Autocomplete makes Discord ask the bot for suggestions as the user
// types (see interaction.Router.Autocomplete).
func (o *Opt) Autocomplete() *Opt { o.o.Autocomplete = true; return o }

// Choice adds a fixed choice: value is a string for string options, a
// number for integer and number options.
func (o *Opt) Choice(name string, value any) *Opt {
	o.o.Choices = append(o.o.Choices, model.ApplicationCommandChoice{Name: name, Value: value})
	return o
}

// Range bounds an integer or number option.
func (o *Opt) Range(min, max float64) *Opt { o.o.MinValue, o.o.MaxValue = &min, &max; return o }

// Length bounds the length of a string option.
func (o *Opt) Length(min, max int) *Opt { o.o.MinLength, o.o.MaxLength = &min, &max; return o }

// Localize adds the option's name and description in a locale;
// description is ignored when "".
func (o *Opt) Localize(locale, name, description string) *Opt {
	o.o.NameLocalizations = put(o.o.NameLocalizations, locale, name)
	if description != "" {
		o.o.DescriptionLocalizations = put(o.o.DescriptionLocalizations, locale, description)
	}
	return o
}
