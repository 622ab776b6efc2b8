package model

import (
	"encoding/json"
	"errors"
)

// Channel is a guild channel, a DM, or a thread. Which fields are set
// depends on Type. A channel of a type gloam does not know keeps the JSON
// it was decoded from and encodes back to exactly that (see Raw).
type Channel struct {
	ID                            ChannelID             `json:"id"`
	Type                          ChannelType           `json:"type"`
	GuildID                       GuildID               `json:"guild_id,omitzero"`
	Position                      int                   `json:"position,omitempty"`
	PermissionOverwrites          []PermissionOverwrite `json:"permission_overwrites,omitempty"`
	Name                          string                `json:"name,omitempty"`
	Topic                         *string               `json:"topic,omitempty"`
	NSFW                          bool                  `json:"nsfw,omitempty"`
	LastMessageID                 MessageID             `json:"last_message_id,omitzero"`
	Bitrate                       int                   `json:"bitrate,omitempty"`
	UserLimit                     int                   `json:"user_limit,omitempty"`
	RateLimitPerUser              int                   `json:"rate_limit_per_user,omitempty"`
	Recipients                    []User                `json:"recipients,omitempty"`
	Icon                          *string               `json:"icon,omitempty"`
	IconEmoji                     *Emoji                `json:"icon_emoji,omitempty"`
	OwnerID                       UserID                `json:"owner_id,omitzero"`
	ApplicationID                 ApplicationID         `json:"application_id,omitzero"`
	Managed                       bool                  `json:"managed,omitempty"`
	ParentID                      ChannelID             `json:"parent_id,omitzero"` // category, or a thread's channel
	LastPinTimestamp              Timestamp             `json:"last_pin_timestamp,omitzero"`
	RTCRegion                     *string               `json:"rtc_region,omitempty"`
	VideoQualityMode              VideoQualityMode      `json:"video_quality_mode,omitempty"`
	MessageCount                  int                   `json:"message_count,omitempty"`
	MemberCount                   int                   `json:"member_count,omitempty"`
	ThreadMetadata                *ThreadMetadata       `json:"thread_metadata,omitempty"`
	Member                        *ThreadMember         `json:"member,omitempty"` // the current user's membership of a thread
	DefaultAutoArchiveDuration    int                   `json:"default_auto_archive_duration,omitempty"`
	Permissions                   *Permissions          `json:"permissions,omitempty"` // in interactions: the invoker's
	Flags                         ChannelFlags          `json:"flags,omitempty"`
	TotalMessageSent              int                   `json:"total_message_sent,omitempty"`
	AvailableTags                 []ForumTag            `json:"available_tags,omitempty"`
	AppliedTags                   []Snowflake           `json:"applied_tags,omitempty"`
	DefaultReactionEmoji          *DefaultReaction      `json:"default_reaction_emoji,omitempty"`
	DefaultThreadRateLimitPerUser int                   `json:"default_thread_rate_limit_per_user,omitempty"`
	DefaultSortOrder              *SortOrder            `json:"default_sort_order,omitempty"`
	DefaultForumLayout            ForumLayout           `json:"default_forum_layout,omitempty"`
	// DefaultTagSetting is how a forum's tag filter matches: "match_some"
	// or "match_all".
	DefaultTagSetting string  `json:"default_tag_setting,omitempty"`
	ThemeColor        *int    `json:"theme_color,omitempty"`
	Status            *string `json:"status,omitempty"` // a voice channel's status

	raw []byte // the JSON of a channel of unknown type
}

// Raw is the JSON a channel of unknown type was decoded from; nil for known
// types.
func (c *Channel) Raw() []byte { return c.raw }

// Mention is the channel's mention, "<#id>".
func (c *Channel) Mention() string { return "<#" + c.ID.String() + ">" }

type channelJSON Channel

// UnmarshalJSON decodes a channel. For a type gloam does not know it also
// keeps a copy of the JSON, so that the channel encodes back unchanged.
func (c *Channel) UnmarshalJSON(b []byte) error {
	raw, err := decodeKeepingRaw(b, (*channelJSON)(c), func() bool { return c.Type.Known() })
	c.raw = raw
	return err
}

// MarshalJSON encodes c; a channel of unknown type encodes as it was
// received.
func (c Channel) MarshalJSON() ([]byte, error) {
	if c.raw != nil {
		return c.raw, nil
	}
	return json.Marshal(channelJSON(c))
}

// decodeKeepingRaw decodes b into v; when known reports false afterwards,
// or a field has a type gloam does not expect, it returns a copy of b for
// a faithful re-encoding. A field of the wrong type is then not an error.
func decodeKeepingRaw(b []byte, v any, known func() bool) ([]byte, error) {
	err := json.Unmarshal(b, v)
	var te *json.UnmarshalTypeError
	if err != nil && !errors.As(err, &te) {
		return nil, err
	}
	if err != nil || !known() {
		return append([]byte(nil), b...), nil
	}
	return nil, nil
}

// PermissionOverwrite changes the permissions of a role or member in one
// channel.
type PermissionOverwrite struct {
	ID    Snowflake     `json:"id"` // a RoleID or UserID, as Type says
	Type  OverwriteType `json:"type"`
	Allow Permissions   `json:"allow"`
	Deny  Permissions   `json:"deny"`
}

// ThreadMetadata holds what only threads have.
type ThreadMetadata struct {
	Archived            bool      `json:"archived"`
	AutoArchiveDuration int       `json:"auto_archive_duration"` // minutes
	ArchiveTimestamp    Timestamp `json:"archive_timestamp"`
	Locked              bool      `json:"locked"`
	Invitable           *bool     `json:"invitable,omitempty"`
	CreateTimestamp     Timestamp `json:"create_timestamp,omitzero"`
}

// ThreadMember is a user's membership of a thread.
type ThreadMember struct {
	ID            ChannelID `json:"id,omitzero"`      // the thread; left out in some events
	UserID        UserID    `json:"user_id,omitzero"` // left out in some events
	JoinTimestamp Timestamp `json:"join_timestamp"`
	Flags         int       `json:"flags"`
	Member        *Member   `json:"member,omitempty"`
	GuildID       GuildID   `json:"guild_id,omitzero"` // THREAD_MEMBER_UPDATE only
}

// ForumTag is a tag that can be applied to threads of a forum or media
// channel.
type ForumTag struct {
	ID        Snowflake `json:"id"`
	Name      string    `json:"name"`
	Moderated bool      `json:"moderated"`
	EmojiID   EmojiID   `json:"emoji_id,omitzero"`
	EmojiName *string   `json:"emoji_name"`
}

// DefaultReaction is the emoji shown on a forum's threads.
type DefaultReaction struct {
	EmojiID   EmojiID `json:"emoji_id,omitzero"`
	EmojiName *string `json:"emoji_name"`
}

// FollowedChannel is an announcement channel followed into another: the
// source channel and the webhook that posts its messages.
type FollowedChannel struct {
	ChannelID ChannelID `json:"channel_id"`
	WebhookID WebhookID `json:"webhook_id"`
}
