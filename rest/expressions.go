package rest

import (
	"context"
	"encoding/json"
	"net/url"

	"github.com/gloamdev/gloam/model"
)

var (
	rGuildEmojis    = route("GET", "/guilds/{guild_id}/emojis")
	rGuildEmoji     = route("GET", "/guilds/{guild_id}/emojis/{emoji_id}")
	rCreateEmoji    = route("POST", "/guilds/{guild_id}/emojis")
	rModifyEmoji    = route("PATCH", "/guilds/{guild_id}/emojis/{emoji_id}")
	rDeleteEmoji    = route("DELETE", "/guilds/{guild_id}/emojis/{emoji_id}")
	rAppEmojis      = route("GET", "/applications/{application_id}/emojis")
	rAppEmoji       = route("GET", "/applications/{application_id}/emojis/{emoji_id}")
	rCreateAppEmoji = route("POST", "/applications/{application_id}/emojis")
	rModifyAppEmoji = route("PATCH", "/applications/{application_id}/emojis/{emoji_id}")
	rDeleteAppEmoji = route("DELETE", "/applications/{application_id}/emojis/{emoji_id}")
	rSticker        = route("GET", "/stickers/{sticker_id}")
	rStickerPacks   = route("GET", "/sticker-packs")
	rStickerPack    = route("GET", "/sticker-packs/{pack_id}")
	rGuildStickers  = route("GET", "/guilds/{guild_id}/stickers")
	rGuildSticker   = route("GET", "/guilds/{guild_id}/stickers/{sticker_id}")
	rCreateSticker  = route("POST", "/guilds/{guild_id}/stickers")
	rModifySticker  = route("PATCH", "/guilds/{guild_id}/stickers/{sticker_id}")
	rDeleteSticker  = route("DELETE", "/guilds/{guild_id}/stickers/{sticker_id}")
	rDefaultSounds  = route("GET", "/soundboard-default-sounds")
	rGuildSounds    = route("GET", "/guilds/{guild_id}/soundboard-sounds")
	rGuildSound     = route("GET", "/guilds/{guild_id}/soundboard-sounds/{sound_id}")
	rCreateSound    = route("POST", "/guilds/{guild_id}/soundboard-sounds")
	rModifySound    = route("PATCH", "/guilds/{guild_id}/soundboard-sounds/{sound_id}")
	rDeleteSound    = route("DELETE", "/guilds/{guild_id}/soundboard-sounds/{sound_id}")
)

// EmojiCreate is a new emoji or the change of one; Image (a data URI of
// at most 256 KiB) only on creation, Roles only in guilds.
type EmojiCreate struct {
	Name  string          `json:"name,omitempty"`
	Image string          `json:"image,omitempty"`
	Roles *[]model.RoleID `json:"roles,omitempty"`
}

// GuildEmojis lists a guild's emojis.
func (c *Client) GuildEmojis(ctx context.Context, guild model.GuildID, opts ...RequestOption) ([]model.Emoji, error) {
	return list[model.Emoji](ctx, c, rGuildEmojis, path(guild), nil, nil, opts)
}

// GuildEmoji gets a guild emoji.
func (c *Client) GuildEmoji(ctx context.Context, guild model.GuildID, id model.EmojiID, opts ...RequestOption) (*model.Emoji, error) {
	return fetch[model.Emoji](ctx, c, rGuildEmoji, path(guild, id), nil, nil, opts)
}

// CreateGuildEmoji uploads an emoji to a guild.
func (c *Client) CreateGuildEmoji(ctx context.Context, guild model.GuildID, e *EmojiCreate, opts ...RequestOption) (*model.Emoji, error) {
	return fetch[model.Emoji](ctx, c, rCreateEmoji, path(guild), nil, e, opts)
}

// ModifyGuildEmoji renames an emoji or changes its roles.
func (c *Client) ModifyGuildEmoji(ctx context.Context, guild model.GuildID, id model.EmojiID, e *EmojiCreate, opts ...RequestOption) (*model.Emoji, error) {
	return fetch[model.Emoji](ctx, c, rModifyEmoji, path(guild, id), nil, e, opts)
}

// DeleteGuildEmoji deletes a guild emoji.
func (c *Client) DeleteGuildEmoji(ctx context.Context, guild model.GuildID, id model.EmojiID, opts ...RequestOption) error {
	return c.call(ctx, rDeleteEmoji, path(guild, id), nil, nil, nil, opts)
}

// AppEmojis lists the application's own emojis.
func (c *Client) AppEmojis(ctx context.Context, app model.ApplicationID, opts ...RequestOption) ([]model.Emoji, error) {
	var out struct {
		Items []model.Emoji `json:"items"`
	}
	err := c.call(ctx, rAppEmojis, path(app), nil, nil, &out, opts)
	return out.Items, err
}

// AppEmoji gets an application emoji.
func (c *Client) AppEmoji(ctx context.Context, app model.ApplicationID, id model.EmojiID, opts ...RequestOption) (*model.Emoji, error) {
	return fetch[model.Emoji](ctx, c, rAppEmoji, path(app, id), nil, nil, opts)
}

// CreateAppEmoji uploads an application emoji.
func (c *Client) CreateAppEmoji(ctx context.Context, app model.ApplicationID, e *EmojiCreate, opts ...RequestOption) (*model.Emoji, error) {
	return fetch[model.Emoji](ctx, c, rCreateAppEmoji, path(app), nil, e, opts)
}

// ModifyAppEmoji renames an application emoji.
func (c *Client) ModifyAppEmoji(ctx context.Context, app model.ApplicationID, id model.EmojiID, name string, opts ...RequestOption) (*model.Emoji, error) {
	return fetch[model.Emoji](ctx, c, rModifyAppEmoji, path(app, id), nil, &EmojiCreate{Name: name}, opts)
}

// DeleteAppEmoji deletes an application emoji.
func (c *Client) DeleteAppEmoji(ctx context.Context, app model.ApplicationID, id model.EmojiID, opts ...RequestOption) error {
	return c.call(ctx, rDeleteAppEmoji, path(app, id), nil, nil, nil, opts)
}

// Sticker gets any sticker.
func (c *Client) Sticker(ctx context.Context, id model.StickerID, opts ...RequestOption) (*model.Sticker, error) {
	return fetch[model.Sticker](ctx, c, rSticker, path(id), nil, nil, opts)
}

// StickerPack is a set of standard stickers.
type StickerPack = model.StickerPack

// StickerPacks lists the standard sticker packs.
func (c *Client) StickerPacks(ctx context.Context, opts ...RequestOption) ([]StickerPack, error) {
	var out struct {
		StickerPacks []StickerPack `json:"sticker_packs"`
	}
	err := c.call(ctx, rStickerPacks, nil, nil, nil, &out, opts)
	return out.StickerPacks, err
}

// StickerPack gets a standard sticker pack.
func (c *Client) StickerPack(ctx context.Context, id model.Snowflake, opts ...RequestOption) (*StickerPack, error) {
	return fetch[StickerPack](ctx, c, rStickerPack, path(id), nil, nil, opts)
}

// GuildStickers lists a guild's stickers.
func (c *Client) GuildStickers(ctx context.Context, guild model.GuildID, opts ...RequestOption) ([]model.Sticker, error) {
	return list[model.Sticker](ctx, c, rGuildStickers, path(guild), nil, nil, opts)
}

// GuildSticker gets a guild sticker.
func (c *Client) GuildSticker(ctx context.Context, guild model.GuildID, id model.StickerID, opts ...RequestOption) (*model.Sticker, error) {
	return fetch[model.Sticker](ctx, c, rGuildSticker, path(guild, id), nil, nil, opts)
}

// StickerCreate is a sticker to upload: a PNG, APNG, GIF or Lottie JSON
// file of at most 512 KiB. Tags is the related emoji's name.
type StickerCreate struct {
	Name        string
	Description string
	Tags        string
	File        File
}

func (s *StickerCreate) form() ([][2]string, string, File) {
	return [][2]string{{"name", s.Name}, {"description", s.Description}, {"tags", s.Tags}}, "file", s.File
}

func validateSticker(name, desc, tags string) error {
	if n := utf8Len(name); n < 2 || n > 30 {
		return &ValidationError{Field: "name", Reason: "not 2 to 30 characters"}
	}
	if n := utf8Len(desc); n != 0 && (n < 2 || n > 100) {
		return &ValidationError{Field: "description", Reason: "not empty or 2 to 100 characters"}
	}
	return tooLong("tags", tags, 200)
}

// CreateGuildSticker uploads a sticker to a guild.
func (c *Client) CreateGuildSticker(ctx context.Context, guild model.GuildID, s *StickerCreate, opts ...RequestOption) (*model.Sticker, error) {
	if err := validateSticker(s.Name, s.Description, s.Tags); err != nil {
		return nil, err
	}
	return fetch[model.Sticker](ctx, c, rCreateSticker, path(guild), nil, s, opts)
}

// StickerModify changes a sticker; nil fields stay.
type StickerModify struct {
	Name        *string `json:"name,omitempty"`
	Description *string `json:"description,omitempty"`
	Tags        *string `json:"tags,omitempty"`
}

// ModifyGuildSticker changes a guild sticker.
func (c *Client) ModifyGuildSticker(ctx context.Context, guild model.GuildID, id model.StickerID, s *StickerModify, opts ...RequestOption) (*model.Sticker, error) {
	return fetch[model.Sticker](ctx, c, rModifySticker, path(guild, id), nil, s, opts)
}

// DeleteGuildSticker deletes a guild sticker.
func (c *Client) DeleteGuildSticker(ctx context.Context, guild model.GuildID, id model.StickerID, opts ...RequestOption) error {
	return c.call(ctx, rDeleteSticker, path(guild, id), nil, nil, nil, opts)
}

// DefaultSounds lists the standard soundboard sounds.
func (c *Client) DefaultSounds(ctx context.Context, opts ...RequestOption) ([]model.SoundboardSound, error) {
	return list[model.SoundboardSound](ctx, c, rDefaultSounds, nil, nil, nil, opts)
}

// GuildSounds lists a guild's soundboard sounds.
func (c *Client) GuildSounds(ctx context.Context, guild model.GuildID, opts ...RequestOption) ([]model.SoundboardSound, error) {
	var out struct {
		Items []model.SoundboardSound `json:"items"`
	}
	err := c.call(ctx, rGuildSounds, path(guild), nil, nil, &out, opts)
	return out.Items, err
}

// GuildSound gets a guild's soundboard sound.
func (c *Client) GuildSound(ctx context.Context, guild model.GuildID, id model.SoundID, opts ...RequestOption) (*model.SoundboardSound, error) {
	return fetch[model.SoundboardSound](ctx, c, rGuildSound, path(guild, id), nil, nil, opts)
}

// SoundCreate is a new soundboard sound (Sound: an MP3 or OGG data URI)
// or the change of one (Sound unused).
type SoundCreate struct {
	Name      string        `json:"name,omitempty"`
	Sound     string        `json:"sound,omitempty"`
	Volume    *float64      `json:"volume,omitempty"`
	EmojiID   model.EmojiID `json:"emoji_id,omitzero"`
	EmojiName string        `json:"emoji_name,omitempty"`
}

// CreateGuildSound adds a soundboard sound to a guild.
func (c *Client) CreateGuildSound(ctx context.Context, guild model.GuildID, s *SoundCreate, opts ...RequestOption) (*model.SoundboardSound, error) {
	return fetch[model.SoundboardSound](ctx, c, rCreateSound, path(guild), nil, s, opts)
}

// ModifyGuildSound changes a soundboard sound.
func (c *Client) ModifyGuildSound(ctx context.Context, guild model.GuildID, id model.SoundID, s *SoundCreate, opts ...RequestOption) (*model.SoundboardSound, error) {
	return fetch[model.SoundboardSound](ctx, c, rModifySound, path(guild, id), nil, s, opts)
}

// DeleteGuildSound deletes a soundboard sound.
func (c *Client) DeleteGuildSound(ctx context.Context, guild model.GuildID, id model.SoundID, opts ...RequestOption) error {
	return c.call(ctx, rDeleteSound, path(guild, id), nil, nil, nil, opts)
}

var (
	rAutoModRules   = route("GET", "/guilds/{guild_id}/auto-moderation/rules")
	rAutoModRule    = route("GET", "/guilds/{guild_id}/auto-moderation/rules/{rule_id}")
	rCreateAutoMod  = route("POST", "/guilds/{guild_id}/auto-moderation/rules")
	rModifyAutoMod  = route("PATCH", "/guilds/{guild_id}/auto-moderation/rules/{rule_id}")
	rDeleteAutoMod  = route("DELETE", "/guilds/{guild_id}/auto-moderation/rules/{rule_id}")
	rEvents         = route("GET", "/guilds/{guild_id}/scheduled-events")
	rEvent          = route("GET", "/guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}")
	rCreateEvent    = route("POST", "/guilds/{guild_id}/scheduled-events")
	rModifyEvent    = route("PATCH", "/guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}")
	rDeleteEvent    = route("DELETE", "/guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}")
	rEventUsers     = route("GET", "/guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}/users")
	rTemplate       = route("GET", "/guilds/templates/{code}")
	rGuildTemplates = route("GET", "/guilds/{guild_id}/templates")
	rCreateTemplate = route("POST", "/guilds/{guild_id}/templates")
	rSyncTemplate   = route("PUT", "/guilds/{guild_id}/templates/{code}")
	rModifyTemplate = route("PATCH", "/guilds/{guild_id}/templates/{code}")
	rDeleteTemplate = route("DELETE", "/guilds/{guild_id}/templates/{code}")
)

// AutoModRuleCreate is a new auto moderation rule or the change of one.
// TriggerMetadata and Actions are the JSON objects Discord documents.
type AutoModRuleCreate struct {
	Name            string            `json:"name,omitempty"`
	EventType       int               `json:"event_type,omitempty"`
	TriggerType     int               `json:"trigger_type,omitempty"` // creation only
	TriggerMetadata json.RawMessage   `json:"trigger_metadata,omitempty"`
	Actions         json.RawMessage   `json:"actions,omitempty"`
	Enabled         *bool             `json:"enabled,omitempty"`
	ExemptRoles     []model.RoleID    `json:"exempt_roles,omitempty"`
	ExemptChannels  []model.ChannelID `json:"exempt_channels,omitempty"`
}

// AutoModRules lists a guild's auto moderation rules.
func (c *Client) AutoModRules(ctx context.Context, guild model.GuildID, opts ...RequestOption) ([]model.AutoModerationRule, error) {
	return list[model.AutoModerationRule](ctx, c, rAutoModRules, path(guild), nil, nil, opts)
}

// AutoModRule gets an auto moderation rule.
func (c *Client) AutoModRule(ctx context.Context, guild model.GuildID, id model.AutoModerationRuleID, opts ...RequestOption) (*model.AutoModerationRule, error) {
	return fetch[model.AutoModerationRule](ctx, c, rAutoModRule, path(guild, id), nil, nil, opts)
}

// CreateAutoModRule creates an auto moderation rule.
func (c *Client) CreateAutoModRule(ctx context.Context, guild model.GuildID, r *AutoModRuleCreate, opts ...RequestOption) (*model.AutoModerationRule, error) {
	return fetch[model.AutoModerationRule](ctx, c, rCreateAutoMod, path(guild), nil, r, opts)
}

// ModifyAutoModRule changes an auto moderation rule.
func (c *Client) ModifyAutoModRule(ctx context.Context, guild model.GuildID, id model.AutoModerationRuleID, r *AutoModRuleCreate, opts ...RequestOption) (*model.AutoModerationRule, error) {
	return fetch[model.AutoModerationRule](ctx, c, rModifyAutoMod, path(guild, id), nil, r, opts)
}

// DeleteAutoModRule deletes an auto moderation rule.
func (c *Client) DeleteAutoModRule(ctx context.Context, guild model.GuildID, id model.AutoModerationRuleID, opts ...RequestOption) error {
	return c.call(ctx, rDeleteAutoMod, path(guild, id), nil, nil, nil, opts)
}

// EventCreate is a new scheduled event or the change of one.
type EventCreate struct {
	ChannelID      *model.ChannelID `json:"channel_id,omitempty"`
	EntityMetadata *struct {
		Location string `json:"location,omitempty"`
	} `json:"entity_metadata,omitempty"`
	Name               string           `json:"name,omitempty"`
	PrivacyLevel       int              `json:"privacy_level,omitempty"`
	ScheduledStartTime *model.Timestamp `json:"scheduled_start_time,omitempty"`
	ScheduledEndTime   *model.Timestamp `json:"scheduled_end_time,omitempty"`
	Description        *string          `json:"description,omitempty"`
	EntityType         int              `json:"entity_type,omitempty"`
	Status             int              `json:"status,omitempty"` // modify only
	Image              *string          `json:"image,omitempty"`
	RecurrenceRule     json.RawMessage  `json:"recurrence_rule,omitempty"`
}

// ScheduledEvents lists a guild's scheduled events, with user counts.
func (c *Client) ScheduledEvents(ctx context.Context, guild model.GuildID, opts ...RequestOption) ([]model.ScheduledEvent, error) {
	q := url.Values{"with_user_count": {"true"}}
	return list[model.ScheduledEvent](ctx, c, rEvents, path(guild), q, nil, opts)
}

// ScheduledEvent gets a scheduled event, with its user count.
func (c *Client) ScheduledEvent(ctx context.Context, guild model.GuildID, id model.GuildScheduledEventID, opts ...RequestOption) (*model.ScheduledEvent, error) {
	q := url.Values{"with_user_count": {"true"}}
	return fetch[model.ScheduledEvent](ctx, c, rEvent, path(guild, id), q, nil, opts)
}

// CreateScheduledEvent creates a scheduled event.
func (c *Client) CreateScheduledEvent(ctx context.Context, guild model.GuildID, e *EventCreate, opts ...RequestOption) (*model.ScheduledEvent, error) {
	if err := tooLong("name", e.Name, 100); err != nil {
		return nil, err
	}
	return fetch[model.ScheduledEvent](ctx, c, rCreateEvent, path(guild), nil, e, opts)
}

// ModifyScheduledEvent changes a scheduled event, or starts, ends or
// cancels it through Status.
func (c *Client) ModifyScheduledEvent(ctx context.Context, guild model.GuildID, id model.GuildScheduledEventID, e *EventCreate, opts ...RequestOption) (*model.ScheduledEvent, error) {
	if err := tooLong("name", e.Name, 100); err != nil {
		return nil, err
	}
	return fetch[model.ScheduledEvent](ctx, c, rModifyEvent, path(guild, id), nil, e, opts)
}

// DeleteScheduledEvent deletes a scheduled event.
func (c *Client) DeleteScheduledEvent(ctx context.Context, guild model.GuildID, id model.GuildScheduledEventID, opts ...RequestOption) error {
	return c.call(ctx, rDeleteEvent, path(guild, id), nil, nil, nil, opts)
}

// EventUser is a user interested in a scheduled event.
type EventUser = model.ScheduledEventUser

// ScheduledEventUsers pages through the users interested in an event
// (with their members): after a user ID, limit 1..100 (zero: 100).
func (c *Client) ScheduledEventUsers(ctx context.Context, guild model.GuildID, id model.GuildScheduledEventID, after model.UserID, limit int, opts ...RequestOption) ([]EventUser, error) {
	q := query{"with_member": {"true"}}.set("after", after).set("limit", limit)
	return list[EventUser](ctx, c, rEventUsers, path(guild, id), url.Values(q), nil, opts)
}

// Template gets a guild template by its code.
func (c *Client) Template(ctx context.Context, code string, opts ...RequestOption) (*Template, error) {
	return fetch[Template](ctx, c, rTemplate, path(code), nil, nil, opts)
}

// GuildTemplates lists a guild's templates.
func (c *Client) GuildTemplates(ctx context.Context, guild model.GuildID, opts ...RequestOption) ([]Template, error) {
	return list[Template](ctx, c, rGuildTemplates, path(guild), nil, nil, opts)
}

// TemplateCreate names a template.
type TemplateCreate struct {
	Name        string  `json:"name,omitempty"`
	Description *string `json:"description,omitempty"`
}

func (t *TemplateCreate) validate() error {
	if err := tooLong("name", t.Name, 100); err != nil {
		return err
	}
	if t.Description != nil {
		return tooLong("description", *t.Description, 120)
	}
	return nil
}

// CreateTemplate snapshots a guild into a template.
func (c *Client) CreateTemplate(ctx context.Context, guild model.GuildID, t *TemplateCreate, opts ...RequestOption) (*Template, error) {
	if err := t.validate(); err != nil {
		return nil, err
	}
	return fetch[Template](ctx, c, rCreateTemplate, path(guild), nil, t, opts)
}

// SyncTemplate updates a template to the guild's current state.
func (c *Client) SyncTemplate(ctx context.Context, guild model.GuildID, code string, opts ...RequestOption) (*Template, error) {
	return fetch[Template](ctx, c, rSyncTemplate, path(guild, code), nil, nil, opts)
}

// ModifyTemplate renames a template.
func (c *Client) ModifyTemplate(ctx context.Context, guild model.GuildID, code string, t *TemplateCreate, opts ...RequestOption) (*Template, error) {
	if err := t.validate(); err != nil {
		return nil, err
	}
	return fetch[Template](ctx, c, rModifyTemplate, path(guild, code), nil, t, opts)
}

// DeleteTemplate deletes a template.
func (c *Client) DeleteTemplate(ctx context.Context, guild model.GuildID, code string, opts ...RequestOption) (*Template, error) {
	return fetch[Template](ctx, c, rDeleteTemplate, path(guild, code), nil, nil, opts)
}
