package rest

import (
	"context"
	"time"

	"github.com/gloamdev/gloam/model"
)

var (
	rGetChannel          = route("GET", "/channels/{channel_id}")
	rModifyChannel       = route("PATCH", "/channels/{channel_id}")
	rDeleteChannel       = route("DELETE", "/channels/{channel_id}")
	rEditPermissions     = route("PUT", "/channels/{channel_id}/permissions/{overwrite_id}")
	rDeletePermission    = route("DELETE", "/channels/{channel_id}/permissions/{overwrite_id}")
	rChannelInvites      = route("GET", "/channels/{channel_id}/invites")
	rCreateInvite        = route("POST", "/channels/{channel_id}/invites")
	rFollowChannel       = route("POST", "/channels/{channel_id}/followers")
	rTyping              = route("POST", "/channels/{channel_id}/typing")
	rAddRecipient        = route("PUT", "/channels/{channel_id}/recipients/{user_id}")
	rRemoveRecipient     = route("DELETE", "/channels/{channel_id}/recipients/{user_id}")
	rVoiceStatus         = route("PUT", "/channels/{channel_id}/voice-status")
	rSendSoundboard      = route("POST", "/channels/{channel_id}/send-soundboard-sound")
	rThreadFromMessage   = route("POST", "/channels/{channel_id}/messages/{message_id}/threads")
	rStartThread         = route("POST", "/channels/{channel_id}/threads")
	rJoinThread          = route("PUT", "/channels/{channel_id}/thread-members/@me")
	rLeaveThread         = route("DELETE", "/channels/{channel_id}/thread-members/@me")
	rAddThreadMember     = route("PUT", "/channels/{channel_id}/thread-members/{user_id}")
	rRemoveThreadMember  = route("DELETE", "/channels/{channel_id}/thread-members/{user_id}")
	rGetThreadMember     = route("GET", "/channels/{channel_id}/thread-members/{user_id}")
	rListThreadMembers   = route("GET", "/channels/{channel_id}/thread-members")
	rPublicArchived      = route("GET", "/channels/{channel_id}/threads/archived/public")
	rPrivateArchived     = route("GET", "/channels/{channel_id}/threads/archived/private")
	rJoinedPrivArchived  = route("GET", "/channels/{channel_id}/users/@me/threads/archived/private")
	rChannelWebhooks     = route("GET", "/channels/{channel_id}/webhooks")
	rCreateWebhook       = route("POST", "/channels/{channel_id}/webhooks")
	rGetStageInstance    = route("GET", "/stage-instances/{channel_id}")
	rCreateStageInstance = route("POST", "/stage-instances")
	rModifyStageInstance = route("PATCH", "/stage-instances/{channel_id}")
	rDeleteStageInstance = route("DELETE", "/stage-instances/{channel_id}")
)

// Channel gets a channel or thread.
func (c *Client) Channel(ctx context.Context, id model.ChannelID, opts ...RequestOption) (*model.Channel, error) {
	return fetch[model.Channel](ctx, c, rGetChannel, path(id), nil, nil, opts)
}

// ChannelModify changes a channel or thread; fields left out (nil or the
// zero Nullable) stay as they are, and Null clears the fields Discord
// lets a request clear (Null ParentID takes a channel out of its
// category).
type ChannelModify struct {
	Name                          *string                               `json:"name,omitempty"`
	Type                          *model.ChannelType                    `json:"type,omitempty"`
	Position                      Nullable[int]                         `json:"position,omitzero"`
	Topic                         Nullable[string]                      `json:"topic,omitzero"`
	NSFW                          Nullable[bool]                        `json:"nsfw,omitzero"`
	RateLimitPerUser              Nullable[int]                         `json:"rate_limit_per_user,omitzero"`
	Bitrate                       Nullable[int]                         `json:"bitrate,omitzero"`
	UserLimit                     Nullable[int]                         `json:"user_limit,omitzero"`
	PermissionOverwrites          Nullable[[]model.PermissionOverwrite] `json:"permission_overwrites,omitzero"`
	ParentID                      Nullable[model.ChannelID]             `json:"parent_id,omitzero"`
	RTCRegion                     Nullable[string]                      `json:"rtc_region,omitzero"`
	VideoQualityMode              Nullable[model.VideoQualityMode]      `json:"video_quality_mode,omitzero"`
	DefaultAutoArchiveDuration    Nullable[int]                         `json:"default_auto_archive_duration,omitzero"`
	Flags                         *model.ChannelFlags                   `json:"flags,omitempty"`
	AvailableTags                 *[]model.ForumTag                     `json:"available_tags,omitempty"`
	DefaultReactionEmoji          Nullable[model.DefaultReaction]       `json:"default_reaction_emoji,omitzero"`
	DefaultThreadRateLimitPerUser *int                                  `json:"default_thread_rate_limit_per_user,omitempty"`
	DefaultSortOrder              Nullable[model.SortOrder]             `json:"default_sort_order,omitzero"`
	DefaultForumLayout            *model.ForumLayout                    `json:"default_forum_layout,omitempty"`
	// Threads only.
	Archived            *bool              `json:"archived,omitempty"`
	AutoArchiveDuration *int               `json:"auto_archive_duration,omitempty"`
	Locked              *bool              `json:"locked,omitempty"`
	Invitable           *bool              `json:"invitable,omitempty"`
	AppliedTags         *[]model.Snowflake `json:"applied_tags,omitempty"`
}

// Validate checks the lengths Discord limits.
func (m *ChannelModify) Validate() error {
	if m.Name != nil {
		if err := tooLong("name", *m.Name, MaxChannelName); err != nil {
			return err
		}
	}
	if t, ok := m.Topic.Get(); ok {
		return tooLong("topic", t, 4096)
	}
	return nil
}

// ModifyChannel changes a channel or thread.
func (c *Client) ModifyChannel(ctx context.Context, id model.ChannelID, m *ChannelModify, opts ...RequestOption) (*model.Channel, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	return fetch[model.Channel](ctx, c, rModifyChannel, path(id), nil, m, opts)
}

// DeleteChannel deletes a channel or thread, or closes a DM.
func (c *Client) DeleteChannel(ctx context.Context, id model.ChannelID, opts ...RequestOption) (*model.Channel, error) {
	return fetch[model.Channel](ctx, c, rDeleteChannel, path(id), nil, nil, opts)
}

// EditPermissions sets the overwrite of a role or member (o.ID) in a
// channel.
func (c *Client) EditPermissions(ctx context.Context, channel model.ChannelID, o *model.PermissionOverwrite, opts ...RequestOption) error {
	body := struct {
		Type  model.OverwriteType `json:"type"`
		Allow model.Permissions   `json:"allow"`
		Deny  model.Permissions   `json:"deny"`
	}{o.Type, o.Allow, o.Deny}
	return c.call(ctx, rEditPermissions, path(channel, o.ID), nil, body, nil, opts)
}

// DeletePermission removes the overwrite of a role or member.
func (c *Client) DeletePermission(ctx context.Context, channel model.ChannelID, overwrite model.Snowflake, opts ...RequestOption) error {
	return c.call(ctx, rDeletePermission, path(channel, overwrite), nil, nil, nil, opts)
}

// ChannelInvites lists a channel's invites.
func (c *Client) ChannelInvites(ctx context.Context, channel model.ChannelID, opts ...RequestOption) ([]model.Invite, error) {
	return list[model.Invite](ctx, c, rChannelInvites, path(channel), nil, nil, opts)
}

// InviteCreate is a new invite; the zero value is a 24-hour invite with
// unlimited uses.
type InviteCreate struct {
	MaxAge              *int                   `json:"max_age,omitempty"` // seconds, 0 for never; nil: 86400
	MaxUses             int                    `json:"max_uses,omitempty"`
	Temporary           bool                   `json:"temporary,omitempty"`
	Unique              bool                   `json:"unique,omitempty"`
	TargetType          model.InviteTargetType `json:"target_type,omitempty"`
	TargetUserID        model.UserID           `json:"target_user_id,omitzero"`
	TargetApplicationID model.ApplicationID    `json:"target_application_id,omitzero"`
	RoleIDs             []model.RoleID         `json:"role_ids,omitempty"`
}

// CreateInvite makes an invite to a channel.
func (c *Client) CreateInvite(ctx context.Context, channel model.ChannelID, inv *InviteCreate, opts ...RequestOption) (*model.Invite, error) {
	if inv == nil {
		inv = &InviteCreate{}
	}
	return fetch[model.Invite](ctx, c, rCreateInvite, path(channel), nil, inv, opts)
}

// FollowChannel follows an announcement channel into target.
func (c *Client) FollowChannel(ctx context.Context, channel, target model.ChannelID, opts ...RequestOption) (*model.FollowedChannel, error) {
	body := struct {
		Target model.ChannelID `json:"webhook_channel_id"`
	}{target}
	return fetch[model.FollowedChannel](ctx, c, rFollowChannel, path(channel), nil, body, opts)
}

// TriggerTyping shows the bot as typing for ten seconds, or until it
// sends a message.
func (c *Client) TriggerTyping(ctx context.Context, channel model.ChannelID, opts ...RequestOption) error {
	return c.call(ctx, rTyping, path(channel), nil, nil, nil, opts)
}

// RecipientAdd adds a user to a group DM with their OAuth2 access token
// (gdm.join scope), under a nickname.
type RecipientAdd struct {
	AccessToken string `json:"access_token"`
	Nick        string `json:"nick,omitempty"`
}

// AddRecipient adds a user to a group DM and returns the channel, or nil
// when the user already was in it.
func (c *Client) AddRecipient(ctx context.Context, channel model.ChannelID, user model.UserID, a *RecipientAdd, opts ...RequestOption) (*model.Channel, error) {
	var out *model.Channel
	if err := c.call(ctx, rAddRecipient, path(channel, user), nil, a, &out, opts); err != nil {
		return nil, err
	}
	return out, nil
}

// RemoveRecipient removes a user from a group DM.
func (c *Client) RemoveRecipient(ctx context.Context, channel model.ChannelID, user model.UserID, opts ...RequestOption) error {
	return c.call(ctx, rRemoveRecipient, path(channel, user), nil, nil, nil, opts)
}

// SetVoiceStatus sets the status text of a voice channel ("" clears it).
func (c *Client) SetVoiceStatus(ctx context.Context, channel model.ChannelID, status string, opts ...RequestOption) error {
	if err := tooLong("status", status, 500); err != nil {
		return err
	}
	body := struct {
		Status string `json:"status"`
	}{status}
	return c.call(ctx, rVoiceStatus, path(channel), nil, body, nil, opts)
}

// SendSoundboardSound plays a sound in the voice channel the bot is in;
// source is the guild of the sound, zero for a default sound.
func (c *Client) SendSoundboardSound(ctx context.Context, channel model.ChannelID, sound model.SoundID, source model.GuildID, opts ...RequestOption) error {
	body := struct {
		SoundID model.SoundID `json:"sound_id"`
		Source  model.GuildID `json:"source_guild_id,omitzero"`
	}{sound, source}
	return c.call(ctx, rSendSoundboard, path(channel), nil, body, nil, opts)
}

// ThreadCreate starts a thread. Type is needed without a message (public
// or private thread); a forum or media post carries Message.
type ThreadCreate struct {
	Name                string            `json:"name"`
	AutoArchiveDuration int               `json:"auto_archive_duration,omitempty"` // minutes: 60, 1440, 4320, 10080
	Type                model.ChannelType `json:"type,omitempty"`
	Invitable           *bool             `json:"invitable,omitempty"`
	RateLimitPerUser    int               `json:"rate_limit_per_user,omitempty"`
	AppliedTags         []model.Snowflake `json:"applied_tags,omitempty"`
	Message             *MessageCreate    `json:"message,omitempty"` // forum and media channels
}

func (t *ThreadCreate) uploads() []File {
	if t.Message != nil {
		return t.Message.Files
	}
	return nil
}

// Validate checks the thread's name and first message.
func (t *ThreadCreate) Validate() error {
	if t.Name == "" {
		return &ValidationError{Field: "name", Reason: "empty"}
	}
	if err := tooLong("name", t.Name, MaxThreadName); err != nil {
		return err
	}
	if t.Message != nil {
		return t.Message.Validate()
	}
	return nil
}

// StartThreadFromMessage starts a thread on a message.
func (c *Client) StartThreadFromMessage(ctx context.Context, channel model.ChannelID, msg model.MessageID, t *ThreadCreate, opts ...RequestOption) (*model.Channel, error) {
	if err := t.Validate(); err != nil {
		return nil, err
	}
	body := struct {
		Name                string `json:"name"`
		AutoArchiveDuration int    `json:"auto_archive_duration,omitempty"`
		RateLimitPerUser    int    `json:"rate_limit_per_user,omitempty"`
	}{t.Name, t.AutoArchiveDuration, t.RateLimitPerUser}
	return fetch[model.Channel](ctx, c, rThreadFromMessage, path(channel, msg), nil, body, opts)
}

// StartThread starts a thread without a message, or a post in a forum or
// media channel when t.Message is set.
func (c *Client) StartThread(ctx context.Context, channel model.ChannelID, t *ThreadCreate, opts ...RequestOption) (*model.Channel, error) {
	if err := t.Validate(); err != nil {
		return nil, err
	}
	if t.Message != nil {
		m, err := c.prepareCreate(t.Message)
		if err != nil {
			return nil, err
		}
		cp := *t
		cp.Message = m
		t = &cp
	}
	return fetch[model.Channel](ctx, c, rStartThread, path(channel), nil, t, opts)
}

// JoinThread adds the bot to a thread.
func (c *Client) JoinThread(ctx context.Context, thread model.ChannelID, opts ...RequestOption) error {
	return c.call(ctx, rJoinThread, path(thread), nil, nil, nil, opts)
}

// LeaveThread removes the bot from a thread.
func (c *Client) LeaveThread(ctx context.Context, thread model.ChannelID, opts ...RequestOption) error {
	return c.call(ctx, rLeaveThread, path(thread), nil, nil, nil, opts)
}

// AddThreadMember adds a user to a thread.
func (c *Client) AddThreadMember(ctx context.Context, thread model.ChannelID, user model.UserID, opts ...RequestOption) error {
	return c.call(ctx, rAddThreadMember, path(thread, user), nil, nil, nil, opts)
}

// RemoveThreadMember removes a user from a thread.
func (c *Client) RemoveThreadMember(ctx context.Context, thread model.ChannelID, user model.UserID, opts ...RequestOption) error {
	return c.call(ctx, rRemoveThreadMember, path(thread, user), nil, nil, nil, opts)
}

// ThreadMemberQuery asks for the guild member with a thread member.
type ThreadMemberQuery struct {
	WithMember bool `query:"with_member"`
}

// ThreadMember gets a member of a thread.
func (c *Client) ThreadMember(ctx context.Context, thread model.ChannelID, user model.UserID, q *ThreadMemberQuery, opts ...RequestOption) (*model.ThreadMember, error) {
	return fetch[model.ThreadMember](ctx, c, rGetThreadMember, path(thread, user), q, nil, opts)
}

// ThreadMembersQuery pages through a thread's members in user ID order:
// After a user ID, Limit 1..100 (zero: 100), WithMember to get their
// guild members too. Before API v11, Discord pages only with WithMember
// and otherwise answers every member, whatever After and Limit say.
type ThreadMembersQuery struct {
	WithMember bool         `query:"with_member"`
	After      model.UserID `query:"after"`
	Limit      int          `query:"limit" range:"1,100"`
}

// ThreadMembers lists a page of a thread's members.
func (c *Client) ThreadMembers(ctx context.Context, thread model.ChannelID, q *ThreadMembersQuery, opts ...RequestOption) ([]model.ThreadMember, error) {
	return list[model.ThreadMember](ctx, c, rListThreadMembers, path(thread), q, nil, opts)
}

// ThreadList is a page of threads with the bot's memberships of them.
type ThreadList struct {
	Threads []model.Channel      `json:"threads"`
	Members []model.ThreadMember `json:"members"`
	HasMore bool                 `json:"has_more"`
}

// ArchivedThreadsQuery pages through archived threads, newest archived
// first: Before an archive time (zero: now), Limit 2..100 (zero:
// Discord's default, 50).
type ArchivedThreadsQuery struct {
	Before time.Time `query:"before"`
	Limit  int       `query:"limit" range:"2,100"`
}

// PublicArchivedThreads lists a page of a channel's archived public
// threads.
func (c *Client) PublicArchivedThreads(ctx context.Context, channel model.ChannelID, q *ArchivedThreadsQuery, opts ...RequestOption) (*ThreadList, error) {
	return fetch[ThreadList](ctx, c, rPublicArchived, path(channel), q, nil, opts)
}

// PrivateArchivedThreads lists a page of a channel's archived private
// threads.
func (c *Client) PrivateArchivedThreads(ctx context.Context, channel model.ChannelID, q *ArchivedThreadsQuery, opts ...RequestOption) (*ThreadList, error) {
	return fetch[ThreadList](ctx, c, rPrivateArchived, path(channel), q, nil, opts)
}

// JoinedArchivedThreadsQuery pages through the archived private threads
// the bot has joined, newest first: Before a thread ID, Limit 2..100.
type JoinedArchivedThreadsQuery struct {
	Before model.ChannelID `query:"before"`
	Limit  int             `query:"limit" range:"2,100"`
}

// JoinedPrivateArchivedThreads lists a page of the archived private
// threads the bot has joined.
func (c *Client) JoinedPrivateArchivedThreads(ctx context.Context, channel model.ChannelID, q *JoinedArchivedThreadsQuery, opts ...RequestOption) (*ThreadList, error) {
	return fetch[ThreadList](ctx, c, rJoinedPrivArchived, path(channel), q, nil, opts)
}

// StageInstance gets the live stage of a stage channel.
func (c *Client) StageInstance(ctx context.Context, channel model.ChannelID, opts ...RequestOption) (*model.StageInstance, error) {
	return fetch[model.StageInstance](ctx, c, rGetStageInstance, path(channel), nil, nil, opts)
}

// StageInstanceCreate starts a stage.
type StageInstanceCreate struct {
	ChannelID             model.ChannelID             `json:"channel_id"`
	Topic                 string                      `json:"topic"`
	PrivacyLevel          model.StagePrivacyLevel     `json:"privacy_level,omitempty"`
	SendStartNotification bool                        `json:"send_start_notification,omitempty"`
	GuildScheduledEventID model.GuildScheduledEventID `json:"guild_scheduled_event_id,omitzero"`
}

// CreateStageInstance starts a stage in a stage channel.
func (c *Client) CreateStageInstance(ctx context.Context, s *StageInstanceCreate, opts ...RequestOption) (*model.StageInstance, error) {
	if err := tooLong("topic", s.Topic, 120); err != nil {
		return nil, err
	}
	return fetch[model.StageInstance](ctx, c, rCreateStageInstance, nil, nil, s, opts)
}

// StageInstanceModify changes a stage; nil fields stay as they are.
type StageInstanceModify struct {
	Topic        *string                  `json:"topic,omitempty"`
	PrivacyLevel *model.StagePrivacyLevel `json:"privacy_level,omitempty"`
}

// ModifyStageInstance changes a stage's topic or privacy level.
func (c *Client) ModifyStageInstance(ctx context.Context, channel model.ChannelID, m *StageInstanceModify, opts ...RequestOption) (*model.StageInstance, error) {
	if m.Topic != nil {
		if err := tooLong("topic", *m.Topic, 120); err != nil {
			return nil, err
		}
	}
	return fetch[model.StageInstance](ctx, c, rModifyStageInstance, path(channel), nil, m, opts)
}

// DeleteStageInstance ends a stage.
func (c *Client) DeleteStageInstance(ctx context.Context, channel model.ChannelID, opts ...RequestOption) error {
	return c.call(ctx, rDeleteStageInstance, path(channel), nil, nil, nil, opts)
}
