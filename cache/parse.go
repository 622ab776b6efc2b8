package cache

import (
	"time"

	"github.com/gloamdev/gloam/model"
	"github.com/tidwall/gjson"
)

// Fast readers of gjson values into the cache's small types. They never
// fail: a value of the wrong type reads as zero, as Discord's own clients
// treat a field they cannot use.

// id reads a snowflake sent as a string (or a number).
func id(v gjson.Result) uint64 {
	var s string
	switch v.Type {
	case gjson.String:
		s = v.Str
	case gjson.Number:
		s = v.Raw
	default:
		return 0
	}
	if len(s) == 0 || len(s) > 20 {
		return 0
	}
	var n uint64
	for i := 0; i < len(s); i++ {
		c := s[i] - '0'
		if c > 9 {
			return 0
		}
		m := n*10 + uint64(c)
		if m < n {
			return 0
		}
		n = m
	}
	return n
}

func str(v gjson.Result) string {
	if v.Type != gjson.String {
		return ""
	}
	return v.Str
}

func boolean(v gjson.Result) bool { return v.Type == gjson.True }

func integer(v gjson.Result) int64 {
	if v.Type != gjson.Number {
		return 0
	}
	return v.Int()
}

func hash(v gjson.Result) Hash {
	if v.Type != gjson.String {
		return Hash{}
	}
	h, _ := ParseHash(v.Str)
	return h
}

// timestamp reads an ISO 8601 timestamp; null, absent or malformed give
// the zero time.
func timestamp(v gjson.Result) time.Time {
	if v.Type != gjson.String {
		return time.Time{}
	}
	us, ok := parseISO(v.Str)
	if !ok {
		return time.Time{}
	}
	return time.UnixMicro(us).UTC()
}

// millis reads a Unix time in milliseconds.
func millis(v gjson.Result) time.Time {
	if v.Type != gjson.Number {
		return time.Time{}
	}
	ms := v.Int()
	if ms == 0 {
		return time.Time{}
	}
	return time.UnixMilli(ms).UTC()
}

// parseISO parses "2006-01-02T15:04:05[.ffffff](Z|±hh:mm)" to Unix
// microseconds without allocating; other forms go to time.Parse.
func parseISO(s string) (int64, bool) {
	if len(s) < 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' {
		return slowISO(s)
	}
	num := func(a, b int) (int, bool) {
		n := 0
		for i := a; i < b; i++ {
			c := s[i] - '0'
			if c > 9 {
				return 0, false
			}
			n = n*10 + int(c)
		}
		return n, true
	}
	y, ok1 := num(0, 4)
	mo, ok2 := num(5, 7)
	d, ok3 := num(8, 10)
	h, ok4 := num(11, 13)
	mi, ok5 := num(14, 16)
	se, ok6 := num(17, 19)
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6) || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60 {
		return slowISO(s)
	}
	i := 19
	us := 0
	if s[i] == '.' {
		i++
		digits := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			if digits < 6 {
				us = us*10 + int(s[i]-'0')
			}
			digits++
			i++
		}
		if digits == 0 {
			return slowISO(s)
		}
		for ; digits < 6; digits++ {
			us *= 10
		}
	}
	off := 0
	switch {
	case i == len(s)-1 && s[i] == 'Z':
	case i == len(s)-6 && (s[i] == '+' || s[i] == '-') && s[i+3] == ':':
		oh, ok1 := num(i+1, i+3)
		om, ok2 := num(i+4, i+6)
		if !ok1 || !ok2 {
			return slowISO(s)
		}
		off = (oh*60 + om) * 60
		if s[i] == '-' {
			off = -off
		}
	default:
		return slowISO(s)
	}
	days := daysFromCivil(y, mo, d)
	sec := int64(days)*86400 + int64(h*3600+mi*60+se) - int64(off)
	return sec*1e6 + int64(us), true
}

func slowISO(s string) (int64, bool) {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return 0, false
	}
	return t.UnixMicro(), true
}

// daysFromCivil is the number of days from 1970-01-01 to y-m-d in the
// proleptic Gregorian calendar (Howard Hinnant's algorithm).
func daysFromCivil(y, m, d int) int {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// Event data parsers. Each reads one object in a single pass and sets only
// the fields present, so that the same function serves create (on a zero
// value) and partial update (on the cached value).

func parseUser(v gjson.Result, u *User) {
	v.ForEach(func(k, f gjson.Result) bool {
		switch k.Str {
		case "id":
			u.ID = model.UserID(id(f))
		case "username":
			u.Username = str(f)
		case "global_name":
			u.GlobalName = str(f)
		case "discriminator":
			u.Discriminator = uint16(id(f))
		case "avatar":
			u.Avatar = hash(f)
		case "bot":
			u.Bot = boolean(f)
		case "system":
			u.System = boolean(f)
		case "public_flags":
			u.PublicFlags = model.UserFlags(integer(f))
		}
		return true
	})
}

// parseMember reads a member object; its "user", when present, goes to u
// and hasUser reports it.
func parseMember(v gjson.Result, m *Member, u *User) (hasUser bool) {
	v.ForEach(func(k, f gjson.Result) bool {
		switch k.Str {
		case "user":
			if f.IsObject() {
				hasUser = true
				parseUser(f, u)
				m.UserID = u.ID
			}
		case "nick":
			m.Nick = str(f)
		case "avatar":
			m.Avatar = hash(f)
		case "banner":
			m.Banner = hash(f)
		case "roles":
			m.Roles = m.Roles[:0]
			f.ForEach(func(_, r gjson.Result) bool {
				if x := id(r); x != 0 {
					m.Roles = append(m.Roles, model.RoleID(x))
				}
				return true
			})
		case "joined_at":
			m.JoinedAt = timestamp(f)
		case "premium_since":
			m.PremiumSince = timestamp(f)
		case "communication_disabled_until":
			m.CommunicationDisabledUntil = timestamp(f)
		case "flags":
			m.Flags = model.MemberFlags(integer(f))
		case "deaf":
			m.Deaf = boolean(f)
		case "mute":
			m.Mute = boolean(f)
		case "pending":
			m.Pending = boolean(f)
		case "guild_id":
			m.GuildID = model.GuildID(id(f))
		}
		return true
	})
	return hasUser
}

func parseRole(v gjson.Result, r *Role) {
	v.ForEach(func(k, f gjson.Result) bool {
		switch k.Str {
		case "id":
			r.ID = model.RoleID(id(f))
		case "name":
			r.Name = str(f)
		case "color":
			r.Color = uint32(integer(f))
		case "hoist":
			r.Hoist = boolean(f)
		case "icon":
			r.Icon = hash(f)
		case "unicode_emoji":
			r.UnicodeEmoji = str(f)
		case "position":
			r.Position = int32(integer(f))
		case "permissions":
			r.Permissions = model.Permissions(id(f))
		case "managed":
			r.Managed = boolean(f)
		case "mentionable":
			r.Mentionable = boolean(f)
		case "flags":
			r.Flags = model.RoleFlags(integer(f))
		case "tags":
			f.ForEach(func(k, t gjson.Result) bool {
				switch k.Str {
				case "bot_id":
					r.BotID = model.UserID(id(t))
				case "integration_id":
					r.IntegrationID = model.IntegrationID(id(t))
				case "premium_subscriber":
					r.PremiumSubscriber = true // present as null means true
				}
				return true
			})
		}
		return true
	})
}

func parseChannel(v gjson.Result, c *Channel) {
	v.ForEach(func(k, f gjson.Result) bool {
		switch k.Str {
		case "id":
			c.ID = model.ChannelID(id(f))
		case "guild_id":
			c.GuildID = model.GuildID(id(f))
		case "type":
			c.Type = model.ChannelType(integer(f))
		case "name":
			c.Name = str(f)
		case "topic":
			c.Topic = str(f)
		case "position":
			c.Position = int32(integer(f))
		case "parent_id":
			c.ParentID = model.ChannelID(id(f))
		case "nsfw":
			c.NSFW = boolean(f)
		case "rate_limit_per_user":
			c.RateLimitPerUser = int32(integer(f))
		case "bitrate":
			c.Bitrate = int32(integer(f))
		case "user_limit":
			c.UserLimit = int32(integer(f))
		case "rtc_region":
			c.RTCRegion = str(f)
		case "flags":
			c.Flags = model.ChannelFlags(integer(f))
		case "last_message_id":
			c.LastMessageID = model.MessageID(id(f))
		case "last_pin_timestamp":
			c.LastPinTimestamp = timestamp(f)
		case "permission_overwrites":
			c.PermissionOverwrites = c.PermissionOverwrites[:0]
			f.ForEach(func(_, o gjson.Result) bool {
				var ow Overwrite
				o.ForEach(func(k, x gjson.Result) bool {
					switch k.Str {
					case "id":
						ow.ID = id(x)
					case "type":
						ow.Type = model.OverwriteType(integer(x))
					case "allow":
						ow.Allow = model.Permissions(id(x))
					case "deny":
						ow.Deny = model.Permissions(id(x))
					}
					return true
				})
				c.PermissionOverwrites = append(c.PermissionOverwrites, ow)
				return true
			})
		case "owner_id":
			c.OwnerID = model.UserID(id(f))
		case "message_count":
			c.MessageCount = int32(integer(f))
		case "member_count":
			c.MemberCount = int32(integer(f))
		case "total_message_sent":
			c.TotalMessageSent = int32(integer(f))
		case "applied_tags":
			c.AppliedTags = c.AppliedTags[:0]
			f.ForEach(func(_, t gjson.Result) bool {
				c.AppliedTags = append(c.AppliedTags, id(t))
				return true
			})
		case "thread_metadata":
			f.ForEach(func(k, x gjson.Result) bool {
				switch k.Str {
				case "archived":
					c.Archived = boolean(x)
				case "locked":
					c.Locked = boolean(x)
				case "invitable":
					c.Invitable = boolean(x)
				case "auto_archive_duration":
					c.AutoArchiveDuration = int32(integer(x))
				case "archive_timestamp":
					c.ArchiveTimestamp = timestamp(x)
				case "create_timestamp":
					c.CreateTimestamp = timestamp(x)
				}
				return true
			})
		}
		return true
	})
}

func parseEmoji(v gjson.Result, e *Emoji) {
	v.ForEach(func(k, f gjson.Result) bool {
		switch k.Str {
		case "id":
			e.ID = model.EmojiID(id(f))
		case "name":
			e.Name = str(f)
		case "roles":
			e.Roles = e.Roles[:0]
			f.ForEach(func(_, r gjson.Result) bool {
				e.Roles = append(e.Roles, model.RoleID(id(r)))
				return true
			})
		case "user":
			e.CreatorID = model.UserID(id(f.Get("id")))
		case "require_colons":
			e.RequireColons = boolean(f)
		case "managed":
			e.Managed = boolean(f)
		case "animated":
			e.Animated = boolean(f)
		case "available":
			e.Available = boolean(f)
		}
		return true
	})
}

func parseSticker(v gjson.Result, s *Sticker) {
	v.ForEach(func(k, f gjson.Result) bool {
		switch k.Str {
		case "id":
			s.ID = model.StickerID(id(f))
		case "name":
			s.Name = str(f)
		case "description":
			s.Description = str(f)
		case "tags":
			s.Tags = str(f)
		case "type":
			s.Type = model.StickerType(integer(f))
		case "format_type":
			s.FormatType = model.StickerFormat(integer(f))
		case "available":
			s.Available = boolean(f)
		case "user":
			s.CreatorID = model.UserID(id(f.Get("id")))
		}
		return true
	})
}

func parseVoiceState(v gjson.Result, s *VoiceState) {
	v.ForEach(func(k, f gjson.Result) bool {
		switch k.Str {
		case "guild_id":
			s.GuildID = model.GuildID(id(f))
		case "user_id":
			s.UserID = model.UserID(id(f))
		case "channel_id":
			s.ChannelID = model.ChannelID(id(f))
		case "session_id":
			s.SessionID = str(f)
		case "deaf":
			s.Deaf = boolean(f)
		case "mute":
			s.Mute = boolean(f)
		case "self_deaf":
			s.SelfDeaf = boolean(f)
		case "self_mute":
			s.SelfMute = boolean(f)
		case "self_stream":
			s.SelfStream = boolean(f)
		case "self_video":
			s.SelfVideo = boolean(f)
		case "suppress":
			s.Suppress = boolean(f)
		case "request_to_speak_timestamp":
			s.RequestToSpeakTimestamp = timestamp(f)
		}
		return true
	})
}

func status(v gjson.Result) model.Status {
	switch s := str(v); s {
	case "online":
		return model.StatusOnline
	case "idle":
		return model.StatusIdle
	case "dnd":
		return model.StatusDND
	case "offline":
		return model.StatusOffline
	case "invisible":
		return model.StatusInvisible
	default:
		return model.Status(s)
	}
}

// parsePresence reads a presence; its "user" goes to u (often only the ID).
func parsePresence(v gjson.Result, p *Presence, u *User) {
	p.Activities = p.Activities[:0]
	v.ForEach(func(k, f gjson.Result) bool {
		switch k.Str {
		case "user":
			parseUser(f, u)
			p.UserID = u.ID
		case "guild_id":
			p.GuildID = model.GuildID(id(f))
		case "status":
			p.Status = status(f)
		case "client_status":
			f.ForEach(func(k, s gjson.Result) bool {
				switch k.Str {
				case "desktop":
					p.ClientStatus.Desktop = status(s)
				case "mobile":
					p.ClientStatus.Mobile = status(s)
				case "web":
					p.ClientStatus.Web = status(s)
				}
				return true
			})
		case "activities":
			f.ForEach(func(_, a gjson.Result) bool {
				p.Activities = append(p.Activities, Activity{})
				parseActivity(a, &p.Activities[len(p.Activities)-1])
				return true
			})
		}
		return true
	})
}

func parseActivity(v gjson.Result, a *Activity) {
	v.ForEach(func(k, f gjson.Result) bool {
		switch k.Str {
		case "name":
			a.Name = str(f)
		case "type":
			a.Type = model.ActivityType(integer(f))
		case "url":
			a.URL = str(f)
		case "state":
			a.State = str(f)
		case "details":
			a.Details = str(f)
		case "application_id":
			a.ApplicationID = model.ApplicationID(id(f))
		case "created_at":
			a.CreatedAt = millis(f)
		case "timestamps":
			a.Start = millis(f.Get("start"))
			a.End = millis(f.Get("end"))
		case "emoji":
			f.ForEach(func(k, e gjson.Result) bool {
				switch k.Str {
				case "name":
					a.EmojiName = str(e)
				case "id":
					a.EmojiID = model.EmojiID(id(e))
				case "animated":
					a.EmojiAnimated = boolean(e)
				}
				return true
			})
		case "flags":
			a.Flags = model.ActivityFlags(integer(f))
		}
		return true
	})
}

func parseGuild(v gjson.Result, g *Guild) {
	v.ForEach(func(k, f gjson.Result) bool {
		parseGuildField(k.Str, f, g)
		return true
	})
}

// parseGuildField sets one field of a guild object; it reports false for
// keys that are not the guild's own fields (such as members and channels).
func parseGuildField(k string, f gjson.Result, g *Guild) bool {
	switch k {
	case "id":
		g.ID = model.GuildID(id(f))
	case "name":
		g.Name = str(f)
	case "icon":
		g.Icon = hash(f)
	case "splash":
		g.Splash = hash(f)
	case "discovery_splash":
		g.DiscoverySplash = hash(f)
	case "banner":
		g.Banner = hash(f)
	case "owner_id":
		g.OwnerID = model.UserID(id(f))
	case "application_id":
		g.ApplicationID = model.ApplicationID(id(f))
	case "afk_channel_id":
		g.AFKChannelID = model.ChannelID(id(f))
	case "afk_timeout":
		g.AFKTimeout = int32(integer(f))
	case "widget_enabled":
		g.WidgetEnabled = boolean(f)
	case "widget_channel_id":
		g.WidgetChannelID = model.ChannelID(id(f))
	case "system_channel_id":
		g.SystemChannelID = model.ChannelID(id(f))
	case "system_channel_flags":
		g.SystemChannelFlags = model.SystemChannelFlags(integer(f))
	case "rules_channel_id":
		g.RulesChannelID = model.ChannelID(id(f))
	case "public_updates_channel_id":
		g.PublicUpdatesChannelID = model.ChannelID(id(f))
	case "safety_alerts_channel_id":
		g.SafetyAlertsChannelID = model.ChannelID(id(f))
	case "verification_level":
		g.VerificationLevel = model.VerificationLevel(integer(f))
	case "default_message_notifications":
		g.DefaultMessageNotifications = model.NotificationLevel(integer(f))
	case "explicit_content_filter":
		g.ExplicitContentFilter = model.ExplicitContentFilter(integer(f))
	case "mfa_level":
		g.MFALevel = model.MFALevel(integer(f))
	case "nsfw_level":
		g.NSFWLevel = model.NSFWLevel(integer(f))
	case "premium_tier":
		g.PremiumTier = model.PremiumTier(integer(f))
	case "premium_subscription_count":
		g.PremiumSubscriptionCount = int32(integer(f))
	case "premium_progress_bar_enabled":
		g.PremiumProgressBarEnabled = boolean(f)
	case "features":
		g.Features = g.Features[:0]
		f.ForEach(func(_, s gjson.Result) bool {
			g.Features = append(g.Features, str(s))
			return true
		})
	case "preferred_locale":
		g.PreferredLocale = str(f)
	case "description":
		g.Description = str(f)
	case "vanity_url_code":
		g.VanityURLCode = str(f)
	case "max_members":
		g.MaxMembers = int32(integer(f))
	case "member_count":
		g.MemberCount = int32(integer(f))
	case "large":
		g.Large = boolean(f)
	case "joined_at":
		g.JoinedAt = timestamp(f)
	case "unavailable":
		g.Unavailable = boolean(f)
	default:
		return false
	}
	return true
}

// parseMessage reads a message object over m, keeping fields that are
// absent (MESSAGE_UPDATE may be partial).
func parseMessage(v gjson.Result, m *Message) {
	v.ForEach(func(k, f gjson.Result) bool {
		switch k.Str {
		case "id":
			m.ID = model.MessageID(id(f))
		case "channel_id":
			m.ChannelID = model.ChannelID(id(f))
		case "guild_id":
			m.GuildID = model.GuildID(id(f))
		case "author":
			m.Author = User{}
			parseUser(f, &m.Author)
		case "webhook_id":
			m.WebhookID = model.WebhookID(id(f))
		case "type":
			m.Type = model.MessageType(integer(f))
		case "content":
			m.Content = str(f)
		case "timestamp":
			m.Timestamp = timestamp(f)
		case "edited_timestamp":
			m.EditedTimestamp = timestamp(f)
		case "flags":
			m.Flags = model.MessageFlags(integer(f))
		case "tts":
			m.TTS = boolean(f)
		case "mention_everyone":
			m.MentionEveryone = boolean(f)
		case "pinned":
			m.Pinned = boolean(f)
		case "mentions":
			m.Mentions = m.Mentions[:0]
			f.ForEach(func(_, u gjson.Result) bool {
				m.Mentions = append(m.Mentions, model.UserID(id(u.Get("id"))))
				return true
			})
		case "mention_roles":
			m.MentionRoles = m.MentionRoles[:0]
			f.ForEach(func(_, r gjson.Result) bool {
				m.MentionRoles = append(m.MentionRoles, model.RoleID(id(r)))
				return true
			})
		case "attachments":
			m.Attachments = m.Attachments[:0]
			f.ForEach(func(_, a gjson.Result) bool {
				var at Attachment
				a.ForEach(func(k, x gjson.Result) bool {
					switch k.Str {
					case "id":
						at.ID = model.AttachmentID(id(x))
					case "filename":
						at.Filename = str(x)
					case "content_type":
						at.ContentType = str(x)
					case "size":
						at.Size = integer(x)
					case "url":
						at.URL = str(x)
					}
					return true
				})
				m.Attachments = append(m.Attachments, at)
				return true
			})
		case "embeds":
			n := 0
			f.ForEach(func(_, _ gjson.Result) bool { n++; return true })
			m.Embeds = int32(n)
		case "reactions":
			m.Reactions = m.Reactions[:0]
			f.ForEach(func(_, r gjson.Result) bool {
				var re Reaction
				r.ForEach(func(k, x gjson.Result) bool {
					switch k.Str {
					case "count":
						re.Count = int32(integer(x))
					case "me":
						re.Me = boolean(x)
					case "emoji":
						re.EmojiID = model.EmojiID(id(x.Get("id")))
						re.EmojiName = str(x.Get("name"))
					}
					return true
				})
				m.Reactions = append(m.Reactions, re)
				return true
			})
		case "message_reference":
			m.ReferencedID = model.MessageID(id(f.Get("message_id")))
			m.ReferencedChanID = model.ChannelID(id(f.Get("channel_id")))
		}
		return true
	})
}
