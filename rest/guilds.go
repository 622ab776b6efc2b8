package rest

import (
	"context"
	"encoding/json"
	"net/url"

	"github.com/gloamdev/gloam/model"
)

var (
	rGetGuild         = route("GET", "/guilds/{guild_id}")
	rModifyGuild      = route("PATCH", "/guilds/{guild_id}")
	rGuildPreview     = route("GET", "/guilds/{guild_id}/preview")
	rGuildChannels    = route("GET", "/guilds/{guild_id}/channels")
	rCreateChannel    = route("POST", "/guilds/{guild_id}/channels")
	rChannelPositions = route("PATCH", "/guilds/{guild_id}/channels")
	rActiveThreads    = route("GET", "/guilds/{guild_id}/threads/active")
	rPruneCount       = route("GET", "/guilds/{guild_id}/prune")
	rPrune            = route("POST", "/guilds/{guild_id}/prune")
	rGuildRegions     = route("GET", "/guilds/{guild_id}/regions")
	rGuildInvites     = route("GET", "/guilds/{guild_id}/invites")
	rIntegrations     = route("GET", "/guilds/{guild_id}/integrations")
	rDelIntegration   = route("DELETE", "/guilds/{guild_id}/integrations/{integration_id}")
	rWidgetSettings   = route("GET", "/guilds/{guild_id}/widget")
	rModifyWidget     = route("PATCH", "/guilds/{guild_id}/widget")
	rWidget           = route("GET", "/guilds/{guild_id}/widget.json")
	rVanity           = route("GET", "/guilds/{guild_id}/vanity-url")
	rWelcomeScreen    = route("GET", "/guilds/{guild_id}/welcome-screen")
	rModifyWelcome    = route("PATCH", "/guilds/{guild_id}/welcome-screen")
	rOnboarding       = route("GET", "/guilds/{guild_id}/onboarding")
	rModifyOnboarding = route("PUT", "/guilds/{guild_id}/onboarding")
	rAuditLog         = route("GET", "/guilds/{guild_id}/audit-logs")
	rIncidentActions  = route("PUT", "/guilds/{guild_id}/incident-actions")
	rVoiceStateMe     = route("GET", "/guilds/{guild_id}/voice-states/@me")
	rModifyVoiceMe    = route("PATCH", "/guilds/{guild_id}/voice-states/@me")
	rVoiceState       = route("GET", "/guilds/{guild_id}/voice-states/{user_id}")
	rModifyVoiceState = route("PATCH", "/guilds/{guild_id}/voice-states/{user_id}")
)

// Guild gets a guild; counts adds approximate member and presence counts.
func (c *Client) Guild(ctx context.Context, id model.GuildID, counts bool, opts ...RequestOption) (*model.Guild, error) {
	q := query{}.set("with_counts", counts)
	return fetch[model.Guild](ctx, c, rGetGuild, path(id), url.Values(q), nil, opts)
}

// GuildModify changes a guild's settings; nil fields stay as they are.
// Images are data URIs.
type GuildModify struct {
	Name                        *string                      `json:"name,omitempty"`
	VerificationLevel           *model.VerificationLevel     `json:"verification_level,omitempty"`
	DefaultMessageNotifications *model.NotificationLevel     `json:"default_message_notifications,omitempty"`
	ExplicitContentFilter       *model.ExplicitContentFilter `json:"explicit_content_filter,omitempty"`
	AFKChannelID                *model.ChannelID             `json:"afk_channel_id,omitempty"`
	AFKTimeout                  *int                         `json:"afk_timeout,omitempty"`
	Icon                        *string                      `json:"icon,omitempty"`
	Splash                      *string                      `json:"splash,omitempty"`
	DiscoverySplash             *string                      `json:"discovery_splash,omitempty"`
	Banner                      *string                      `json:"banner,omitempty"`
	SystemChannelID             *model.ChannelID             `json:"system_channel_id,omitempty"`
	SystemChannelFlags          *model.SystemChannelFlags    `json:"system_channel_flags,omitempty"`
	RulesChannelID              *model.ChannelID             `json:"rules_channel_id,omitempty"`
	PublicUpdatesChannelID      *model.ChannelID             `json:"public_updates_channel_id,omitempty"`
	PreferredLocale             *string                      `json:"preferred_locale,omitempty"`
	Features                    *[]model.GuildFeature        `json:"features,omitempty"`
	Description                 *string                      `json:"description,omitempty"`
	PremiumProgressBarEnabled   *bool                        `json:"premium_progress_bar_enabled,omitempty"`
	SafetyAlertsChannelID       *model.ChannelID             `json:"safety_alerts_channel_id,omitempty"`
}

// ModifyGuild changes a guild's settings.
func (c *Client) ModifyGuild(ctx context.Context, id model.GuildID, m *GuildModify, opts ...RequestOption) (*model.Guild, error) {
	if m.Name != nil {
		if err := tooLong("name", *m.Name, 100); err != nil {
			return nil, err
		}
	}
	return fetch[model.Guild](ctx, c, rModifyGuild, path(id), nil, m, opts)
}

// GuildPreview gets the preview of a discoverable guild.
func (c *Client) GuildPreview(ctx context.Context, id model.GuildID, opts ...RequestOption) (*GuildPreview, error) {
	return fetch[GuildPreview](ctx, c, rGuildPreview, path(id), nil, nil, opts)
}

// GuildChannels lists a guild's channels, threads excepted.
func (c *Client) GuildChannels(ctx context.Context, guild model.GuildID, opts ...RequestOption) ([]model.Channel, error) {
	return list[model.Channel](ctx, c, rGuildChannels, path(guild), nil, nil, opts)
}

// ChannelCreate is a new guild channel; only Name is required.
type ChannelCreate struct {
	Name                          string                      `json:"name"`
	Type                          model.ChannelType           `json:"type,omitempty"`
	Topic                         string                      `json:"topic,omitempty"`
	Bitrate                       int                         `json:"bitrate,omitempty"`
	UserLimit                     int                         `json:"user_limit,omitempty"`
	RateLimitPerUser              int                         `json:"rate_limit_per_user,omitempty"`
	Position                      int                         `json:"position,omitempty"`
	PermissionOverwrites          []model.PermissionOverwrite `json:"permission_overwrites,omitempty"`
	ParentID                      model.ChannelID             `json:"parent_id,omitzero"`
	NSFW                          bool                        `json:"nsfw,omitempty"`
	RTCRegion                     string                      `json:"rtc_region,omitempty"`
	VideoQualityMode              model.VideoQualityMode      `json:"video_quality_mode,omitempty"`
	DefaultAutoArchiveDuration    int                         `json:"default_auto_archive_duration,omitempty"`
	DefaultReactionEmoji          *model.DefaultReaction      `json:"default_reaction_emoji,omitempty"`
	AvailableTags                 []model.ForumTag            `json:"available_tags,omitempty"`
	DefaultSortOrder              *model.SortOrder            `json:"default_sort_order,omitempty"`
	DefaultForumLayout            model.ForumLayout           `json:"default_forum_layout,omitempty"`
	DefaultThreadRateLimitPerUser int                         `json:"default_thread_rate_limit_per_user,omitempty"`
}

// CreateChannel makes a channel in a guild.
func (c *Client) CreateChannel(ctx context.Context, guild model.GuildID, ch *ChannelCreate, opts ...RequestOption) (*model.Channel, error) {
	if ch.Name == "" {
		return nil, &ValidationError{Field: "name", Reason: "empty"}
	}
	if err := tooLong("name", ch.Name, MaxChannelName); err != nil {
		return nil, err
	}
	if err := tooLong("topic", ch.Topic, 4096); err != nil {
		return nil, err
	}
	return fetch[model.Channel](ctx, c, rCreateChannel, path(guild), nil, ch, opts)
}

// ChannelPosition moves a channel; nil fields stay as they are.
type ChannelPosition struct {
	ID              model.ChannelID  `json:"id"`
	Position        *int             `json:"position,omitempty"`
	LockPermissions *bool            `json:"lock_permissions,omitempty"`
	ParentID        *model.ChannelID `json:"parent_id,omitempty"`
}

// SetChannelPositions moves several channels at once.
func (c *Client) SetChannelPositions(ctx context.Context, guild model.GuildID, pos []ChannelPosition, opts ...RequestOption) error {
	return c.call(ctx, rChannelPositions, path(guild), nil, pos, nil, opts)
}

// ActiveThreads lists a guild's active threads.
func (c *Client) ActiveThreads(ctx context.Context, guild model.GuildID, opts ...RequestOption) (*ThreadList, error) {
	return fetch[ThreadList](ctx, c, rActiveThreads, path(guild), nil, nil, opts)
}

// Prune selects members inactive for Days (1..30, zero: 7), with no
// role other than those of IncludeRoles.
type Prune struct {
	Days         int            `json:"days,omitempty"`
	IncludeRoles []model.RoleID `json:"include_roles,omitempty"`
	// ComputeCount asks for the count of pruned members (slow on large
	// guilds); BeginPrune only.
	ComputeCount *bool `json:"compute_prune_count,omitempty"`
}

func (p *Prune) validate() error {
	if p.Days < 0 || p.Days > 30 {
		return &ValidationError{Field: "days", Reason: "not within 1..30"}
	}
	return nil
}

// PruneCount tells how many members a prune would remove.
func (c *Client) PruneCount(ctx context.Context, guild model.GuildID, p *Prune, opts ...RequestOption) (int, error) {
	if p == nil {
		p = &Prune{}
	}
	if err := p.validate(); err != nil {
		return 0, err
	}
	q := query{}.set("days", p.Days)
	for _, r := range p.IncludeRoles {
		q["include_roles"] = append(q["include_roles"], r.String())
	}
	var out struct {
		Pruned int `json:"pruned"`
	}
	err := c.call(ctx, rPruneCount, path(guild), url.Values(q), nil, &out, opts)
	return out.Pruned, err
}

// BeginPrune removes inactive members and returns how many (-1 when the
// count was not computed).
func (c *Client) BeginPrune(ctx context.Context, guild model.GuildID, p *Prune, opts ...RequestOption) (int, error) {
	if p == nil {
		p = &Prune{}
	}
	if err := p.validate(); err != nil {
		return 0, err
	}
	var out struct {
		Pruned *int `json:"pruned"`
	}
	if err := c.call(ctx, rPrune, path(guild), nil, p, &out, opts); err != nil {
		return 0, err
	}
	if out.Pruned == nil {
		return -1, nil
	}
	return *out.Pruned, nil
}

// GuildVoiceRegions lists the voice regions of a guild.
func (c *Client) GuildVoiceRegions(ctx context.Context, guild model.GuildID, opts ...RequestOption) ([]VoiceRegion, error) {
	return list[VoiceRegion](ctx, c, rGuildRegions, path(guild), nil, nil, opts)
}

// GuildInvites lists a guild's invites.
func (c *Client) GuildInvites(ctx context.Context, guild model.GuildID, opts ...RequestOption) ([]Invite, error) {
	return list[Invite](ctx, c, rGuildInvites, path(guild), nil, nil, opts)
}

// Integrations lists a guild's integrations.
func (c *Client) Integrations(ctx context.Context, guild model.GuildID, opts ...RequestOption) ([]model.Integration, error) {
	return list[model.Integration](ctx, c, rIntegrations, path(guild), nil, nil, opts)
}

// DeleteIntegration removes an integration (and its bot) from a guild.
func (c *Client) DeleteIntegration(ctx context.Context, guild model.GuildID, id model.IntegrationID, opts ...RequestOption) error {
	return c.call(ctx, rDelIntegration, path(guild, id), nil, nil, nil, opts)
}

// WidgetSettings are whether a guild's widget is on and its channel.
type WidgetSettings = model.GuildWidgetSettings

// WidgetSettings gets a guild's widget settings.
func (c *Client) WidgetSettings(ctx context.Context, guild model.GuildID, opts ...RequestOption) (*WidgetSettings, error) {
	return fetch[WidgetSettings](ctx, c, rWidgetSettings, path(guild), nil, nil, opts)
}

// ModifyWidget changes a guild's widget settings.
func (c *Client) ModifyWidget(ctx context.Context, guild model.GuildID, w *WidgetSettings, opts ...RequestOption) (*WidgetSettings, error) {
	return fetch[WidgetSettings](ctx, c, rModifyWidget, path(guild), nil, w, opts)
}

// Widget is the public JSON of a guild's widget.
type Widget = model.GuildWidget

// Widget gets a guild's public widget.
func (c *Client) Widget(ctx context.Context, guild model.GuildID, opts ...RequestOption) (*Widget, error) {
	return fetch[Widget](ctx, c, rWidget, path(guild), nil, nil, opts)
}

// VanityURL is a guild's vanity invite.
type VanityURL struct {
	Code *string `json:"code"`
	Uses int     `json:"uses"`
}

// VanityURL gets a guild's vanity invite code.
func (c *Client) VanityURL(ctx context.Context, guild model.GuildID, opts ...RequestOption) (*VanityURL, error) {
	return fetch[VanityURL](ctx, c, rVanity, path(guild), nil, nil, opts)
}

// WelcomeScreen gets a guild's welcome screen.
func (c *Client) WelcomeScreen(ctx context.Context, guild model.GuildID, opts ...RequestOption) (*model.WelcomeScreen, error) {
	return fetch[model.WelcomeScreen](ctx, c, rWelcomeScreen, path(guild), nil, nil, opts)
}

// WelcomeScreenModify changes a welcome screen; nil fields stay.
type WelcomeScreenModify struct {
	Enabled         *bool                         `json:"enabled,omitempty"`
	WelcomeChannels *[]model.WelcomeScreenChannel `json:"welcome_channels,omitempty"`
	Description     *string                       `json:"description,omitempty"`
}

// ModifyWelcomeScreen changes a guild's welcome screen.
func (c *Client) ModifyWelcomeScreen(ctx context.Context, guild model.GuildID, m *WelcomeScreenModify, opts ...RequestOption) (*model.WelcomeScreen, error) {
	return fetch[model.WelcomeScreen](ctx, c, rModifyWelcome, path(guild), nil, m, opts)
}

// Onboarding gets a guild's onboarding (prompts, default channels) as
// JSON.
func (c *Client) Onboarding(ctx context.Context, guild model.GuildID, opts ...RequestOption) (json.RawMessage, error) {
	var out json.RawMessage
	err := c.call(ctx, rOnboarding, path(guild), nil, nil, &out, opts)
	return out, err
}

// ModifyOnboarding replaces a guild's onboarding with body (a JSON
// object: prompts, default_channel_ids, enabled, mode).
func (c *Client) ModifyOnboarding(ctx context.Context, guild model.GuildID, body any, opts ...RequestOption) (json.RawMessage, error) {
	var out json.RawMessage
	err := c.call(ctx, rModifyOnboarding, path(guild), nil, body, &out, opts)
	return out, err
}

// IncidentActions pauses invites or DMs in a guild until the given
// times (nil: resume).
type IncidentActions struct {
	InvitesDisabledUntil *model.Timestamp `json:"invites_disabled_until"`
	DMsDisabledUntil     *model.Timestamp `json:"dms_disabled_until"`
}

// SetIncidentActions sets a guild's incident actions.
func (c *Client) SetIncidentActions(ctx context.Context, guild model.GuildID, a *IncidentActions, opts ...RequestOption) error {
	return c.call(ctx, rIncidentActions, path(guild), nil, a, nil, opts)
}

// AuditLogQuery filters the audit log; zero fields do not filter.
type AuditLogQuery struct {
	UserID     model.UserID
	ActionType int
	Before     model.AuditLogEntryID
	After      model.AuditLogEntryID
	Limit      int // 1..100; zero: 50
}

// AuditLog gets a page of a guild's audit log.
func (c *Client) AuditLog(ctx context.Context, guild model.GuildID, q *AuditLogQuery, opts ...RequestOption) (*AuditLog, error) {
	v := query{}
	if q != nil {
		v.set("user_id", q.UserID).set("action_type", q.ActionType).set("before", q.Before).set("after", q.After).set("limit", q.Limit)
	}
	return fetch[AuditLog](ctx, c, rAuditLog, path(guild), url.Values(v), nil, opts)
}

// VoiceState gets a member's voice state (user zero: the bot's).
func (c *Client) VoiceState(ctx context.Context, guild model.GuildID, user model.UserID, opts ...RequestOption) (*model.VoiceState, error) {
	if user.IsZero() {
		return fetch[model.VoiceState](ctx, c, rVoiceStateMe, path(guild), nil, nil, opts)
	}
	return fetch[model.VoiceState](ctx, c, rVoiceState, path(guild, user), nil, nil, opts)
}

// VoiceStateModify moves or (un)suppresses a member in a stage channel.
type VoiceStateModify struct {
	ChannelID               model.ChannelID  `json:"channel_id,omitzero"`
	Suppress                *bool            `json:"suppress,omitempty"`
	RequestToSpeakTimestamp *model.Timestamp `json:"request_to_speak_timestamp,omitempty"` // the bot's only
}

// ModifyVoiceState changes a member's voice state in a stage (user zero:
// the bot's).
func (c *Client) ModifyVoiceState(ctx context.Context, guild model.GuildID, user model.UserID, m *VoiceStateModify, opts ...RequestOption) error {
	if user.IsZero() {
		return c.call(ctx, rModifyVoiceMe, path(guild), nil, m, nil, opts)
	}
	return c.call(ctx, rModifyVoiceState, path(guild, user), nil, m, nil, opts)
}
