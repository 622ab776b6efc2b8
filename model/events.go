package model

import (
	"encoding/json"

	"github.com/tidwall/gjson"
)

// Payloads of the gateway opcodes other than dispatches.

// Hello is the first payload of a connection (op 10).
type Hello struct {
	HeartbeatInterval int `json:"heartbeat_interval"` // milliseconds
}

// InvalidSession says the session is gone (op 9); Resumable says whether
// a resume may still work. Its d is a bare boolean.
type InvalidSession struct {
	Resumable bool
}

// MarshalJSON encodes the bare boolean.
func (s InvalidSession) MarshalJSON() ([]byte, error) { return json.Marshal(s.Resumable) }

// UnmarshalJSON reads the bare boolean.
func (s *InvalidSession) UnmarshalJSON(b []byte) error { return json.Unmarshal(b, &s.Resumable) }

// Reconnect asks the client to reconnect and resume (op 7).
type Reconnect struct{}

// HeartbeatACK acknowledges a heartbeat (op 11).
type HeartbeatACK struct{}

// Heartbeat is a heartbeat the gateway asks for (op 1). Its d, the last
// sequence number, is seldom of use to a client.
type Heartbeat struct{}

// Dispatch events. Each has Discord's name; events whose d is a model
// object embed it.

// Ready is the first dispatch of a new session.
type Ready struct {
	V                int                `json:"v"`
	User             User               `json:"user"`
	Guilds           []UnavailableGuild `json:"guilds"`
	SessionID        string             `json:"session_id"`
	ResumeGatewayURL string             `json:"resume_gateway_url"`
	Shard            *[2]int            `json:"shard,omitempty"` // [id, count]
	Application      struct {
		ID    ApplicationID    `json:"id"`
		Flags ApplicationFlags `json:"flags"`
	} `json:"application"`
}

// Resumed ends the replay of a resume.
type Resumed struct{}

// RateLimited says a gateway request was rate limited.
type RateLimited struct {
	Opcode     Opcode          `json:"opcode"`
	RetryAfter float64         `json:"retry_after"` // seconds
	Meta       json.RawMessage `json:"meta"`
}

// CommandPermissionsUpdate is APPLICATION_COMMAND_PERMISSIONS_UPDATE.
type CommandPermissionsUpdate struct {
	ID            Snowflake           `json:"id"` // a command, or the application for all of them
	ApplicationID ApplicationID       `json:"application_id"`
	GuildID       GuildID             `json:"guild_id"`
	Permissions   []CommandPermission `json:"permissions"`
}

// AutoModerationRule is a guild's auto moderation rule.
type AutoModerationRule struct {
	ID              AutoModerationRuleID   `json:"id"`
	GuildID         GuildID                `json:"guild_id"`
	Name            string                 `json:"name"`
	CreatorID       UserID                 `json:"creator_id"`
	EventType       AutoModEventType       `json:"event_type"`
	TriggerType     AutoModTriggerType     `json:"trigger_type"`
	TriggerMetadata AutoModTriggerMetadata `json:"trigger_metadata"`
	Actions         []AutoModAction        `json:"actions"`
	Enabled         bool                   `json:"enabled"`
	ExemptRoles     []RoleID               `json:"exempt_roles"`
	ExemptChannels  []ChannelID            `json:"exempt_channels"`
}

// Auto moderation events.
type (
	AutoModerationRuleCreate struct{ AutoModerationRule }
	AutoModerationRuleUpdate struct{ AutoModerationRule }
	AutoModerationRuleDelete struct{ AutoModerationRule }
)

// AutoModerationActionExecution reports an action auto moderation took.
type AutoModerationActionExecution struct {
	GuildID              GuildID              `json:"guild_id"`
	Action               AutoModAction        `json:"action"`
	RuleID               AutoModerationRuleID `json:"rule_id"`
	RuleTriggerType      AutoModTriggerType   `json:"rule_trigger_type"`
	UserID               UserID               `json:"user_id"`
	ChannelID            ChannelID            `json:"channel_id,omitzero"`
	MessageID            MessageID            `json:"message_id,omitzero"`
	AlertSystemMessageID MessageID            `json:"alert_system_message_id,omitzero"`
	Content              string               `json:"content"`
	MatchedKeyword       *string              `json:"matched_keyword"`
	MatchedContent       *string              `json:"matched_content"`
}

// Channel events. THREAD_DELETE holds only ID, GuildID, ParentID and Type.
type (
	ChannelCreate struct{ Channel }
	ChannelUpdate struct{ Channel }
	ChannelDelete struct{ Channel }
	ThreadUpdate  struct{ Channel }
	ThreadDelete  struct{ Channel }
)

// ThreadCreate is a thread created, or one the user was added to.
type ThreadCreate struct {
	Channel
	NewlyCreated bool `json:"newly_created,omitempty"`
}

// UnmarshalJSON decodes the channel and newly_created.
func (t *ThreadCreate) UnmarshalJSON(b []byte) error {
	if err := t.Channel.UnmarshalJSON(b); err != nil {
		return err
	}
	t.NewlyCreated = gjson.GetBytes(b, "newly_created").Bool()
	return nil
}

// MarshalJSON encodes the channel and newly_created.
func (t ThreadCreate) MarshalJSON() ([]byte, error) {
	b, err := t.Channel.MarshalJSON()
	if err != nil || !t.NewlyCreated || t.Raw() != nil || len(b) < 2 || b[len(b)-1] != '}' {
		return b, err
	}
	out := append([]byte(nil), b[:len(b)-1]...)
	if len(b) > 2 {
		out = append(out, ',')
	}
	return append(out, `"newly_created":true}`...), nil
}

// ChannelInfo answers a request for channel info (op 43).
type ChannelInfo struct {
	GuildID  GuildID         `json:"guild_id"`
	Channels json.RawMessage `json:"channels"`
}

// ChannelPinsUpdate is a message pinned or unpinned.
type ChannelPinsUpdate struct {
	GuildID          GuildID   `json:"guild_id,omitzero"`
	ChannelID        ChannelID `json:"channel_id"`
	LastPinTimestamp Timestamp `json:"last_pin_timestamp,omitzero"`
}

// ThreadListSync sends the active threads of channels the user gained
// access to.
type ThreadListSync struct {
	GuildID    GuildID        `json:"guild_id"`
	ChannelIDs []ChannelID    `json:"channel_ids,omitempty"`
	Threads    []Channel      `json:"threads"`
	Members    []ThreadMember `json:"members"`
}

// ThreadMemberUpdate is the current user's thread membership changed.
type ThreadMemberUpdate struct{ ThreadMember }

// ThreadMembersUpdate is users added to or removed from a thread.
type ThreadMembersUpdate struct {
	ID               ChannelID      `json:"id"`
	GuildID          GuildID        `json:"guild_id"`
	MemberCount      int            `json:"member_count"`
	AddedMembers     []ThreadMember `json:"added_members,omitempty"`
	RemovedMemberIDs []UserID       `json:"removed_member_ids,omitempty"`
}

// Entitlement events.
type (
	EntitlementCreate struct{ Entitlement }
	EntitlementUpdate struct{ Entitlement }
	EntitlementDelete struct{ Entitlement }
)

// GuildCreate is a guild becoming available: lazily after READY, after
// an outage, or on joining. An unavailable guild has only ID and
// Unavailable.
type GuildCreate struct {
	Guild
	JoinedAt             Timestamp         `json:"joined_at,omitzero"`
	Large                bool              `json:"large"`
	Unavailable          bool              `json:"unavailable,omitempty"`
	MemberCount          int               `json:"member_count"`
	VoiceStates          []VoiceState      `json:"voice_states"`
	Members              []Member          `json:"members"`
	Channels             []Channel         `json:"channels"`
	Threads              []Channel         `json:"threads"`
	Presences            []Presence        `json:"presences"`
	StageInstances       []StageInstance   `json:"stage_instances"`
	GuildScheduledEvents []ScheduledEvent  `json:"guild_scheduled_events"`
	SoundboardSounds     []SoundboardSound `json:"soundboard_sounds"`
}

// GuildUpdate is a guild's settings changed.
type GuildUpdate struct{ Guild }

// GuildDelete is a guild left or become unavailable (Unavailable set).
type GuildDelete struct{ UnavailableGuild }

// AuditLogEntry is an entry of a guild's audit log.
type AuditLogEntry struct {
	ID         AuditLogEntryID       `json:"id"`
	TargetID   *string               `json:"target_id"`
	Changes    []AuditLogChange      `json:"changes,omitempty"`
	UserID     UserID                `json:"user_id,omitzero"`
	ActionType AuditLogEvent         `json:"action_type"`
	Options    *AuditLogEntryOptions `json:"options,omitempty"`
	Reason     string                `json:"reason,omitempty"`
}

// GuildAuditLogEntryCreate is an audit log entry added.
type GuildAuditLogEntryCreate struct {
	AuditLogEntry
	GuildID GuildID `json:"guild_id"`
}

// GuildBanAdd is a user banned.
type GuildBanAdd struct {
	GuildID GuildID `json:"guild_id"`
	User    User    `json:"user"`
}

// GuildBanRemove is a user unbanned.
type GuildBanRemove struct {
	GuildID GuildID `json:"guild_id"`
	User    User    `json:"user"`
}

// GuildEmojisUpdate holds all of a guild's emoji after a change.
type GuildEmojisUpdate struct {
	GuildID GuildID `json:"guild_id"`
	Emojis  []Emoji `json:"emojis"`
}

// GuildStickersUpdate holds all of a guild's stickers after a change.
type GuildStickersUpdate struct {
	GuildID  GuildID   `json:"guild_id"`
	Stickers []Sticker `json:"stickers"`
}

// GuildIntegrationsUpdate is a guild's integrations changed.
type GuildIntegrationsUpdate struct {
	GuildID GuildID `json:"guild_id"`
}

// GuildMemberAdd is a user joined a guild.
type GuildMemberAdd struct {
	Member
	GuildID GuildID `json:"guild_id"`
}

// GuildMemberRemove is a user left or was removed from a guild.
type GuildMemberRemove struct {
	GuildID GuildID `json:"guild_id"`
	User    User    `json:"user"`
}

// GuildMemberUpdate is a member changed. JoinedAt may be zero.
type GuildMemberUpdate struct {
	Member
	GuildID GuildID `json:"guild_id"`
}

// GuildMembersChunk answers a Request Guild Members (op 8).
type GuildMembersChunk struct {
	GuildID    GuildID     `json:"guild_id"`
	Members    []Member    `json:"members"`
	ChunkIndex int         `json:"chunk_index"`
	ChunkCount int         `json:"chunk_count"`
	NotFound   []Snowflake `json:"not_found,omitempty"`
	Presences  []Presence  `json:"presences,omitempty"`
	Nonce      string      `json:"nonce,omitempty"`
}

// GuildRoleCreate is a role created.
type GuildRoleCreate struct {
	GuildID GuildID `json:"guild_id"`
	Role    Role    `json:"role"`
}

// GuildRoleUpdate is a role changed.
type GuildRoleUpdate struct {
	GuildID GuildID `json:"guild_id"`
	Role    Role    `json:"role"`
}

// GuildRoleDelete is a role deleted.
type GuildRoleDelete struct {
	GuildID GuildID `json:"guild_id"`
	RoleID  RoleID  `json:"role_id"`
}

// Scheduled event events.
type (
	GuildScheduledEventCreate struct{ ScheduledEvent }
	GuildScheduledEventUpdate struct{ ScheduledEvent }
	GuildScheduledEventDelete struct{ ScheduledEvent }
)

// GuildScheduledEventUser is a user subscribed to or unsubscribed from a
// scheduled event.
type GuildScheduledEventUser struct {
	GuildScheduledEventID GuildScheduledEventID `json:"guild_scheduled_event_id"`
	UserID                UserID                `json:"user_id"`
	GuildID               GuildID               `json:"guild_id"`
}

// Scheduled event subscription events.
type (
	GuildScheduledEventUserAdd    struct{ GuildScheduledEventUser }
	GuildScheduledEventUserRemove struct{ GuildScheduledEventUser }
)

// Soundboard events.
type (
	GuildSoundboardSoundCreate struct{ SoundboardSound }
	GuildSoundboardSoundUpdate struct{ SoundboardSound }
)

// GuildSoundboardSoundDelete is a sound deleted.
type GuildSoundboardSoundDelete struct {
	SoundID SoundID `json:"sound_id"`
	GuildID GuildID `json:"guild_id"`
}

// GuildSoundboardSoundsUpdate holds sounds changed together.
type GuildSoundboardSoundsUpdate struct {
	SoundboardSounds []SoundboardSound `json:"soundboard_sounds"`
	GuildID          GuildID           `json:"guild_id"`
}

// SoundboardSounds answers a Request Soundboard Sounds (op 31).
type SoundboardSounds struct {
	SoundboardSounds []SoundboardSound `json:"soundboard_sounds"`
	GuildID          GuildID           `json:"guild_id"`
}

// Integration is a guild integration (Twitch, YouTube, a bot...).
type Integration struct {
	ID          IntegrationID           `json:"id"`
	Name        string                  `json:"name"`
	Type        string                  `json:"type"`
	Enabled     bool                    `json:"enabled"`
	Syncing     bool                    `json:"syncing,omitempty"`
	RoleID      RoleID                  `json:"role_id,omitzero"`
	User        *User                   `json:"user,omitempty"`
	Account     *IntegrationAccount     `json:"account,omitempty"`
	SyncedAt    Timestamp               `json:"synced_at,omitzero"`
	Application *IntegrationApplication `json:"application,omitempty"`
	Scopes      []string                `json:"scopes,omitempty"`
	GuildID     GuildID                 `json:"guild_id"`
}

// Integration events.
type (
	IntegrationCreate struct{ Integration }
	IntegrationUpdate struct{ Integration }
)

// IntegrationDelete is an integration removed.
type IntegrationDelete struct {
	ID            IntegrationID `json:"id"`
	GuildID       GuildID       `json:"guild_id"`
	ApplicationID ApplicationID `json:"application_id,omitzero"`
}

// InteractionCreate is an interaction to answer.
type InteractionCreate struct{ Interaction }

// InviteCreate is an invite created.
type InviteCreate struct {
	ChannelID         ChannelID    `json:"channel_id"`
	Code              string       `json:"code"`
	CreatedAt         Timestamp    `json:"created_at"`
	GuildID           GuildID      `json:"guild_id,omitzero"`
	Inviter           *User        `json:"inviter,omitempty"`
	MaxAge            int          `json:"max_age"`
	MaxUses           int          `json:"max_uses"`
	TargetType        int          `json:"target_type,omitempty"`
	TargetUser        *User        `json:"target_user,omitempty"`
	TargetApplication *Application `json:"target_application,omitempty"`
	Temporary         bool         `json:"temporary"`
	Uses              int          `json:"uses"`
	ExpiresAt         Timestamp    `json:"expires_at"`
}

// InviteDelete is an invite deleted.
type InviteDelete struct {
	ChannelID ChannelID `json:"channel_id"`
	GuildID   GuildID   `json:"guild_id,omitzero"`
	Code      string    `json:"code"`
}

// Message events. MESSAGE_UPDATE carries a whole message.
type (
	MessageCreate struct{ Message }
	MessageUpdate struct{ Message }
)

// MessageDelete is a message deleted.
type MessageDelete struct {
	ID        MessageID `json:"id"`
	ChannelID ChannelID `json:"channel_id"`
	GuildID   GuildID   `json:"guild_id,omitzero"`
}

// MessageDeleteBulk is messages deleted at once.
type MessageDeleteBulk struct {
	IDs       []MessageID `json:"ids"`
	ChannelID ChannelID   `json:"channel_id"`
	GuildID   GuildID     `json:"guild_id,omitzero"`
}

// MessageReactionAdd is a reaction added. Member is set in guilds.
type MessageReactionAdd struct {
	UserID          UserID       `json:"user_id"`
	ChannelID       ChannelID    `json:"channel_id"`
	MessageID       MessageID    `json:"message_id"`
	GuildID         GuildID      `json:"guild_id,omitzero"`
	Member          *Member      `json:"member,omitempty"`
	Emoji           Emoji        `json:"emoji"`
	MessageAuthorID UserID       `json:"message_author_id,omitzero"`
	Burst           bool         `json:"burst"`
	BurstColors     []string     `json:"burst_colors,omitempty"`
	Type            ReactionType `json:"type"`
}

// MessageReactionRemove is a reaction removed.
type MessageReactionRemove struct {
	UserID    UserID       `json:"user_id"`
	ChannelID ChannelID    `json:"channel_id"`
	MessageID MessageID    `json:"message_id"`
	GuildID   GuildID      `json:"guild_id,omitzero"`
	Emoji     Emoji        `json:"emoji"`
	Burst     bool         `json:"burst"`
	Type      ReactionType `json:"type"`
}

// MessageReactionRemoveAll is every reaction of a message removed.
type MessageReactionRemoveAll struct {
	ChannelID ChannelID `json:"channel_id"`
	MessageID MessageID `json:"message_id"`
	GuildID   GuildID   `json:"guild_id,omitzero"`
}

// MessageReactionRemoveEmoji is every reaction of one emoji removed.
type MessageReactionRemoveEmoji struct {
	ChannelID ChannelID `json:"channel_id"`
	GuildID   GuildID   `json:"guild_id,omitzero"`
	MessageID MessageID `json:"message_id"`
	Emoji     Emoji     `json:"emoji"`
}

// PresenceUpdate is a user's presence changed.
type PresenceUpdate struct{ Presence }

// Stage instance events.
type (
	StageInstanceCreate struct{ StageInstance }
	StageInstanceUpdate struct{ StageInstance }
	StageInstanceDelete struct{ StageInstance }
)

// Subscription is a user's premium subscription to the application.
type Subscription struct {
	ID                 Snowflake          `json:"id"`
	UserID             UserID             `json:"user_id"`
	SKUIDs             []SKUID            `json:"sku_ids"`
	EntitlementIDs     []EntitlementID    `json:"entitlement_ids"`
	RenewalSKUIDs      []SKUID            `json:"renewal_sku_ids"`
	CurrentPeriodStart Timestamp          `json:"current_period_start"`
	CurrentPeriodEnd   Timestamp          `json:"current_period_end"`
	Status             SubscriptionStatus `json:"status"`
	CanceledAt         Timestamp          `json:"canceled_at"`
	Country            string             `json:"country,omitempty"`
}

// Subscription events.
type (
	SubscriptionCreate struct{ Subscription }
	SubscriptionUpdate struct{ Subscription }
	SubscriptionDelete struct{ Subscription }
)

// TypingStart is a user started typing.
type TypingStart struct {
	ChannelID ChannelID `json:"channel_id"`
	GuildID   GuildID   `json:"guild_id,omitzero"`
	UserID    UserID    `json:"user_id"`
	Timestamp UnixTime  `json:"timestamp"`
	Member    *Member   `json:"member,omitempty"`
}

// UserUpdate is the current user changed.
type UserUpdate struct{ User }

// VoiceChannelEffectSend is an emoji or soundboard effect sent in voice.
type VoiceChannelEffectSend struct {
	ChannelID     ChannelID `json:"channel_id"`
	GuildID       GuildID   `json:"guild_id"`
	UserID        UserID    `json:"user_id"`
	Emoji         *Emoji    `json:"emoji,omitempty"`
	AnimationType *int      `json:"animation_type,omitempty"`
	AnimationID   int       `json:"animation_id,omitempty"`
	SoundID       Snowflake `json:"sound_id,omitzero"`
	SoundVolume   float64   `json:"sound_volume,omitempty"`
}

// VoiceChannelStartTimeUpdate is a voice channel's session start time.
type VoiceChannelStartTimeUpdate struct {
	ID             ChannelID `json:"id"`
	GuildID        GuildID   `json:"guild_id"`
	VoiceStartTime *int64    `json:"voice_start_time"`
}

// VoiceChannelStatusUpdate is a voice channel's status changed.
type VoiceChannelStatusUpdate struct {
	ID      ChannelID `json:"id"`
	GuildID GuildID   `json:"guild_id"`
	Status  *string   `json:"status"`
}

// VoiceStateUpdate is a user joined, left or moved between voice channels,
// or changed mute or deafen state.
type VoiceStateUpdate struct{ VoiceState }

// VoiceServerUpdate gives the voice server to connect to. Endpoint is nil
// while no server is allocated.
type VoiceServerUpdate struct {
	Token    string  `json:"token"`
	GuildID  GuildID `json:"guild_id"`
	Endpoint *string `json:"endpoint"`
}

// WebhooksUpdate is a channel's webhooks changed.
type WebhooksUpdate struct {
	GuildID   GuildID   `json:"guild_id"`
	ChannelID ChannelID `json:"channel_id"`
}

// PollVote is a vote added to or removed from a poll.
type PollVote struct {
	UserID    UserID    `json:"user_id"`
	ChannelID ChannelID `json:"channel_id"`
	MessageID MessageID `json:"message_id"`
	GuildID   GuildID   `json:"guild_id,omitzero"`
	AnswerID  int       `json:"answer_id"`
}

// Poll vote events.
type (
	MessagePollVoteAdd    struct{ PollVote }
	MessagePollVoteRemove struct{ PollVote }
)
