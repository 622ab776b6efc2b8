package rest

import (
	"encoding/json"

	"github.com/gloamdev/gloam/model"
)

// Objects that only REST answers carry.

// Invite is an invite code to a guild, group DM or activity.
type Invite struct {
	Type                     int                   `json:"type"`
	Code                     string                `json:"code"`
	Guild                    *model.Guild          `json:"guild,omitempty"`
	Channel                  *model.Channel        `json:"channel,omitempty"`
	Inviter                  *model.User           `json:"inviter,omitempty"`
	TargetType               int                   `json:"target_type,omitempty"`
	TargetUser               *model.User           `json:"target_user,omitempty"`
	ApproximatePresenceCount int                   `json:"approximate_presence_count,omitempty"`
	ApproximateMemberCount   int                   `json:"approximate_member_count,omitempty"`
	ExpiresAt                model.Timestamp       `json:"expires_at,omitzero"`
	GuildScheduledEvent      *model.ScheduledEvent `json:"guild_scheduled_event,omitempty"`
	// Invite metadata, on the routes that list a channel's or guild's invites.
	Uses      int             `json:"uses,omitempty"`
	MaxUses   int             `json:"max_uses,omitempty"`
	MaxAge    int             `json:"max_age,omitempty"`
	Temporary bool            `json:"temporary,omitempty"`
	CreatedAt model.Timestamp `json:"created_at,omitzero"`
}

// Webhook is a channel's webhook. Token is set for incoming webhooks the
// bot can see, and is a secret.
type Webhook struct {
	ID            model.WebhookID     `json:"id"`
	Type          int                 `json:"type"`
	GuildID       model.GuildID       `json:"guild_id,omitzero"`
	ChannelID     model.ChannelID     `json:"channel_id,omitzero"`
	User          *model.User         `json:"user,omitempty"`
	Name          *string             `json:"name"`
	Avatar        *string             `json:"avatar"`
	Token         string              `json:"token,omitempty"`
	ApplicationID model.ApplicationID `json:"application_id,omitzero"`
	SourceGuild   *model.Guild        `json:"source_guild,omitempty"`
	SourceChannel *model.Channel      `json:"source_channel,omitempty"`
	URL           string              `json:"url,omitempty"`
}

// Ban is a guild's ban of a user.
type Ban struct {
	Reason *string    `json:"reason"`
	User   model.User `json:"user"`
}

// VoiceRegion is a voice server region.
type VoiceRegion struct {
	ID         string `json:"id"`
	Name       string `json:"name"`
	Optimal    bool   `json:"optimal"`
	Deprecated bool   `json:"deprecated"`
	Custom     bool   `json:"custom"`
}

// GatewayBot is what GET /gateway/bot answers: where to connect, how
// many shards, and how many sessions may still be started.
type GatewayBot struct {
	URL               string `json:"url"`
	Shards            int    `json:"shards"`
	SessionStartLimit struct {
		Total          int `json:"total"`
		Remaining      int `json:"remaining"`
		ResetAfter     int `json:"reset_after"` // milliseconds
		MaxConcurrency int `json:"max_concurrency"`
	} `json:"session_start_limit"`
}

// GuildPreview is the public view of a discoverable guild.
type GuildPreview struct {
	ID                       model.GuildID        `json:"id"`
	Name                     string               `json:"name"`
	Icon                     *string              `json:"icon"`
	Splash                   *string              `json:"splash"`
	DiscoverySplash          *string              `json:"discovery_splash"`
	Emojis                   []model.Emoji        `json:"emojis"`
	Features                 []model.GuildFeature `json:"features"`
	ApproximateMemberCount   int                  `json:"approximate_member_count"`
	ApproximatePresenceCount int                  `json:"approximate_presence_count"`
	Description              *string              `json:"description"`
	Stickers                 []model.Sticker      `json:"stickers"`
}

// Connection is an account the user connected to Discord (OAuth2).
type Connection struct {
	ID           string `json:"id"`
	Name         string `json:"name"`
	Type         string `json:"type"`
	Revoked      bool   `json:"revoked,omitempty"`
	Verified     bool   `json:"verified"`
	FriendSync   bool   `json:"friend_sync"`
	ShowActivity bool   `json:"show_activity"`
	TwoWayLink   bool   `json:"two_way_link"`
	Visibility   int    `json:"visibility"`
}

// PartialGuild is a guild as GET /users/@me/guilds lists it.
type PartialGuild struct {
	ID                       model.GuildID        `json:"id"`
	Name                     string               `json:"name"`
	Icon                     *string              `json:"icon"`
	Banner                   *string              `json:"banner"`
	Owner                    bool                 `json:"owner"`
	Permissions              model.Permissions    `json:"permissions"`
	Features                 []model.GuildFeature `json:"features"`
	ApproximateMemberCount   int                  `json:"approximate_member_count,omitempty"`
	ApproximatePresenceCount int                  `json:"approximate_presence_count,omitempty"`
}

// AuditLog is a page of a guild's audit log with the objects its entries
// refer to.
type AuditLog struct {
	ApplicationCommands  []Command                  `json:"application_commands"`
	AuditLogEntries      []model.AuditLogEntry      `json:"audit_log_entries"`
	AutoModerationRules  []model.AutoModerationRule `json:"auto_moderation_rules"`
	GuildScheduledEvents []model.ScheduledEvent     `json:"guild_scheduled_events"`
	Integrations         []model.Integration        `json:"integrations"`
	Threads              []model.Channel            `json:"threads"`
	Users                []model.User               `json:"users"`
	Webhooks             []Webhook                  `json:"webhooks"`
}

// Template is a guild template: a snapshot of a guild to create others from.
type Template struct {
	Code                  string          `json:"code"`
	Name                  string          `json:"name"`
	Description           *string         `json:"description"`
	UsageCount            int             `json:"usage_count"`
	CreatorID             model.UserID    `json:"creator_id"`
	Creator               *model.User     `json:"creator,omitempty"`
	CreatedAt             model.Timestamp `json:"created_at"`
	UpdatedAt             model.Timestamp `json:"updated_at"`
	SourceGuildID         model.GuildID   `json:"source_guild_id"`
	SerializedSourceGuild json.RawMessage `json:"serialized_source_guild,omitempty"`
	IsDirty               *bool           `json:"is_dirty"`
}

// Application is a Discord application, as GET /applications/@me shows
// it. Fields this package does not name stay in Raw.
type Application struct {
	ID                    model.ApplicationID    `json:"id"`
	Name                  string                 `json:"name"`
	Icon                  *string                `json:"icon"`
	Description           string                 `json:"description"`
	BotPublic             bool                   `json:"bot_public"`
	BotRequireCodeGrant   bool                   `json:"bot_require_code_grant"`
	Bot                   *model.User            `json:"bot,omitempty"`
	Owner                 *model.User            `json:"owner,omitempty"`
	VerifyKey             string                 `json:"verify_key"`
	GuildID               model.GuildID          `json:"guild_id,omitzero"`
	Flags                 model.ApplicationFlags `json:"flags"`
	ApproximateGuildCount int                    `json:"approximate_guild_count,omitempty"`
	InteractionsEndpoint  *string                `json:"interactions_endpoint_url,omitempty"`
	RoleConnectionsVerify *string                `json:"role_connections_verification_url,omitempty"`
	Tags                  []string               `json:"tags,omitempty"`
	CustomInstallURL      string                 `json:"custom_install_url,omitempty"`
	Raw                   json.RawMessage        `json:"-"`
}

// UnmarshalJSON keeps the whole object in Raw as well.
func (a *Application) UnmarshalJSON(b []byte) error {
	type plain Application
	if err := json.Unmarshal(b, (*plain)(a)); err != nil {
		return err
	}
	a.Raw = append(json.RawMessage(nil), b...)
	return nil
}
