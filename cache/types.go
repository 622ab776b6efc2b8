package cache

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"

	"github.com/gloamdev/gloam/model"
)

// Hash is an image hash (an avatar, icon or banner): 16 bytes and whether
// the image is animated ("a_" prefix). The zero Hash means no image.
type Hash struct {
	Sum      [16]byte
	Animated bool
	Set      bool
}

// ParseHash reads a hash as Discord sends it: 32 hex digits, optionally
// after "a_". It reports false, and gives the zero Hash, for "" and for
// anything else.
func ParseHash(s string) (Hash, bool) {
	var h Hash
	if len(s) == 34 && s[0] == 'a' && s[1] == '_' {
		h.Animated = true
		s = s[2:]
	}
	if len(s) != 32 {
		return Hash{}, false
	}
	for i := 0; i < 16; i++ {
		hi, lo := hexval[s[2*i]], hexval[s[2*i+1]]
		if hi|lo > 15 {
			return Hash{}, false
		}
		h.Sum[i] = hi<<4 | lo
	}
	h.Set = true
	return h, true
}

// hexval maps hex digits to their value and other bytes to 0xff.
var hexval = func() (t [256]byte) {
	for i := range t {
		t[i] = 0xff
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = byte(c - '0')
	}
	for c := 'a'; c <= 'f'; c++ {
		t[c] = byte(c - 'a' + 10)
		t[c-'a'+'A'] = byte(c - 'a' + 10)
	}
	return t
}()

// IsZero reports whether h is no image.
func (h Hash) IsZero() bool { return !h.Set }

// String is the hash as Discord writes it ("a_" and 32 hex digits for an
// animated image), or "" for no image.
func (h Hash) String() string {
	if !h.Set {
		return ""
	}
	var b [34]byte
	n := 0
	if h.Animated {
		b[0], b[1] = 'a', '_'
		n = 2
	}
	hex.Encode(b[n:], h.Sum[:])
	return string(b[:n+32])
}

// User is a Discord user. Users are stored once and shared by every
// guild they are a member of.
type User struct {
	ID            model.UserID
	Username      string
	GlobalName    string // display name; "" when unset
	Discriminator uint16 // 0 for users on the new username system
	Avatar        Hash
	Bot           bool
	System        bool
	PublicFlags   model.UserFlags
	// Guilds is the number of cached guilds the user is a member of. The
	// user is dropped from the cache when it reaches 0.
	Guilds int32
}

// Member is a user's membership of a guild. Its User is read with
// Cache.User(UserID).
type Member struct {
	GuildID      model.GuildID
	UserID       model.UserID
	Nick         string // "" when unset
	Avatar       Hash   // the guild avatar
	Banner       Hash   // the guild banner
	Roles        []model.RoleID
	JoinedAt     time.Time
	PremiumSince time.Time // zero when not boosting
	// CommunicationDisabledUntil is the end of a timeout; zero or past when
	// there is none.
	CommunicationDisabledUntil time.Time
	Flags                      model.MemberFlags
	Deaf                       bool
	Mute                       bool
	Pending                    bool
}

// Guild is a guild's own settings; its members, channels and roles are
// read with the Cache's other methods.
type Guild struct {
	ID                          model.GuildID
	Name                        string
	Icon                        Hash
	Splash                      Hash
	DiscoverySplash             Hash
	Banner                      Hash
	OwnerID                     model.UserID
	ApplicationID               model.ApplicationID
	AFKChannelID                model.ChannelID
	AFKTimeout                  int32 // seconds
	WidgetEnabled               bool
	WidgetChannelID             model.ChannelID
	SystemChannelID             model.ChannelID
	SystemChannelFlags          model.SystemChannelFlags
	RulesChannelID              model.ChannelID
	PublicUpdatesChannelID      model.ChannelID
	SafetyAlertsChannelID       model.ChannelID
	VerificationLevel           model.VerificationLevel
	DefaultMessageNotifications model.NotificationLevel
	ExplicitContentFilter       model.ExplicitContentFilter
	MFALevel                    model.MFALevel
	NSFWLevel                   model.NSFWLevel
	PremiumTier                 model.PremiumTier
	PremiumSubscriptionCount    int32
	PremiumProgressBarEnabled   bool
	Features                    []string
	PreferredLocale             string
	Description                 string
	VanityURLCode               string
	MaxMembers                  int32
	MemberCount                 int32 // from GUILD_CREATE, kept up to date by member adds and removes
	Large                       bool
	JoinedAt                    time.Time // when the bot joined
	// Unavailable is set while Discord reports an outage of the guild
	// (and for guilds of READY until their GUILD_CREATE arrives): the
	// cached data, if any, may be stale.
	Unavailable bool
}

// Channel is a guild channel or a thread.
type Channel struct {
	ID                   model.ChannelID
	GuildID              model.GuildID
	Type                 model.ChannelType
	Name                 string
	Topic                string
	Position             int32
	ParentID             model.ChannelID // the category; for a thread, its channel
	NSFW                 bool
	RateLimitPerUser     int32 // seconds
	Bitrate              int32
	UserLimit            int32
	RTCRegion            string
	Flags                model.ChannelFlags
	LastMessageID        model.MessageID
	LastPinTimestamp     time.Time
	PermissionOverwrites []model.PermissionOverwrite

	// Threads only.
	OwnerID             model.UserID
	MessageCount        int32
	MemberCount         int32 // approximate, capped at 50 by Discord
	TotalMessageSent    int32
	Archived            bool
	Locked              bool
	Invitable           bool
	AutoArchiveDuration int32 // minutes
	ArchiveTimestamp    time.Time
	CreateTimestamp     time.Time
	AppliedTags         []uint64

	// DMs and group DMs only: the users the bot talks with.
	Recipients []model.UserID
}

// Role is a guild role.
type Role struct {
	ID           model.RoleID
	GuildID      model.GuildID
	Name         string
	Color        uint32
	Hoist        bool
	Icon         Hash
	UnicodeEmoji string
	Position     int32
	Permissions  model.Permissions
	Managed      bool
	Mentionable  bool
	Flags        model.RoleFlags
	// From tags: the bot or integration that manages the role, and
	// whether it is the guild's booster role.
	BotID             model.UserID
	IntegrationID     model.IntegrationID
	PremiumSubscriber bool
}

// Emoji is a guild's custom emoji.
type Emoji struct {
	ID            model.EmojiID
	GuildID       model.GuildID
	Name          string
	Roles         []model.RoleID // roles allowed to use it; empty: everyone
	CreatorID     model.UserID   // the user who uploaded it, when known
	RequireColons bool
	Managed       bool
	Animated      bool
	Available     bool
}

// Sticker is a guild's sticker.
type Sticker struct {
	ID          model.StickerID
	GuildID     model.GuildID
	Name        string
	Description string
	Tags        string
	Type        model.StickerType
	FormatType  model.StickerFormat
	Available   bool
	CreatorID   model.UserID
}

// ScheduledEvent is a guild's scheduled event. UserCount starts from
// what Discord sent with the event (zero when it sent none) and follows
// GUILD_SCHEDULED_EVENT_USER_ADD and _REMOVE from then on, which need the
// GUILD_SCHEDULED_EVENTS intent. A recurring event's rule and exceptions
// are not kept (ask REST for them).
type ScheduledEvent struct {
	ID                 model.GuildScheduledEventID
	GuildID            model.GuildID
	ChannelID          model.ChannelID // zero for an external event
	CreatorID          model.UserID
	Name               string
	Description        string
	ScheduledStartTime time.Time
	ScheduledEndTime   time.Time // zero when it has none
	PrivacyLevel       model.ScheduledEventPrivacyLevel
	Status             model.ScheduledEventStatus
	EntityType         model.ScheduledEventEntityType
	EntityID           model.Snowflake
	Location           string // entity_metadata.location of an external event
	Image              Hash
	UserCount          int
}

// SoundboardSound is a sound of a guild's soundboard.
type SoundboardSound struct {
	SoundID   model.SoundID
	GuildID   model.GuildID
	Name      string
	Volume    float64 // 0 to 1
	EmojiID   model.EmojiID
	EmojiName string // a unicode emoji, when EmojiID is zero
	Available bool   // false when the guild lost the boosts it needs
	UserID    model.UserID
}

// Integration is an integration of a guild: a bot, or a Twitch, YouTube
// or Discord-linked account. Discord sends no list of them: the cache
// holds those created or updated since the guild's last GUILD_CREATE
// (INTEGRATION_* needs the GUILD_INTEGRATIONS intent); list them with
// REST for all of them.
type Integration struct {
	ID                model.IntegrationID
	GuildID           model.GuildID
	Name              string
	Type              string // twitch, youtube, discord or guild_subscription
	Enabled           bool
	Syncing           bool
	RoleID            model.RoleID
	EnableEmoticons   bool
	ExpireBehavior    int32
	ExpireGracePeriod int32 // days
	UserID            model.UserID
	AccountID         string
	AccountName       string
	SyncedAt          time.Time
	SubscriberCount   int32
	Revoked           bool
	ApplicationID     model.ApplicationID // a bot's application
	Scopes            []string            // the OAuth2 scopes a bot was added with
}

// ThreadMember is a user's membership of a thread: the bot's own, from
// GUILD_CREATE, THREAD_CREATE, THREAD_LIST_SYNC and THREAD_MEMBER_UPDATE,
// and other users' from THREAD_MEMBERS_UPDATE (which needs the
// GUILD_MEMBERS intent).
type ThreadMember struct {
	ThreadID      model.ChannelID
	UserID        model.UserID
	JoinTimestamp time.Time
	Flags         int32
}

// StageInstance is a live stage of a guild.
type StageInstance struct {
	ID                    model.StageInstanceID
	GuildID               model.GuildID
	ChannelID             model.ChannelID
	Topic                 string
	PrivacyLevel          model.StagePrivacyLevel
	GuildScheduledEventID model.GuildScheduledEventID
}

// ClientStatus is a user's status on each platform; "" where offline.
type ClientStatus struct {
	Desktop model.Status
	Mobile  model.Status
	Web     model.Status
}

// Activity is one activity of a presence.
type Activity struct {
	Name          string
	Type          model.ActivityType
	URL           string
	State         string
	Details       string
	ApplicationID model.ApplicationID
	CreatedAt     time.Time
	Start         time.Time
	End           time.Time
	EmojiName     string // the emoji of a custom status
	EmojiID       model.EmojiID
	EmojiAnimated bool
	Flags         model.ActivityFlags
}

// Presence is a member's status and activities in a guild.
type Presence struct {
	GuildID      model.GuildID
	UserID       model.UserID
	Status       model.Status
	ClientStatus ClientStatus
	Activities   []Activity
}

// VoiceState is a member's connection to a voice channel of a guild.
type VoiceState struct {
	GuildID                 model.GuildID
	UserID                  model.UserID
	ChannelID               model.ChannelID
	SessionID               string
	Deaf                    bool
	Mute                    bool
	SelfDeaf                bool
	SelfMute                bool
	SelfStream              bool
	SelfVideo               bool
	Suppress                bool
	RequestToSpeakTimestamp time.Time
}

// Attachment is a file attached to a message, with every field Discord
// sends. With Options.CompactMessages, only ID, Filename, ContentType,
// Size and URL are kept.
type Attachment struct {
	ID          model.AttachmentID
	Filename    string
	Title       string // the title of the file, which Filename may have made safe
	Description string // the alt text
	ContentType string // its media type, e.g. "image/png"
	Size        int64  // in bytes
	URL         string
	ProxyURL    string
	Height      int32 // of an image or video; 0 for other files
	Width       int32
	// Placeholder is a thumbhash of an image, shown while it loads;
	// PlaceholderVersion its version.
	Placeholder        string
	PlaceholderVersion int32
	Ephemeral          bool    // whether it is removed after a while
	DurationSecs       float64 // of a voice message
	Waveform           string  // of a voice message: base64 of its samples
	Flags              model.AttachmentFlags
	// A clip's recording time, its participants, and the application
	// (game) it was recorded in; zero for other files.
	ClipCreatedAt    time.Time
	ClipParticipants []model.UserID
	ApplicationID    model.ApplicationID
}

// MessageReference is the message a message replies to or forwards.
type MessageReference struct {
	Type            model.MessageReferenceType // a reply or a forward
	MessageID       model.MessageID
	ChannelID       model.ChannelID
	GuildID         model.GuildID
	FailIfNotExists bool // as sent; false when absent
}

// Reaction is the count of one emoji's reactions on a message.
type Reaction struct {
	EmojiID   model.EmojiID // 0 for a Unicode emoji
	EmojiName string
	Count     int32
	Me        bool // whether the bot reacted
}

// Message is a message of a channel's recent history.
type Message struct {
	ID              model.MessageID
	ChannelID       model.ChannelID
	GuildID         model.GuildID
	Author          User // Author.Guilds is always 0
	WebhookID       model.WebhookID
	Type            model.MessageType
	Content         string
	Timestamp       time.Time
	EditedTimestamp time.Time
	Flags           model.MessageFlags
	TTS             bool
	MentionEveryone bool
	Pinned          bool
	Embeds          int32 // the number of embeds
	Mentions        []model.UserID
	MentionRoles    []model.RoleID
	Attachments     []Attachment
	Reactions       []Reaction
	Reference       MessageReference // the zero value when the message references none

	// The message's embeds, components, sticker items and, for a
	// forward, the snapshots of the forwarded message as Discord sent them
	// (JSON arrays; "" when it sent none), read with the Decode methods.
	// Empty with Options.CompactMessages.
	EmbedsJSON     string
	ComponentsJSON string
	StickersJSON   string
	SnapshotsJSON  string
}

// DecodeEmbeds decodes the cached embeds.
func (m *Message) DecodeEmbeds() ([]model.Embed, error) { return decodeJSON[model.Embed](m.EmbedsJSON) }

// DecodeComponents decodes the cached components.
func (m *Message) DecodeComponents() ([]model.Component, error) {
	return decodeJSON[model.Component](m.ComponentsJSON)
}

// DecodeStickers decodes the cached sticker items.
func (m *Message) DecodeStickers() ([]model.StickerItem, error) {
	return decodeJSON[model.StickerItem](m.StickersJSON)
}

// DecodeSnapshots decodes the cached snapshots of a forwarded message:
// its content, embeds, attachments and the like, as they were forwarded.
func (m *Message) DecodeSnapshots() ([]model.MessageSnapshot, error) {
	return decodeJSON[model.MessageSnapshot](m.SnapshotsJSON)
}

func decodeJSON[T any](s string) ([]T, error) {
	if s == "" {
		return nil, nil
	}
	var v []T
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		return nil, fmt.Errorf("cache: decode a cached message: %w", err)
	}
	return v, nil
}

func (*User) record()            {}
func (*Member) record()          {}
func (*Guild) record()           {}
func (*Channel) record()         {}
func (*Role) record()            {}
func (*Emoji) record()           {}
func (*Sticker) record()         {}
func (*StageInstance) record()   {}
func (*ScheduledEvent) record()  {}
func (*SoundboardSound) record() {}
func (*Integration) record()     {}
func (*ThreadMember) record()    {}
func (*Presence) record()        {}
func (*VoiceState) record()      {}
func (*Message) record()         {}
