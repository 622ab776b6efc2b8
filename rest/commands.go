package rest

import (
	"context"

	"github.com/gloamdev/gloam/model"
)

var (
	rGlobalCommands      = route("GET", "/applications/{application_id}/commands")
	rCreateGlobalCommand = route("POST", "/applications/{application_id}/commands")
	rSetGlobalCommands   = route("PUT", "/applications/{application_id}/commands")
	rGlobalCommand       = route("GET", "/applications/{application_id}/commands/{command_id}")
	rEditGlobalCommand   = route("PATCH", "/applications/{application_id}/commands/{command_id}")
	rDeleteGlobalCommand = route("DELETE", "/applications/{application_id}/commands/{command_id}")
	rGuildCommands       = route("GET", "/applications/{application_id}/guilds/{guild_id}/commands")
	rCreateGuildCommand  = route("POST", "/applications/{application_id}/guilds/{guild_id}/commands")
	rSetGuildCommands    = route("PUT", "/applications/{application_id}/guilds/{guild_id}/commands")
	rGuildCommand        = route("GET", "/applications/{application_id}/guilds/{guild_id}/commands/{command_id}")
	rEditGuildCommand    = route("PATCH", "/applications/{application_id}/guilds/{guild_id}/commands/{command_id}")
	rDeleteGuildCommand  = route("DELETE", "/applications/{application_id}/guilds/{guild_id}/commands/{command_id}")
	rCommandPermsAll     = route("GET", "/applications/{application_id}/guilds/{guild_id}/commands/permissions")
	rCommandPerms        = route("GET", "/applications/{application_id}/guilds/{guild_id}/commands/{command_id}/permissions")
	rSetCommandPerms     = route("PUT", "/applications/{application_id}/guilds/{guild_id}/commands/{command_id}/permissions")
)

// ValidateCommand checks a command's names, descriptions and counts
// against Discord's limits; the create and edit methods call it before
// sending.
func ValidateCommand(cmd *model.ApplicationCommand) error {
	if err := tooLong("name", cmd.Name, MaxCommandName); err != nil {
		return err
	}
	if cmd.Name == "" {
		return &ValidationError{Field: "name", Reason: "empty"}
	}
	if err := tooLong("description", cmd.Description, MaxCommandDesc); err != nil {
		return err
	}
	return validateOptions("options", cmd.Options, 0)
}

func validateOptions(p string, opts []model.ApplicationCommandOption, depth int) error {
	if err := tooMany(p, len(opts), 25); err != nil {
		return err
	}
	if depth > 2 && len(opts) > 0 {
		return &ValidationError{Field: p, Reason: "subcommands nested too deep"}
	}
	for i := range opts {
		o := &opts[i]
		op := p + "." + itoa(i)
		if err := tooLong(op+".name", o.Name, MaxCommandName); err != nil {
			return err
		}
		if err := tooLong(op+".description", o.Description, MaxCommandDesc); err != nil {
			return err
		}
		if err := tooMany(op+".choices", len(o.Choices), MaxChoices); err != nil {
			return err
		}
		if err := validateOptions(op+".options", o.Options, depth+1); err != nil {
			return err
		}
	}
	return nil
}

func validateCommands(cmds []model.ApplicationCommand) error {
	for i := range cmds {
		if err := ValidateCommand(&cmds[i]); err != nil {
			ve := err.(*ValidationError)
			return &ValidationError{Field: itoa(i) + "." + ve.Field, Reason: ve.Reason}
		}
	}
	return nil
}

// CommandsQuery asks for every localization of the commands' names and
// descriptions (without it, only the locale of the request).
type CommandsQuery struct {
	WithLocalizations bool `query:"with_localizations"`
}

// GlobalCommands lists the application's global commands.
func (c *Client) GlobalCommands(ctx context.Context, app model.ApplicationID, q *CommandsQuery, opts ...RequestOption) ([]model.ApplicationCommand, error) {
	return list[model.ApplicationCommand](ctx, c, rGlobalCommands, path(app), q, nil, opts)
}

// CreateGlobalCommand creates a global command, or replaces the one of
// the same name and type.
func (c *Client) CreateGlobalCommand(ctx context.Context, app model.ApplicationID, cmd *model.ApplicationCommand, opts ...RequestOption) (*model.ApplicationCommand, error) {
	if err := ValidateCommand(cmd); err != nil {
		return nil, err
	}
	return fetch[model.ApplicationCommand](ctx, c, rCreateGlobalCommand, path(app), nil, cmd, opts)
}

// SetGlobalCommands replaces all global commands with cmds.
func (c *Client) SetGlobalCommands(ctx context.Context, app model.ApplicationID, cmds []model.ApplicationCommand, opts ...RequestOption) ([]model.ApplicationCommand, error) {
	if err := validateCommands(cmds); err != nil {
		return nil, err
	}
	if cmds == nil {
		cmds = []model.ApplicationCommand{}
	}
	return list[model.ApplicationCommand](ctx, c, rSetGlobalCommands, path(app), nil, cmds, opts)
}

// GlobalCommand gets a global command.
func (c *Client) GlobalCommand(ctx context.Context, app model.ApplicationID, id model.CommandID, opts ...RequestOption) (*model.ApplicationCommand, error) {
	return fetch[model.ApplicationCommand](ctx, c, rGlobalCommand, path(app, id), nil, nil, opts)
}

// EditGlobalCommand changes a global command.
func (c *Client) EditGlobalCommand(ctx context.Context, app model.ApplicationID, id model.CommandID, cmd *model.ApplicationCommand, opts ...RequestOption) (*model.ApplicationCommand, error) {
	if err := ValidateCommand(cmd); err != nil {
		return nil, err
	}
	return fetch[model.ApplicationCommand](ctx, c, rEditGlobalCommand, path(app, id), nil, cmd, opts)
}

// DeleteGlobalCommand deletes a global command.
func (c *Client) DeleteGlobalCommand(ctx context.Context, app model.ApplicationID, id model.CommandID, opts ...RequestOption) error {
	return c.call(ctx, rDeleteGlobalCommand, path(app, id), nil, nil, nil, opts)
}

// GuildCommands lists the application's commands in one guild.
func (c *Client) GuildCommands(ctx context.Context, app model.ApplicationID, guild model.GuildID, q *CommandsQuery, opts ...RequestOption) ([]model.ApplicationCommand, error) {
	return list[model.ApplicationCommand](ctx, c, rGuildCommands, path(app, guild), q, nil, opts)
}

// CreateGuildCommand creates a command in one guild.
func (c *Client) CreateGuildCommand(ctx context.Context, app model.ApplicationID, guild model.GuildID, cmd *model.ApplicationCommand, opts ...RequestOption) (*model.ApplicationCommand, error) {
	if err := ValidateCommand(cmd); err != nil {
		return nil, err
	}
	return fetch[model.ApplicationCommand](ctx, c, rCreateGuildCommand, path(app, guild), nil, cmd, opts)
}

// SetGuildCommands replaces all of a guild's commands with cmds.
func (c *Client) SetGuildCommands(ctx context.Context, app model.ApplicationID, guild model.GuildID, cmds []model.ApplicationCommand, opts ...RequestOption) ([]model.ApplicationCommand, error) {
	if err := validateCommands(cmds); err != nil {
		return nil, err
	}
	if cmds == nil {
		cmds = []model.ApplicationCommand{}
	}
	return list[model.ApplicationCommand](ctx, c, rSetGuildCommands, path(app, guild), nil, cmds, opts)
}

// GuildCommand gets a guild command.
func (c *Client) GuildCommand(ctx context.Context, app model.ApplicationID, guild model.GuildID, id model.CommandID, opts ...RequestOption) (*model.ApplicationCommand, error) {
	return fetch[model.ApplicationCommand](ctx, c, rGuildCommand, path(app, guild, id), nil, nil, opts)
}

// EditGuildCommand changes a guild command.
func (c *Client) EditGuildCommand(ctx context.Context, app model.ApplicationID, guild model.GuildID, id model.CommandID, cmd *model.ApplicationCommand, opts ...RequestOption) (*model.ApplicationCommand, error) {
	if err := ValidateCommand(cmd); err != nil {
		return nil, err
	}
	return fetch[model.ApplicationCommand](ctx, c, rEditGuildCommand, path(app, guild, id), nil, cmd, opts)
}

// DeleteGuildCommand deletes a guild command.
func (c *Client) DeleteGuildCommand(ctx context.Context, app model.ApplicationID, guild model.GuildID, id model.CommandID, opts ...RequestOption) error {
	return c.call(ctx, rDeleteGuildCommand, path(app, guild, id), nil, nil, nil, opts)
}

// AllCommandPermissions lists the permissions of every command in a guild.
func (c *Client) AllCommandPermissions(ctx context.Context, app model.ApplicationID, guild model.GuildID, opts ...RequestOption) ([]model.CommandPermissions, error) {
	return list[model.CommandPermissions](ctx, c, rCommandPermsAll, path(app, guild), nil, nil, opts)
}

// CommandPermissions gets the permissions of one command in a guild.
func (c *Client) CommandPermissions(ctx context.Context, app model.ApplicationID, guild model.GuildID, id model.CommandID, opts ...RequestOption) (*model.CommandPermissions, error) {
	return fetch[model.CommandPermissions](ctx, c, rCommandPerms, path(app, guild, id), nil, nil, opts)
}

// SetCommandPermissions sets the permissions of one command in a guild;
// this needs a Bearer token with applications.commands.permissions.update.
func (c *Client) SetCommandPermissions(ctx context.Context, app model.ApplicationID, guild model.GuildID, id model.CommandID, perms []model.CommandPermission, opts ...RequestOption) (*model.CommandPermissions, error) {
	if err := tooMany("permissions", len(perms), 100); err != nil {
		return nil, err
	}
	body := struct {
		Permissions []model.CommandPermission `json:"permissions"`
	}{perms}
	return fetch[model.CommandPermissions](ctx, c, rSetCommandPerms, path(app, guild, id), nil, body, opts)
}
