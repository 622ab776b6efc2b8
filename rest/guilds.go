package rest

import (
	"context"
	"encoding/json"

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
	rNewMemberWelcome = route("GET", "/guilds/{guild_id}/new-member-welcome")
	rJoinRequests     = route("GET", "/guilds/{guild_id}/requests")
	rJoinRequest      = route("PATCH", "/guilds/{guild_id}/requests/{request_id}")
	rWidgetImage      = route("GET", "/guilds/{guild_id}/widget.png")
	rIncidentActions  = route("PUT", "/guilds/{guild_id}/incident-actions")
	rVoiceStateMe     = route("GET", "/guilds/{guild_id}/voice-states/@me")
	rModifyVoiceMe    = route("PATCH", "/guilds/{guild_id}/voice-states/@me")
	rVoiceState       = route("GET", "/guilds/{guild_id}/voice-states/{user_id}")
	rModifyVoiceState = route("PATCH", "/guilds/{guild_id}/voice-states/{user_id}")
)

// GuildQuery asks for approximate member and presence counts.
type GuildQuery struct {
	WithCounts bool `query:"with_counts"`
}

// Guild gets a guild.
func (c *Client) Guild(ctx context.Context, id model.GuildID, q *GuildQuery, opts ...RequestOption) (*model.Guild, error) {
	return fetch[model.Guild](ctx, c, rGetGuild, path(id), q, nil, opts)
}

// GuildModify changes a guild's settings; fields left out stay as they
// are, and Null clears the ones Discord lets a request clear (images,
// channels, description). Images are data URIs.
type GuildModify struct {
	Name                        *string                               `json:"name,omitempty"`
	VerificationLevel           Nullable[model.VerificationLevel]     `json:"verification_level,omitzero"`
	DefaultMessageNotifications Nullable[model.NotificationLevel]     `json:"default_message_notifications,omitzero"`
	ExplicitContentFilter       Nullable[model.ExplicitContentFilter] `json:"explicit_content_filter,omitzero"`
	AFKChannelID                Nullable[model.ChannelID]             `json:"afk_channel_id,omitzero"`
	AFKTimeout                  *int                                  `json:"afk_timeout,omitempty"`
	Icon                        Nullable[string]                      `json:"icon,omitzero"`
	Splash                      Nullable[string]                      `json:"splash,omitzero"`
	DiscoverySplash             Nullable[string]                      `json:"discovery_splash,omitzero"`
	Banner                      Nullable[string]                      `json:"banner,omitzero"`
	SystemChannelID             Nullable[model.ChannelID]             `json:"system_channel_id,omitzero"`
	SystemChannelFlags          *model.SystemChannelFlags             `json:"system_channel_flags,omitempty"`
	RulesChannelID              Nullable[model.ChannelID]             `json:"rules_channel_id,omitzero"`
	PublicUpdatesChannelID      Nullable[model.ChannelID]             `json:"public_updates_channel_id,omitzero"`
	PreferredLocale             Nullable[string]                      `json:"preferred_locale,omitzero"`
	Features                    *[]model.GuildFeature                 `json:"features,omitempty"`
	Description                 Nullable[string]                      `json:"description,omitzero"`
	PremiumProgressBarEnabled   *bool                                 `json:"premium_progress_bar_enabled,omitempty"`
	SafetyAlertsChannelID       Nullable[model.ChannelID]             `json:"safety_alerts_channel_id,omitzero"`
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
func (c *Client) GuildPreview(ctx context.Context, id model.GuildID, opts ...RequestOption) (*model.GuildPreview, error) {
	return fetch[model.GuildPreview](ctx, c, rGuildPreview, path(id), nil, nil, opts)
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

// ChannelPosition moves a channel; fields left out stay as they are, and
// a Null ParentID takes the channel out of its category.
type ChannelPosition struct {
	ID              model.ChannelID           `json:"id"`
	Position        Nullable[int]             `json:"position,omitzero"`
	LockPermissions Nullable[bool]            `json:"lock_permissions,omitzero"`
	ParentID        Nullable[model.ChannelID] `json:"parent_id,omitzero"`
}

// SetChannelPositions moves several channels at once.
func (c *Client) SetChannelPositions(ctx context.Context, guild model.GuildID, pos []ChannelPosition, opts ...RequestOption) error {
	return c.call(ctx, rChannelPositions, path(guild), nil, pos, nil, opts)
}

// ActiveThreads lists a guild's active threads.
func (c *Client) ActiveThreads(ctx context.Context, guild model.GuildID, opts ...RequestOption) (*ThreadList, error) {
	return fetch[ThreadList](ctx, c, rActiveThreads, path(guild), nil, nil, opts)
}

// PruneQuery selects the members a prune would remove: those inactive
// for Days (1..30, zero: 7) with no role other than IncludeRoles.
type PruneQuery struct {
	Days         int            `query:"days" range:"1,30"`
	IncludeRoles []model.RoleID `query:"include_roles,comma"`
}

// PruneCount tells how many members a prune would remove.
func (c *Client) PruneCount(ctx context.Context, guild model.GuildID, q *PruneQuery, opts ...RequestOption) (int, error) {
	var out struct {
		Pruned int `json:"pruned"`
	}
	err := c.call(ctx, rPruneCount, path(guild), q, nil, &out, opts)
	return out.Pruned, err
}

// Prune removes the members inactive for Days (1..30, zero: 7) with no
// role other than IncludeRoles.
type Prune struct {
	Days         int            `json:"days,omitempty"`
	IncludeRoles []model.RoleID `json:"include_roles,omitempty"`
	// ComputeCount asks for the count of pruned members (slow on large
	// guilds). Nil: Discord's default, true.
	ComputeCount *bool `json:"compute_prune_count,omitempty"`
}

// BeginPrune removes inactive members and returns how many (-1 when the
// count was not computed).
func (c *Client) BeginPrune(ctx context.Context, guild model.GuildID, p *Prune, opts ...RequestOption) (int, error) {
	if p == nil {
		p = &Prune{}
	}
	if p.Days < 0 || p.Days > 30 {
		return 0, &ValidationError{Field: "days", Reason: "not within 1..30"}
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
func (c *Client) GuildVoiceRegions(ctx context.Context, guild model.GuildID, opts ...RequestOption) ([]model.VoiceRegion, error) {
	return list[model.VoiceRegion](ctx, c, rGuildRegions, path(guild), nil, nil, opts)
}

// GuildInvites lists a guild's invites.
func (c *Client) GuildInvites(ctx context.Context, guild model.GuildID, opts ...RequestOption) ([]model.Invite, error) {
	return list[model.Invite](ctx, c, rGuildInvites, path(guild), nil, nil, opts)
}

// Integrations lists a guild's integrations.
func (c *Client) Integrations(ctx context.Context, guild model.GuildID, opts ...RequestOption) ([]model.Integration, error) {
	return list[model.Integration](ctx, c, rIntegrations, path(guild), nil, nil, opts)
}

// DeleteIntegration removes an integration (and its bot) from a guild.
func (c *Client) DeleteIntegration(ctx context.Context, guild model.GuildID, id model.IntegrationID, opts ...RequestOption) error {
	return c.call(ctx, rDelIntegration, path(guild, id), nil, nil, nil, opts)
}

// WidgetSettings gets a guild's widget settings.
func (c *Client) WidgetSettings(ctx context.Context, guild model.GuildID, opts ...RequestOption) (*model.GuildWidgetSettings, error) {
	return fetch[model.GuildWidgetSettings](ctx, c, rWidgetSettings, path(guild), nil, nil, opts)
}

// WidgetModify changes a guild's widget settings; fields left out stay
// as they are, and a Null ChannelID removes the widget's invite channel.
type WidgetModify struct {
	Enabled   *bool                     `json:"enabled,omitempty"`
	ChannelID Nullable[model.ChannelID] `json:"channel_id,omitzero"`
}

// ModifyWidget changes a guild's widget settings.
func (c *Client) ModifyWidget(ctx context.Context, guild model.GuildID, m *WidgetModify, opts ...RequestOption) (*model.GuildWidgetSettings, error) {
	return fetch[model.GuildWidgetSettings](ctx, c, rModifyWidget, path(guild), nil, m, opts)
}

// Widget gets a guild's public widget.
func (c *Client) Widget(ctx context.Context, guild model.GuildID, opts ...RequestOption) (*model.GuildWidget, error) {
	return fetch[model.GuildWidget](ctx, c, rWidget, path(guild), nil, nil, opts)
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

// WelcomeScreenModify changes a welcome screen; fields left out stay as
// they are, Null clears them.
type WelcomeScreenModify struct {
	Enabled         Nullable[bool]                         `json:"enabled,omitzero"`
	WelcomeChannels Nullable[[]model.WelcomeScreenChannel] `json:"welcome_channels,omitzero"`
	Description     Nullable[string]                       `json:"description,omitzero"`
}

// ModifyWelcomeScreen changes a guild's welcome screen.
func (c *Client) ModifyWelcomeScreen(ctx context.Context, guild model.GuildID, m *WelcomeScreenModify, opts ...RequestOption) (*model.WelcomeScreen, error) {
	return fetch[model.WelcomeScreen](ctx, c, rModifyWelcome, path(guild), nil, m, opts)
}

// Onboarding gets a guild's onboarding: its prompts and default
// channels.
func (c *Client) Onboarding(ctx context.Context, guild model.GuildID, opts ...RequestOption) (*model.GuildOnboarding, error) {
	return fetch[model.GuildOnboarding](ctx, c, rOnboarding, path(guild), nil, nil, opts)
}

// OnboardingModify replaces a guild's onboarding; nil fields stay as they
// are.
type OnboardingModify struct {
	Prompts           *[]OnboardingPromptModify `json:"prompts,omitempty"` // at most 15
	DefaultChannelIDs *[]model.ChannelID        `json:"default_channel_ids,omitempty"`
	Enabled           *bool                     `json:"enabled,omitempty"`
	Mode              *model.OnboardingMode     `json:"mode,omitempty"`
}

// OnboardingPromptModify is a prompt of an onboarding sent to replace it:
// ID is the prompt's (any new snowflake for a new prompt).
type OnboardingPromptModify struct {
	ID           model.Snowflake                `json:"id"`
	Type         model.OnboardingPromptType     `json:"type"`
	Title        string                         `json:"title"`   // 1..100 characters
	Options      []OnboardingPromptOptionModify `json:"options"` // 1..50
	SingleSelect bool                           `json:"single_select"`
	Required     bool                           `json:"required"`
	InOnboarding bool                           `json:"in_onboarding"`
}

// OnboardingPromptOptionModify is an option of a prompt; a zero ID makes
// a new option.
type OnboardingPromptOptionModify struct {
	ID            model.Snowflake   `json:"id,omitzero"`
	Title         string            `json:"title"` // 1..50 characters
	Description   string            `json:"description,omitempty"`
	EmojiID       model.EmojiID     `json:"emoji_id,omitzero"`
	EmojiName     string            `json:"emoji_name,omitempty"`
	EmojiAnimated bool              `json:"emoji_animated,omitempty"`
	RoleIDs       []model.RoleID    `json:"role_ids,omitempty"`
	ChannelIDs    []model.ChannelID `json:"channel_ids,omitempty"`
}

// ModifyOnboarding replaces a guild's onboarding.
func (c *Client) ModifyOnboarding(ctx context.Context, guild model.GuildID, m *OnboardingModify, opts ...RequestOption) (*model.GuildOnboarding, error) {
	if m.Prompts != nil {
		if err := tooMany("prompts", len(*m.Prompts), 15); err != nil {
			return nil, err
		}
		for i, p := range *m.Prompts {
			if p.Title == "" || utf8Len(p.Title) > 100 {
				return nil, &ValidationError{Field: "prompts." + itoa(i) + ".title", Reason: "not 1 to 100 characters"}
			}
			if len(p.Options) == 0 || len(p.Options) > 50 {
				return nil, &ValidationError{Field: "prompts." + itoa(i) + ".options", Reason: "not 1 to 50 options"}
			}
		}
	}
	return fetch[model.GuildOnboarding](ctx, c, rModifyOnboarding, path(guild), nil, m, opts)
}

// IncidentActions pauses invites or DMs in a guild until the given
// times (nil: resume).
type IncidentActions struct {
	InvitesDisabledUntil *model.Timestamp `json:"invites_disabled_until"`
	DMsDisabledUntil     *model.Timestamp `json:"dms_disabled_until"`
}

// SetIncidentActions sets a guild's incident actions and returns them as
// Discord keeps them.
func (c *Client) SetIncidentActions(ctx context.Context, guild model.GuildID, a *IncidentActions, opts ...RequestOption) (*IncidentActions, error) {
	return fetch[IncidentActions](ctx, c, rIncidentActions, path(guild), nil, a, opts)
}

// AuditLogQuery filters and pages through the audit log, newest first
// (or oldest first with After); zero fields do not filter. Limit 1..100
// (zero: 50).
type AuditLogQuery struct {
	UserID     model.UserID          `query:"user_id"`
	TargetID   model.Snowflake       `query:"target_id"`
	ActionType model.AuditLogEvent   `query:"action_type"`
	Before     model.AuditLogEntryID `query:"before"`
	After      model.AuditLogEntryID `query:"after"`
	Limit      int                   `query:"limit" range:"1,100"`
}

// AuditLog gets a page of a guild's audit log.
func (c *Client) AuditLog(ctx context.Context, guild model.GuildID, q *AuditLogQuery, opts ...RequestOption) (*model.AuditLog, error) {
	return fetch[model.AuditLog](ctx, c, rAuditLog, path(guild), q, nil, opts)
}

// VoiceState gets a member's voice state (user zero: the bot's).
func (c *Client) VoiceState(ctx context.Context, guild model.GuildID, user model.UserID, opts ...RequestOption) (*model.VoiceState, error) {
	if user.IsZero() {
		return fetch[model.VoiceState](ctx, c, rVoiceStateMe, path(guild), nil, nil, opts)
	}
	return fetch[model.VoiceState](ctx, c, rVoiceState, path(guild, user), nil, nil, opts)
}

// VoiceStateModify moves or (un)suppresses a member in a stage channel;
// a Null RequestToSpeakTimestamp withdraws the bot's request to speak.
type VoiceStateModify struct {
	ChannelID               model.ChannelID           `json:"channel_id,omitzero"`
	Suppress                *bool                     `json:"suppress,omitempty"`
	RequestToSpeakTimestamp Nullable[model.Timestamp] `json:"request_to_speak_timestamp,omitzero"` // the bot's only
}

// ModifyVoiceState changes a member's voice state in a stage (user zero:
// the bot's).
func (c *Client) ModifyVoiceState(ctx context.Context, guild model.GuildID, user model.UserID, m *VoiceStateModify, opts ...RequestOption) error {
	if user.IsZero() {
		return c.call(ctx, rModifyVoiceMe, path(guild), nil, m, nil, opts)
	}
	return c.call(ctx, rModifyVoiceState, path(guild, user), nil, m, nil, opts)
}

// GuildHomeSettings are a guild's new member welcome: its message, the
// actions it suggests and the channels it recommends.
type GuildHomeSettings struct {
	GuildID          model.GuildID     `json:"guild_id"`
	Enabled          bool              `json:"enabled"`
	WelcomeMessage   *WelcomeMessage   `json:"welcome_message,omitempty"`
	NewMemberActions []NewMemberAction `json:"new_member_actions"`
	ResourceChannels []ResourceChannel `json:"resource_channels"`
}

// WelcomeMessage is the message a guild welcomes new members with.
type WelcomeMessage struct {
	AuthorIDs []model.UserID `json:"author_ids"`
	Message   string         `json:"message"`
}

// NewMemberAction is a task suggested to new members: to read or to
// talk in a channel.
type NewMemberAction struct {
	ChannelID   model.ChannelID           `json:"channel_id"`
	ActionType  model.NewMemberActionType `json:"action_type"`
	Title       string                    `json:"title"`
	Description string                    `json:"description"`
	Emoji       *model.Emoji              `json:"emoji,omitempty"`
	Icon        string                    `json:"icon,omitempty"`
}

// ResourceChannel is a channel recommended to new members.
type ResourceChannel struct {
	ChannelID   model.ChannelID `json:"channel_id"`
	Title       string          `json:"title"`
	Emoji       *model.Emoji    `json:"emoji,omitempty"`
	Icon        string          `json:"icon,omitempty"`
	Description string          `json:"description"`
}

// NewMemberWelcome gets the guild's new member welcome settings.
func (c *Client) NewMemberWelcome(ctx context.Context, guild model.GuildID, opts ...RequestOption) (*GuildHomeSettings, error) {
	return fetch[GuildHomeSettings](ctx, c, rNewMemberWelcome, path(guild), nil, nil, opts)
}

// JoinRequestStatus is where a request to join a guild stands.
type JoinRequestStatus string

// JoinRequestStatus values.
const (
	JoinRequestStarted   JoinRequestStatus = "STARTED"
	JoinRequestSubmitted JoinRequestStatus = "SUBMITTED"
	JoinRequestRejected  JoinRequestStatus = "REJECTED"
	JoinRequestApproved  JoinRequestStatus = "APPROVED"
)

// JoinRequestsQuery filters and pages through a guild's join requests
// in ID order: Before or After a request ID, Limit 1..100.
type JoinRequestsQuery struct {
	Status JoinRequestStatus `query:"status"`
	Limit  int               `query:"limit" range:"1,100"`
	Before model.Snowflake   `query:"before"`
	After  model.Snowflake   `query:"after"`
}

// JoinRequests is a page of a guild's join requests.
type JoinRequests struct {
	Total    int           `json:"total"`
	Requests []JoinRequest `json:"guild_join_requests"`
}

// JoinRequest is a user's request to join a guild that has membership
// screening.
type JoinRequest struct {
	ID                model.Snowflake   `json:"id"`
	CreatedAt         model.Timestamp   `json:"created_at"`
	ReviewedAt        *model.Timestamp  `json:"reviewed_at"`
	ApplicationStatus JoinRequestStatus `json:"application_status"`
	RejectionReason   *string           `json:"rejection_reason"`
	GuildID           model.GuildID     `json:"guild_id"`
	UserID            model.UserID      `json:"user_id"`
	User              *model.User       `json:"user,omitempty"`
	FormResponses     []FormField       `json:"form_responses,omitempty"`
	ActionedByUser    *model.User       `json:"actioned_by_user,omitempty"`
}

// FormField is a field of a guild's membership screening form with the
// applicant's answer: FieldType "TERMS" (Values, Accepted),
// "MULTIPLE_CHOICE" (Choices, Choice), "TEXT_INPUT" or "PARAGRAPH"
// (Text).
type FormField struct {
	FieldType   string   `json:"field_type"`
	Label       string   `json:"label,omitempty"`
	Description string   `json:"description,omitempty"`
	Required    bool     `json:"required,omitempty"`
	Values      []string `json:"values,omitempty"`
	Choices     []string `json:"choices,omitempty"`
	Placeholder string   `json:"placeholder,omitempty"`
	// The answer, by field type.
	Accepted bool   `json:"-"`
	Choice   int    `json:"-"`
	Text     string `json:"-"`
}

// UnmarshalJSON reads the answer ("response") into the field that fits
// its type.
func (f *FormField) UnmarshalJSON(b []byte) error {
	type plain FormField
	var v struct {
		plain
		Response json.RawMessage `json:"response"`
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*f = FormField(v.plain)
	if len(v.Response) == 0 || string(v.Response) == "null" {
		return nil
	}
	switch f.FieldType {
	case "TERMS":
		return json.Unmarshal(v.Response, &f.Accepted)
	case "MULTIPLE_CHOICE":
		return json.Unmarshal(v.Response, &f.Choice)
	default:
		return json.Unmarshal(v.Response, &f.Text)
	}
}

// JoinRequests lists a page of a guild's join requests.
func (c *Client) JoinRequests(ctx context.Context, guild model.GuildID, q *JoinRequestsQuery, opts ...RequestOption) (*JoinRequests, error) {
	return fetch[JoinRequests](ctx, c, rJoinRequests, path(guild), q, nil, opts)
}

// JoinRequestAction approves or rejects a join request; RejectionReason
// (at most 160 characters) goes with a rejection.
type JoinRequestAction struct {
	Action          JoinRequestStatus `json:"action"`
	RejectionReason string            `json:"rejection_reason,omitempty"`
}

// ActOnJoinRequest approves or rejects a join request.
func (c *Client) ActOnJoinRequest(ctx context.Context, guild model.GuildID, request model.Snowflake, a *JoinRequestAction, opts ...RequestOption) (*JoinRequest, error) {
	if a.Action != JoinRequestApproved && a.Action != JoinRequestRejected {
		return nil, &ValidationError{Field: "action", Reason: "neither APPROVED nor REJECTED"}
	}
	if err := tooLong("rejection_reason", a.RejectionReason, 160); err != nil {
		return nil, err
	}
	return fetch[JoinRequest](ctx, c, rJoinRequest, path(guild, request), nil, a, opts)
}

// WidgetImageQuery picks the style of a widget image: "shield" (zero),
// "banner1" to "banner4".
type WidgetImageQuery struct {
	Style string `query:"style"`
}

// WidgetImage gets a guild's widget as a PNG.
func (c *Client) WidgetImage(ctx context.Context, guild model.GuildID, q *WidgetImageQuery, opts ...RequestOption) ([]byte, error) {
	var out []byte
	err := c.call(ctx, rWidgetImage, path(guild), q, nil, &out, opts)
	return out, err
}
