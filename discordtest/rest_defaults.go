package discordtest

import (
	"maps"
	"net/http"
	"strconv"

	"github.com/gloamdev/gloam/model"
)

// What every Discord has, whatever the guild: the standard sticker packs
// and the default soundboard sounds. Their IDs are made once per server,
// on first use, so that a sticker of a pack is the same object whether it
// is read from the pack list, its pack or GET /stickers/{id}.

const stickerPacksKind = "sticker_packs"

// defaultSounds are Discord's default soundboard sounds, with their IDs.
var defaultSounds = []struct {
	id          int
	name, emoji string
	volume      float64
}{
	{1, "quack", "🦆", 1}, {2, "airhorn", "🔊", 1}, {3, "cricket", "🦗", 1},
	{4, "golf clap", "⛳", 1}, {5, "sad horn", "🎺", 1}, {6, "ba dum tss", "🥁", 1},
}

func defaultSoundsJSON() []map[string]any {
	out := make([]map[string]any, 0, len(defaultSounds))
	for _, s := range defaultSounds {
		out = append(out, map[string]any{"sound_id": strconv.Itoa(s.id), "name": s.name, "volume": s.volume,
			"emoji_id": nil, "emoji_name": s.emoji, "available": true})
	}
	return out
}

// stickerPacksLocked returns the standard packs, making them on first
// use; the caller holds d.mu.
func (c *restCall) stickerPacksLocked() []map[string]any {
	d := c.rs.data
	if packs := d.objects[stickerPacksKind][""]; len(packs) > 0 {
		return packs
	}
	w := c.s.World()
	for _, p := range []struct {
		name, description string
		stickers          []string
	}{
		{"Wumpus Beyond", "Wumpus explores the stars.", []string{"Wave", "Snack", "Nap"}},
		{"Doggos", "Good dogs, all of them.", []string{"Hello", "Zoom", "Sleepy", "Bark"}},
	} {
		pack := w.NewID().String()
		var stickers []any
		for i, name := range p.stickers {
			stickers = append(stickers, map[string]any{"id": w.NewID().String(), "pack_id": pack, "name": name,
				"description": p.name + ": " + name, "tags": name, "type": 1, "format_type": 3, "available": true, "sort_value": i})
		}
		first := stickers[0].(map[string]any)["id"]
		d.storeAdd(stickerPacksKind, "", map[string]any{"id": pack, "name": p.name, "description": p.description,
			"sku_id": w.NewID().String(), "cover_sticker_id": first, "banner_asset_id": w.NewID().String(), "stickers": stickers})
	}
	return d.objects[stickerPacksKind][""]
}

// standardSticker finds a sticker of the standard packs; the caller holds
// d.mu.
func (c *restCall) standardSticker(id string) map[string]any {
	for _, p := range c.stickerPacksLocked() {
		for _, s := range p["stickers"].([]any) {
			if s := s.(map[string]any); s["id"] == id {
				return maps.Clone(s)
			}
		}
	}
	return nil
}

func defaultsRoutes(m map[string]func(*restCall)) {
	m["GET /sticker-packs"] = func(c *restCall) {
		d := c.rs.data
		d.mu.Lock()
		out := cloneObjs(c.stickerPacksLocked())
		d.mu.Unlock()
		c.json(http.StatusOK, map[string]any{"sticker_packs": out})
	}
	m["GET /sticker-packs/{pack_id}"] = func(c *restCall) {
		d := c.rs.data
		d.mu.Lock()
		c.stickerPacksLocked() // made on first use
		d.mu.Unlock()
		c.answerObject(d.storeGet(stickerPacksKind, "", "id", c.param("pack_id")), errUnknown(10061, "Sticker Pack"))
	}
	m["GET /soundboard-default-sounds"] = func(c *restCall) { c.json(http.StatusOK, defaultSoundsJSON()) }
	m["POST /channels/{channel_id}/send-soundboard-sound"] = (*restCall).sendSoundboardSound
}

// sendSoundboardSound plays a sound in the voice channel the bot is in: a
// default sound, one of the channel's guild, or one of source_guild_id
// (which the bot must be in), and dispatches VOICE_CHANNEL_EFFECT_SEND.
func (c *restCall) sendSoundboardSound() {
	ch, ok := c.s.World().Channel(model.ChannelID(c.id("channel_id")))
	if !ok || ch.GuildID == 0 {
		c.fail(errUnknownChannel)
		return
	}
	var p struct {
		SoundID       model.SoundID `json:"sound_id"`
		SourceGuildID model.GuildID `json:"source_guild_id"`
	}
	if !c.body(&p) {
		return
	}
	if p.SoundID == 0 {
		c.fail(formError("sound_id", "BASE_TYPE_REQUIRED", "This field is required"))
		return
	}
	if !c.can(ch.GuildID, ch.ID, model.PermissionSpeak|model.PermissionUseSoundboard) {
		return
	}
	me := c.botID()
	d := c.rs.data
	d.mu.Lock()
	vs, in := d.voice[ch.GuildID][me]
	from := ch.GuildID
	if p.SourceGuildID != 0 {
		from = p.SourceGuildID
	}
	var sound map[string]any
	if s, _ := d.storeFind(soundboard.name, from.String(), "sound_id", p.SoundID.String()); s != nil {
		sound = maps.Clone(s)
	}
	d.mu.Unlock()
	if sound == nil && p.SourceGuildID == 0 {
		for _, s := range defaultSoundsJSON() {
			if s["sound_id"] == p.SoundID.String() {
				sound = s
			}
		}
	}
	switch {
	case !in || vs.ChannelID != ch.ID:
		c.fail(errNotInVoice)
		return
	case p.SourceGuildID != 0 && !isMember(c.s.World(), p.SourceGuildID, me):
		c.fail(errUnknownGuild)
		return
	case sound == nil:
		c.fail(soundboard.unknown)
		return
	}
	ev := map[string]any{"channel_id": ch.ID, "guild_id": ch.GuildID, "user_id": me, "animation_type": 0,
		"animation_id": 0, "sound_id": p.SoundID, "sound_volume": sound["volume"]}
	if e, _ := sound["emoji_name"].(string); e != "" {
		ev["emoji"] = map[string]any{"id": sound["emoji_id"], "name": e}
	}
	c.rs.dispatch(ch.GuildID, "VOICE_CHANNEL_EFFECT_SEND", ev)
	c.noContent()
}

func isMember(w *World, g model.GuildID, u model.UserID) bool {
	_, ok := w.Member(g, u)
	return ok
}
