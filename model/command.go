package model

// EntryPointHandler says who handles a primary entry point command.
type EntryPointHandler int

// Entry point command handlers.
const (
	HandlerApp                   EntryPointHandler = 1 // the app answers the interaction
	HandlerDiscordLaunchActivity EntryPointHandler = 2 // Discord launches the activity
)

var entryPointHandlerNames = map[EntryPointHandler]string{1: "APP_HANDLER", 2: "DISCORD_LAUNCH_ACTIVITY"}

func (h EntryPointHandler) String() string {
	return nameOf("EntryPointHandler", h, entryPointHandlerNames)
}

// ApplicationCommand is an application command: a slash command, a user
// or message context menu entry, or an activity's entry point. It is both
// what Discord answers and what is sent to create one (ID, ApplicationID
// and Version are then ignored).
type ApplicationCommand struct {
	ID                       CommandID                  `json:"id,omitzero"`
	Type                     CommandType                `json:"type,omitempty"`
	ApplicationID            ApplicationID              `json:"application_id,omitzero"`
	GuildID                  GuildID                    `json:"guild_id,omitzero"`
	Name                     string                     `json:"name"`
	NameLocalizations        map[string]string          `json:"name_localizations,omitempty"`
	Description              string                     `json:"description"`
	DescriptionLocalizations map[string]string          `json:"description_localizations,omitempty"`
	Options                  []ApplicationCommandOption `json:"options,omitempty"`
	DefaultMemberPermissions *Permissions               `json:"default_member_permissions,omitempty"`
	NSFW                     bool                       `json:"nsfw,omitempty"`
	IntegrationTypes         []IntegrationType          `json:"integration_types,omitempty"`
	Contexts                 []InteractionContextType   `json:"contexts,omitempty"`
	Version                  Snowflake                  `json:"version,omitzero"`
	Handler                  EntryPointHandler          `json:"handler,omitempty"`
	// NameLocalized and DescriptionLocalized are the name and description
	// in the requester's locale, when the command was fetched with
	// localizations left out.
	NameLocalized        string `json:"name_localized,omitempty"`
	DescriptionLocalized string `json:"description_localized,omitempty"`
	// DMPermission is whether the command is available in DMs. Deprecated:
	// use Contexts.
	DMPermission *bool `json:"dm_permission,omitempty"`
}

// ApplicationCommandOption is a parameter or subcommand of a command as
// it is declared. (CommandOption is the value a user gave for one.)
type ApplicationCommandOption struct {
	Type                     OptionType                 `json:"type"`
	Name                     string                     `json:"name"`
	NameLocalizations        map[string]string          `json:"name_localizations,omitempty"`
	Description              string                     `json:"description"`
	DescriptionLocalizations map[string]string          `json:"description_localizations,omitempty"`
	Required                 bool                       `json:"required,omitempty"`
	Choices                  []ApplicationCommandChoice `json:"choices,omitempty"`
	Options                  []ApplicationCommandOption `json:"options,omitempty"`
	ChannelTypes             []ChannelType              `json:"channel_types,omitempty"`
	MinValue                 *float64                   `json:"min_value,omitempty"`
	MaxValue                 *float64                   `json:"max_value,omitempty"`
	MinLength                *int                       `json:"min_length,omitempty"`
	MaxLength                *int                       `json:"max_length,omitempty"`
	Autocomplete             bool                       `json:"autocomplete,omitempty"`
}

// ApplicationCommandChoice is a value offered for an option; Value is a
// string or a float64 once decoded (integers decode as float64).
type ApplicationCommandChoice struct {
	Name              string            `json:"name"`
	NameLocalizations map[string]string `json:"name_localizations,omitempty"`
	Value             any               `json:"value"`
}

// CommandPermissionType is what a command permission applies to.
type CommandPermissionType int

// Command permission types.
const (
	CommandPermissionRole    CommandPermissionType = 1
	CommandPermissionUser    CommandPermissionType = 2
	CommandPermissionChannel CommandPermissionType = 3
)

var commandPermissionTypeNames = map[CommandPermissionType]string{1: "ROLE", 2: "USER", 3: "CHANNEL"}

func (t CommandPermissionType) String() string {
	return nameOf("CommandPermissionType", t, commandPermissionTypeNames)
}

// CommandPermissions are the permissions of one command (or, with the
// application's ID as ID, of all its commands) in a guild.
type CommandPermissions struct {
	ID            Snowflake           `json:"id"`
	ApplicationID ApplicationID       `json:"application_id"`
	GuildID       GuildID             `json:"guild_id"`
	Permissions   []CommandPermission `json:"permissions"`
}

// CommandPermission allows or denies a command to a role, a user or a
// channel. ID may also be the guild's ID (every member) or the guild's
// ID minus one (every channel).
type CommandPermission struct {
	ID         Snowflake             `json:"id"`
	Type       CommandPermissionType `json:"type"`
	Permission bool                  `json:"permission"`
}
