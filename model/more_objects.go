package model

// StickerPack is a set of standard stickers.
type StickerPack struct {
	ID             Snowflake `json:"id"`
	Stickers       []Sticker `json:"stickers"`
	Name           string    `json:"name"`
	SKUID          SKUID     `json:"sku_id"`
	CoverStickerID StickerID `json:"cover_sticker_id,omitzero"`
	Description    string    `json:"description"`
	BannerAssetID  Snowflake `json:"banner_asset_id,omitzero"`
}

// FollowedChannel is an announcement channel followed into another: the
// source channel and the webhook that posts its messages.
type FollowedChannel struct {
	ChannelID ChannelID `json:"channel_id"`
	WebhookID WebhookID `json:"webhook_id"`
}

// ScheduledEventUser is a user interested in a scheduled event, with
// their member when asked for.
type ScheduledEventUser struct {
	EventID GuildScheduledEventID `json:"guild_scheduled_event_id"`
	User    User                  `json:"user"`
	Member  *Member               `json:"member,omitempty"`
	UserID  UserID                `json:"user_id,omitzero"`
	// ExceptionID is the occurrence of a recurring event the answer is
	// for; zero for the whole series.
	ExceptionID Snowflake `json:"guild_scheduled_event_exception_id,omitzero"`
	// Response is the user's answer: 1 interested.
	Response int `json:"response,omitempty"`
}

// GuildWidgetSettings are whether a guild's widget is on and its channel.
type GuildWidgetSettings struct {
	Enabled   bool      `json:"enabled"`
	ChannelID ChannelID `json:"channel_id,omitzero"`
}

// GuildWidget is the public JSON of a guild's widget: its voice
// channels and its online members, anonymised.
type GuildWidget struct {
	ID            GuildID         `json:"id"`
	Name          string          `json:"name"`
	InstantInvite *string         `json:"instant_invite"`
	Channels      []WidgetChannel `json:"channels"`
	Members       []WidgetMember  `json:"members"`
	PresenceCount int             `json:"presence_count"`
}

// Lobby is a group of players that can chat, optionally linked to a
// guild channel.
type Lobby struct {
	ID            Snowflake         `json:"id"`
	ApplicationID ApplicationID     `json:"application_id"`
	Metadata      map[string]string `json:"metadata"`
	Members       []LobbyMember     `json:"members"`
	LinkedChannel *Channel          `json:"linked_channel,omitempty"`
	Flags         int               `json:"flags,omitempty"`
	// OverrideEventWebhooksURL receives the lobby's events instead of the
	// application's webhook URL.
	OverrideEventWebhooksURL *string `json:"override_event_webhooks_url,omitempty"`
}

// LobbyMember is a player in a lobby. Flags bit 0 (1) lets the member
// link the lobby to a channel.
type LobbyMember struct {
	ID       UserID            `json:"id"`
	Metadata map[string]string `json:"metadata,omitempty"`
	Flags    int               `json:"flags,omitempty"`
	// AdditionalName is the member's name for the lobby's game.
	AdditionalName string `json:"additional_name,omitempty"`
}

// RoleConnectionMetadataType is how a role connection field is compared
// with the value a guild's linked role requires.
type RoleConnectionMetadataType int

// Role connection metadata types.
const (
	MetadataIntegerLessThanOrEqual     RoleConnectionMetadataType = 1
	MetadataIntegerGreaterThanOrEqual  RoleConnectionMetadataType = 2
	MetadataIntegerEqual               RoleConnectionMetadataType = 3
	MetadataIntegerNotEqual            RoleConnectionMetadataType = 4
	MetadataDatetimeLessThanOrEqual    RoleConnectionMetadataType = 5
	MetadataDatetimeGreaterThanOrEqual RoleConnectionMetadataType = 6
	MetadataBooleanEqual               RoleConnectionMetadataType = 7
	MetadataBooleanNotEqual            RoleConnectionMetadataType = 8
)

var roleConnectionMetadataTypeNames = map[RoleConnectionMetadataType]string{
	1: "INTEGER_LESS_THAN_OR_EQUAL", 2: "INTEGER_GREATER_THAN_OR_EQUAL", 3: "INTEGER_EQUAL",
	4: "INTEGER_NOT_EQUAL", 5: "DATETIME_LESS_THAN_OR_EQUAL", 6: "DATETIME_GREATER_THAN_OR_EQUAL",
	7: "BOOLEAN_EQUAL", 8: "BOOLEAN_NOT_EQUAL",
}

func (t RoleConnectionMetadataType) String() string {
	return nameOf("RoleConnectionMetadataType", t, roleConnectionMetadataTypeNames)
}

// RoleConnectionMetadata is one field an application's linked roles can
// require.
type RoleConnectionMetadata struct {
	Type                     RoleConnectionMetadataType `json:"type"`
	Key                      string                     `json:"key"`
	Name                     string                     `json:"name"`
	NameLocalizations        map[string]string          `json:"name_localizations,omitempty"`
	Description              string                     `json:"description"`
	DescriptionLocalizations map[string]string          `json:"description_localizations,omitempty"`
}

// RoleConnection is a user's linked-role data for an application.
type RoleConnection struct {
	PlatformName     *string           `json:"platform_name"`
	PlatformUsername *string           `json:"platform_username"`
	Metadata         map[string]string `json:"metadata"`
}
