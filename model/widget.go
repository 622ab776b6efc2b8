package model

// A guild's widget: its settings and the public JSON it serves.

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
