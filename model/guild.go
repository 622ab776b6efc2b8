package model

// Guild is a Discord server as sent by GUILD_UPDATE and the REST API.
// GUILD_CREATE adds the fields of GuildCreate.
type Guild struct {
	ID                          GuildID               `json:"id"`
	Name                        string                `json:"name"`
	Icon                        *string               `json:"icon,omitempty"`
	IconHash                    *string               `json:"icon_hash,omitempty"`
	Splash                      *string               `json:"splash,omitempty"`
	DiscoverySplash             *string               `json:"discovery_splash,omitempty"`
	Owner                       bool                  `json:"owner,omitempty"`
	OwnerID                     UserID                `json:"owner_id,omitzero"`
	Permissions                 *Permissions          `json:"permissions,omitempty"`
	AFKChannelID                ChannelID             `json:"afk_channel_id,omitzero"`
	AFKTimeout                  int                   `json:"afk_timeout,omitempty"`
	WidgetEnabled               bool                  `json:"widget_enabled,omitempty"`
	WidgetChannelID             ChannelID             `json:"widget_channel_id,omitzero"`
	VerificationLevel           VerificationLevel     `json:"verification_level"`
	DefaultMessageNotifications NotificationLevel     `json:"default_message_notifications"`
	ExplicitContentFilter       ExplicitContentFilter `json:"explicit_content_filter"`
	Roles                       []Role                `json:"roles"`
	Emojis                      []Emoji               `json:"emojis"`
	Features                    []GuildFeature        `json:"features"`
	MFALevel                    MFALevel              `json:"mfa_level"`
	ApplicationID               ApplicationID         `json:"application_id,omitzero"`
	SystemChannelID             ChannelID             `json:"system_channel_id,omitzero"`
	SystemChannelFlags          SystemChannelFlags    `json:"system_channel_flags"`
	RulesChannelID              ChannelID             `json:"rules_channel_id,omitzero"`
	MaxPresences                *int                  `json:"max_presences,omitempty"`
	MaxMembers                  int                   `json:"max_members,omitempty"`
	VanityURLCode               *string               `json:"vanity_url_code,omitempty"`
	Description                 *string               `json:"description,omitempty"`
	Banner                      *string               `json:"banner,omitempty"`
	PremiumTier                 PremiumTier           `json:"premium_tier"`
	PremiumSubscriptionCount    int                   `json:"premium_subscription_count,omitempty"`
	PreferredLocale             string                `json:"preferred_locale,omitempty"`
	PublicUpdatesChannelID      ChannelID             `json:"public_updates_channel_id,omitzero"`
	MaxVideoChannelUsers        int                   `json:"max_video_channel_users,omitempty"`
	MaxStageVideoChannelUsers   int                   `json:"max_stage_video_channel_users,omitempty"`
	ApproximateMemberCount      int                   `json:"approximate_member_count,omitempty"`
	ApproximatePresenceCount    int                   `json:"approximate_presence_count,omitempty"`
	WelcomeScreen               *WelcomeScreen        `json:"welcome_screen,omitempty"`
	NSFWLevel                   NSFWLevel             `json:"nsfw_level"`
	Stickers                    []Sticker             `json:"stickers,omitempty"`
	PremiumProgressBarEnabled   bool                  `json:"premium_progress_bar_enabled"`
	SafetyAlertsChannelID       ChannelID             `json:"safety_alerts_channel_id,omitzero"`
	IncidentsData               *IncidentsData        `json:"incidents_data,omitempty"`
	HomeHeader                  *string               `json:"home_header,omitempty"`
	NSFW                        bool                  `json:"nsfw,omitempty"`
	// PremiumProgressBarUpdatedAt is when a user last set
	// PremiumProgressBarEnabled.
	PremiumProgressBarUpdatedAt Timestamp `json:"premium_progress_bar_enabled_user_updated_at,omitzero"`
	// Region is the guild's voice region. Deprecated: Discord picks the
	// region per voice channel (Channel.RTCRegion); it still sends this.
	Region string `json:"region,omitempty"`
}

// GuildFeature is a feature a guild has, e.g. "COMMUNITY". Unknown
// features are kept as sent.
type GuildFeature string

// Some guild features.
const (
	FeatureAnimatedBanner     GuildFeature = "ANIMATED_BANNER"
	FeatureAnimatedIcon       GuildFeature = "ANIMATED_ICON"
	FeatureAutoModeration     GuildFeature = "AUTO_MODERATION"
	FeatureBanner             GuildFeature = "BANNER"
	FeatureCommunity          GuildFeature = "COMMUNITY"
	FeatureDiscoverable       GuildFeature = "DISCOVERABLE"
	FeatureInviteSplash       GuildFeature = "INVITE_SPLASH"
	FeatureMemberVerification GuildFeature = "MEMBER_VERIFICATION_GATE_ENABLED"
	FeatureNews               GuildFeature = "NEWS"
	FeaturePartnered          GuildFeature = "PARTNERED"
	FeatureRoleIcons          GuildFeature = "ROLE_ICONS"
	FeatureVanityURL          GuildFeature = "VANITY_URL"
	FeatureVerified           GuildFeature = "VERIFIED"
	FeatureWelcomeScreen      GuildFeature = "WELCOME_SCREEN_ENABLED"
)

// HasFeature reports whether g has f.
func (g *Guild) HasFeature(f GuildFeature) bool {
	for _, x := range g.Features {
		if x == f {
			return true
		}
	}
	return false
}

// UnavailableGuild is a guild that is not available yet (in READY) or
// any more (GUILD_DELETE during an outage).
type UnavailableGuild struct {
	ID          GuildID `json:"id"`
	Unavailable bool    `json:"unavailable"`
}

// WelcomeScreen is shown to new members of community guilds.
type WelcomeScreen struct {
	Description     *string                `json:"description"`
	WelcomeChannels []WelcomeScreenChannel `json:"welcome_channels"`
}

// WelcomeScreenChannel is a channel shown on the welcome screen.
type WelcomeScreenChannel struct {
	ChannelID   ChannelID `json:"channel_id"`
	Description string    `json:"description"`
	EmojiID     EmojiID   `json:"emoji_id,omitzero"`
	EmojiName   *string   `json:"emoji_name"`
}

// IncidentsData holds a guild's raid and spam protections.
type IncidentsData struct {
	InvitesDisabledUntil Timestamp `json:"invites_disabled_until"`
	DMsDisabledUntil     Timestamp `json:"dms_disabled_until"`
	DMSpamDetectedAt     Timestamp `json:"dm_spam_detected_at,omitzero"`
	RaidDetectedAt       Timestamp `json:"raid_detected_at,omitzero"`
}

// Role is a guild role.
type Role struct {
	ID           RoleID      `json:"id"`
	Name         string      `json:"name"`
	Color        int         `json:"color"` // deprecated by Discord in favour of Colors
	Colors       *RoleColors `json:"colors,omitempty"`
	Hoist        bool        `json:"hoist"`
	Icon         *string     `json:"icon,omitempty"`
	UnicodeEmoji *string     `json:"unicode_emoji,omitempty"`
	Position     int         `json:"position"`
	Permissions  Permissions `json:"permissions"`
	Managed      bool        `json:"managed"`
	Mentionable  bool        `json:"mentionable"`
	Tags         *RoleTags   `json:"tags,omitempty"`
	Flags        RoleFlags   `json:"flags"`
}

// Mention is the role's mention, "<@&id>".
func (r *Role) Mention() string { return "<@&" + r.ID.String() + ">" }

// RoleColors are a role's colours; secondary and tertiary are set for
// gradient and holographic roles.
type RoleColors struct {
	PrimaryColor   int  `json:"primary_color"`
	SecondaryColor *int `json:"secondary_color"`
	TertiaryColor  *int `json:"tertiary_color"`
}

// RoleTags say what a managed role belongs to.
type RoleTags struct {
	BotID                 UserID        `json:"bot_id,omitzero"`
	IntegrationID         IntegrationID `json:"integration_id,omitzero"`
	PremiumSubscriber     Present       `json:"premium_subscriber,omitempty"`
	SubscriptionListingID SKUID         `json:"subscription_listing_id,omitzero"`
	AvailableForPurchase  Present       `json:"available_for_purchase,omitempty"`
	GuildConnections      Present       `json:"guild_connections,omitempty"`
}

// Present is a field Discord sends as null when true and leaves out when
// false (the boolean role tags). It encodes the same way.
type Present bool

// MarshalJSON encodes a true Present as null; use omitempty to leave out
// a false one.
func (p Present) MarshalJSON() ([]byte, error) {
	if p {
		return []byte("null"), nil
	}
	return []byte("false"), nil
}

// UnmarshalJSON sets p: the field is there. A literal false keeps it false.
func (p *Present) UnmarshalJSON(b []byte) error {
	*p = string(b) != "false"
	return nil
}

// Member is a user's membership of a guild. User is nil where Discord
// leaves it out (the member of MESSAGE_CREATE and of a message's mentions).
type Member struct {
	User                       *User             `json:"user,omitempty"`
	Nick                       *string           `json:"nick,omitempty"` // nil when no nickname is set
	Avatar                     *string           `json:"avatar,omitempty"`
	Banner                     *string           `json:"banner,omitempty"`
	Roles                      []RoleID          `json:"roles"`
	JoinedAt                   Timestamp         `json:"joined_at"`
	PremiumSince               Timestamp         `json:"premium_since,omitzero"`
	Deaf                       bool              `json:"deaf"`
	Mute                       bool              `json:"mute"`
	Flags                      MemberFlags       `json:"flags"`
	Pending                    bool              `json:"pending,omitempty"`
	Permissions                *Permissions      `json:"permissions,omitempty"` // only in interactions
	CommunicationDisabledUntil Timestamp         `json:"communication_disabled_until,omitzero"`
	AvatarDecorationData       *AvatarDecoration `json:"avatar_decoration_data,omitempty"`
	Collectibles               *Collectibles     `json:"collectibles,omitempty"`
}

// DisplayName is the nickname when set, else the user's display name.
func (m *Member) DisplayName() string {
	if m.Nick != nil && *m.Nick != "" {
		return *m.Nick
	}
	if m.User != nil {
		return m.User.DisplayName()
	}
	return ""
}

// Emoji is a custom or Unicode emoji. For Unicode emoji ID is zero and Name
// is the emoji itself; reaction emoji may carry only ID and Name.
type Emoji struct {
	ID            EmojiID  `json:"id,omitzero"` // zero (null) for Unicode emoji
	Name          *string  `json:"name"`        // nil for deleted custom emoji in reactions
	Roles         []RoleID `json:"roles,omitempty"`
	User          *User    `json:"user,omitempty"`
	RequireColons bool     `json:"require_colons,omitempty"`
	Managed       bool     `json:"managed,omitempty"`
	Animated      bool     `json:"animated,omitempty"`
	Available     *bool    `json:"available,omitempty"`
}

// APIName is the emoji as the REST reaction routes want it: "name:id" for
// custom emoji, the emoji itself for Unicode ones.
func (e *Emoji) APIName() string {
	name := ""
	if e.Name != nil {
		name = *e.Name
	}
	if e.ID == 0 {
		return name
	}
	return name + ":" + e.ID.String()
}

// Sticker is a sticker that can be sent in messages.
type Sticker struct {
	ID          StickerID     `json:"id"`
	PackID      Snowflake     `json:"pack_id,omitzero"`
	Name        string        `json:"name"`
	Description *string       `json:"description"`
	Tags        string        `json:"tags"`
	Type        StickerType   `json:"type"`
	FormatType  StickerFormat `json:"format_type"`
	Available   *bool         `json:"available,omitempty"`
	GuildID     GuildID       `json:"guild_id,omitzero"`
	User        *User         `json:"user,omitempty"`
	SortValue   *int          `json:"sort_value,omitempty"`
}

// StickerItem is the short form of a sticker in a message.
type StickerItem struct {
	ID         StickerID     `json:"id"`
	Name       string        `json:"name"`
	FormatType StickerFormat `json:"format_type"`
}

// VoiceState is a user's voice connection state.
type VoiceState struct {
	GuildID                 GuildID   `json:"guild_id,omitzero"`
	ChannelID               ChannelID `json:"channel_id,omitzero"` // zero when the user left
	UserID                  UserID    `json:"user_id"`
	Member                  *Member   `json:"member,omitempty"`
	SessionID               string    `json:"session_id"`
	Deaf                    bool      `json:"deaf"`
	Mute                    bool      `json:"mute"`
	SelfDeaf                bool      `json:"self_deaf"`
	SelfMute                bool      `json:"self_mute"`
	SelfStream              bool      `json:"self_stream,omitempty"`
	SelfVideo               bool      `json:"self_video"`
	Suppress                bool      `json:"suppress"`
	RequestToSpeakTimestamp Timestamp `json:"request_to_speak_timestamp"`
}

// StageInstance is a live stage.
type StageInstance struct {
	ID                    StageInstanceID       `json:"id"`
	GuildID               GuildID               `json:"guild_id"`
	ChannelID             ChannelID             `json:"channel_id"`
	Topic                 string                `json:"topic"`
	PrivacyLevel          StagePrivacyLevel     `json:"privacy_level"`
	DiscoverableDisabled  bool                  `json:"discoverable_disabled"`
	GuildScheduledEventID GuildScheduledEventID `json:"guild_scheduled_event_id,omitzero"`
}

// ScheduledEvent is a guild's scheduled event.
type ScheduledEvent struct {
	ID                 GuildScheduledEventID      `json:"id"`
	GuildID            GuildID                    `json:"guild_id"`
	ChannelID          ChannelID                  `json:"channel_id,omitzero"`
	CreatorID          UserID                     `json:"creator_id,omitzero"`
	Name               string                     `json:"name"`
	Description        *string                    `json:"description,omitempty"`
	ScheduledStartTime Timestamp                  `json:"scheduled_start_time"`
	ScheduledEndTime   Timestamp                  `json:"scheduled_end_time"`
	PrivacyLevel       ScheduledEventPrivacyLevel `json:"privacy_level"`
	Status             ScheduledEventStatus       `json:"status"`
	EntityType         ScheduledEventEntityType   `json:"entity_type"`
	EntityID           Snowflake                  `json:"entity_id,omitzero"`
	EntityMetadata     *struct {
		Location string `json:"location,omitempty"`
	} `json:"entity_metadata"`
	Creator        *User           `json:"creator,omitempty"`
	UserCount      int             `json:"user_count,omitempty"`
	Image          *string         `json:"image,omitempty"`
	RecurrenceRule *RecurrenceRule `json:"recurrence_rule,omitempty"`
	// Exceptions are the changed or cancelled occurrences of a recurring
	// event; UserRSVP is the requesting user's answer, when asked for.
	Exceptions []ScheduledEventException `json:"guild_scheduled_event_exceptions,omitempty"`
	UserRSVP   *ScheduledEventUser       `json:"user_rsvp,omitempty"`
}

// SoundboardSound is a sound of a guild's soundboard or a default one.
type SoundboardSound struct {
	Name      string  `json:"name"`
	SoundID   SoundID `json:"sound_id"`
	Volume    float64 `json:"volume"`
	EmojiID   EmojiID `json:"emoji_id,omitzero"`
	EmojiName *string `json:"emoji_name"`
	GuildID   GuildID `json:"guild_id,omitzero"`
	Available bool    `json:"available"`
	User      *User   `json:"user,omitempty"`
}

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
