package rest

import (
	"context"

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

// EmojiCreate is a new emoji: Image is a data URI of at most 256 KiB;
// Roles (guild emoji only) limits who may use it.
type EmojiCreate struct {
	Name  string         `json:"name"`
	Image string         `json:"image"`
	Roles []model.RoleID `json:"roles,omitempty"`
}

// EmojiModify changes an emoji; fields left out stay as they are, and a
// Null Roles (guild emoji only) lets everyone use it.
type EmojiModify struct {
	Name  *string                  `json:"name,omitempty"`
	Roles Nullable[[]model.RoleID] `json:"roles,omitzero"`
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
func (c *Client) ModifyGuildEmoji(ctx context.Context, guild model.GuildID, id model.EmojiID, e *EmojiModify, opts ...RequestOption) (*model.Emoji, error) {
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

// ModifyAppEmoji renames an application emoji (Roles does not apply).
func (c *Client) ModifyAppEmoji(ctx context.Context, app model.ApplicationID, id model.EmojiID, e *EmojiModify, opts ...RequestOption) (*model.Emoji, error) {
	if !e.Roles.IsZero() {
		return nil, &ValidationError{Field: "roles", Reason: "application emoji have no roles"}
	}
	return fetch[model.Emoji](ctx, c, rModifyAppEmoji, path(app, id), nil, e, opts)
}

// DeleteAppEmoji deletes an application emoji.
func (c *Client) DeleteAppEmoji(ctx context.Context, app model.ApplicationID, id model.EmojiID, opts ...RequestOption) error {
	return c.call(ctx, rDeleteAppEmoji, path(app, id), nil, nil, nil, opts)
}

// Sticker gets any sticker.
func (c *Client) Sticker(ctx context.Context, id model.StickerID, opts ...RequestOption) (*model.Sticker, error) {
	return fetch[model.Sticker](ctx, c, rSticker, path(id), nil, nil, opts)
}

// StickerPacks lists the standard sticker packs.
func (c *Client) StickerPacks(ctx context.Context, opts ...RequestOption) ([]model.StickerPack, error) {
	var out struct {
		StickerPacks []model.StickerPack `json:"sticker_packs"`
	}
	err := c.call(ctx, rStickerPacks, nil, nil, nil, &out, opts)
	return out.StickerPacks, err
}

// StickerPack gets a standard sticker pack.
func (c *Client) StickerPack(ctx context.Context, id model.Snowflake, opts ...RequestOption) (*model.StickerPack, error) {
	return fetch[model.StickerPack](ctx, c, rStickerPack, path(id), nil, nil, opts)
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

// StickerModify changes a sticker; fields left out stay as they are, and
// a Null Description removes the description.
type StickerModify struct {
	Name        *string          `json:"name,omitempty"`
	Description Nullable[string] `json:"description,omitzero"`
	Tags        *string          `json:"tags,omitempty"`
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

// SoundCreate is a new soundboard sound: Sound is an MP3 or OGG data
// URI, Volume 0..1 (nil: 1).
type SoundCreate struct {
	Name      string        `json:"name"`
	Sound     string        `json:"sound"`
	Volume    *float64      `json:"volume,omitempty"`
	EmojiID   model.EmojiID `json:"emoji_id,omitzero"`
	EmojiName string        `json:"emoji_name,omitempty"`
}

// SoundModify changes a soundboard sound; fields left out stay as they
// are, and Null resets the volume or removes the emoji.
type SoundModify struct {
	Name      *string                 `json:"name,omitempty"`
	Volume    Nullable[float64]       `json:"volume,omitzero"`
	EmojiID   Nullable[model.EmojiID] `json:"emoji_id,omitzero"`
	EmojiName Nullable[string]        `json:"emoji_name,omitzero"`
}

// CreateGuildSound adds a soundboard sound to a guild.
func (c *Client) CreateGuildSound(ctx context.Context, guild model.GuildID, s *SoundCreate, opts ...RequestOption) (*model.SoundboardSound, error) {
	return fetch[model.SoundboardSound](ctx, c, rCreateSound, path(guild), nil, s, opts)
}

// ModifyGuildSound changes a soundboard sound.
func (c *Client) ModifyGuildSound(ctx context.Context, guild model.GuildID, id model.SoundID, s *SoundModify, opts ...RequestOption) (*model.SoundboardSound, error) {
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
	rTemplate       = route("GET", "/guilds/templates/{code}")
	rGuildTemplates = route("GET", "/guilds/{guild_id}/templates")
	rCreateTemplate = route("POST", "/guilds/{guild_id}/templates")
	rSyncTemplate   = route("PUT", "/guilds/{guild_id}/templates/{code}")
	rModifyTemplate = route("PATCH", "/guilds/{guild_id}/templates/{code}")
	rDeleteTemplate = route("DELETE", "/guilds/{guild_id}/templates/{code}")
)

// AutoModRuleCreate is a new auto moderation rule.
type AutoModRuleCreate struct {
	Name            string                        `json:"name"`
	EventType       model.AutoModEventType        `json:"event_type"`
	TriggerType     model.AutoModTriggerType      `json:"trigger_type"`
	TriggerMetadata *model.AutoModTriggerMetadata `json:"trigger_metadata,omitempty"`
	Actions         []model.AutoModAction         `json:"actions"`
	Enabled         bool                          `json:"enabled,omitempty"`
	ExemptRoles     []model.RoleID                `json:"exempt_roles,omitempty"`    // at most 20
	ExemptChannels  []model.ChannelID             `json:"exempt_channels,omitempty"` // at most 50
}

// AutoModRuleModify changes an auto moderation rule; nil fields stay as
// they are. The trigger type cannot change.
type AutoModRuleModify struct {
	Name            *string                       `json:"name,omitempty"`
	EventType       *model.AutoModEventType       `json:"event_type,omitempty"`
	TriggerMetadata *model.AutoModTriggerMetadata `json:"trigger_metadata,omitempty"`
	Actions         *[]model.AutoModAction        `json:"actions,omitempty"`
	Enabled         *bool                         `json:"enabled,omitempty"`
	ExemptRoles     *[]model.RoleID               `json:"exempt_roles,omitempty"`
	ExemptChannels  *[]model.ChannelID            `json:"exempt_channels,omitempty"`
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
	if r.Name == "" {
		return nil, &ValidationError{Field: "name", Reason: "empty"}
	}
	if err := tooMany("exempt_roles", len(r.ExemptRoles), 20); err != nil {
		return nil, err
	}
	if err := tooMany("exempt_channels", len(r.ExemptChannels), 50); err != nil {
		return nil, err
	}
	return fetch[model.AutoModerationRule](ctx, c, rCreateAutoMod, path(guild), nil, r, opts)
}

// ModifyAutoModRule changes an auto moderation rule.
func (c *Client) ModifyAutoModRule(ctx context.Context, guild model.GuildID, id model.AutoModerationRuleID, r *AutoModRuleModify, opts ...RequestOption) (*model.AutoModerationRule, error) {
	return fetch[model.AutoModerationRule](ctx, c, rModifyAutoMod, path(guild, id), nil, r, opts)
}

// DeleteAutoModRule deletes an auto moderation rule.
func (c *Client) DeleteAutoModRule(ctx context.Context, guild model.GuildID, id model.AutoModerationRuleID, opts ...RequestOption) error {
	return c.call(ctx, rDeleteAutoMod, path(guild, id), nil, nil, nil, opts)
}

// Template gets a guild template by its code.
func (c *Client) Template(ctx context.Context, code string, opts ...RequestOption) (*model.GuildTemplate, error) {
	return fetch[model.GuildTemplate](ctx, c, rTemplate, path(code), nil, nil, opts)
}

// GuildTemplates lists a guild's templates.
func (c *Client) GuildTemplates(ctx context.Context, guild model.GuildID, opts ...RequestOption) ([]model.GuildTemplate, error) {
	return list[model.GuildTemplate](ctx, c, rGuildTemplates, path(guild), nil, nil, opts)
}

// TemplateCreate names a new template.
type TemplateCreate struct {
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
}

func (t *TemplateCreate) validate() error {
	if t.Name == "" {
		return &ValidationError{Field: "name", Reason: "empty"}
	}
	if err := tooLong("name", t.Name, 100); err != nil {
		return err
	}
	return tooLong("description", t.Description, 120)
}

// CreateTemplate snapshots a guild into a template.
func (c *Client) CreateTemplate(ctx context.Context, guild model.GuildID, t *TemplateCreate, opts ...RequestOption) (*model.GuildTemplate, error) {
	if err := t.validate(); err != nil {
		return nil, err
	}
	return fetch[model.GuildTemplate](ctx, c, rCreateTemplate, path(guild), nil, t, opts)
}

// SyncTemplate updates a template to the guild's current state.
func (c *Client) SyncTemplate(ctx context.Context, guild model.GuildID, code string, opts ...RequestOption) (*model.GuildTemplate, error) {
	return fetch[model.GuildTemplate](ctx, c, rSyncTemplate, path(guild, code), nil, nil, opts)
}

// TemplateModify changes a template; fields left out stay as they are,
// and a Null Description removes the description.
type TemplateModify struct {
	Name        *string          `json:"name,omitempty"`
	Description Nullable[string] `json:"description,omitzero"`
}

// ModifyTemplate renames a template or changes its description.
func (c *Client) ModifyTemplate(ctx context.Context, guild model.GuildID, code string, t *TemplateModify, opts ...RequestOption) (*model.GuildTemplate, error) {
	if t.Name != nil {
		if err := tooLong("name", *t.Name, 100); err != nil {
			return nil, err
		}
	}
	if d, ok := t.Description.Get(); ok {
		if err := tooLong("description", d, 120); err != nil {
			return nil, err
		}
	}
	return fetch[model.GuildTemplate](ctx, c, rModifyTemplate, path(guild, code), nil, t, opts)
}

// DeleteTemplate deletes a template.
func (c *Client) DeleteTemplate(ctx context.Context, guild model.GuildID, code string, opts ...RequestOption) (*model.GuildTemplate, error) {
	return fetch[model.GuildTemplate](ctx, c, rDeleteTemplate, path(guild, code), nil, nil, opts)
}
