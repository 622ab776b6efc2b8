//go:build !js

package dashboard

import (
	"strconv"

	"github.com/gloamdev/gloam/cache"
	"github.com/gloamdev/gloam/model"
)

// Synthetic dispatch types of the feed. gloam hands unknown types to
// handlers as raw events, so a browser's cache ignores them.
const (
	// TypeHealth carries one shard's health: core.ShardHealth in its JSON
	// form, with the run's shard_count.
	TypeHealth = "GLOAM_HEALTH"
	// TypeSnapshotEnd follows the snapshot: the live dispatches come next.
	TypeSnapshotEnd = "GLOAM_SNAPSHOT_END"
	// TypeStats carries the bot's figures (core.Bot.Stats, the ones
	// /metrics exports) summed over its shards: events by type, the
	// listeners' time, events waiting, latency, connections and
	// reconnects by reason, close codes, REST requests and 429s, cache
	// entries and bytes. It follows the shards' health.
	TypeStats = "GLOAM_STATS"
)

// envelope starts a feed message: a dispatch of type t from shard, with
// no sequence number, whose d follows.
func envelope(b []byte, shard int, t string) []byte {
	b = append(b, `{"shard":`...)
	b = strconv.AppendInt(b, int64(shard), 10)
	b = append(b, `,"op":0,"s":null,"t":"`...)
	b = append(b, t...)
	return append(b, `","d":`...)
}

// shardOf is the shard that receives a guild's events.
func shardOf(g model.GuildID, count int, shards []int) int {
	if count > 0 {
		return model.ShardOf(g, count)
	}
	if len(shards) > 0 {
		return shards[0]
	}
	return 0
}

// snapshot hands emit what c holds as the dispatches a new session would
// get: a READY per shard (the current user and the shard's guilds), then a
// GUILD_CREATE per guild with its roles, channels, threads, members and
// their users, presences, voice states, emojis and stickers, followed by
// a GUILD_DELETE marking it unavailable when it is. Messages are not
// sent. emit must not keep the payload: its buffer is reused.
func snapshot(c *cache.Cache, count int, shards []int, emit func(shard int, payload []byte) error) error {
	byShard := map[int][]model.GuildID{}
	for _, s := range shards {
		byShard[s] = nil
	}
	var guilds []model.GuildID
	for g := range c.Guilds() {
		s := shardOf(g.ID, count, shards)
		byShard[s] = append(byShard[s], g.ID)
		guilds = append(guilds, g.ID)
	}
	if len(byShard) == 0 {
		byShard[0] = nil
	}
	me, haveMe := c.CurrentUser()
	var buf []byte
	for s, ids := range sortedShards(byShard) {
		buf = envelope(buf[:0], s, "READY")
		o := obj{b: append(buf, '{'), empty: true}
		o.int("v", 10)
		if haveMe {
			o.open("user")
			user(&o, &me)
			o.close()
		}
		o.key("guilds")
		o.b = append(o.b, '[')
		for i, id := range ids {
			if i > 0 {
				o.b = append(o.b, ',')
			}
			o.b = append(o.b, `{"id":"`...)
			o.b = strconv.AppendUint(o.b, uint64(id), 10)
			o.b = append(o.b, `","unavailable":true}`...)
		}
		o.b = append(o.b, ']')
		o.key("shard")
		o.b = append(o.b, '[')
		o.b = strconv.AppendInt(o.b, int64(s), 10)
		o.b = append(o.b, ',')
		o.b = strconv.AppendInt(o.b, int64(max(count, 1)), 10)
		o.b = append(o.b, ']', '}', '}')
		buf = o.b
		if err := emit(s, buf); err != nil {
			return err
		}
	}
	for _, id := range guilds {
		g, ok := c.Guild(id)
		if !ok {
			continue // gone meanwhile
		}
		s := shardOf(id, count, shards)
		buf = guildCreate(envelope(buf[:0], s, "GUILD_CREATE"), c, &g)
		if err := emit(s, buf); err != nil {
			return err
		}
		if g.Unavailable {
			buf = envelope(buf[:0], s, "GUILD_DELETE")
			buf = append(buf, `{"id":"`...)
			buf = strconv.AppendUint(buf, uint64(id), 10)
			buf = append(buf, `","unavailable":true}}`...)
			if err := emit(s, buf); err != nil {
				return err
			}
		}
	}
	return nil
}

// sortedShards iterates over m by shard id.
func sortedShards(m map[int][]model.GuildID) func(func(int, []model.GuildID) bool) {
	return func(yield func(int, []model.GuildID) bool) {
		keys := make([]int, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		for i := 1; i < len(keys); i++ {
			for j := i; j > 0 && keys[j] < keys[j-1]; j-- {
				keys[j], keys[j-1] = keys[j-1], keys[j]
			}
		}
		for _, k := range keys {
			if !yield(k, m[k]) {
				return
			}
		}
	}
}

// guildCreate appends d of a GUILD_CREATE for g, and the closing brace
// of the message.
func guildCreate(b []byte, c *cache.Cache, g *cache.Guild) []byte {
	o := obj{b: append(b, '{'), empty: true}
	o.id("id", uint64(g.ID))
	o.str("name", g.Name)
	o.hash("icon", g.Icon)
	o.hash("splash", g.Splash)
	o.hash("discovery_splash", g.DiscoverySplash)
	o.hash("banner", g.Banner)
	o.id("owner_id", uint64(g.OwnerID))
	o.id("application_id", uint64(g.ApplicationID))
	o.id("afk_channel_id", uint64(g.AFKChannelID))
	o.int("afk_timeout", int64(g.AFKTimeout))
	o.bool("widget_enabled", g.WidgetEnabled)
	o.id("widget_channel_id", uint64(g.WidgetChannelID))
	o.id("system_channel_id", uint64(g.SystemChannelID))
	o.int("system_channel_flags", int64(g.SystemChannelFlags))
	o.id("rules_channel_id", uint64(g.RulesChannelID))
	o.id("public_updates_channel_id", uint64(g.PublicUpdatesChannelID))
	o.id("safety_alerts_channel_id", uint64(g.SafetyAlertsChannelID))
	o.int("verification_level", int64(g.VerificationLevel))
	o.int("default_message_notifications", int64(g.DefaultMessageNotifications))
	o.int("explicit_content_filter", int64(g.ExplicitContentFilter))
	o.int("mfa_level", int64(g.MFALevel))
	o.int("nsfw_level", int64(g.NSFWLevel))
	o.int("premium_tier", int64(g.PremiumTier))
	o.int("premium_subscription_count", int64(g.PremiumSubscriptionCount))
	o.bool("premium_progress_bar_enabled", g.PremiumProgressBarEnabled)
	if len(g.Features) > 0 {
		o.key("features")
		o.b = append(o.b, '[')
		for i, f := range g.Features {
			if i > 0 {
				o.b = append(o.b, ',')
			}
			o.b = appendString(o.b, f)
		}
		o.b = append(o.b, ']')
	}
	o.str("preferred_locale", g.PreferredLocale)
	o.str("description", g.Description)
	o.str("vanity_url_code", g.VanityURLCode)
	o.int("max_members", int64(g.MaxMembers))
	o.int("member_count", int64(g.MemberCount))
	o.bool("large", g.Large)
	o.time("joined_at", g.JoinedAt)

	list := func(k string, each func(yield func() bool)) {
		o.key(k)
		o.b = append(o.b, '[')
		first := true
		each(func() bool {
			if !first {
				o.b = append(o.b, ',')
			}
			first = false
			o.b = append(o.b, '{')
			o.empty = true
			return true
		})
		o.b = append(o.b, ']')
		o.empty = false
	}
	list("roles", func(next func() bool) {
		for r := range c.Roles(g.ID) {
			next()
			role(&o, &r)
			o.close()
		}
	})
	list("channels", func(next func() bool) {
		for ch := range c.Channels(g.ID) {
			next()
			channel(&o, &ch)
			o.close()
		}
	})
	list("threads", func(next func() bool) {
		for ch := range c.Threads(g.ID) {
			next()
			channel(&o, &ch)
			o.close()
		}
	})
	list("members", func(next func() bool) {
		for m, u := range c.MemberUsers(g.ID) {
			next()
			member(&o, &m, &u)
			o.close()
		}
	})
	list("presences", func(next func() bool) {
		for p := range c.Presences(g.ID) {
			next()
			presence(&o, &p)
			o.close()
		}
	})
	list("voice_states", func(next func() bool) {
		for v := range c.VoiceStates(g.ID) {
			next()
			voiceState(&o, &v)
			o.close()
		}
	})
	list("emojis", func(next func() bool) {
		for e := range c.Emojis(g.ID) {
			next()
			emoji(&o, &e)
			o.close()
		}
	})
	list("stickers", func(next func() bool) {
		for s := range c.Stickers(g.ID) {
			next()
			sticker(&o, &s)
			o.close()
		}
	})
	return append(o.b, '}', '}')
}

func user(o *obj, u *cache.User) {
	o.id("id", uint64(u.ID))
	o.str("username", u.Username)
	o.str("global_name", u.GlobalName)
	if u.Discriminator != 0 {
		o.key("discriminator")
		d := strconv.Itoa(int(u.Discriminator))
		o.b = append(o.b, '"')
		for i := len(d); i < 4; i++ {
			o.b = append(o.b, '0')
		}
		o.b = append(o.b, d...)
		o.b = append(o.b, '"')
	}
	o.hash("avatar", u.Avatar)
	o.bool("bot", u.Bot)
	o.bool("system", u.System)
	o.int("public_flags", int64(u.PublicFlags))
}

func member(o *obj, m *cache.Member, u *cache.User) {
	o.open("user")
	user(o, u)
	o.close()
	o.str("nick", m.Nick)
	o.hash("avatar", m.Avatar)
	o.hash("banner", m.Banner)
	o.ids("roles", len(m.Roles), func(i int) uint64 { return uint64(m.Roles[i]) })
	o.time("joined_at", m.JoinedAt)
	o.time("premium_since", m.PremiumSince)
	o.time("communication_disabled_until", m.CommunicationDisabledUntil)
	o.int("flags", int64(m.Flags))
	o.bool("deaf", m.Deaf)
	o.bool("mute", m.Mute)
	o.bool("pending", m.Pending)
}

func role(o *obj, r *cache.Role) {
	o.id("id", uint64(r.ID))
	o.str("name", r.Name)
	o.int("color", int64(r.Color))
	o.bool("hoist", r.Hoist)
	o.hash("icon", r.Icon)
	o.str("unicode_emoji", r.UnicodeEmoji)
	o.int("position", int64(r.Position))
	o.id("permissions", uint64(r.Permissions))
	if r.Permissions == 0 {
		o.str("permissions", "0")
	}
	o.bool("managed", r.Managed)
	o.bool("mentionable", r.Mentionable)
	o.int("flags", int64(r.Flags))
	if r.BotID != 0 || r.IntegrationID != 0 || r.PremiumSubscriber {
		o.open("tags")
		o.id("bot_id", uint64(r.BotID))
		o.id("integration_id", uint64(r.IntegrationID))
		if r.PremiumSubscriber {
			o.key("premium_subscriber")
			o.b = append(o.b, "null"...)
		}
		o.close()
	}
}

func channel(o *obj, c *cache.Channel) {
	o.id("id", uint64(c.ID))
	o.id("guild_id", uint64(c.GuildID))
	o.key("type")
	o.b = strconv.AppendInt(o.b, int64(c.Type), 10)
	o.str("name", c.Name)
	o.str("topic", c.Topic)
	o.int("position", int64(c.Position))
	o.id("parent_id", uint64(c.ParentID))
	o.bool("nsfw", c.NSFW)
	o.int("rate_limit_per_user", int64(c.RateLimitPerUser))
	o.int("bitrate", int64(c.Bitrate))
	o.int("user_limit", int64(c.UserLimit))
	o.str("rtc_region", c.RTCRegion)
	o.int("flags", int64(c.Flags))
	o.id("last_message_id", uint64(c.LastMessageID))
	o.time("last_pin_timestamp", c.LastPinTimestamp)
	if len(c.PermissionOverwrites) > 0 {
		o.key("permission_overwrites")
		o.b = append(o.b, '[')
		for i, ow := range c.PermissionOverwrites {
			if i > 0 {
				o.b = append(o.b, ',')
			}
			o.b = append(o.b, '{')
			o.empty = true
			o.id("id", uint64(ow.ID))
			o.key("type")
			o.b = strconv.AppendInt(o.b, int64(ow.Type), 10)
			o.key("allow")
			o.b = append(o.b, '"')
			o.b = strconv.AppendUint(o.b, uint64(ow.Allow), 10)
			o.b = append(o.b, '"')
			o.key("deny")
			o.b = append(o.b, '"')
			o.b = strconv.AppendUint(o.b, uint64(ow.Deny), 10)
			o.b = append(o.b, '"')
			o.close()
		}
		o.b = append(o.b, ']')
	}
	if !c.Type.IsThread() {
		return
	}
	o.id("owner_id", uint64(c.OwnerID))
	o.int("message_count", int64(c.MessageCount))
	o.int("member_count", int64(c.MemberCount))
	o.int("total_message_sent", int64(c.TotalMessageSent))
	o.ids("applied_tags", len(c.AppliedTags), func(i int) uint64 { return c.AppliedTags[i] })
	o.open("thread_metadata")
	o.bool("archived", c.Archived)
	o.bool("locked", c.Locked)
	o.bool("invitable", c.Invitable)
	o.int("auto_archive_duration", int64(c.AutoArchiveDuration))
	o.time("archive_timestamp", c.ArchiveTimestamp)
	o.time("create_timestamp", c.CreateTimestamp)
	o.close()
}

func presence(o *obj, p *cache.Presence) {
	o.open("user")
	o.id("id", uint64(p.UserID))
	o.close()
	o.str("status", string(p.Status))
	o.open("client_status")
	o.str("desktop", string(p.ClientStatus.Desktop))
	o.str("mobile", string(p.ClientStatus.Mobile))
	o.str("web", string(p.ClientStatus.Web))
	o.close()
	o.key("activities")
	o.b = append(o.b, '[')
	for i := range p.Activities {
		a := &p.Activities[i]
		if i > 0 {
			o.b = append(o.b, ',')
		}
		o.b = append(o.b, '{')
		o.empty = true
		o.key("name")
		o.b = appendString(o.b, a.Name)
		o.int("type", int64(a.Type))
		o.str("url", a.URL)
		o.str("state", a.State)
		o.str("details", a.Details)
		o.id("application_id", uint64(a.ApplicationID))
		o.millis("created_at", a.CreatedAt)
		if !a.Start.IsZero() || !a.End.IsZero() {
			o.open("timestamps")
			o.millis("start", a.Start)
			o.millis("end", a.End)
			o.close()
		}
		if a.EmojiName != "" || a.EmojiID != 0 {
			o.open("emoji")
			o.str("name", a.EmojiName)
			o.id("id", uint64(a.EmojiID))
			o.bool("animated", a.EmojiAnimated)
			o.close()
		}
		o.int("flags", int64(a.Flags))
		o.close()
	}
	o.b = append(o.b, ']')
}

func voiceState(o *obj, v *cache.VoiceState) {
	o.id("user_id", uint64(v.UserID))
	o.id("channel_id", uint64(v.ChannelID))
	// No session_id: the feed never carries one (see Publish).
	o.bool("deaf", v.Deaf)
	o.bool("mute", v.Mute)
	o.bool("self_deaf", v.SelfDeaf)
	o.bool("self_mute", v.SelfMute)
	o.bool("self_stream", v.SelfStream)
	o.bool("self_video", v.SelfVideo)
	o.bool("suppress", v.Suppress)
	o.time("request_to_speak_timestamp", v.RequestToSpeakTimestamp)
}

func emoji(o *obj, e *cache.Emoji) {
	o.id("id", uint64(e.ID))
	o.str("name", e.Name)
	o.ids("roles", len(e.Roles), func(i int) uint64 { return uint64(e.Roles[i]) })
	if e.CreatorID != 0 {
		o.open("user")
		o.id("id", uint64(e.CreatorID))
		o.close()
	}
	o.bool("require_colons", e.RequireColons)
	o.bool("managed", e.Managed)
	o.bool("animated", e.Animated)
	o.bool("available", e.Available)
}

func sticker(o *obj, s *cache.Sticker) {
	o.id("id", uint64(s.ID))
	o.str("name", s.Name)
	o.str("description", s.Description)
	o.str("tags", s.Tags)
	o.int("type", int64(s.Type))
	o.int("format_type", int64(s.FormatType))
	o.bool("available", s.Available)
	if s.CreatorID != 0 {
		o.open("user")
		o.id("id", uint64(s.CreatorID))
		o.close()
	}
}
