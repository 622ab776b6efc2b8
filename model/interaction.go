package model

import (
	"encoding/json"
	"strconv"
)

// Interaction is a slash command, context menu command, component use,
// autocomplete request or modal submit.
type Interaction struct {
	ID                           InteractionID                 `json:"id"`
	ApplicationID                ApplicationID                 `json:"application_id"`
	Type                         InteractionType               `json:"type"`
	Data                         *InteractionData              `json:"data,omitempty"`
	Guild                        *InteractionGuild             `json:"guild,omitempty"`
	GuildID                      GuildID                       `json:"guild_id,omitzero"`
	Channel                      *Channel                      `json:"channel,omitempty"`
	ChannelID                    ChannelID                     `json:"channel_id,omitzero"`
	Member                       *Member                       `json:"member,omitempty"` // in guilds, with permissions
	User                         *User                         `json:"user,omitempty"`   // in DMs
	Token                        string                        `json:"token"`
	Version                      int                           `json:"version"`
	Message                      *Message                      `json:"message,omitempty"` // for component interactions
	AppPermissions               Permissions                   `json:"app_permissions"`
	Locale                       string                        `json:"locale,omitempty"`
	GuildLocale                  string                        `json:"guild_locale,omitempty"`
	Entitlements                 []Entitlement                 `json:"entitlements"`
	AuthorizingIntegrationOwners map[IntegrationType]Snowflake `json:"authorizing_integration_owners"`
	Context                      *InteractionContextType       `json:"context,omitempty"`
	AttachmentSizeLimit          int                           `json:"attachment_size_limit,omitempty"`
}

// Invoker is the user who triggered the interaction, in guilds and DMs.
func (i *Interaction) Invoker() *User {
	if i.Member != nil && i.Member.User != nil {
		return i.Member.User
	}
	return i.User
}

// InteractionGuild is the partial guild of an interaction.
type InteractionGuild struct {
	ID       GuildID        `json:"id"`
	Locale   string         `json:"locale"`
	Features []GuildFeature `json:"features"`
}

// InteractionData is the data of an interaction. Which fields are set
// depends on the interaction type: ID, Name, Type, Options, Resolved and
// TargetID for commands and autocomplete; CustomID, ComponentType and
// Values for components; CustomID and Components for modal submits.
type InteractionData struct {
	ID            CommandID       `json:"id,omitzero"`
	Name          string          `json:"name,omitempty"`
	Type          CommandType     `json:"type,omitempty"`
	Resolved      *Resolved       `json:"resolved,omitempty"`
	Options       []CommandOption `json:"options,omitempty"`
	GuildID       GuildID         `json:"guild_id,omitzero"`
	TargetID      Snowflake       `json:"target_id,omitzero"`
	CustomID      string          `json:"custom_id,omitempty"`
	ComponentType ComponentType   `json:"component_type,omitempty"`
	Values        []string        `json:"values,omitempty"`
	Components    []Component     `json:"components,omitempty"`
}

// Resolved holds the full objects of the IDs an interaction refers to.
type Resolved struct {
	Users       map[UserID]User             `json:"users,omitempty"`
	Members     map[UserID]Member           `json:"members,omitempty"` // partial: no user, deaf or mute
	Roles       map[RoleID]Role             `json:"roles,omitempty"`
	Channels    map[ChannelID]Channel       `json:"channels,omitempty"` // partial
	Messages    map[MessageID]Message       `json:"messages,omitempty"` // partial
	Attachments map[AttachmentID]Attachment `json:"attachments,omitempty"`
}

// CommandOption is an option a user filled in, or a subcommand with its
// own options.
type CommandOption struct {
	Name    string          `json:"name"`
	Type    OptionType      `json:"type"`
	Value   OptionValue     `json:"value,omitempty"`
	Options []CommandOption `json:"options,omitempty"`
	Focused bool            `json:"focused,omitempty"` // the option being autocompleted
}

// Option finds the option of that name among opts, or nil.
func Option(opts []CommandOption, name string) *CommandOption {
	for i := range opts {
		if opts[i].Name == name {
			return &opts[i]
		}
	}
	return nil
}

// OptionValue is an option's value as raw JSON: a string, number or
// boolean, or a snowflake string for users, channels, roles and
// attachments. Its methods read it as what the option's type says.
type OptionValue json.RawMessage

// MarshalJSON encodes v as it was received.
func (v OptionValue) MarshalJSON() ([]byte, error) {
	if len(v) == 0 {
		return []byte("null"), nil
	}
	return v, nil
}

// UnmarshalJSON keeps a copy of the value.
func (v *OptionValue) UnmarshalJSON(b []byte) error {
	*v = append((*v)[:0], b...)
	return nil
}

// String is a string value (or the text of any other value).
func (v OptionValue) String() string {
	var s string
	if json.Unmarshal(v, &s) == nil {
		return s
	}
	return string(v)
}

// Int is an integer value; 0 when v is not one.
func (v OptionValue) Int() int64 {
	n, _ := strconv.ParseInt(string(v), 10, 64)
	return n
}

// Float is a number value; 0 when v is not one.
func (v OptionValue) Float() float64 {
	f, _ := strconv.ParseFloat(string(v), 64)
	return f
}

// Bool is a boolean value.
func (v OptionValue) Bool() bool { return string(v) == "true" }

// Snowflake is the ID of a user, channel, role, mentionable or attachment
// option; 0 when v is not one.
func (v OptionValue) Snowflake() Snowflake {
	id, err := parseSnowflakeJSON(v)
	if err != nil {
		return 0
	}
	return Snowflake(id)
}

// Entitlement is a user's or guild's access to a premium offering.
type Entitlement struct {
	ID            EntitlementID `json:"id"`
	SKUID         SKUID         `json:"sku_id"`
	ApplicationID ApplicationID `json:"application_id"`
	UserID        UserID        `json:"user_id,omitzero"`
	GuildID       GuildID       `json:"guild_id,omitzero"`
	Type          int           `json:"type"`
	Deleted       bool          `json:"deleted"`
	StartsAt      Timestamp     `json:"starts_at"`
	EndsAt        Timestamp     `json:"ends_at"`
	Consumed      *bool         `json:"consumed,omitempty"`
	// ParentID is the entitlement this one was granted through;
	// GifterUserID the user who gave it.
	ParentID          EntitlementID `json:"parent_id,omitzero"`
	GifterUserID      UserID        `json:"gifter_user_id,omitzero"`
	FulfilledAt       Timestamp     `json:"fulfilled_at,omitzero"`
	FulfillmentStatus int           `json:"fulfillment_status,omitempty"`
}
