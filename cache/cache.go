package cache

import (
	"errors"
	"iter"
	"sync"
	"sync/atomic"

	"github.com/gloamdev/gloam/model"
)

// Resource is a set of kinds of data to cache.
type Resource uint32

// Resources. Users are cached with members (they are shared by the guilds
// their members belong to); the current user is always cached.
const (
	ResourceGuilds Resource = 1 << iota
	ResourceChannels
	ResourceThreads
	ResourceRoles
	ResourceMembers
	ResourcePresences
	ResourceVoiceStates
	ResourceEmojis
	ResourceStickers
	ResourceMessages
	ResourceStageInstances
	ResourceScheduledEvents
	ResourceSoundboardSounds
	ResourcePrivateChannels // DMs and group DMs
	ResourceIntegrations
	ResourceThreadMembers

	ResourceAll = ResourceGuilds | ResourceChannels | ResourceThreads | ResourceRoles |
		ResourceMembers | ResourcePresences | ResourceVoiceStates | ResourceEmojis |
		ResourceStickers | ResourceMessages | ResourceStageInstances |
		ResourceScheduledEvents | ResourceSoundboardSounds | ResourcePrivateChannels |
		ResourceIntegrations | ResourceThreadMembers
)

// Has reports whether every resource of o is in r.
func (r Resource) Has(o Resource) bool { return r&o == o }

// DefaultMessages is the default length of a channel's message ring.
const DefaultMessages = 100

// DefaultPrivateChannels is the default bound on the DMs and group DMs
// a Cache keeps.
const DefaultPrivateChannels = 1000

// Options configure a Cache. The zero value, like nil, caches everything.
type Options struct {
	// Resources chooses what to cache; 0 means ResourceAll. Events about
	// other resources are not decoded at all.
	Resources Resource
	// Messages is how many recent messages to keep per channel; 0 means
	// DefaultMessages.
	Messages int
	// CompactMessages keeps messages without their embeds, components,
	// sticker items and forwarded snapshots (only the number of embeds),
	// and their attachments with only ID, Filename, ContentType, Size and
	// URL: about half the size of a message with an embed. Zero: messages
	// are kept whole.
	CompactMessages bool
	// PrivateChannels is the most DMs and group DMs kept; 0 means
	// DefaultPrivateChannels, and a negative value keeps all of them.
	// Discord never deletes a DM channel on the gateway, and a bot that
	// is sent DMs caches one per user who writes to it, so beyond the
	// bound the least recently active one (the oldest last message, or
	// channel ID when it has none) is removed, with its messages.
	PrivateChannels int
}

// Errors.
var (
	// ErrNotFound is returned when what a computation needs is not cached.
	ErrNotFound = errors.New("cache: not found")
)

// EventError reports an event the cache cannot apply: a field it needs is
// missing or malformed.
type EventError struct {
	Event  string // the event name
	Reason string
}

func (e *EventError) Error() string { return "cache: apply " + e.Event + ": " + e.Reason }

// Cache applies gateway events to a Backend and answers reads. It is safe
// for use by many goroutines.
type Cache struct {
	b        Backend
	res      Resource
	messages int
	compact  bool // Options.CompactMessages
	maxDMs   int  // Options.PrivateChannels; negative: no bound
	events   model.EventTypeSet
	pool     sync.Pool // *applier

	// dms orders the private channels by activity; it is used inside
	// Updates only. dmsStale tells the next Update to rebuild it, after
	// one that failed.
	dms      dmIndex
	dmsStale atomic.Bool
}

// New returns a Cache over b. o may be nil.
func New(b Backend, o *Options) *Cache {
	if o == nil {
		o = &Options{}
	}
	c := &Cache{b: b, res: o.Resources, messages: o.Messages, compact: o.CompactMessages}
	if c.res == 0 {
		c.res = ResourceAll
	}
	if c.messages <= 0 {
		c.messages = DefaultMessages
	}
	c.maxDMs = o.PrivateChannels
	if c.maxDMs == 0 {
		c.maxDMs = DefaultPrivateChannels
	}
	c.events = eventsFor(c.res)
	c.pool.New = func() any {
		a := &applier{c: c}
		a.txfn = a.applyTx
		return a
	}
	return c
}

// Backend is the backend the cache stores into.
func (c *Cache) Backend() Backend { return c.b }

// Resources is what the cache keeps.
func (c *Cache) Resources() Resource { return c.res }

// EventTypes is the set of events the cache reads; a gateway may skip
// decoding the others (Apply still records their sequence number).
func (c *Cache) EventTypes() model.EventTypeSet { return c.events }

func eventsFor(r Resource) model.EventTypeSet {
	s := model.NewEventTypeSet(model.EventReady, model.EventUserUpdate,
		model.EventGuildCreate, model.EventGuildUpdate, model.EventGuildDelete)
	add := func(need Resource, ts ...model.EventType) {
		if r&need != 0 {
			for _, t := range ts {
				s = s.With(t)
			}
		}
	}
	add(ResourceChannels|ResourceThreads|ResourceMessages, model.EventChannelCreate,
		model.EventChannelUpdate, model.EventChannelDelete, model.EventChannelPinsUpdate)
	add(ResourceThreads|ResourceMessages, model.EventThreadCreate, model.EventThreadUpdate,
		model.EventThreadDelete, model.EventThreadListSync, model.EventThreadMembersUpdate)
	add(ResourceRoles, model.EventGuildRoleCreate, model.EventGuildRoleUpdate)
	add(ResourceRoles|ResourceMembers, model.EventGuildRoleDelete) // members lose the role
	add(ResourceMembers|ResourceGuilds|ResourcePresences|ResourceVoiceStates, model.EventGuildMemberAdd,
		model.EventGuildMemberUpdate, model.EventGuildMemberRemove, model.EventGuildMembersChunk)
	add(ResourceEmojis, model.EventGuildEmojisUpdate)
	add(ResourceStickers, model.EventGuildStickersUpdate)
	add(ResourceStageInstances, model.EventStageInstanceCreate, model.EventStageInstanceUpdate,
		model.EventStageInstanceDelete)
	add(ResourceScheduledEvents, model.EventGuildScheduledEventCreate, model.EventGuildScheduledEventUpdate,
		model.EventGuildScheduledEventDelete, model.EventGuildScheduledEventUserAdd,
		model.EventGuildScheduledEventUserRemove)
	add(ResourcePrivateChannels, model.EventChannelCreate, model.EventChannelUpdate, model.EventChannelDelete,
		model.EventMessageCreate)
	add(ResourceThreadMembers, model.EventThreadCreate, model.EventThreadDelete, model.EventThreadListSync,
		model.EventThreadMemberUpdate, model.EventThreadMembersUpdate)
	add(ResourceIntegrations, model.EventIntegrationCreate, model.EventIntegrationUpdate, model.EventIntegrationDelete)
	add(ResourceSoundboardSounds, model.EventGuildSoundboardSoundCreate, model.EventGuildSoundboardSoundUpdate,
		model.EventGuildSoundboardSoundDelete, model.EventGuildSoundboardSoundsUpdate, model.EventSoundboardSounds)
	add(ResourcePresences|ResourceMembers, model.EventPresenceUpdate)
	add(ResourceVoiceStates, model.EventVoiceStateUpdate)
	add(ResourceMessages, model.EventMessageCreate, model.EventMessageUpdate, model.EventMessageDelete,
		model.EventMessageDeleteBulk, model.EventMessageReactionAdd, model.EventMessageReactionRemove,
		model.EventMessageReactionRemoveAll, model.EventMessageReactionRemoveEmoji)
	return s
}

// Apply applies one gateway payload received by a shard. Dispatches the
// cache does not need cost only the bookkeeping of their sequence number,
// which is stored (in the same transaction as the changes) as the shard's
// Session. Payloads that are not dispatches are ignored.
//
// A malformed event gives an *EventError and changes nothing: every
// event is read whole, and the payload's close after it checked, before
// the first write, so a payload cut short anywhere is refused. Values
// the cache does not read (an embed, say) are checked only for balanced
// brackets and quotes; arrays it reads while writing are checked strictly
// first. An error of the backend is returned wrapped.
func (c *Cache) Apply(shard int, ev model.Event) error {
	if ev.Op != model.OpDispatch {
		return nil
	}
	a := c.pool.Get().(*applier)
	a.shard, a.ev = shard, ev
	if c.events.Has(ev.Type) {
		a.perr = a.prepare(ev) // the big events are parsed before locking
	}
	err := c.b.Update(a.txfn)
	a.reset()
	c.pool.Put(a)
	if err != nil {
		var ee *EventError
		if errors.As(err, &ee) {
			return err // refused before anything was changed
		}
		c.dmsStale.Store(true) // the backend may have dropped the changes
		return errorf("apply "+ev.Name(), err)
	}
	return nil
}

// applyTx is the transaction of Apply: it applies a.ev, read by a.shard.
func (a *applier) applyTx(tx Tx) error {
	if a.perr != nil {
		return a.perr
	}
	a.tx = tx
	ev := a.ev
	if a.c.events.Has(ev.Type) {
		if err := a.apply(ev); err != nil {
			return err
		}
	}
	if ev.Seq > 0 {
		s, _ := tx.Session(a.shard)
		if ev.Type == model.EventReady {
			s.ID, s.ResumeURL = a.session.ID, a.session.ResumeURL
		}
		s.Seq = ev.Seq
		tx.SetSession(a.shard, s)
	}
	return nil
}

// Session is the stored gateway session of a shard: where to resume so
// that the events continue exactly from the state of the cache.
func (c *Cache) Session(shard int) (model.Session, bool) { return c.b.Session(shard) }

// SetSession stores the gateway session of a shard, e.g. to forget it
// after an invalid session.
func (c *Cache) SetSession(shard int, s model.Session) error {
	return c.update("set session", func(tx Tx) error { tx.SetSession(shard, s); return nil })
}

// Durable reports whether the backend keeps the cache across processes
// (Backend.Durable), so that a restarted bot may resume its sessions.
func (c *Cache) Durable() bool { return c.b.Durable() }

// Blob is an opaque value stored beside the cache (nil if none), such as
// the REST limiter's state.
func (c *Cache) Blob(name string) []byte { return c.b.Blob(name) }

// SetBlob stores an opaque value beside the cache; nil deletes it.
func (c *Cache) SetBlob(name string, data []byte) error {
	return c.update("set blob", func(tx Tx) error { tx.SetBlob(name, data); return nil })
}

func (c *Cache) update(op string, fn func(Tx) error) error {
	if err := c.b.Update(fn); err != nil {
		return errorf(op, err)
	}
	return nil
}

type wrapped struct {
	op  string
	err error
}

func (e *wrapped) Error() string { return "cache: " + e.op + ": " + e.err.Error() }
func (e *wrapped) Unwrap() error { return e.err }

func errorf(op string, err error) error { return &wrapped{op, err} }

// Reads. Slices in the returned values may be shared with the cache:
// read them, never modify them.

// CurrentUser is the bot's own user, from READY and USER_UPDATE.
func (c *Cache) CurrentUser() (User, bool) {
	var u User
	ok := c.b.Get(Key{KindCurrentUser, 0, 0}, &u)
	return u, ok
}

// Guild is a cached guild.
func (c *Cache) Guild(id model.GuildID) (Guild, bool) {
	var g Guild
	ok := c.b.Get(Key{KindGuild, 0, uint64(id)}, &g)
	return g, ok
}

// Channel is a cached guild channel or thread.
func (c *Cache) Channel(id model.ChannelID) (Channel, bool) {
	var ch Channel
	if c.b.Get(Key{KindChannel, 0, uint64(id)}, &ch) {
		return ch, true
	}
	if c.b.Get(Key{KindThread, 0, uint64(id)}, &ch) {
		return ch, true
	}
	ok := c.b.Get(Key{KindPrivateChannel, 0, uint64(id)}, &ch)
	return ch, ok
}

// PrivateChannels yields the DMs and group DMs the cache saw (a DM is
// cached from its CHANNEL_CREATE or its first message), in no particular
// order.
func (c *Cache) PrivateChannels() iter.Seq[Channel] {
	return scan[Channel](c.b, KindPrivateChannel, 0)
}

// Role is a cached role.
func (c *Cache) Role(guild model.GuildID, id model.RoleID) (Role, bool) {
	var r Role
	ok := c.b.Get(Key{KindRole, uint64(guild), uint64(id)}, &r)
	return r, ok
}

// Member is a cached member.
func (c *Cache) Member(guild model.GuildID, user model.UserID) (Member, bool) {
	var m Member
	ok := c.b.Get(Key{KindMember, uint64(guild), uint64(user)}, &m)
	return m, ok
}

// User is a cached user: one who is a member of a cached guild.
func (c *Cache) User(id model.UserID) (User, bool) {
	var u User
	ok := c.b.Get(Key{KindUser, 0, uint64(id)}, &u)
	return u, ok
}

// Presence is a member's cached presence; members who are offline have
// none.
func (c *Cache) Presence(guild model.GuildID, user model.UserID) (Presence, bool) {
	var p Presence
	ok := c.b.Get(Key{KindPresence, uint64(guild), uint64(user)}, &p)
	return p, ok
}

// VoiceState is a member's voice connection in a guild, if any.
func (c *Cache) VoiceState(guild model.GuildID, user model.UserID) (VoiceState, bool) {
	var v VoiceState
	ok := c.b.Get(Key{KindVoiceState, uint64(guild), uint64(user)}, &v)
	return v, ok
}

// Emoji is a cached custom emoji of a guild.
func (c *Cache) Emoji(guild model.GuildID, id model.EmojiID) (Emoji, bool) {
	var e Emoji
	ok := c.b.Get(Key{KindEmoji, uint64(guild), uint64(id)}, &e)
	return e, ok
}

// Sticker is a cached sticker of a guild.
func (c *Cache) Sticker(guild model.GuildID, id model.StickerID) (Sticker, bool) {
	var s Sticker
	ok := c.b.Get(Key{KindSticker, uint64(guild), uint64(id)}, &s)
	return s, ok
}

// Message is a cached message of a channel.
func (c *Cache) Message(channel model.ChannelID, id model.MessageID) (Message, bool) {
	var m Message
	ok := c.b.Get(Key{KindMessage, uint64(channel), uint64(id)}, &m)
	return m, ok
}

func scan[T any](b Reader, kind Kind, parent uint64) iter.Seq[T] {
	return func(yield func(T) bool) {
		for r := range b.Scan(kind, parent) {
			if v, ok := any(r).(*T); ok && !yield(*v) {
				return
			}
		}
	}
}

// Guilds yields every cached guild, in no particular order.
func (c *Cache) Guilds() iter.Seq[Guild] { return scan[Guild](c.b, KindGuild, 0) }

// Channels yields a guild's channels (not its threads), in no particular
// order.
func (c *Cache) Channels(guild model.GuildID) iter.Seq[Channel] {
	return scan[Channel](c.b, KindChannel, uint64(guild))
}

// Threads yields a guild's active threads, in no particular order.
func (c *Cache) Threads(guild model.GuildID) iter.Seq[Channel] {
	return scan[Channel](c.b, KindThread, uint64(guild))
}

// Roles yields a guild's roles, in no particular order.
func (c *Cache) Roles(guild model.GuildID) iter.Seq[Role] {
	return scan[Role](c.b, KindRole, uint64(guild))
}

// Members yields a guild's cached members, in no particular order.
func (c *Cache) Members(guild model.GuildID) iter.Seq[Member] {
	return scan[Member](c.b, KindMember, uint64(guild))
}

// MemberUsers yields a guild's cached members with their users.
func (c *Cache) MemberUsers(guild model.GuildID) iter.Seq2[Member, User] {
	return func(yield func(Member, User) bool) {
		var u User
		for m := range c.Members(guild) {
			if !c.b.Get(Key{KindUser, 0, uint64(m.UserID)}, &u) {
				u = User{ID: m.UserID}
			}
			if !yield(m, u) {
				return
			}
		}
	}
}

// Presences yields a guild's cached presences, in no particular order.
func (c *Cache) Presences(guild model.GuildID) iter.Seq[Presence] {
	return scan[Presence](c.b, KindPresence, uint64(guild))
}

// VoiceStates yields a guild's voice states, in no particular order.
func (c *Cache) VoiceStates(guild model.GuildID) iter.Seq[VoiceState] {
	return scan[VoiceState](c.b, KindVoiceState, uint64(guild))
}

// Emojis yields a guild's custom emojis, in no particular order.
func (c *Cache) Emojis(guild model.GuildID) iter.Seq[Emoji] {
	return scan[Emoji](c.b, KindEmoji, uint64(guild))
}

// StageInstance is a cached live stage of a guild.
func (c *Cache) StageInstance(guild model.GuildID, id model.StageInstanceID) (StageInstance, bool) {
	var s StageInstance
	ok := c.b.Get(Key{KindStageInstance, uint64(guild), uint64(id)}, &s)
	return s, ok
}

// StageInstances yields a guild's live stages, in no particular order.
func (c *Cache) StageInstances(guild model.GuildID) iter.Seq[StageInstance] {
	return scan[StageInstance](c.b, KindStageInstance, uint64(guild))
}

// ScheduledEvent is a cached scheduled event of a guild.
func (c *Cache) ScheduledEvent(guild model.GuildID, id model.GuildScheduledEventID) (ScheduledEvent, bool) {
	var s ScheduledEvent
	ok := c.b.Get(Key{KindScheduledEvent, uint64(guild), uint64(id)}, &s)
	return s, ok
}

// ScheduledEvents yields a guild's scheduled events, in no particular
// order.
func (c *Cache) ScheduledEvents(guild model.GuildID) iter.Seq[ScheduledEvent] {
	return scan[ScheduledEvent](c.b, KindScheduledEvent, uint64(guild))
}

// SoundboardSound is a cached sound of a guild's soundboard.
func (c *Cache) SoundboardSound(guild model.GuildID, id model.SoundID) (SoundboardSound, bool) {
	var s SoundboardSound
	ok := c.b.Get(Key{KindSoundboardSound, uint64(guild), uint64(id)}, &s)
	return s, ok
}

// SoundboardSounds yields the sounds of a guild's soundboard, in no
// particular order.
func (c *Cache) SoundboardSounds(guild model.GuildID) iter.Seq[SoundboardSound] {
	return scan[SoundboardSound](c.b, KindSoundboardSound, uint64(guild))
}

// Integration is a cached integration of a guild.
func (c *Cache) Integration(guild model.GuildID, id model.IntegrationID) (Integration, bool) {
	var in Integration
	ok := c.b.Get(Key{KindIntegration, uint64(guild), uint64(id)}, &in)
	return in, ok
}

// Integrations yields the integrations of a guild the cache holds (see
// Integration), in no particular order.
func (c *Cache) Integrations(guild model.GuildID) iter.Seq[Integration] {
	return scan[Integration](c.b, KindIntegration, uint64(guild))
}

// ThreadMember is a cached membership of a thread (see ThreadMember).
func (c *Cache) ThreadMember(thread model.ChannelID, user model.UserID) (ThreadMember, bool) {
	var m ThreadMember
	ok := c.b.Get(Key{KindThreadMember, uint64(thread), uint64(user)}, &m)
	return m, ok
}

// ThreadMembers yields the cached members of a thread, in no particular
// order.
func (c *Cache) ThreadMembers(thread model.ChannelID) iter.Seq[ThreadMember] {
	return scan[ThreadMember](c.b, KindThreadMember, uint64(thread))
}

// Stickers yields a guild's stickers, in no particular order.
func (c *Cache) Stickers(guild model.GuildID) iter.Seq[Sticker] {
	return scan[Sticker](c.b, KindSticker, uint64(guild))
}

// Messages yields a channel's cached messages, oldest first.
func (c *Cache) Messages(channel model.ChannelID) iter.Seq[Message] {
	return scan[Message](c.b, KindMessage, uint64(channel))
}

// Stats counts what a cache holds.
type Stats struct {
	Guilds        int
	Channels      int
	Threads       int
	Roles         int
	Members       int
	Users         int
	Presences     int
	VoiceStates   int
	Emojis        int
	Stickers      int
	Messages      int
	Stages        int // live stage instances
	Events        int // scheduled events
	Sounds        int // soundboard sounds
	Integrations  int
	ThreadMembers int   // 0 in GuildStats
	DMs           int   // DMs and group DMs; 0 in GuildStats
	Bytes         int64 // the backend's estimate of its size; 0 in GuildStats
}

// Stats counts everything cached.
func (c *Cache) Stats() Stats {
	return Stats{
		Guilds:        c.b.Count(KindGuild, 0),
		Channels:      c.b.Count(KindChannel, 0),
		Threads:       c.b.Count(KindThread, 0),
		Roles:         c.b.Count(KindRole, 0),
		Members:       c.b.Count(KindMember, 0),
		Users:         c.b.Count(KindUser, 0),
		Presences:     c.b.Count(KindPresence, 0),
		VoiceStates:   c.b.Count(KindVoiceState, 0),
		Emojis:        c.b.Count(KindEmoji, 0),
		Stickers:      c.b.Count(KindSticker, 0),
		Messages:      c.b.Count(KindMessage, 0),
		Stages:        c.b.Count(KindStageInstance, 0),
		Events:        c.b.Count(KindScheduledEvent, 0),
		Sounds:        c.b.Count(KindSoundboardSound, 0),
		Integrations:  c.b.Count(KindIntegration, 0),
		ThreadMembers: c.b.Count(KindThreadMember, 0),
		DMs:           c.b.Count(KindPrivateChannel, 0),
		Bytes:         c.b.Size(),
	}
}

// GuildStats counts what is cached of one guild. Users counts its members'
// users, Messages the messages of its channels and threads.
func (c *Cache) GuildStats(id model.GuildID) Stats {
	g := uint64(id)
	s := Stats{
		Channels:     c.b.Count(KindChannel, g),
		Threads:      c.b.Count(KindThread, g),
		Roles:        c.b.Count(KindRole, g),
		Members:      c.b.Count(KindMember, g),
		Presences:    c.b.Count(KindPresence, g),
		VoiceStates:  c.b.Count(KindVoiceState, g),
		Emojis:       c.b.Count(KindEmoji, g),
		Stickers:     c.b.Count(KindSticker, g),
		Stages:       c.b.Count(KindStageInstance, g),
		Events:       c.b.Count(KindScheduledEvent, g),
		Sounds:       c.b.Count(KindSoundboardSound, g),
		Integrations: c.b.Count(KindIntegration, g),
	}
	s.Users = s.Members
	if _, ok := c.Guild(id); ok {
		s.Guilds = 1
	}
	for _, k := range []Kind{KindChannel, KindThread} {
		for r := range c.b.Scan(k, g) {
			s.Messages += c.b.Count(KindMessage, uint64(r.(*Channel).ID))
		}
	}
	return s
}
