package cache

import (
	"strconv"
	"time"

	"github.com/gloamdev/gloam/internal/wire"
	"github.com/gloamdev/gloam/model"
)

// Event data parsers, on the pull decoder: each reads one object in a
// single pass and sets only the fields present, so that the same function
// serves a create (on a zero value) and a partial update (on the cached
// value). Strings point into the payload; backends copy what they keep.

// dFloat reads a number as a float64; anything else reads as 0.
func dFloat(d *wire.Dec) float64 {
	f, err := strconv.ParseFloat(d.RawStrict(), 64)
	if err != nil {
		return 0
	}
	return f
}

func dHash(d *wire.Dec) Hash {
	h, _ := ParseHash(d.Str())
	return h
}

func dTime(d *wire.Dec) time.Time {
	s := d.Str()
	if s == "" {
		return time.Time{}
	}
	us, ok := wire.ParseTime(s)
	if !ok {
		return time.Time{}
	}
	return time.UnixMicro(us).UTC()
}

func dMillis(d *wire.Dec) time.Time {
	ms := d.Int()
	if ms == 0 {
		return time.Time{}
	}
	return time.UnixMilli(ms).UTC()
}

func dStatus(d *wire.Dec) model.Status {
	switch s := d.Str(); s {
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

func parseUser(d *wire.Dec, u *User) { parseUserSaw(d, u) }

// Fields of a user whose presence parseUserSaw reports.
const (
	sawUser uint8 = 1 << iota // the object itself
	sawUsername
	sawGlobalName
	sawDiscriminator
	sawAvatar
)

// parseUserSaw is parseUser, reporting which fields were sent.
func parseUserSaw(d *wire.Dec, u *User) (saw uint8) {
	saw = sawUser
	d.Object(func(d *wire.Dec, k string) {
		switch k {
		case "id":
			u.ID = model.UserID(d.ID())
		case "username":
			u.Username = d.Str()
			saw |= sawUsername
		case "global_name":
			u.GlobalName = d.Str()
			saw |= sawGlobalName
		case "discriminator":
			u.Discriminator = uint16(d.ID())
			saw |= sawDiscriminator
		case "avatar":
			u.Avatar = dHash(d)
			saw |= sawAvatar
		case "bot":
			u.Bot = d.Bool()
		case "system":
			u.System = d.Bool()
		case "public_flags":
			u.PublicFlags = model.UserFlags(d.Int())
		}
	})
	return saw
}

// Fields whose presence parseMember reports, beside the user.
const (
	sawDeaf uint8 = 1 << iota
	sawMute
)

// parseMember reads a member object; its "user", when present, goes to u
// and hasUser reports it. Roles are appended to *roles, whose tail becomes
// m.Roles. If saw is not nil, it gets the sawDeaf and sawMute bits of the
// fields present.
func parseMember(d *wire.Dec, m *Member, u *User, roles *[]model.RoleID, saw *uint8) (hasUser bool) {
	d.Object(func(d *wire.Dec, k string) {
		switch k {
		case "user":
			if d.Peek() == '{' {
				hasUser = true
				parseUser(d, u)
				m.UserID = u.ID
			}
		case "nick":
			m.Nick = d.Str()
		case "avatar":
			m.Avatar = dHash(d)
		case "banner":
			m.Banner = dHash(d)
		case "roles":
			start := len(*roles)
			d.Array(func(d *wire.Dec) {
				if x := d.ID(); x != 0 {
					*roles = append(*roles, model.RoleID(x))
				}
			})
			m.Roles = (*roles)[start:len(*roles):len(*roles)]
		case "joined_at":
			m.JoinedAt = dTime(d)
		case "premium_since":
			m.PremiumSince = dTime(d)
		case "communication_disabled_until":
			m.CommunicationDisabledUntil = dTime(d)
		case "flags":
			m.Flags = model.MemberFlags(d.Int())
		case "deaf":
			m.Deaf = d.Bool()
			if saw != nil {
				*saw |= sawDeaf
			}
		case "mute":
			m.Mute = d.Bool()
			if saw != nil {
				*saw |= sawMute
			}
		case "pending":
			m.Pending = d.Bool()
		case "guild_id":
			m.GuildID = model.GuildID(d.ID())
		}
	})
	return hasUser
}

func parseRole(d *wire.Dec, r *Role) {
	d.Object(func(d *wire.Dec, k string) {
		switch k {
		case "id":
			r.ID = model.RoleID(d.ID())
		case "name":
			r.Name = d.Str()
		case "color":
			r.Color = uint32(d.Int())
		case "hoist":
			r.Hoist = d.Bool()
		case "icon":
			r.Icon = dHash(d)
		case "unicode_emoji":
			r.UnicodeEmoji = d.Str()
		case "position":
			r.Position = int32(d.Int())
		case "permissions":
			r.Permissions = model.Permissions(d.ID())
		case "managed":
			r.Managed = d.Bool()
		case "mentionable":
			r.Mentionable = d.Bool()
		case "flags":
			r.Flags = model.RoleFlags(d.Int())
		case "tags":
			d.Object(func(d *wire.Dec, k string) {
				switch k {
				case "bot_id":
					r.BotID = model.UserID(d.ID())
				case "integration_id":
					r.IntegrationID = model.IntegrationID(d.ID())
				case "premium_subscriber":
					d.Skip()
					r.PremiumSubscriber = true // sent as null: present means true
				}
			})
		}
	})
}

// parseChannel reads a channel; member, when not nil, gets the raw JSON
// of a thread's "member" (the bot's membership).
func parseChannel(d *wire.Dec, c *Channel, member *string) {
	d.Object(func(d *wire.Dec, k string) {
		switch k {
		case "id":
			c.ID = model.ChannelID(d.ID())
		case "guild_id":
			c.GuildID = model.GuildID(d.ID())
		case "type":
			c.Type = model.ChannelType(d.Int())
		case "name":
			c.Name = d.Str()
		case "topic":
			c.Topic = d.Str()
		case "position":
			c.Position = int32(d.Int())
		case "parent_id":
			c.ParentID = model.ChannelID(d.ID())
		case "member":
			if member != nil {
				*member = d.RawStrict()
			}
		case "recipients":
			c.Recipients = c.Recipients[:0]
			d.Array(func(d *wire.Dec) {
				d.Object(func(d *wire.Dec, k string) {
					if k == "id" {
						c.Recipients = append(c.Recipients, model.UserID(d.ID()))
					}
				})
			})
		case "nsfw":
			c.NSFW = d.Bool()
		case "rate_limit_per_user":
			c.RateLimitPerUser = int32(d.Int())
		case "bitrate":
			c.Bitrate = int32(d.Int())
		case "user_limit":
			c.UserLimit = int32(d.Int())
		case "rtc_region":
			c.RTCRegion = d.Str()
		case "flags":
			c.Flags = model.ChannelFlags(d.Int())
		case "last_message_id":
			c.LastMessageID = model.MessageID(d.ID())
		case "last_pin_timestamp":
			c.LastPinTimestamp = dTime(d)
		case "permission_overwrites":
			c.PermissionOverwrites = c.PermissionOverwrites[:0]
			d.Array(func(d *wire.Dec) {
				var o model.PermissionOverwrite
				d.Object(func(d *wire.Dec, k string) {
					switch k {
					case "id":
						o.ID = model.Snowflake(d.ID())
					case "type":
						o.Type = model.OverwriteType(d.Int())
					case "allow":
						o.Allow = model.Permissions(d.ID())
					case "deny":
						o.Deny = model.Permissions(d.ID())
					}
				})
				c.PermissionOverwrites = append(c.PermissionOverwrites, o)
			})
		case "owner_id":
			c.OwnerID = model.UserID(d.ID())
		case "message_count":
			c.MessageCount = int32(d.Int())
		case "member_count":
			c.MemberCount = int32(d.Int())
		case "total_message_sent":
			c.TotalMessageSent = int32(d.Int())
		case "applied_tags":
			c.AppliedTags = c.AppliedTags[:0]
			d.Array(func(d *wire.Dec) { c.AppliedTags = append(c.AppliedTags, d.ID()) })
		case "thread_metadata":
			d.Object(func(d *wire.Dec, k string) {
				switch k {
				case "archived":
					c.Archived = d.Bool()
				case "locked":
					c.Locked = d.Bool()
				case "invitable":
					c.Invitable = d.Bool()
				case "auto_archive_duration":
					c.AutoArchiveDuration = int32(d.Int())
				case "archive_timestamp":
					c.ArchiveTimestamp = dTime(d)
				case "create_timestamp":
					c.CreateTimestamp = dTime(d)
				}
			})
		}
	})
}

func userID(d *wire.Dec) (v uint64) {
	d.Object(func(d *wire.Dec, k string) {
		if k == "id" {
			v = d.ID()
		}
	})
	return v
}

func parseEmoji(d *wire.Dec, e *Emoji) {
	d.Object(func(d *wire.Dec, k string) {
		switch k {
		case "id":
			e.ID = model.EmojiID(d.ID())
		case "name":
			e.Name = d.Str()
		case "roles":
			e.Roles = e.Roles[:0]
			d.Array(func(d *wire.Dec) { e.Roles = append(e.Roles, model.RoleID(d.ID())) })
		case "user":
			e.CreatorID = model.UserID(userID(d))
		case "require_colons":
			e.RequireColons = d.Bool()
		case "managed":
			e.Managed = d.Bool()
		case "animated":
			e.Animated = d.Bool()
		case "available":
			e.Available = d.Bool()
		}
	})
}

func parseScheduledEvent(d *wire.Dec, s *ScheduledEvent) {
	d.Object(func(d *wire.Dec, k string) {
		switch k {
		case "id":
			s.ID = model.GuildScheduledEventID(d.ID())
		case "guild_id":
			s.GuildID = model.GuildID(d.ID())
		case "channel_id":
			s.ChannelID = model.ChannelID(d.ID())
		case "creator_id":
			s.CreatorID = model.UserID(d.ID())
		case "name":
			s.Name = d.Str()
		case "description":
			s.Description = d.Str()
		case "scheduled_start_time":
			s.ScheduledStartTime = dTime(d)
		case "scheduled_end_time":
			s.ScheduledEndTime = dTime(d)
		case "privacy_level":
			s.PrivacyLevel = model.ScheduledEventPrivacyLevel(d.Int())
		case "status":
			s.Status = model.ScheduledEventStatus(d.Int())
		case "entity_type":
			s.EntityType = model.ScheduledEventEntityType(d.Int())
		case "entity_id":
			s.EntityID = model.Snowflake(d.ID())
		case "entity_metadata":
			d.Object(func(d *wire.Dec, k string) {
				if k == "location" {
					s.Location = d.Str()
				}
			})
		case "image":
			s.Image = dHash(d)
		case "user_count":
			s.UserCount = int(d.Int())
		}
	})
}

func parseSoundboardSound(d *wire.Dec, s *SoundboardSound) {
	d.Object(func(d *wire.Dec, k string) {
		switch k {
		case "sound_id":
			s.SoundID = model.SoundID(d.ID())
		case "guild_id":
			s.GuildID = model.GuildID(d.ID())
		case "name":
			s.Name = d.Str()
		case "volume":
			s.Volume = dFloat(d)
		case "emoji_id":
			s.EmojiID = model.EmojiID(d.ID())
		case "emoji_name":
			s.EmojiName = d.Str()
		case "available":
			s.Available = d.Bool()
		case "user":
			d.Object(func(d *wire.Dec, k string) {
				if k == "id" {
					s.UserID = model.UserID(d.ID())
				}
			})
		}
	})
}

func parseIntegration(d *wire.Dec, in *Integration) {
	d.Object(func(d *wire.Dec, k string) {
		switch k {
		case "id":
			in.ID = model.IntegrationID(d.ID())
		case "guild_id":
			in.GuildID = model.GuildID(d.ID())
		case "name":
			in.Name = d.Str()
		case "type":
			in.Type = d.Str()
		case "enabled":
			in.Enabled = d.Bool()
		case "syncing":
			in.Syncing = d.Bool()
		case "role_id":
			in.RoleID = model.RoleID(d.ID())
		case "enable_emoticons":
			in.EnableEmoticons = d.Bool()
		case "expire_behavior":
			in.ExpireBehavior = int32(d.Int())
		case "expire_grace_period":
			in.ExpireGracePeriod = int32(d.Int())
		case "user":
			d.Object(func(d *wire.Dec, k string) {
				if k == "id" {
					in.UserID = model.UserID(d.ID())
				}
			})
		case "account":
			d.Object(func(d *wire.Dec, k string) {
				switch k {
				case "id":
					in.AccountID = d.Str()
				case "name":
					in.AccountName = d.Str()
				}
			})
		case "synced_at":
			in.SyncedAt = dTime(d)
		case "subscriber_count":
			in.SubscriberCount = int32(d.Int())
		case "revoked":
			in.Revoked = d.Bool()
		case "application":
			d.Object(func(d *wire.Dec, k string) {
				if k == "id" {
					in.ApplicationID = model.ApplicationID(d.ID())
				}
			})
		case "scopes":
			in.Scopes = in.Scopes[:0]
			d.Array(func(d *wire.Dec) { in.Scopes = append(in.Scopes, d.Str()) })
		}
	})
}

func parseThreadMember(d *wire.Dec, m *ThreadMember) {
	d.Object(func(d *wire.Dec, k string) {
		switch k {
		case "id":
			m.ThreadID = model.ChannelID(d.ID())
		case "user_id":
			m.UserID = model.UserID(d.ID())
		case "join_timestamp":
			m.JoinTimestamp = dTime(d)
		case "flags":
			m.Flags = int32(d.Int())
		}
	})
}

func parseStageInstance(d *wire.Dec, s *StageInstance) {
	d.Object(func(d *wire.Dec, k string) {
		switch k {
		case "id":
			s.ID = model.StageInstanceID(d.ID())
		case "guild_id":
			s.GuildID = model.GuildID(d.ID())
		case "channel_id":
			s.ChannelID = model.ChannelID(d.ID())
		case "topic":
			s.Topic = d.Str()
		case "privacy_level":
			s.PrivacyLevel = model.StagePrivacyLevel(d.Int())
		case "guild_scheduled_event_id":
			s.GuildScheduledEventID = model.GuildScheduledEventID(d.ID())
		}
	})
}

func parseSticker(d *wire.Dec, s *Sticker) {
	d.Object(func(d *wire.Dec, k string) {
		switch k {
		case "id":
			s.ID = model.StickerID(d.ID())
		case "name":
			s.Name = d.Str()
		case "description":
			s.Description = d.Str()
		case "tags":
			s.Tags = d.Str()
		case "type":
			s.Type = model.StickerType(d.Int())
		case "format_type":
			s.FormatType = model.StickerFormat(d.Int())
		case "available":
			s.Available = d.Bool()
		case "user":
			s.CreatorID = model.UserID(userID(d))
		}
	})
}

func parseVoiceState(d *wire.Dec, s *VoiceState, member *string) {
	d.Object(func(d *wire.Dec, k string) {
		switch k {
		case "guild_id":
			s.GuildID = model.GuildID(d.ID())
		case "user_id":
			s.UserID = model.UserID(d.ID())
		case "channel_id":
			s.ChannelID = model.ChannelID(d.ID())
		case "session_id":
			s.SessionID = d.Str()
		case "deaf":
			s.Deaf = d.Bool()
		case "mute":
			s.Mute = d.Bool()
		case "self_deaf":
			s.SelfDeaf = d.Bool()
		case "self_mute":
			s.SelfMute = d.Bool()
		case "self_stream":
			s.SelfStream = d.Bool()
		case "self_video":
			s.SelfVideo = d.Bool()
		case "suppress":
			s.Suppress = d.Bool()
		case "request_to_speak_timestamp":
			s.RequestToSpeakTimestamp = dTime(d)
		case "member":
			if member != nil {
				*member = d.Raw()
			}
		}
	})
}

// parsePresence reads a presence; its "user" goes to u (often only the ID).
func parsePresence(d *wire.Dec, p *Presence, u *User) {
	p.Activities = p.Activities[:0]
	d.Object(func(d *wire.Dec, k string) {
		switch k {
		case "user":
			parseUser(d, u)
			p.UserID = u.ID
		case "guild_id":
			p.GuildID = model.GuildID(d.ID())
		case "status":
			p.Status = dStatus(d)
		case "client_status":
			d.Object(func(d *wire.Dec, k string) {
				switch k {
				case "desktop":
					p.ClientStatus.Desktop = dStatus(d)
				case "mobile":
					p.ClientStatus.Mobile = dStatus(d)
				case "web":
					p.ClientStatus.Web = dStatus(d)
				}
			})
		case "activities":
			d.Array(func(d *wire.Dec) {
				p.Activities = append(p.Activities, Activity{})
				parseActivity(d, &p.Activities[len(p.Activities)-1])
			})
		}
	})
}

func parseActivity(d *wire.Dec, a *Activity) {
	d.Object(func(d *wire.Dec, k string) {
		switch k {
		case "name":
			a.Name = d.Str()
		case "type":
			a.Type = model.ActivityType(d.Int())
		case "url":
			a.URL = d.Str()
		case "state":
			a.State = d.Str()
		case "details":
			a.Details = d.Str()
		case "application_id":
			a.ApplicationID = model.ApplicationID(d.ID())
		case "created_at":
			a.CreatedAt = dMillis(d)
		case "timestamps":
			d.Object(func(d *wire.Dec, k string) {
				switch k {
				case "start":
					a.Start = dMillis(d)
				case "end":
					a.End = dMillis(d)
				}
			})
		case "emoji":
			a.EmojiID, a.EmojiName, a.EmojiAnimated = parseEmojiRef(d)
		case "flags":
			a.Flags = model.ActivityFlags(d.Int())
		}
	})
}

func parseGuild(d *wire.Dec, g *Guild) {
	d.Object(func(d *wire.Dec, k string) { parseGuildField(d, k, g) })
}

// parseGuildField reads one field of a guild object into g; it reports
// false, reading nothing, for keys that are not the guild's own fields
// (such as members and channels).
func parseGuildField(d *wire.Dec, k string, g *Guild) bool {
	switch k {
	case "id":
		g.ID = model.GuildID(d.ID())
	case "name":
		g.Name = d.Str()
	case "icon":
		g.Icon = dHash(d)
	case "splash":
		g.Splash = dHash(d)
	case "discovery_splash":
		g.DiscoverySplash = dHash(d)
	case "banner":
		g.Banner = dHash(d)
	case "owner_id":
		g.OwnerID = model.UserID(d.ID())
	case "application_id":
		g.ApplicationID = model.ApplicationID(d.ID())
	case "afk_channel_id":
		g.AFKChannelID = model.ChannelID(d.ID())
	case "afk_timeout":
		g.AFKTimeout = int32(d.Int())
	case "widget_enabled":
		g.WidgetEnabled = d.Bool()
	case "widget_channel_id":
		g.WidgetChannelID = model.ChannelID(d.ID())
	case "system_channel_id":
		g.SystemChannelID = model.ChannelID(d.ID())
	case "system_channel_flags":
		g.SystemChannelFlags = model.SystemChannelFlags(d.Int())
	case "rules_channel_id":
		g.RulesChannelID = model.ChannelID(d.ID())
	case "public_updates_channel_id":
		g.PublicUpdatesChannelID = model.ChannelID(d.ID())
	case "safety_alerts_channel_id":
		g.SafetyAlertsChannelID = model.ChannelID(d.ID())
	case "verification_level":
		g.VerificationLevel = model.VerificationLevel(d.Int())
	case "default_message_notifications":
		g.DefaultMessageNotifications = model.NotificationLevel(d.Int())
	case "explicit_content_filter":
		g.ExplicitContentFilter = model.ExplicitContentFilter(d.Int())
	case "mfa_level":
		g.MFALevel = model.MFALevel(d.Int())
	case "nsfw_level":
		g.NSFWLevel = model.NSFWLevel(d.Int())
	case "premium_tier":
		g.PremiumTier = model.PremiumTier(d.Int())
	case "premium_subscription_count":
		g.PremiumSubscriptionCount = int32(d.Int())
	case "premium_progress_bar_enabled":
		g.PremiumProgressBarEnabled = d.Bool()
	case "features":
		// Always a new slice: g may hold the cached guild's.
		var fs []string
		d.Array(func(d *wire.Dec) { fs = append(fs, d.Str()) })
		g.Features = fs
	case "preferred_locale":
		g.PreferredLocale = d.Str()
	case "description":
		g.Description = d.Str()
	case "vanity_url_code":
		g.VanityURLCode = d.Str()
	case "max_members":
		g.MaxMembers = int32(d.Int())
	case "member_count":
		g.MemberCount = int32(d.Int())
	case "large":
		g.Large = d.Bool()
	case "joined_at":
		g.JoinedAt = dTime(d)
	case "unavailable":
		g.Unavailable = d.Bool()
	default:
		return false
	}
	return true
}

// parseMessage reads a message object over m, keeping fields that are
// absent (MESSAGE_UPDATE may be partial). author reports which fields of
// the author were sent (0: none); member is the JSON of the partial guild
// member, if any.
// parseMessage reads a message; full keeps its embeds, components and
// sticker items as JSON.
func parseMessage(d *wire.Dec, m *Message, full bool) (author uint8, member string) {
	d.Object(func(d *wire.Dec, k string) {
		switch k {
		case "member":
			member = d.Raw()
		case "id":
			m.ID = model.MessageID(d.ID())
		case "channel_id":
			m.ChannelID = model.ChannelID(d.ID())
		case "guild_id":
			m.GuildID = model.GuildID(d.ID())
		case "author":
			m.Author = User{}
			author = parseUserSaw(d, &m.Author)
		case "webhook_id":
			m.WebhookID = model.WebhookID(d.ID())
		case "type":
			m.Type = model.MessageType(d.Int())
		case "content":
			m.Content = d.Str()
		case "timestamp":
			m.Timestamp = dTime(d)
		case "edited_timestamp":
			m.EditedTimestamp = dTime(d)
		case "flags":
			m.Flags = model.MessageFlags(d.Int())
		case "tts":
			m.TTS = d.Bool()
		case "mention_everyone":
			m.MentionEveryone = d.Bool()
		case "pinned":
			m.Pinned = d.Bool()
		case "mentions":
			m.Mentions = appendUserIDs(d, m.Mentions[:0])
		case "mention_roles":
			m.MentionRoles = m.MentionRoles[:0]
			d.Array(func(d *wire.Dec) { m.MentionRoles = append(m.MentionRoles, model.RoleID(d.ID())) })
		case "attachments":
			m.Attachments = m.Attachments[:0]
			d.Array(func(d *wire.Dec) {
				m.Attachments = append(m.Attachments, Attachment{})
				parseAttachment(d, &m.Attachments[len(m.Attachments)-1], full)
			})
		case "embeds":
			if full {
				m.EmbedsJSON = d.RawStrict()
				m.Embeds = countElements(m.EmbedsJSON)
				break
			}
			m.Embeds = countElements(d.Raw())
		case "components":
			if full {
				m.ComponentsJSON = d.RawStrict()
			}
		case "sticker_items":
			if full {
				m.StickersJSON = d.RawStrict()
			}
		case "message_snapshots":
			if full {
				m.SnapshotsJSON = d.RawStrict()
			}
		case "reactions":
			m.Reactions = m.Reactions[:0]
			d.Array(func(d *wire.Dec) {
				var re Reaction
				d.Object(func(d *wire.Dec, k string) {
					switch k {
					case "count":
						re.Count = int32(d.Int())
					case "me":
						re.Me = d.Bool()
					case "emoji":
						re.EmojiID, re.EmojiName, _ = parseEmojiRef(d)
					}
				})
				m.Reactions = append(m.Reactions, re)
			})
		case "message_reference":
			m.Reference = MessageReference{}
			d.Object(func(d *wire.Dec, k string) {
				r := &m.Reference
				switch k {
				case "type":
					r.Type = model.MessageReferenceType(d.Int())
				case "message_id":
					r.MessageID = model.MessageID(d.ID())
				case "channel_id":
					r.ChannelID = model.ChannelID(d.ID())
				case "guild_id":
					r.GuildID = model.GuildID(d.ID())
				case "fail_if_not_exists":
					r.FailIfNotExists = d.Bool()
				}
			})
		}
	})
	return author, member
}

// countElements is the number of elements of raw, a JSON array (checked
// strictly by RawStrict, or for brackets only by Raw); anything else has
// none.
func countElements(raw string) int32 {
	if len(raw) < 2 || raw[0] != '[' {
		return 0
	}
	n := int32(0)
	for i := wire.SkipSpace(raw, 1); i < len(raw) && raw[i] != ']'; {
		if i = wire.SkipValue(raw, i); i < 0 {
			break
		}
		n++
		if i = wire.SkipSpace(raw, i); i < len(raw) && raw[i] == ',' {
			i = wire.SkipSpace(raw, i+1)
		}
	}
	return n
}

// parseAttachment reads an attachment into at, which is zero; full reads
// every field, otherwise only those a compact message keeps.
func parseAttachment(d *wire.Dec, at *Attachment, full bool) {
	d.Object(func(d *wire.Dec, k string) {
		switch k {
		case "id":
			at.ID = model.AttachmentID(d.ID())
		case "filename":
			at.Filename = d.Str()
		case "content_type":
			at.ContentType = d.Str()
		case "size":
			at.Size = d.Int()
		case "url":
			at.URL = d.Str()
		default:
			if full {
				parseAttachmentDetail(d, at, k)
			}
		}
	})
}

// parseAttachmentDetail reads the field k of an attachment that only a
// full message keeps; it leaves other fields unread.
func parseAttachmentDetail(d *wire.Dec, at *Attachment, k string) {
	switch k {
	case "title":
		at.Title = d.Str()
	case "description":
		at.Description = d.Str()
	case "proxy_url":
		at.ProxyURL = d.Str()
	case "height":
		at.Height = int32(d.Int())
	case "width":
		at.Width = int32(d.Int())
	case "placeholder":
		at.Placeholder = d.Str()
	case "placeholder_version":
		at.PlaceholderVersion = int32(d.Int())
	case "ephemeral":
		at.Ephemeral = d.Bool()
	case "duration_secs":
		at.DurationSecs = dFloat(d)
	case "waveform":
		at.Waveform = d.Str()
	case "flags":
		at.Flags = model.AttachmentFlags(d.Int())
	case "clip_created_at":
		at.ClipCreatedAt = dTime(d)
	case "clip_participants":
		at.ClipParticipants = appendUserIDs(d, at.ClipParticipants)
	case "application":
		d.Object(func(d *wire.Dec, k string) {
			if k == "id" {
				at.ApplicationID = model.ApplicationID(d.ID())
			}
		})
	}
}

// parseEmojiRef reads an emoji as reactions and activities name it.
func parseEmojiRef(d *wire.Dec) (id model.EmojiID, name string, animated bool) {
	d.Object(func(d *wire.Dec, k string) {
		switch k {
		case "id":
			id = model.EmojiID(d.ID())
		case "name":
			name = d.Str()
		case "animated":
			animated = d.Bool()
		}
	})
	return id, name, animated
}

// appendUserIDs appends to ids the IDs of an array of users.
func appendUserIDs(d *wire.Dec, ids []model.UserID) []model.UserID {
	d.Array(func(d *wire.Dec) { ids = append(ids, model.UserID(userID(d))) })
	return ids
}
