package model

// Ban is a guild's ban of a user.
type Ban struct {
	Reason *string `json:"reason"`
	User   User    `json:"user"`
}

// VoiceRegion is a voice server region.
type VoiceRegion struct {
	ID         string `json:"id"`
	Name       string `json:"name"`
	Optimal    bool   `json:"optimal"`
	Deprecated bool   `json:"deprecated"`
	Custom     bool   `json:"custom"`
}

// GuildPreview is the public view of a discoverable guild.
type GuildPreview struct {
	ID                       GuildID        `json:"id"`
	Name                     string         `json:"name"`
	Icon                     *string        `json:"icon"`
	Splash                   *string        `json:"splash"`
	DiscoverySplash          *string        `json:"discovery_splash"`
	Emojis                   []Emoji        `json:"emojis"`
	Features                 []GuildFeature `json:"features"`
	ApproximateMemberCount   int            `json:"approximate_member_count"`
	ApproximatePresenceCount int            `json:"approximate_presence_count"`
	Description              *string        `json:"description"`
	Stickers                 []Sticker      `json:"stickers"`
	HomeHeader               *string        `json:"home_header,omitempty"`
}

// PartialGuild is a guild as GET /users/@me/guilds lists it.
type PartialGuild struct {
	ID                       GuildID        `json:"id"`
	Name                     string         `json:"name"`
	Icon                     *string        `json:"icon"`
	Banner                   *string        `json:"banner"`
	Owner                    bool           `json:"owner"`
	Permissions              Permissions    `json:"permissions"`
	Features                 []GuildFeature `json:"features"`
	ApproximateMemberCount   int            `json:"approximate_member_count,omitempty"`
	ApproximatePresenceCount int            `json:"approximate_presence_count,omitempty"`
}

// GuildTemplate is a guild template: a snapshot of a guild to create
// others from.
type GuildTemplate struct {
	Code                  string         `json:"code"`
	Name                  string         `json:"name"`
	Description           *string        `json:"description"`
	UsageCount            int            `json:"usage_count"`
	CreatorID             UserID         `json:"creator_id"`
	Creator               *User          `json:"creator,omitempty"`
	CreatedAt             Timestamp      `json:"created_at"`
	UpdatedAt             Timestamp      `json:"updated_at"`
	SourceGuildID         GuildID        `json:"source_guild_id"`
	SerializedSourceGuild *TemplateGuild `json:"serialized_source_guild,omitempty"`
	IsDirty               *bool          `json:"is_dirty"`
}
