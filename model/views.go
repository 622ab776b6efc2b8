package model

import (
	"iter"
	"time"

	"github.com/gloamdev/gloam/internal/wire"
	"github.com/tidwall/gjson"
)

// Views read a gateway event without decoding it. A view is made by one
// pass over the top level of d that notes where the fields it knows lie;
// each accessor then reads only its own field. Strings without escapes
// are substrings of the payload and cost no allocation. A view refers to
// the payload's bytes, like the Event it comes from.
//
// Accessors never fail: a field that is absent, null or of another JSON
// kind reads as the zero value. Use Decode for a checked, full decode.

// EventTypeError reports a view asked of an event of another type.
type EventTypeError struct {
	Want string // the event or opcode the view reads, e.g. "MESSAGE_CREATE" or "op 10"
	Got  string // t as sent, or "op N" for payloads that are not dispatches
}

func (e *EventTypeError) Error() string {
	return "model: view " + e.Want + " of a payload that is " + e.Got
}

// check verifies that e is a dispatch of type want (or also) with an
// object d, and scans d's top level with f.
func (e Event) view(want, also EventType, f func(key, val string) bool) error {
	if e.Op != OpDispatch || (e.Type != want && (also == EventUnknown || e.Type != also)) {
		return &EventTypeError{Want: want.String(), Got: e.opName()}
	}
	return e.scanData(f)
}

func (e Event) opName() string {
	if e.Op == OpDispatch {
		if e.name == "" {
			return "a dispatch without a name"
		}
		return e.name
	}
	return "op " + itoa(int64(e.Op))
}

func (e Event) scanData(f func(key, val string) bool) error {
	if e.d == "" {
		return &PayloadError{Field: "d", Reason: "missing"}
	}
	i := wire.SkipSpace(e.d, 0)
	if i >= len(e.d) || e.d[i] != '{' {
		return &PayloadError{Field: "d", Reason: "not a JSON object"}
	}
	end, why := scanMembers(e.d, i, f)
	if why != "" {
		return &PayloadError{Field: "d", Reason: why}
	}
	if wire.SkipSpace(e.d, end) != len(e.d) {
		// Only a d that ParseEvent did not walk can be followed by more:
		// the rest of the payload must then be checked.
		if _, err := e.checked(); err != nil {
			return err
		}
	}
	return nil
}

func itoa(v int64) string {
	if v == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	neg := v < 0
	if neg {
		v = -v
	}
	for v > 0 {
		i--
		b[i] = byte('0' + v%10)
		v /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}

func rawTime(raw string) Timestamp {
	t, _ := ParseTimestamp(rawString(raw))
	return t
}

// optString reads a nullable string: its text and whether it was set.
func optString(raw string) (string, bool) {
	if rawNull(raw) || raw[0] != '"' {
		return "", false
	}
	return rawString(raw), true
}

func snowflakes[K any](raw string) iter.Seq[ID[K]] {
	return func(yield func(ID[K]) bool) {
		scanArray(raw, func(v string) bool { return yield(ID[K](rawSnowflake(v))) })
	}
}

func hasSnowflake(raw string, id uint64) bool {
	found := false
	scanArray(raw, func(v string) bool {
		found = rawSnowflake(v) == id
		return !found
	})
	return found
}

// UserView reads a user object.
type UserView struct {
	raw                                                  string
	id, username, globalName, bot, avatar, discriminator string
}

// NewUserView reads the user object raw.
func NewUserView(raw string) UserView {
	u := UserView{raw: raw}
	scanObject(raw, func(k, v string) bool {
		switch k {
		case "id":
			u.id = v
		case "username":
			u.username = v
		case "global_name":
			u.globalName = v
		case "bot":
			u.bot = v
		case "avatar":
			u.avatar = v
		case "discriminator":
			u.discriminator = v
		}
		return true
	})
	return u
}

// Present reports whether the user object was there.
func (u UserView) Present() bool { return !rawNull(u.raw) }

// ID is the user's ID.
func (u UserView) ID() UserID { return UserID(rawSnowflake(u.id)) }

// Username is the unique username.
func (u UserView) Username() string { return rawString(u.username) }

// GlobalName is the display name; "" when unset.
func (u UserView) GlobalName() string { return rawString(u.globalName) }

// DisplayName is the global name when set, else the username.
func (u UserView) DisplayName() string {
	if g := u.GlobalName(); g != "" {
		return g
	}
	return u.Username()
}

// Discriminator is the legacy discriminator ("0" for most users).
func (u UserView) Discriminator() string { return rawString(u.discriminator) }

// Avatar is the avatar hash; "" when unset.
func (u UserView) Avatar() string { return rawString(u.avatar) }

// Bot reports whether the user is a bot.
func (u UserView) Bot() bool { return rawBool(u.bot) }

// Raw is the user object as raw JSON.
func (u UserView) Raw() string { return u.raw }

// Get reads any field of the user by gjson path.
func (u UserView) Get(path string) gjson.Result { return gjson.Get(u.raw, path) }

// Decode decodes the whole user.
func (u UserView) Decode() (User, error) {
	var v User
	return v, decodeRaw(u.raw, "user", &v)
}

// MemberView reads a guild member object.
type MemberView struct {
	raw                                                                 string
	user, nick, roles, joinedAt, premiumSince, avatar, pending, timeout string
	flags, permissions, deaf, mute                                      string
}

// NewMemberView reads the member object raw.
func NewMemberView(raw string) MemberView {
	m := MemberView{raw: raw}
	scanObject(raw, m.set)
	return m
}

func (m *MemberView) set(k, v string) bool {
	switch k {
	case "user":
		m.user = v
	case "nick":
		m.nick = v
	case "roles":
		m.roles = v
	case "joined_at":
		m.joinedAt = v
	case "premium_since":
		m.premiumSince = v
	case "avatar":
		m.avatar = v
	case "pending":
		m.pending = v
	case "communication_disabled_until":
		m.timeout = v
	case "flags":
		m.flags = v
	case "permissions":
		m.permissions = v
	case "deaf":
		m.deaf = v
	case "mute":
		m.mute = v
	}
	return true
}

// Present reports whether the member object was there.
func (m MemberView) Present() bool { return !rawNull(m.raw) }

// User is the member's user; not Present where Discord leaves it out.
func (m MemberView) User() UserView { return NewUserView(m.user) }

// Nick is the nickname and whether one is set.
func (m MemberView) Nick() (string, bool) { return optString(m.nick) }

// Roles are the member's role IDs.
func (m MemberView) Roles() iter.Seq[RoleID] { return snowflakes[roleKind](m.roles) }

// HasRole reports whether the member has the role.
func (m MemberView) HasRole(id RoleID) bool { return hasSnowflake(m.roles, uint64(id)) }

// JoinedAt is when the user joined the guild.
func (m MemberView) JoinedAt() Timestamp { return rawTime(m.joinedAt) }

// PremiumSince is when the member started boosting; zero if not boosting.
func (m MemberView) PremiumSince() Timestamp { return rawTime(m.premiumSince) }

// CommunicationDisabledUntil is the end of the member's timeout; zero if none.
func (m MemberView) CommunicationDisabledUntil() Timestamp { return rawTime(m.timeout) }

// Avatar is the member's guild avatar hash; "" when unset.
func (m MemberView) Avatar() string { return rawString(m.avatar) }

// Pending reports whether the member has not passed membership screening.
func (m MemberView) Pending() bool { return rawBool(m.pending) }

// Deaf reports whether the member is deafened in voice.
func (m MemberView) Deaf() bool { return rawBool(m.deaf) }

// Mute reports whether the member is muted in voice.
func (m MemberView) Mute() bool { return rawBool(m.mute) }

// Flags are the member's flags.
func (m MemberView) Flags() MemberFlags { return MemberFlags(rawInt(m.flags)) }

// Permissions are the member's permissions in the channel of an
// interaction; zero elsewhere.
func (m MemberView) Permissions() Permissions { return Permissions(rawSnowflake(m.permissions)) }

// Raw is the member object as raw JSON.
func (m MemberView) Raw() string { return m.raw }

// Get reads any field of the member by gjson path.
func (m MemberView) Get(path string) gjson.Result { return gjson.Get(m.raw, path) }

// Decode decodes the whole member.
func (m MemberView) Decode() (Member, error) {
	var v Member
	return v, decodeRaw(m.raw, "member", &v)
}

// EmojiView reads an emoji object.
type EmojiView struct{ raw, id, name, animated string }

// NewEmojiView reads the emoji object raw.
func NewEmojiView(raw string) EmojiView {
	e := EmojiView{raw: raw}
	scanObject(raw, func(k, v string) bool {
		switch k {
		case "id":
			e.id = v
		case "name":
			e.name = v
		case "animated":
			e.animated = v
		}
		return true
	})
	return e
}

// ID is a custom emoji's ID; zero for Unicode emoji.
func (e EmojiView) ID() EmojiID { return EmojiID(rawSnowflake(e.id)) }

// Name is the custom emoji's name, or the Unicode emoji itself.
func (e EmojiView) Name() string { return rawString(e.name) }

// Animated reports whether a custom emoji is animated.
func (e EmojiView) Animated() bool { return rawBool(e.animated) }

// APIName is the emoji as REST routes want it ("name:id" or the emoji).
func (e EmojiView) APIName() string {
	if e.ID() == 0 {
		return e.Name()
	}
	return e.Name() + ":" + e.ID().String()
}

// Raw is the emoji object as raw JSON.
func (e EmojiView) Raw() string { return e.raw }

func decodeRaw(raw, what string, v any) error {
	if rawNull(raw) {
		return &PayloadError{Field: what, Reason: "missing"}
	}
	return Event{name: what, d: raw}.DecodeData(v)
}

// MessageCreateView reads a MESSAGE_CREATE (or MESSAGE_UPDATE) event.
type MessageCreateView struct {
	d                                                                string
	id, channelID, guildID, content, author, member, mentions, roles string
	typ, timestamp, edited, flags, reference, webhookID, everyone    string
	tts, nonce, embeds, attachments, components                      string
}

// MessageCreate views a MESSAGE_CREATE or MESSAGE_UPDATE event.
func (e Event) MessageCreate() (MessageCreateView, error) {
	v := MessageCreateView{d: e.d}
	err := e.view(EventMessageCreate, EventMessageUpdate, func(k, val string) bool {
		switch k {
		case "id":
			v.id = val
		case "channel_id":
			v.channelID = val
		case "guild_id":
			v.guildID = val
		case "content":
			v.content = val
		case "author":
			v.author = val
		case "member":
			v.member = val
		case "mentions":
			v.mentions = val
		case "mention_roles":
			v.roles = val
		case "type":
			v.typ = val
		case "timestamp":
			v.timestamp = val
		case "edited_timestamp":
			v.edited = val
		case "flags":
			v.flags = val
		case "message_reference":
			v.reference = val
		case "webhook_id":
			v.webhookID = val
		case "mention_everyone":
			v.everyone = val
		case "tts":
			v.tts = val
		case "nonce":
			v.nonce = val
		case "embeds":
			v.embeds = val
		case "attachments":
			v.attachments = val
		case "components":
			v.components = val
		}
		return true
	})
	return v, err
}

// ID is the message's ID.
func (v MessageCreateView) ID() MessageID { return MessageID(rawSnowflake(v.id)) }

// ChannelID is the channel the message was sent in.
func (v MessageCreateView) ChannelID() ChannelID { return ChannelID(rawSnowflake(v.channelID)) }

// GuildID is the message's guild; zero in DMs.
func (v MessageCreateView) GuildID() GuildID { return GuildID(rawSnowflake(v.guildID)) }

// Content is the message's text (empty without the message content intent).
func (v MessageCreateView) Content() string { return rawString(v.content) }

// Author is the message's author.
func (v MessageCreateView) Author() UserView { return NewUserView(v.author) }

// Member is the author's member in guilds (without its user); not Present
// in DMs and for webhook messages.
func (v MessageCreateView) Member() MemberView { return NewMemberView(v.member) }

// Mentions are the users mentioned.
func (v MessageCreateView) Mentions() iter.Seq[UserView] {
	return func(yield func(UserView) bool) {
		scanArray(v.mentions, func(u string) bool { return yield(NewUserView(u)) })
	}
}

// MentionsUser reports whether the message mentions the user.
func (v MessageCreateView) MentionsUser(id UserID) bool {
	for u := range v.Mentions() {
		if u.ID() == id {
			return true
		}
	}
	return false
}

// MentionRoles are the roles mentioned.
func (v MessageCreateView) MentionRoles() iter.Seq[RoleID] { return snowflakes[roleKind](v.roles) }

// MentionEveryone reports whether the message mentions @everyone or @here.
func (v MessageCreateView) MentionEveryone() bool { return rawBool(v.everyone) }

// Type is the message's type.
func (v MessageCreateView) Type() MessageType { return MessageType(rawInt(v.typ)) }

// Timestamp is when the message was sent.
func (v MessageCreateView) Timestamp() Timestamp { return rawTime(v.timestamp) }

// EditedTimestamp is when the message was last edited; zero if never.
func (v MessageCreateView) EditedTimestamp() Timestamp { return rawTime(v.edited) }

// Flags are the message's flags.
func (v MessageCreateView) Flags() MessageFlags { return MessageFlags(rawInt(v.flags)) }

// TTS reports whether the message is text to speech.
func (v MessageCreateView) TTS() bool { return rawBool(v.tts) }

// WebhookID is the webhook that sent the message; zero otherwise.
func (v MessageCreateView) WebhookID() WebhookID { return WebhookID(rawSnowflake(v.webhookID)) }

// Nonce is the message's nonce as text; "" when none.
func (v MessageCreateView) Nonce() string {
	if len(v.nonce) > 0 && v.nonce[0] == '"' {
		return rawString(v.nonce)
	}
	if isInt(v.nonce) {
		return v.nonce
	}
	return ""
}

// ReferencedMessageID is the message replied to or forwarded; zero when none.
func (v MessageCreateView) ReferencedMessageID() MessageID {
	return MessageID(rawSnowflake(gjson.Get(v.reference, "message_id").Raw))
}

// Embeds is the message's embeds as raw JSON ("" when absent).
func (v MessageCreateView) Embeds() string { return v.embeds }

// Attachments is the message's attachments as raw JSON ("" when absent).
func (v MessageCreateView) Attachments() string { return v.attachments }

// Components is the message's components as raw JSON ("" when absent).
func (v MessageCreateView) Components() string { return v.components }

// Get reads any field of the message by gjson path.
func (v MessageCreateView) Get(path string) gjson.Result { return gjson.Get(v.d, path) }

// Decode decodes the whole message.
func (v MessageCreateView) Decode() (*MessageCreate, error) {
	m := new(MessageCreate)
	if err := decodeRaw(v.d, "MESSAGE_CREATE", m); err != nil {
		return nil, err
	}
	return m, nil
}

// HelloView reads the Hello payload (op 10).
type HelloView struct{ d, interval string }

// Hello views an op 10 payload.
func (e Event) Hello() (HelloView, error) {
	if e.Op != OpHello {
		return HelloView{}, &EventTypeError{Want: "op 10", Got: e.opName()}
	}
	v := HelloView{d: e.d}
	err := e.scanData(func(k, val string) bool {
		if k == "heartbeat_interval" {
			v.interval = val
		}
		return true
	})
	return v, err
}

// HeartbeatInterval is how often to send heartbeats.
func (v HelloView) HeartbeatInterval() time.Duration {
	return time.Duration(rawInt(v.interval)) * time.Millisecond
}

// InvalidSession reads an op 9 payload: whether the session may be resumed.
func (e Event) InvalidSession() (resumable bool, err error) {
	if e.Op != OpInvalidSession {
		return false, &EventTypeError{Want: "op 9", Got: e.opName()}
	}
	switch e.d {
	case "true":
		return true, nil
	case "false", "null", "":
		return false, nil
	}
	return false, &PayloadError{Field: "d", Reason: "not a boolean: " + clip(e.d)}
}

// ReadyView reads a READY event.
type ReadyView struct {
	d                                                         string
	v, user, guilds, sessionID, resumeURL, shard, application string
}

// Ready views a READY event.
func (e Event) Ready() (ReadyView, error) {
	v := ReadyView{d: e.d}
	err := e.view(EventReady, EventUnknown, func(k, val string) bool {
		switch k {
		case "v":
			v.v = val
		case "user":
			v.user = val
		case "guilds":
			v.guilds = val
		case "session_id":
			v.sessionID = val
		case "resume_gateway_url":
			v.resumeURL = val
		case "shard":
			v.shard = val
		case "application":
			v.application = val
		}
		return true
	})
	return v, err
}

// Version is the gateway version.
func (v ReadyView) Version() int { return int(rawInt(v.v)) }

// SessionID is the session to resume with.
func (v ReadyView) SessionID() string { return rawString(v.sessionID) }

// ResumeGatewayURL is the URL to resume at.
func (v ReadyView) ResumeGatewayURL() string { return rawString(v.resumeURL) }

// User is the bot's own user.
func (v ReadyView) User() UserView { return NewUserView(v.user) }

// Guilds are the bot's guilds, all unavailable until their GUILD_CREATE.
func (v ReadyView) Guilds() iter.Seq[UnavailableGuild] {
	return func(yield func(UnavailableGuild) bool) {
		scanArray(v.guilds, func(g string) bool {
			var u UnavailableGuild
			scanObject(g, func(k, val string) bool {
				switch k {
				case "id":
					u.ID = GuildID(rawSnowflake(val))
				case "unavailable":
					u.Unavailable = rawBool(val)
				}
				return true
			})
			return yield(u)
		})
	}
}

// GuildCount is the number of guilds.
func (v ReadyView) GuildCount() int {
	n := 0
	scanArray(v.guilds, func(string) bool { n++; return true })
	return n
}

// Shard is the shard's ID and the shard count; ok is false when absent.
func (v ReadyView) Shard() (id, count int, ok bool) {
	i := 0
	scanArray(v.shard, func(x string) bool {
		switch i {
		case 0:
			id = int(rawInt(x))
		case 1:
			count = int(rawInt(x))
		}
		i++
		return i < 2
	})
	return id, count, i == 2
}

// ApplicationID is the bot's application.
func (v ReadyView) ApplicationID() ApplicationID {
	return ApplicationID(rawSnowflake(gjson.Get(v.application, "id").Raw))
}

// Get reads any field of READY by gjson path.
func (v ReadyView) Get(path string) gjson.Result { return gjson.Get(v.d, path) }

// Decode decodes the whole READY.
func (v ReadyView) Decode() (*Ready, error) {
	r := new(Ready)
	if err := decodeRaw(v.d, "READY", r); err != nil {
		return nil, err
	}
	return r, nil
}

// GuildCreateView reads a GUILD_CREATE event. One pass over d finds the
// fields; members, channels and the rest are read only when asked for.
type GuildCreateView struct {
	d                                                                  string
	id, name, memberCount, unavailable, large, ownerID, joinedAt, icon string
	members, channels, threads, roles, presences, voiceStates, emojis  string
}

// GuildCreate views a GUILD_CREATE (or GUILD_UPDATE) event.
func (e Event) GuildCreate() (GuildCreateView, error) {
	v := GuildCreateView{d: e.d}
	err := e.view(EventGuildCreate, EventGuildUpdate, func(k, val string) bool {
		switch k {
		case "id":
			v.id = val
		case "name":
			v.name = val
		case "member_count":
			v.memberCount = val
		case "unavailable":
			v.unavailable = val
		case "large":
			v.large = val
		case "owner_id":
			v.ownerID = val
		case "joined_at":
			v.joinedAt = val
		case "icon":
			v.icon = val
		case "members":
			v.members = val
		case "channels":
			v.channels = val
		case "threads":
			v.threads = val
		case "roles":
			v.roles = val
		case "presences":
			v.presences = val
		case "voice_states":
			v.voiceStates = val
		case "emojis":
			v.emojis = val
		}
		return true
	})
	return v, err
}

// ID is the guild's ID.
func (v GuildCreateView) ID() GuildID { return GuildID(rawSnowflake(v.id)) }

// Name is the guild's name.
func (v GuildCreateView) Name() string { return rawString(v.name) }

// Icon is the guild's icon hash; "" when unset.
func (v GuildCreateView) Icon() string { return rawString(v.icon) }

// MemberCount is the guild's member count.
func (v GuildCreateView) MemberCount() int { return int(rawInt(v.memberCount)) }

// Unavailable reports whether the guild is unavailable (an outage).
func (v GuildCreateView) Unavailable() bool { return rawBool(v.unavailable) }

// Large reports whether the guild is over the large threshold.
func (v GuildCreateView) Large() bool { return rawBool(v.large) }

// OwnerID is the guild owner's ID.
func (v GuildCreateView) OwnerID() UserID { return UserID(rawSnowflake(v.ownerID)) }

// JoinedAt is when the bot joined the guild.
func (v GuildCreateView) JoinedAt() Timestamp { return rawTime(v.joinedAt) }

// Members are the members sent with the guild.
func (v GuildCreateView) Members() iter.Seq[MemberView] {
	return func(yield func(MemberView) bool) {
		scanArray(v.members, func(m string) bool { return yield(NewMemberView(m)) })
	}
}

// Channels is the guild's channels as raw JSON.
func (v GuildCreateView) Channels() string { return v.channels }

// Threads is the guild's active threads as raw JSON.
func (v GuildCreateView) Threads() string { return v.threads }

// Roles is the guild's roles as raw JSON.
func (v GuildCreateView) Roles() string { return v.roles }

// Presences is the presences sent with the guild as raw JSON.
func (v GuildCreateView) Presences() string { return v.presences }

// VoiceStates is the guild's voice states as raw JSON.
func (v GuildCreateView) VoiceStates() string { return v.voiceStates }

// Emojis is the guild's emoji as raw JSON.
func (v GuildCreateView) Emojis() string { return v.emojis }

// Get reads any field of the guild by gjson path.
func (v GuildCreateView) Get(path string) gjson.Result { return gjson.Get(v.d, path) }

// Decode decodes the whole guild.
func (v GuildCreateView) Decode() (*GuildCreate, error) {
	g := new(GuildCreate)
	if err := decodeRaw(v.d, "GUILD_CREATE", g); err != nil {
		return nil, err
	}
	return g, nil
}

// PresenceUpdateView reads a PRESENCE_UPDATE event.
type PresenceUpdateView struct {
	d                                               string
	user, guildID, status, clientStatus, activities string
}

// PresenceUpdate views a PRESENCE_UPDATE event.
func (e Event) PresenceUpdate() (PresenceUpdateView, error) {
	v := PresenceUpdateView{d: e.d}
	err := e.view(EventPresenceUpdate, EventUnknown, func(k, val string) bool {
		switch k {
		case "user":
			v.user = val
		case "guild_id":
			v.guildID = val
		case "status":
			v.status = val
		case "client_status":
			v.clientStatus = val
		case "activities":
			v.activities = val
		}
		return true
	})
	return v, err
}

// User is the user, often with only its ID.
func (v PresenceUpdateView) User() UserView { return NewUserView(v.user) }

// UserID is the user's ID.
func (v PresenceUpdateView) UserID() UserID { return v.User().ID() }

// GuildID is the guild of the presence.
func (v PresenceUpdateView) GuildID() GuildID { return GuildID(rawSnowflake(v.guildID)) }

// Status is the user's status.
func (v PresenceUpdateView) Status() Status { return Status(rawString(v.status)) }

// ClientStatus is the user's status on each platform.
func (v PresenceUpdateView) ClientStatus() ClientStatus {
	var c ClientStatus
	scanObject(v.clientStatus, func(k, val string) bool {
		switch k {
		case "desktop":
			c.Desktop = Status(rawString(val))
		case "mobile":
			c.Mobile = Status(rawString(val))
		case "web":
			c.Web = Status(rawString(val))
		}
		return true
	})
	return c
}

// Activities is the user's activities as raw JSON.
func (v PresenceUpdateView) Activities() string { return v.activities }

// Get reads any field of the presence by gjson path.
func (v PresenceUpdateView) Get(path string) gjson.Result { return gjson.Get(v.d, path) }

// Decode decodes the whole presence.
func (v PresenceUpdateView) Decode() (*PresenceUpdate, error) {
	p := new(PresenceUpdate)
	if err := decodeRaw(v.d, "PRESENCE_UPDATE", p); err != nil {
		return nil, err
	}
	return p, nil
}

// TypingStartView reads a TYPING_START event.
type TypingStartView struct {
	d                                             string
	channelID, guildID, userID, timestamp, member string
}

// TypingStart views a TYPING_START event.
func (e Event) TypingStart() (TypingStartView, error) {
	v := TypingStartView{d: e.d}
	err := e.view(EventTypingStart, EventUnknown, func(k, val string) bool {
		switch k {
		case "channel_id":
			v.channelID = val
		case "guild_id":
			v.guildID = val
		case "user_id":
			v.userID = val
		case "timestamp":
			v.timestamp = val
		case "member":
			v.member = val
		}
		return true
	})
	return v, err
}

// ChannelID is where the user is typing.
func (v TypingStartView) ChannelID() ChannelID { return ChannelID(rawSnowflake(v.channelID)) }

// GuildID is the channel's guild; zero in DMs.
func (v TypingStartView) GuildID() GuildID { return GuildID(rawSnowflake(v.guildID)) }

// UserID is the user typing.
func (v TypingStartView) UserID() UserID { return UserID(rawSnowflake(v.userID)) }

// Timestamp is when the user started typing.
func (v TypingStartView) Timestamp() time.Time { return UnixTime(rawInt(v.timestamp)).Time() }

// Member is the typing member in guilds.
func (v TypingStartView) Member() MemberView { return NewMemberView(v.member) }

// Get reads any field of the event by gjson path.
func (v TypingStartView) Get(path string) gjson.Result { return gjson.Get(v.d, path) }

// Decode decodes the whole event.
func (v TypingStartView) Decode() (*TypingStart, error) {
	t := new(TypingStart)
	if err := decodeRaw(v.d, "TYPING_START", t); err != nil {
		return nil, err
	}
	return t, nil
}

// GuildMemberUpdateView reads a GUILD_MEMBER_UPDATE (or GUILD_MEMBER_ADD)
// event: a member with its guild's ID.
type GuildMemberUpdateView struct {
	MemberView
	d, guildID string
}

// GuildMemberUpdate views a GUILD_MEMBER_UPDATE or GUILD_MEMBER_ADD event.
func (e Event) GuildMemberUpdate() (GuildMemberUpdateView, error) {
	v := GuildMemberUpdateView{d: e.d}
	v.MemberView.raw = e.d
	err := e.view(EventGuildMemberUpdate, EventGuildMemberAdd, func(k, val string) bool {
		if k == "guild_id" {
			v.guildID = val
			return true
		}
		return v.MemberView.set(k, val)
	})
	return v, err
}

// GuildID is the member's guild.
func (v GuildMemberUpdateView) GuildID() GuildID { return GuildID(rawSnowflake(v.guildID)) }

// Decode decodes the whole event.
func (v GuildMemberUpdateView) Decode() (*GuildMemberUpdate, error) {
	m := new(GuildMemberUpdate)
	if err := decodeRaw(v.d, "GUILD_MEMBER_UPDATE", m); err != nil {
		return nil, err
	}
	return m, nil
}

// MessageReactionAddView reads a MESSAGE_REACTION_ADD (or _REMOVE) event.
type MessageReactionAddView struct {
	d                                                              string
	userID, channelID, messageID, guildID, member, emoji, authorID string
	burst, typ                                                     string
}

// MessageReactionAdd views a MESSAGE_REACTION_ADD or MESSAGE_REACTION_REMOVE
// event.
func (e Event) MessageReactionAdd() (MessageReactionAddView, error) {
	v := MessageReactionAddView{d: e.d}
	err := e.view(EventMessageReactionAdd, EventMessageReactionRemove, func(k, val string) bool {
		switch k {
		case "user_id":
			v.userID = val
		case "channel_id":
			v.channelID = val
		case "message_id":
			v.messageID = val
		case "guild_id":
			v.guildID = val
		case "member":
			v.member = val
		case "emoji":
			v.emoji = val
		case "message_author_id":
			v.authorID = val
		case "burst":
			v.burst = val
		case "type":
			v.typ = val
		}
		return true
	})
	return v, err
}

// UserID is the user who reacted.
func (v MessageReactionAddView) UserID() UserID { return UserID(rawSnowflake(v.userID)) }

// ChannelID is the message's channel.
func (v MessageReactionAddView) ChannelID() ChannelID { return ChannelID(rawSnowflake(v.channelID)) }

// MessageID is the message reacted to.
func (v MessageReactionAddView) MessageID() MessageID { return MessageID(rawSnowflake(v.messageID)) }

// GuildID is the message's guild; zero in DMs.
func (v MessageReactionAddView) GuildID() GuildID { return GuildID(rawSnowflake(v.guildID)) }

// Member is the member who reacted, in guilds.
func (v MessageReactionAddView) Member() MemberView { return NewMemberView(v.member) }

// Emoji is the emoji of the reaction.
func (v MessageReactionAddView) Emoji() EmojiView { return NewEmojiView(v.emoji) }

// MessageAuthorID is the author of the message reacted to; zero if unknown.
func (v MessageReactionAddView) MessageAuthorID() UserID { return UserID(rawSnowflake(v.authorID)) }

// Burst reports whether this is a super reaction.
func (v MessageReactionAddView) Burst() bool { return rawBool(v.burst) }

// Type is the reaction's type.
func (v MessageReactionAddView) Type() ReactionType { return ReactionType(rawInt(v.typ)) }

// Get reads any field of the event by gjson path.
func (v MessageReactionAddView) Get(path string) gjson.Result { return gjson.Get(v.d, path) }

// Decode decodes the whole event.
func (v MessageReactionAddView) Decode() (*MessageReactionAdd, error) {
	r := new(MessageReactionAdd)
	if err := decodeRaw(v.d, "MESSAGE_REACTION_ADD", r); err != nil {
		return nil, err
	}
	return r, nil
}

// InteractionCreateView reads an INTERACTION_CREATE event.
type InteractionCreateView struct {
	d                                                         string
	id, appID, typ, token, guildID, channelID, member, user   string
	data, locale, guildLocale, appPermissions, version, messg string
}

// InteractionCreate views an INTERACTION_CREATE event.
func (e Event) InteractionCreate() (InteractionCreateView, error) {
	v := InteractionCreateView{d: e.d}
	err := e.view(EventInteractionCreate, EventUnknown, func(k, val string) bool {
		switch k {
		case "id":
			v.id = val
		case "application_id":
			v.appID = val
		case "type":
			v.typ = val
		case "token":
			v.token = val
		case "guild_id":
			v.guildID = val
		case "channel_id":
			v.channelID = val
		case "member":
			v.member = val
		case "user":
			v.user = val
		case "data":
			v.data = val
		case "locale":
			v.locale = val
		case "guild_locale":
			v.guildLocale = val
		case "app_permissions":
			v.appPermissions = val
		case "version":
			v.version = val
		case "message":
			v.messg = val
		}
		return true
	})
	return v, err
}

// ID is the interaction's ID.
func (v InteractionCreateView) ID() InteractionID { return InteractionID(rawSnowflake(v.id)) }

// ApplicationID is the application the interaction is for.
func (v InteractionCreateView) ApplicationID() ApplicationID {
	return ApplicationID(rawSnowflake(v.appID))
}

// Type is the interaction's type.
func (v InteractionCreateView) Type() InteractionType { return InteractionType(rawInt(v.typ)) }

// Token is the token to answer with.
func (v InteractionCreateView) Token() string { return rawString(v.token) }

// GuildID is the guild it was used in; zero in DMs.
func (v InteractionCreateView) GuildID() GuildID { return GuildID(rawSnowflake(v.guildID)) }

// ChannelID is the channel it was used in.
func (v InteractionCreateView) ChannelID() ChannelID { return ChannelID(rawSnowflake(v.channelID)) }

// Member is the invoking member in guilds.
func (v InteractionCreateView) Member() MemberView { return NewMemberView(v.member) }

// User is the invoking user in DMs; not Present in guilds (see Invoker).
func (v InteractionCreateView) User() UserView { return NewUserView(v.user) }

// Invoker is the invoking user, in guilds and DMs.
func (v InteractionCreateView) Invoker() UserView {
	if !rawNull(v.member) {
		if u := v.Member().User(); u.Present() {
			return u
		}
	}
	return v.User()
}

// Locale is the invoking user's language.
func (v InteractionCreateView) Locale() string { return rawString(v.locale) }

// GuildLocale is the guild's preferred language.
func (v InteractionCreateView) GuildLocale() string { return rawString(v.guildLocale) }

// AppPermissions are the bot's permissions in the channel.
func (v InteractionCreateView) AppPermissions() Permissions {
	return Permissions(rawSnowflake(v.appPermissions))
}

// Version is always 1.
func (v InteractionCreateView) Version() int { return int(rawInt(v.version)) }

// Message is the message a component was used on, as raw JSON.
func (v InteractionCreateView) Message() string { return v.messg }

// Data is the interaction's data.
func (v InteractionCreateView) Data() InteractionDataView {
	d := InteractionDataView{raw: v.data}
	scanObject(v.data, func(k, val string) bool {
		switch k {
		case "id":
			d.id = val
		case "name":
			d.name = val
		case "type":
			d.typ = val
		case "custom_id":
			d.customID = val
		case "component_type":
			d.componentType = val
		case "values":
			d.values = val
		case "options":
			d.options = val
		case "target_id":
			d.targetID = val
		}
		return true
	})
	return d
}

// Get reads any field of the interaction by gjson path.
func (v InteractionCreateView) Get(path string) gjson.Result { return gjson.Get(v.d, path) }

// Decode decodes the whole interaction.
func (v InteractionCreateView) Decode() (*InteractionCreate, error) {
	i := new(InteractionCreate)
	if err := decodeRaw(v.d, "INTERACTION_CREATE", i); err != nil {
		return nil, err
	}
	return i, nil
}

// InteractionDataView reads the data of an interaction.
type InteractionDataView struct {
	raw, id, name, typ, customID, componentType, values, options, targetID string
}

// CommandID is the command's ID (commands and autocomplete).
func (d InteractionDataView) CommandID() CommandID { return CommandID(rawSnowflake(d.id)) }

// Name is the command's name.
func (d InteractionDataView) Name() string { return rawString(d.name) }

// CommandType is the command's type.
func (d InteractionDataView) CommandType() CommandType { return CommandType(rawInt(d.typ)) }

// TargetID is the user or message of a context menu command.
func (d InteractionDataView) TargetID() Snowflake { return Snowflake(rawSnowflake(d.targetID)) }

// CustomID is the custom ID of the component or modal.
func (d InteractionDataView) CustomID() string { return rawString(d.customID) }

// ComponentType is the type of the component used.
func (d InteractionDataView) ComponentType() ComponentType {
	return ComponentType(rawInt(d.componentType))
}

// Values are the values picked in a select menu.
func (d InteractionDataView) Values() iter.Seq[string] {
	return func(yield func(string) bool) {
		scanArray(d.values, func(v string) bool { return yield(rawString(v)) })
	}
}

// Option finds a top-level option by name; ok is false when absent.
func (d InteractionDataView) Option(name string) (v gjson.Result, ok bool) {
	scanArray(d.options, func(o string) bool {
		if gjson.Get(o, "name").Str == name {
			v, ok = gjson.Get(o, "value"), true
			return false
		}
		return true
	})
	return v, ok
}

// Options is the options as raw JSON.
func (d InteractionDataView) Options() string { return d.options }

// Raw is the data object as raw JSON.
func (d InteractionDataView) Raw() string { return d.raw }

// ChannelView reads a channel or thread event: CHANNEL_CREATE, _UPDATE,
// _DELETE and THREAD_CREATE, _UPDATE, _DELETE.
type ChannelView struct {
	d, id, typ, guildID, name, parentID, position, ownerID, flags string
}

// Channel views a channel or thread event.
func (e Event) Channel() (ChannelView, error) {
	v := ChannelView{d: e.d}
	switch e.Type {
	case EventChannelCreate, EventChannelUpdate, EventChannelDelete,
		EventThreadCreate, EventThreadUpdate, EventThreadDelete:
	default:
		return v, &EventTypeError{Want: "a channel or thread event", Got: e.opName()}
	}
	err := e.scanData(func(k, val string) bool {
		switch k {
		case "id":
			v.id = val
		case "type":
			v.typ = val
		case "guild_id":
			v.guildID = val
		case "name":
			v.name = val
		case "parent_id":
			v.parentID = val
		case "position":
			v.position = val
		case "owner_id":
			v.ownerID = val
		case "flags":
			v.flags = val
		}
		return true
	})
	return v, err
}

// ID is the channel's ID.
func (v ChannelView) ID() ChannelID { return ChannelID(rawSnowflake(v.id)) }

// Type is the channel's type.
func (v ChannelView) Type() ChannelType { return ChannelType(rawInt(v.typ)) }

// GuildID is the channel's guild; zero for DMs.
func (v ChannelView) GuildID() GuildID { return GuildID(rawSnowflake(v.guildID)) }

// Name is the channel's name.
func (v ChannelView) Name() string { return rawString(v.name) }

// ParentID is the category of a channel, or the channel of a thread.
func (v ChannelView) ParentID() ChannelID { return ChannelID(rawSnowflake(v.parentID)) }

// Position is the channel's sorting position.
func (v ChannelView) Position() int { return int(rawInt(v.position)) }

// OwnerID is the creator of a thread.
func (v ChannelView) OwnerID() UserID { return UserID(rawSnowflake(v.ownerID)) }

// Flags are the channel's flags.
func (v ChannelView) Flags() ChannelFlags { return ChannelFlags(rawInt(v.flags)) }

// Get reads any field of the channel by gjson path.
func (v ChannelView) Get(path string) gjson.Result { return gjson.Get(v.d, path) }

// Decode decodes the whole channel.
func (v ChannelView) Decode() (*Channel, error) {
	c := new(Channel)
	if err := decodeRaw(v.d, "channel", c); err != nil {
		return nil, err
	}
	return c, nil
}

// MessageDeleteView reads a MESSAGE_DELETE event.
type MessageDeleteView struct{ id, channelID, guildID string }

// MessageDelete views a MESSAGE_DELETE event.
func (e Event) MessageDelete() (MessageDeleteView, error) {
	var v MessageDeleteView
	err := e.view(EventMessageDelete, EventUnknown, func(k, val string) bool {
		switch k {
		case "id":
			v.id = val
		case "channel_id":
			v.channelID = val
		case "guild_id":
			v.guildID = val
		}
		return true
	})
	return v, err
}

// ID is the deleted message's ID.
func (v MessageDeleteView) ID() MessageID { return MessageID(rawSnowflake(v.id)) }

// ChannelID is the message's channel.
func (v MessageDeleteView) ChannelID() ChannelID { return ChannelID(rawSnowflake(v.channelID)) }

// GuildID is the message's guild; zero in DMs.
func (v MessageDeleteView) GuildID() GuildID { return GuildID(rawSnowflake(v.guildID)) }

// GuildMemberRemoveView reads a GUILD_MEMBER_REMOVE event.
type GuildMemberRemoveView struct{ guildID, user string }

// GuildMemberRemove views a GUILD_MEMBER_REMOVE event.
func (e Event) GuildMemberRemove() (GuildMemberRemoveView, error) {
	var v GuildMemberRemoveView
	err := e.view(EventGuildMemberRemove, EventUnknown, func(k, val string) bool {
		switch k {
		case "guild_id":
			v.guildID = val
		case "user":
			v.user = val
		}
		return true
	})
	return v, err
}

// GuildID is the guild the user left.
func (v GuildMemberRemoveView) GuildID() GuildID { return GuildID(rawSnowflake(v.guildID)) }

// User is the user who left or was removed.
func (v GuildMemberRemoveView) User() UserView { return NewUserView(v.user) }

// GuildDeleteView reads a GUILD_DELETE event.
type GuildDeleteView struct{ id, unavailable string }

// GuildDelete views a GUILD_DELETE event.
func (e Event) GuildDelete() (GuildDeleteView, error) {
	var v GuildDeleteView
	err := e.view(EventGuildDelete, EventUnknown, func(k, val string) bool {
		switch k {
		case "id":
			v.id = val
		case "unavailable":
			v.unavailable = val
		}
		return true
	})
	return v, err
}

// ID is the guild's ID.
func (v GuildDeleteView) ID() GuildID { return GuildID(rawSnowflake(v.id)) }

// Unavailable reports an outage; false means the bot left or was removed.
func (v GuildDeleteView) Unavailable() bool { return rawBool(v.unavailable) }

// VoiceStateUpdateView reads a VOICE_STATE_UPDATE event.
type VoiceStateUpdateView struct {
	d, guildID, channelID, userID, sessionID, member, selfMute, selfDeaf string
}

// VoiceStateUpdate views a VOICE_STATE_UPDATE event.
func (e Event) VoiceStateUpdate() (VoiceStateUpdateView, error) {
	v := VoiceStateUpdateView{d: e.d}
	err := e.view(EventVoiceStateUpdate, EventUnknown, func(k, val string) bool {
		switch k {
		case "guild_id":
			v.guildID = val
		case "channel_id":
			v.channelID = val
		case "user_id":
			v.userID = val
		case "session_id":
			v.sessionID = val
		case "member":
			v.member = val
		case "self_mute":
			v.selfMute = val
		case "self_deaf":
			v.selfDeaf = val
		}
		return true
	})
	return v, err
}

// GuildID is the voice state's guild.
func (v VoiceStateUpdateView) GuildID() GuildID { return GuildID(rawSnowflake(v.guildID)) }

// ChannelID is the voice channel; zero when the user left voice.
func (v VoiceStateUpdateView) ChannelID() ChannelID { return ChannelID(rawSnowflake(v.channelID)) }

// UserID is the user whose voice state changed.
func (v VoiceStateUpdateView) UserID() UserID { return UserID(rawSnowflake(v.userID)) }

// SessionID is the voice session.
func (v VoiceStateUpdateView) SessionID() string { return rawString(v.sessionID) }

// Member is the user's member in guilds.
func (v VoiceStateUpdateView) Member() MemberView { return NewMemberView(v.member) }

// SelfMute reports whether the user muted themselves.
func (v VoiceStateUpdateView) SelfMute() bool { return rawBool(v.selfMute) }

// SelfDeaf reports whether the user deafened themselves.
func (v VoiceStateUpdateView) SelfDeaf() bool { return rawBool(v.selfDeaf) }

// Get reads any field of the voice state by gjson path.
func (v VoiceStateUpdateView) Get(path string) gjson.Result { return gjson.Get(v.d, path) }
