package model

import "strconv"

// TemplateGuild is the guild a template makes: its settings, roles and
// channels. Roles and channels are numbered from 0 within the template,
// not by snowflakes; channels name their category and overwrites their
// role by those numbers.
type TemplateGuild struct {
	Name                        string                `json:"name"`
	Description                 *string               `json:"description"`
	Region                      *string               `json:"region,omitempty"`
	VerificationLevel           VerificationLevel     `json:"verification_level"`
	DefaultMessageNotifications NotificationLevel     `json:"default_message_notifications"`
	ExplicitContentFilter       ExplicitContentFilter `json:"explicit_content_filter"`
	PreferredLocale             string                `json:"preferred_locale"`
	AFKChannelID                *TemplateID           `json:"afk_channel_id"`
	AFKTimeout                  int                   `json:"afk_timeout"`
	SystemChannelID             *TemplateID           `json:"system_channel_id"`
	SystemChannelFlags          SystemChannelFlags    `json:"system_channel_flags"`
	IconHash                    *string               `json:"icon_hash,omitempty"`
	Roles                       []TemplateRole        `json:"roles"`
	Channels                    []TemplateChannel     `json:"channels"`
}

// TemplateRole is a role of a template.
type TemplateRole struct {
	ID           int64       `json:"id"`
	Name         string      `json:"name"`
	Permissions  Permissions `json:"permissions"`
	Color        int         `json:"color"`
	Colors       *RoleColors `json:"colors,omitempty"`
	Hoist        bool        `json:"hoist"`
	Mentionable  bool        `json:"mentionable"`
	Icon         *string     `json:"icon,omitempty"`
	UnicodeEmoji *string     `json:"unicode_emoji,omitempty"`
}

// TemplateChannel is a channel of a template.
type TemplateChannel struct {
	ID                            *int64              `json:"id"`
	Type                          ChannelType         `json:"type"`
	Name                          *string             `json:"name"`
	Position                      *int                `json:"position"`
	Topic                         *string             `json:"topic"`
	Bitrate                       int                 `json:"bitrate"`
	UserLimit                     int                 `json:"user_limit"`
	NSFW                          bool                `json:"nsfw"`
	RateLimitPerUser              int                 `json:"rate_limit_per_user"`
	ParentID                      *TemplateID         `json:"parent_id"`
	DefaultAutoArchiveDuration    *int                `json:"default_auto_archive_duration,omitempty"`
	PermissionOverwrites          []TemplateOverwrite `json:"permission_overwrites"`
	AvailableTags                 []TemplateTag       `json:"available_tags,omitempty"`
	DefaultReactionEmoji          *DefaultReaction    `json:"default_reaction_emoji,omitempty"`
	DefaultThreadRateLimitPerUser *int                `json:"default_thread_rate_limit_per_user,omitempty"`
	DefaultSortOrder              *SortOrder          `json:"default_sort_order,omitempty"`
	DefaultForumLayout            *ForumLayout        `json:"default_forum_layout,omitempty"`
}

// TemplateOverwrite is a permission overwrite of a template's channel;
// ID numbers a role of the template.
type TemplateOverwrite struct {
	ID    int64         `json:"id"`
	Type  OverwriteType `json:"type"`
	Allow Permissions   `json:"allow"`
	Deny  Permissions   `json:"deny"`
}

// TemplateTag is a tag of a template's forum channel.
type TemplateTag struct {
	ID        *int64  `json:"id"`
	Name      string  `json:"name"`
	EmojiID   EmojiID `json:"emoji_id,omitzero"`
	EmojiName *string `json:"emoji_name"`
	Moderated *bool   `json:"moderated"`
}

// TemplateID numbers a role or channel within a template. Discord sends
// it as a number; its OpenAPI spec types the channel references as
// snowflake strings, so a string of digits is read too. It encodes as a
// number.
type TemplateID int64

// UnmarshalJSON accepts a number or a string of digits.
func (id *TemplateID) UnmarshalJSON(b []byte) error {
	if len(b) >= 2 && b[0] == '"' && b[len(b)-1] == '"' {
		b = b[1 : len(b)-1]
	}
	v, err := strconv.ParseInt(string(b), 10, 64)
	if err != nil {
		return &SnowflakeError{Input: string(b)}
	}
	*id = TemplateID(v)
	return nil
}
