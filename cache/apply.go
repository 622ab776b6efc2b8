package cache

import (
	"slices"
	"strings"
	"time"

	"github.com/gloamdev/gloam/internal/wire"
	"github.com/gloamdev/gloam/model"
)

// applier turns one event into changes of a Tx. Its scratch records are
// reused from event to event (backends copy what they keep), so applying
// an event allocates little.
type applier struct {
	c  *Cache
	tx Tx

	m    Member
	u    User
	old  Member
	oldU User
	g    Guild
	ch   Channel
	ch2  Channel
	r    Role
	e    Emoji
	s    Sticker
	si   StageInstance
	se   ScheduledEvent
	sb   SoundboardSound
	in   Integration
	tm   ThreadMember
	thm  string // a thread's "member", as readChannel found it
	p    Presence
	v    VoiceState
	msg  Message
	dec  wire.Dec // a decoder that does not escape on its own
	ids  []uint64
	// members buffers the members of a GUILD_CREATE; roles holds the role
	// lists of parsed members back to back.
	members  [][]parsedMember // blocks of memberBlock
	nmembers int
	roles    []model.RoleID
	ids2     []uint64
	// Set by prepare: the event was parsed before the transaction.
	prepared   bool
	raw        [10]string // channels, threads, roles, emojis, stickers, presences, voice states, stage instances, scheduled events, sounds
	chunkGuild uint64
	data       string        // the d the buffered members' spans point into
	session    model.Session // READY's session ID and resume URL

	// The transaction of Cache.Apply, made once per applier (a closure
	// made per event would be allocated per event), and what it applies.
	txfn  func(Tx) error
	shard int
	ev    model.Event
	perr  error // from prepare
}

// parseCompact reads a member object into pm, as parseMember would into a
// Member and a User.
func (a *applier) parseCompact(d *wire.Dec, pm *parsedMember) {
	str := func(d *wire.Dec, sp *span, escBit uint16) {
		start, end, esc, ok := d.StrPos()
		if !ok {
			*sp = span{}
			return
		}
		*sp = span{uint32(start), uint32(end - start)}
		if esc {
			pm.bits |= escBit
		} else {
			pm.bits &^= escBit
		}
	}
	flag := func(d *wire.Dec, bit uint16) {
		if d.Bool() {
			pm.bits |= bit
		} else {
			pm.bits &^= bit
		}
	}
	micros := func(d *wire.Dec) int64 {
		if t := dTime(d); !t.IsZero() {
			return t.UnixMicro()
		}
		return 0
	}
	d.Object(func(d *wire.Dec, k string) {
		switch k {
		case "user":
			if d.Peek() != '{' {
				return
			}
			pm.bits |= pmUser
			d.Object(func(d *wire.Dec, k string) {
				switch k {
				case "id":
					pm.uid = d.ID()
				case "username":
					str(d, &pm.username, pmUsernameEsc)
				case "global_name":
					str(d, &pm.global, pmGlobalEsc)
				case "discriminator":
					pm.discrim = uint16(d.ID())
				case "avatar":
					pm.uavatar = dHash(d)
				case "bot":
					flag(d, pmBot)
				case "system":
					flag(d, pmSystem)
				case "public_flags":
					pm.publicFlags = uint32(d.Int())
				}
			})
		case "nick":
			str(d, &pm.nick, pmNickEsc)
		case "avatar":
			pm.avatar = dHash(d)
		case "banner":
			pm.banner = dHash(d)
		case "roles":
			start := len(a.roles)
			d.Array(func(d *wire.Dec) {
				if x := d.ID(); x != 0 {
					a.roles = append(a.roles, model.RoleID(x))
				}
			})
			pm.roles = span{uint32(start), uint32(len(a.roles) - start)}
		case "joined_at":
			pm.joined = micros(d)
		case "premium_since":
			pm.premium = micros(d)
		case "communication_disabled_until":
			pm.timeout = micros(d)
		case "flags":
			pm.flags = uint32(d.Int())
		case "deaf":
			flag(d, pmDeaf)
		case "mute":
			flag(d, pmMute)
		case "pending":
			flag(d, pmPending)
		}
	})
}

// expand turns a parsed member into a.m and a.u, and reports whether the
// payload had the member's user.
func (a *applier) expand(pm *parsedMember, g model.GuildID) bool {
	text := func(sp span, escBit uint16) string {
		if int(sp.off)+int(sp.n) > len(a.data) {
			return ""
		}
		s := a.data[sp.off : sp.off+sp.n]
		if pm.bits&escBit != 0 {
			return wire.Unescape(s)
		}
		return s
	}
	t := func(us int64) time.Time {
		if us == 0 {
			return time.Time{}
		}
		return time.UnixMicro(us).UTC()
	}
	a.m = Member{
		GuildID:                    g,
		UserID:                     model.UserID(pm.uid),
		Nick:                       text(pm.nick, pmNickEsc),
		Avatar:                     pm.avatar,
		Banner:                     pm.banner,
		JoinedAt:                   t(pm.joined),
		PremiumSince:               t(pm.premium),
		CommunicationDisabledUntil: t(pm.timeout),
		Flags:                      model.MemberFlags(pm.flags),
		Deaf:                       pm.bits&pmDeaf != 0,
		Mute:                       pm.bits&pmMute != 0,
		Pending:                    pm.bits&pmPending != 0,
	}
	if pm.roles.n > 0 && int(pm.roles.off)+int(pm.roles.n) <= len(a.roles) {
		end := pm.roles.off + pm.roles.n
		a.m.Roles = a.roles[pm.roles.off:end:end]
	}
	a.u = User{
		ID:            model.UserID(pm.uid),
		Username:      text(pm.username, pmUsernameEsc),
		GlobalName:    text(pm.global, pmGlobalEsc),
		Discriminator: pm.discrim,
		Avatar:        pm.uavatar,
		Bot:           pm.bits&pmBot != 0,
		System:        pm.bits&pmSystem != 0,
		PublicFlags:   model.UserFlags(pm.publicFlags),
	}
	return pm.bits&pmUser != 0
}

// memberBlock is the number of members in a block of the GUILD_CREATE
// buffer: blocks are added as members come, never copied.
const memberBlock = 256

func (a *applier) nextMember() *parsedMember {
	b, i := a.nmembers/memberBlock, a.nmembers%memberBlock
	if b == len(a.members) {
		a.members = append(a.members, make([]parsedMember, memberBlock))
	}
	a.nmembers++
	return &a.members[b][i] // zero: blocks are new or cleared by reset
}

// parsedMember is a member of a GUILD_CREATE or GUILD_MEMBERS_CHUNK as
// the first pass leaves it: without pointers (strings are spans of the
// payload, roles a span of a.roles), so that the garbage collector has
// nothing to scan in the buffer of a large guild.
type parsedMember struct {
	uid                      uint64
	joined, premium, timeout int64 // Unix microseconds; 0: none
	nick, username, global   span
	roles                    span
	avatar, banner, uavatar  Hash
	flags, publicFlags       uint32
	discrim                  uint16
	bits                     uint16
}

// span locates a string of the payload, or a run of a.roles.
type span struct{ off, n uint32 }

const (
	pmUser uint16 = 1 << iota
	pmDeaf
	pmMute
	pmPending
	pmBot
	pmSystem
	pmNickEsc // nick has escapes
	pmUsernameEsc
	pmGlobalEsc
)

// reset drops what the applier refers to of the last event (its strings
// point into that event's frame), keeping small buffers for the next.
func (a *applier) reset() {
	keep := func(n int) bool { return n <= 1024 }
	next := applier{c: a.c, txfn: a.txfn, ids: a.ids[:0], ids2: a.ids2[:0]}
	if keep(cap(a.roles)) {
		next.roles = a.roles[:0]
	}
	if len(a.members) > 0 {
		clear(a.members[0][:min(a.nmembers, memberBlock)])
		next.members = a.members[:1]
	}
	next.ch.PermissionOverwrites = a.ch.PermissionOverwrites[:0]
	next.ch.AppliedTags = a.ch.AppliedTags[:0]
	next.e.Roles = a.e.Roles[:0]
	clear(a.p.Activities)
	next.p.Activities = a.p.Activities[:0]
	clear(a.msg.Attachments)
	clear(a.msg.Reactions)
	next.msg = Message{
		Mentions: a.msg.Mentions[:0], MentionRoles: a.msg.MentionRoles[:0],
		Attachments: a.msg.Attachments[:0], Reactions: a.msg.Reactions[:0],
	}
	*a = next
}

func (a *applier) has(r Resource) bool { return a.c.res&r != 0 }

func bad(ev model.Event, reason string) error {
	return &EventError{Event: ev.Name(), Reason: reason}
}

// whole reports whether dec read d whole, and the payload closes right
// after it. d is the text from d's start to the payload's end
// (wire.Member), so a payload cut short inside d can leave a text that
// reads as a smaller object: the closing brace it ends with is the
// payload's, and then nothing closes the payload. Members after d were
// checked by model.ParseEvent, which walks d when it is not last.
func whole(dec *wire.Dec) bool {
	if dec.Err() {
		return false
	}
	rest := strings.TrimLeft(dec.Rest(), " \t\r\n")
	if strings.HasPrefix(rest, ",") {
		return true
	}
	rest, ok := strings.CutPrefix(rest, "}")
	return ok && strings.TrimLeft(rest, " \t\r\n") == ""
}

func (a *applier) apply(ev model.Event) error {
	// d is read in place: the decoders below read its first value and
	// check its syntax as they go, so it is not walked a first time here.
	d := wire.Member(ev.Raw(), "d")
	if wd := wire.New(d); wd.Peek() != '{' {
		return bad(ev, "d is not an object")
	}
	switch ev.Type {
	case model.EventReady:
		return a.ready(ev, d)
	case model.EventUserUpdate:
		return a.userUpdate(ev, d)
	case model.EventGuildCreate:
		return a.guildCreate(ev, d)
	case model.EventGuildUpdate:
		return a.guildUpdate(ev, d)
	case model.EventGuildDelete:
		return a.guildDelete(ev, d)
	case model.EventChannelCreate, model.EventChannelUpdate, model.EventThreadCreate, model.EventThreadUpdate:
		return a.channelPut(ev, d)
	case model.EventChannelDelete, model.EventThreadDelete:
		return a.channelDelete(ev, d)
	case model.EventChannelPinsUpdate:
		return a.pinsUpdate(ev, d)
	case model.EventThreadListSync:
		return a.threadListSync(ev, d)
	case model.EventThreadMembersUpdate:
		return a.threadMembersUpdate(ev, d)
	case model.EventThreadMemberUpdate:
		return a.threadMemberUpdate(ev, d)
	case model.EventGuildRoleCreate, model.EventGuildRoleUpdate:
		return a.rolePut(ev, d)
	case model.EventGuildRoleDelete:
		return a.roleDelete(ev, d)
	case model.EventGuildMemberAdd, model.EventGuildMemberUpdate:
		return a.memberPut(ev, d)
	case model.EventGuildMemberRemove:
		return a.memberRemove(ev, d)
	case model.EventGuildMembersChunk:
		return a.membersChunk(ev, d)
	case model.EventGuildEmojisUpdate:
		return a.emojisUpdate(ev, d)
	case model.EventStageInstanceCreate, model.EventStageInstanceUpdate, model.EventStageInstanceDelete:
		return a.stageInstance(ev, d)
	case model.EventGuildScheduledEventCreate, model.EventGuildScheduledEventUpdate, model.EventGuildScheduledEventDelete:
		return a.scheduledEvent(ev, d)
	case model.EventGuildScheduledEventUserAdd, model.EventGuildScheduledEventUserRemove:
		return a.scheduledEventUser(ev, d)
	case model.EventGuildSoundboardSoundCreate, model.EventGuildSoundboardSoundUpdate, model.EventGuildSoundboardSoundDelete:
		return a.sound(ev, d)
	case model.EventGuildSoundboardSoundsUpdate, model.EventSoundboardSounds:
		return a.sounds(ev, d)
	case model.EventIntegrationCreate, model.EventIntegrationUpdate, model.EventIntegrationDelete:
		return a.integration(ev, d)
	case model.EventGuildStickersUpdate:
		return a.stickersUpdate(ev, d)
	case model.EventPresenceUpdate:
		return a.presenceUpdate(ev, d)
	case model.EventVoiceStateUpdate:
		return a.voiceStateUpdate(ev, d)
	case model.EventMessageCreate, model.EventMessageUpdate:
		return a.messagePut(ev, d)
	case model.EventMessageDelete:
		return a.messageDelete(ev, d)
	case model.EventMessageDeleteBulk:
		return a.messageDeleteBulk(ev, d)
	case model.EventMessageReactionAdd, model.EventMessageReactionRemove,
		model.EventMessageReactionRemoveAll, model.EventMessageReactionRemoveEmoji:
		return a.reaction(ev, d)
	}
	return nil
}

// ready stores the current user and the guilds (unavailable until their
// GUILD_CREATE), and notes the session for Apply to store.
func (a *applier) ready(ev model.Event, d string) error {
	a.ids = a.ids[:0]
	hasUser := false
	dec := wire.New(d)
	dec.Object(func(dec *wire.Dec, k string) {
		switch k {
		case "user":
			if dec.Peek() == '{' {
				a.u = User{}
				parseUser(dec, &a.u)
				hasUser = true
			}
		case "guilds":
			dec.Array(func(dec *wire.Dec) {
				if gid := userID(dec); gid != 0 {
					a.ids = append(a.ids, gid)
				}
			})
		case "session_id":
			a.session.ID = dec.Str()
		case "resume_gateway_url":
			a.session.ResumeURL = dec.Str()
		}
	})
	if !whole(&dec) {
		return bad(ev, "malformed JSON")
	}
	if hasUser {
		a.tx.Put(Key{KindCurrentUser, 0, 0}, &a.u)
	}
	if !a.has(ResourceGuilds) {
		return nil
	}
	for _, gid := range a.ids {
		a.g = Guild{}
		if !a.tx.Get(Key{KindGuild, 0, gid}, &a.g) {
			a.g = Guild{ID: model.GuildID(gid)}
		}
		a.g.Unavailable = true
		a.tx.Put(Key{KindGuild, 0, gid}, &a.g)
	}
	return nil
}

func (a *applier) userUpdate(ev model.Event, d string) error {
	if !a.tx.Get(Key{KindCurrentUser, 0, 0}, &a.u) {
		a.u = User{}
	}
	dec := wire.New(d)
	parseUser(&dec, &a.u)
	if !whole(&dec) {
		return bad(ev, "malformed JSON")
	}
	if a.u.ID == 0 {
		return bad(ev, "no user id")
	}
	a.u.Guilds = 0
	a.tx.Put(Key{KindCurrentUser, 0, 0}, &a.u)
	if a.tx.Get(Key{KindUser, 0, uint64(a.u.ID)}, &a.oldU) {
		a.u.Guilds = a.oldU.Guilds
		a.tx.Put(Key{KindUser, 0, uint64(a.u.ID)}, &a.u)
	}
	return nil
}

// prepare does the part of applying an event that needs no transaction:
// the parse of a GUILD_CREATE or GUILD_MEMBERS_CHUNK, the bulk of their
// work, so that the backend is locked only while the records are stored.
func (a *applier) prepare(ev model.Event) error {
	var err error
	switch ev.Type {
	case model.EventGuildCreate:
		err = a.prepareGuildCreate(ev, wire.Member(ev.Raw(), "d"))
	case model.EventGuildMembersChunk:
		err = a.prepareMembersChunk(ev, wire.Member(ev.Raw(), "d"))
	default:
		return nil
	}
	a.prepared = err == nil
	return err
}

// prepareGuildCreate parses a GUILD_CREATE's guild fields into a.g and its
// members into the buffer, and notes where its other arrays lie.
func (a *applier) prepareGuildCreate(ev model.Event, data string) error {
	a.g = Guild{}
	a.nmembers = 0
	a.roles = a.roles[:0]
	a.raw = [10]string{}
	a.data = data
	dec := wire.New(data)
	if dec.Peek() != '{' {
		return bad(ev, "d is not an object")
	}
	// The arrays noted here are read while the guild is written: they are
	// checked strictly now, so that reading them cannot stop halfway.
	dec.Object(func(dec *wire.Dec, k string) {
		switch k {
		case "members":
			if !a.has(ResourceMembers) {
				return
			}
			dec.Array(func(dec *wire.Dec) { a.parseCompact(dec, a.nextMember()) })
		case "channels":
			a.raw[0] = dec.RawStrict()
		case "threads":
			a.raw[1] = dec.RawStrict()
		case "roles":
			a.raw[2] = dec.RawStrict()
		case "emojis":
			a.raw[3] = dec.RawStrict()
		case "stickers":
			a.raw[4] = dec.RawStrict()
		case "presences":
			a.raw[5] = dec.RawStrict()
		case "voice_states":
			a.raw[6] = dec.RawStrict()
		case "stage_instances":
			if a.has(ResourceStageInstances) {
				a.raw[7] = dec.RawStrict()
			}
		case "guild_scheduled_events":
			if a.has(ResourceScheduledEvents) {
				a.raw[8] = dec.RawStrict()
			}
		case "soundboard_sounds":
			if a.has(ResourceSoundboardSounds) {
				a.raw[9] = dec.RawStrict()
			}
		default:
			parseGuildField(dec, k, &a.g)
		}
	})
	if !whole(&dec) {
		return bad(ev, "malformed JSON")
	}
	return nil
}

// guildCreate replaces everything cached of a guild with the guild sent.
// It reads d in one pass: members (the bulk of a large guild) are parsed
// into a buffer as they come, since the guild's ID may come after them;
// the other arrays are noted and parsed once the ID is known.
func (a *applier) guildCreate(ev model.Event, d string) error {
	if !a.prepared {
		if err := a.prepareGuildCreate(ev, d); err != nil {
			return err
		}
	}
	channels, threads, roles, emojis, stickers, presences, voice := a.raw[0], a.raw[1], a.raw[2], a.raw[3], a.raw[4], a.raw[5], a.raw[6]
	gid := uint64(a.g.ID)
	if gid == 0 {
		return bad(ev, "no guild id")
	}
	if a.g.Unavailable {
		return a.markUnavailable(gid)
	}
	// A large guild's GUILD_CREATE carries only some of its members (those
	// online or in voice): members cached before, chunked ones included,
	// stay. A complete list replaces them.
	partial := a.g.Large || int(a.g.MemberCount) > a.nmembers
	a.clearGuild(gid, true, partial)
	if a.has(ResourceGuilds) {
		a.tx.Put(Key{KindGuild, 0, gid}, &a.g)
	}
	g := model.GuildID(gid)
	each := func(raw string, need Resource, fn func(d *wire.Dec)) {
		if raw != "" && a.has(need) {
			d := wire.New(raw)
			d.Array(fn)
		}
	}
	each(roles, ResourceRoles, func(d *wire.Dec) {
		a.r = Role{}
		parseRole(d, &a.r)
		a.r.GuildID = g
		if a.r.ID != 0 {
			a.tx.Put(Key{KindRole, gid, uint64(a.r.ID)}, &a.r)
		}
	})
	each(channels, ResourceChannels, func(d *wire.Dec) { a.putChannel(d, g) })
	each(threads, ResourceThreads, func(d *wire.Dec) { a.putChannel(d, g) })
	each(emojis, ResourceEmojis, func(d *wire.Dec) { a.putEmoji(d, g) })
	each(stickers, ResourceStickers, func(d *wire.Dec) { a.putSticker(d, g) })
	each(a.raw[7], ResourceStageInstances, func(d *wire.Dec) { a.putStageInstance(d, g) })
	each(a.raw[8], ResourceScheduledEvents, func(d *wire.Dec) { a.putScheduledEvent(d, g) })
	each(a.raw[9], ResourceSoundboardSounds, func(d *wire.Dec) { a.putSound(d, gid) })
	if r, ok := a.tx.(Reserver); ok && a.nmembers > 0 {
		r.Reserve(KindUser, 0, a.nmembers)
		r.Reserve(KindMember, gid, a.nmembers)
	}
	for i := 0; i < a.nmembers; i++ {
		pm := &a.members[i/memberBlock][i%memberBlock]
		if pm.uid == 0 {
			continue
		}
		hasUser := a.expand(pm, g)
		a.putMember(gid, &a.m, &a.u, hasUser, false) // not fresh: a member sent twice counts once
	}
	each(presences, ResourcePresences|ResourceMembers, func(d *wire.Dec) { a.putPresence(d, g) })
	each(voice, ResourceVoiceStates, func(d *wire.Dec) {
		a.v = VoiceState{}
		parseVoiceState(d, &a.v, nil)
		a.v.GuildID = g
		if a.v.UserID != 0 && a.v.ChannelID != 0 {
			a.tx.Put(Key{KindVoiceState, gid, uint64(a.v.UserID)}, &a.v)
		}
	})
	return nil
}

func (a *applier) markUnavailable(gid uint64) error {
	if !a.has(ResourceGuilds) {
		return nil
	}
	a.g = Guild{}
	if !a.tx.Get(Key{KindGuild, 0, gid}, &a.g) {
		a.g = Guild{ID: model.GuildID(gid)}
	}
	a.g.Unavailable = true
	a.tx.Put(Key{KindGuild, 0, gid}, &a.g)
	return nil
}

// clearGuild removes everything of a guild but the guild itself (and that
// too unless keepGuild) and, unless keepMembers, its members, releasing
// their users.
func (a *applier) clearGuild(gid uint64, keepGuild, keepMembers bool) {
	if !keepMembers && a.tx.Count(KindMember, gid) > 0 {
		a.ids = a.ids[:0]
		for r := range a.tx.Scan(KindMember, gid) {
			a.ids = append(a.ids, uint64(r.(*Member).UserID))
		}
		a.tx.DeleteAll(KindMember, gid)
		for _, u := range a.ids {
			a.releaseUser(u)
		}
	}
	for _, k := range []Kind{KindChannel, KindThread} {
		if a.tx.Count(k, gid) == 0 {
			continue
		}
		a.ids = a.ids[:0]
		for r := range a.tx.Scan(k, gid) {
			a.ids = append(a.ids, uint64(r.(*Channel).ID))
		}
		a.tx.DeleteAll(k, gid)
		for _, ch := range a.ids {
			a.tx.DeleteAll(KindMessage, ch)
			if k == KindThread {
				a.tx.DeleteAll(KindThreadMember, ch)
			}
		}
	}
	for _, k := range []Kind{KindRole, KindPresence, KindVoiceState, KindEmoji, KindSticker, KindStageInstance, KindScheduledEvent, KindSoundboardSound, KindIntegration} {
		if a.tx.Count(k, gid) > 0 {
			a.tx.DeleteAll(k, gid)
		}
	}
	if !keepGuild {
		a.tx.Delete(Key{KindGuild, 0, gid})
	}
}

// putMember stores m (and u, when hasUser) in guild gid, counting the
// user's guilds. fresh says the member is known to be new.
func (a *applier) putMember(gid uint64, m *Member, u *User, hasUser, fresh bool) {
	uid := uint64(m.UserID)
	isNew := fresh || !a.tx.Get(Key{KindMember, gid, uid}, &a.old)
	same := !isNew && sameMember(m, &a.old)
	if !isNew {
		a.old.Roles = nil
	}
	known := a.tx.Get(Key{KindUser, 0, uid}, &a.oldU)
	if !known {
		a.oldU = User{ID: m.UserID}
	}
	if !hasUser {
		*u = a.oldU
	}
	u.Guilds = a.oldU.Guilds
	if isNew || !known {
		u.Guilds++
	}
	// What did not change is not written again: a member update often
	// repeats the member whole to change one field, or none.
	if *u != a.oldU {
		a.tx.Put(Key{KindUser, 0, uid}, u)
	}
	if !same {
		a.tx.Put(Key{KindMember, gid, uid}, m)
	}
}

// releaseUser drops one guild's hold on a user.
func (a *applier) releaseUser(uid uint64) {
	if !a.tx.Get(Key{KindUser, 0, uid}, &a.oldU) {
		return
	}
	a.oldU.Guilds--
	if a.oldU.Guilds <= 0 {
		a.tx.Delete(Key{KindUser, 0, uid})
		return
	}
	a.tx.Put(Key{KindUser, 0, uid}, &a.oldU)
}

func (a *applier) putChannel(v *wire.Dec, g model.GuildID) {
	if a.readChannel(v, g) {
		a.storeChannel()
	}
}

// readChannel reads a channel into a.ch and reports whether it can be
// stored.
func (a *applier) readChannel(v *wire.Dec, g model.GuildID) bool {
	a.ch = Channel{PermissionOverwrites: a.ch.PermissionOverwrites[:0], AppliedTags: a.ch.AppliedTags[:0]}
	a.thm = ""
	var member *string
	if a.has(ResourceThreadMembers) {
		member = &a.thm
	}
	parseChannel(v, &a.ch, member)
	if g != 0 {
		a.ch.GuildID = g
	}
	return a.ch.ID != 0 && a.ch.GuildID != 0 && !v.Err()
}

// storeChannel stores a.ch as a channel or a thread.
func (a *applier) storeChannel() {
	kind, need := KindChannel, ResourceChannels
	if a.ch.Type.IsThread() {
		kind, need = KindThread, ResourceThreads
	}
	if a.has(need) {
		a.tx.Put(Key{kind, uint64(a.ch.GuildID), uint64(a.ch.ID)}, &a.ch)
	}
	if a.thm != "" && kind == KindThread {
		dec := wire.New(a.thm)
		a.putThreadMember(&dec, uint64(a.ch.ID))
	}
}

// putThreadMember stores the thread member d holds, in thread tid unless
// it names its own; one without a user is the bot's.
func (a *applier) putThreadMember(d *wire.Dec, tid uint64) {
	a.tm = ThreadMember{}
	parseThreadMember(d, &a.tm)
	if a.tm.ThreadID == 0 {
		a.tm.ThreadID = model.ChannelID(tid)
	}
	if a.tm.UserID == 0 {
		me, ok := a.currentUser()
		if !ok {
			return
		}
		a.tm.UserID = me
	}
	if a.tm.ThreadID != 0 && !d.Err() {
		a.tx.Put(Key{KindThreadMember, uint64(a.tm.ThreadID), uint64(a.tm.UserID)}, &a.tm)
	}
}

// threadMemberUpdate stores the bot's membership of a thread.
func (a *applier) threadMemberUpdate(ev model.Event, d string) error {
	dec := wire.New(d)
	a.putThreadMember(&dec, 0)
	if !whole(&dec) {
		return bad(ev, "malformed JSON")
	}
	if a.tm.ThreadID == 0 {
		return bad(ev, "no thread id")
	}
	return nil
}

func (a *applier) putEmoji(v *wire.Dec, g model.GuildID) {
	a.e = Emoji{Roles: a.e.Roles[:0]}
	parseEmoji(v, &a.e)
	a.e.GuildID = g
	if a.e.ID != 0 && !v.Err() {
		a.tx.Put(Key{KindEmoji, uint64(g), uint64(a.e.ID)}, &a.e)
	}
}

func (a *applier) putSticker(v *wire.Dec, g model.GuildID) {
	a.s = Sticker{}
	parseSticker(v, &a.s)
	a.s.GuildID = g
	if a.s.ID != 0 && !v.Err() {
		a.tx.Put(Key{KindSticker, uint64(g), uint64(a.s.ID)}, &a.s)
	}
}

func (a *applier) putStageInstance(v *wire.Dec, g model.GuildID) {
	a.si = StageInstance{}
	parseStageInstance(v, &a.si)
	a.si.GuildID = g
	if a.si.ID != 0 && !v.Err() {
		a.tx.Put(Key{KindStageInstance, uint64(g), uint64(a.si.ID)}, &a.si)
	}
}

func (a *applier) putScheduledEvent(v *wire.Dec, g model.GuildID) {
	a.se = ScheduledEvent{}
	parseScheduledEvent(v, &a.se)
	a.se.GuildID = g
	if a.se.ID != 0 && !v.Err() {
		a.tx.Put(Key{KindScheduledEvent, uint64(g), uint64(a.se.ID)}, &a.se)
	}
}

// putPresence stores a presence (offline ones are removed) and applies
// the user fields it carries to a cached user.
func (a *applier) putPresence(v *wire.Dec, g model.GuildID) {
	if a.readPresence(v, g) {
		a.storePresence()
	}
}

// readPresence reads a presence into a.p and its user into a.u, and
// reports whether it can be stored.
func (a *applier) readPresence(v *wire.Dec, g model.GuildID) bool {
	a.p = Presence{Activities: a.p.Activities[:0]}
	a.u = User{}
	parsePresence(v, &a.p, &a.u)
	if g != 0 {
		a.p.GuildID = g
	}
	return a.p.UserID != 0 && a.p.GuildID != 0 && !v.Err()
}

// storePresence stores a.p (removing it when offline) and applies a.u to
// the cached user.
func (a *applier) storePresence() {
	if a.u.Username != "" && a.has(ResourceMembers) && a.tx.Get(Key{KindUser, 0, uint64(a.u.ID)}, &a.oldU) {
		a.oldU.Username = a.u.Username
		a.oldU.GlobalName = a.u.GlobalName
		a.oldU.Avatar = a.u.Avatar
		a.oldU.Discriminator = a.u.Discriminator
		a.tx.Put(Key{KindUser, 0, uint64(a.u.ID)}, &a.oldU)
	}
	if !a.has(ResourcePresences) {
		return
	}
	k := Key{KindPresence, uint64(a.p.GuildID), uint64(a.p.UserID)}
	if a.p.Status == model.StatusOffline || a.p.Status == "" {
		a.tx.Delete(k)
		return
	}
	a.tx.Put(k, &a.p)
}

func (a *applier) guildUpdate(ev model.Event, d string) error {
	// The guild is read over the cached one, whose ID must be known first.
	var gid uint64
	dec := wire.New(d)
	dec.Object(func(dec *wire.Dec, k string) {
		if k == "id" {
			gid = dec.ID()
		}
	})
	if !whole(&dec) {
		return bad(ev, "malformed JSON")
	}
	if gid == 0 {
		return bad(ev, "no guild id")
	}
	if !a.has(ResourceGuilds) {
		return nil
	}
	if !a.tx.Get(Key{KindGuild, 0, gid}, &a.g) {
		a.g = Guild{}
	}
	keep := a.g
	dec = wire.New(d)
	parseGuild(&dec, &a.g)
	if dec.Err() {
		return bad(ev, "malformed JSON")
	}
	a.g.ID = model.GuildID(gid)
	a.g.MemberCount, a.g.Large, a.g.JoinedAt = keep.MemberCount, keep.Large, keep.JoinedAt
	a.g.Unavailable = false
	a.tx.Put(Key{KindGuild, 0, gid}, &a.g)
	return nil
}

func (a *applier) guildDelete(ev model.Event, d string) error {
	var gid uint64
	unavailable := false
	dec := wire.New(d)
	dec.Object(func(dec *wire.Dec, k string) {
		switch k {
		case "id":
			gid = dec.ID()
		case "unavailable":
			unavailable = dec.Bool()
		}
	})
	if !whole(&dec) {
		return bad(ev, "malformed JSON")
	}
	if gid == 0 {
		return bad(ev, "no guild id")
	}
	if unavailable {
		return a.markUnavailable(gid)
	}
	a.clearGuild(gid, false, false)
	return nil
}

func (a *applier) channelPut(ev model.Event, d string) error {
	dec := wire.New(d)
	ok := a.readChannel(&dec, 0)
	if !whole(&dec) {
		return bad(ev, "malformed JSON")
	}
	if a.ch.ID == 0 {
		return bad(ev, "no channel id")
	}
	if ok {
		a.storeChannel()
	} else if a.ch.GuildID == 0 && !dec.Err() && (a.ch.Type == model.ChannelDM || a.ch.Type == model.ChannelGroupDM) &&
		a.has(ResourcePrivateChannels) {
		a.tx.Put(Key{KindPrivateChannel, 0, uint64(a.ch.ID)}, &a.ch)
		a.privateChannelPut(&a.ch)
	}
	return nil
}

func (a *applier) channelDelete(ev model.Event, d string) error {
	cid, gid, err := a.ids2Of(ev, d, "id", "guild_id")
	if err != nil {
		return err
	}
	if cid == 0 {
		return bad(ev, "no channel id")
	}
	a.tx.Delete(Key{KindChannel, gid, cid})
	a.tx.Delete(Key{KindThread, gid, cid})
	if gid == 0 {
		a.tx.Delete(Key{KindPrivateChannel, 0, cid})
		a.privateChannelDelete(cid)
	}
	a.tx.DeleteAll(KindMessage, cid)
	a.tx.DeleteAll(KindThreadMember, cid)
	if gid != 0 && ev.Type == model.EventChannelDelete && a.tx.Count(KindThread, gid) > 0 {
		a.ids = a.ids[:0]
		for r := range a.tx.Scan(KindThread, gid) {
			if t := r.(*Channel); uint64(t.ParentID) == cid {
				a.ids = append(a.ids, uint64(t.ID))
			}
		}
		for _, t := range a.ids {
			a.tx.Delete(Key{KindThread, gid, t})
			a.tx.DeleteAll(KindMessage, t)
			a.tx.DeleteAll(KindThreadMember, t)
		}
	}
	return nil
}

// ids2Of reads two IDs of d in one pass, which must reach the end of d.
func (a *applier) ids2Of(ev model.Event, d, k1, k2 string) (v1, v2 uint64, err error) {
	dec := wire.New(d)
	dec.Object(func(dec *wire.Dec, k string) {
		switch k {
		case k1:
			v1 = dec.ID()
		case k2:
			v2 = dec.ID()
		}
	})
	if !whole(&dec) {
		return 0, 0, bad(ev, "malformed JSON")
	}
	return v1, v2, nil
}

// getChannel reads a cached channel or thread into a.ch2 (never into
// a.ch, whose slices are scratch space of putChannel).
func (a *applier) getChannel(cid uint64) (Kind, bool) {
	a.ch2 = Channel{}
	if a.tx.Get(Key{KindChannel, 0, cid}, &a.ch2) {
		return KindChannel, true
	}
	if a.tx.Get(Key{KindThread, 0, cid}, &a.ch2) {
		return KindThread, true
	}
	return 0, false
}

func (a *applier) pinsUpdate(ev model.Event, d string) error {
	var cid uint64
	var last time.Time
	dec := wire.New(d)
	dec.Object(func(dec *wire.Dec, k string) {
		switch k {
		case "channel_id":
			cid = dec.ID()
		case "last_pin_timestamp":
			last = dTime(dec)
		}
	})
	if !whole(&dec) {
		return bad(ev, "malformed JSON")
	}
	if cid == 0 {
		return bad(ev, "no channel id")
	}
	if k, ok := a.getChannel(cid); ok {
		a.ch2.LastPinTimestamp = last
		a.tx.Put(Key{k, uint64(a.ch2.GuildID), cid}, &a.ch2)
	}
	return nil
}

func (a *applier) threadListSync(ev model.Event, d string) error {
	var gid uint64
	var threads, members string
	hasParents := false
	a.ids2 = a.ids2[:0]
	dec := wire.New(d)
	dec.Object(func(dec *wire.Dec, k string) {
		switch k {
		case "guild_id":
			gid = dec.ID()
		case "channel_ids":
			hasParents = dec.Array(func(dec *wire.Dec) { a.ids2 = append(a.ids2, dec.ID()) })
		case "threads":
			threads = dec.RawStrict()
		case "members":
			members = dec.RawStrict()
		}
	})
	if !whole(&dec) {
		return bad(ev, "malformed JSON")
	}
	if gid == 0 {
		return bad(ev, "no guild id")
	}
	if members != "" && a.has(ResourceThreadMembers) {
		dec := wire.New(members)
		dec.Array(func(dec *wire.Dec) { a.putThreadMember(dec, 0) })
	}
	if !a.has(ResourceThreads) {
		return nil
	}
	a.ids = a.ids[:0]
	for r := range a.tx.Scan(KindThread, gid) {
		t := r.(*Channel)
		if !hasParents || contains(a.ids2, uint64(t.ParentID)) {
			a.ids = append(a.ids, uint64(t.ID))
		}
	}
	for _, t := range a.ids {
		a.tx.Delete(Key{KindThread, gid, t})
	}
	if threads != "" {
		dec := wire.New(threads)
		dec.Array(func(dec *wire.Dec) { a.putChannel(dec, model.GuildID(gid)) })
	}
	// Threads that were removed and not sent again lose their messages.
	for _, t := range a.ids {
		var ch Channel
		if !a.tx.Get(Key{KindThread, gid, t}, &ch) {
			a.tx.DeleteAll(KindMessage, t)
			a.tx.DeleteAll(KindThreadMember, t)
		}
	}
	return nil
}

func contains(s []uint64, v uint64) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

func (a *applier) threadMembersUpdate(ev model.Event, d string) error {
	var tid uint64
	var count int64
	var added string
	dec := wire.New(d)
	a.ids = a.ids[:0]
	dec.Object(func(dec *wire.Dec, k string) {
		switch k {
		case "id":
			tid = dec.ID()
		case "member_count":
			count = dec.Int()
		case "added_members":
			added = dec.RawStrict()
		case "removed_member_ids":
			dec.Array(func(dec *wire.Dec) { a.ids = append(a.ids, dec.ID()) })
		}
	})
	if !whole(&dec) {
		return bad(ev, "malformed JSON")
	}
	if tid == 0 {
		return bad(ev, "no thread id")
	}
	if a.has(ResourceThreadMembers) {
		for _, u := range a.ids {
			a.tx.Delete(Key{KindThreadMember, tid, u})
		}
		if added != "" {
			dec := wire.New(added)
			dec.Array(func(dec *wire.Dec) { a.putThreadMember(dec, tid) })
		}
	}
	a.ch2 = Channel{}
	if a.tx.Get(Key{KindThread, 0, tid}, &a.ch2) {
		a.ch2.MemberCount = int32(count)
		a.tx.Put(Key{KindThread, uint64(a.ch2.GuildID), tid}, &a.ch2)
	}
	return nil
}

func (a *applier) rolePut(ev model.Event, d string) error {
	var gid uint64
	a.r = Role{}
	dec := wire.New(d)
	dec.Object(func(dec *wire.Dec, k string) {
		switch k {
		case "guild_id":
			gid = dec.ID()
		case "role":
			parseRole(dec, &a.r)
		}
	})
	if !whole(&dec) {
		return bad(ev, "malformed JSON")
	}
	if gid == 0 || a.r.ID == 0 {
		return bad(ev, "no guild or role id")
	}
	a.r.GuildID = model.GuildID(gid)
	a.tx.Put(Key{KindRole, gid, uint64(a.r.ID)}, &a.r)
	return nil
}

func (a *applier) roleDelete(ev model.Event, d string) error {
	gid, rid, err := a.ids2Of(ev, d, "guild_id", "role_id")
	if err != nil {
		return err
	}
	if gid == 0 || rid == 0 {
		return bad(ev, "no guild or role id")
	}
	a.tx.Delete(Key{KindRole, gid, rid})
	if a.has(ResourceMembers) && a.tx.Count(KindMember, gid) > 0 {
		// One pass finds the members holding the role; only they are
		// rewritten.
		a.ids = a.ids[:0]
		for r := range a.tx.Scan(KindMember, gid) {
			if slices.Contains(r.(*Member).Roles, model.RoleID(rid)) {
				a.ids = append(a.ids, uint64(r.(*Member).UserID))
			}
		}
		for _, uid := range a.ids {
			if !a.tx.Get(Key{KindMember, gid, uid}, &a.old) {
				continue
			}
			// The roles Get set are shared with the backend: filter into
			// scratch space.
			a.roles = a.roles[:0]
			for _, x := range a.old.Roles {
				if x != model.RoleID(rid) {
					a.roles = append(a.roles, x)
				}
			}
			a.old.Roles = a.roles
			a.tx.Put(Key{KindMember, gid, uid}, &a.old)
		}
		a.old.Roles = nil
	}
	return nil
}

func (a *applier) addMemberCount(gid uint64, delta int32) {
	if !a.has(ResourceGuilds) {
		return
	}
	a.g = Guild{}
	if a.tx.Get(Key{KindGuild, 0, gid}, &a.g) {
		a.g.MemberCount += delta
		a.tx.Put(Key{KindGuild, 0, gid}, &a.g)
	}
}

func (a *applier) memberPut(ev model.Event, d string) error {
	a.m = Member{}
	a.u = User{}
	a.roles = a.roles[:0]
	a.dec = wire.New(d) // in the applier: a local would escape
	var saw uint8
	hasUser := parseMember(&a.dec, &a.m, &a.u, &a.roles, &saw)
	if !whole(&a.dec) {
		return bad(ev, "malformed JSON")
	}
	gid := uint64(a.m.GuildID)
	if gid == 0 || a.m.UserID == 0 {
		return bad(ev, "no guild or user id")
	}
	if !a.has(ResourceMembers) {
		if ev.Type == model.EventGuildMemberAdd {
			a.addMemberCount(gid, 1)
		}
		return nil
	}
	uid := uint64(a.m.UserID)
	isNew := !a.tx.Get(Key{KindMember, gid, uid}, &a.old)
	if !isNew && ev.Type == model.EventGuildMemberUpdate {
		// An update may leave out deaf and mute.
		if saw&sawDeaf == 0 {
			a.m.Deaf = a.old.Deaf
		}
		if saw&sawMute == 0 {
			a.m.Mute = a.old.Mute
		}
	}
	a.old.Roles = nil
	a.putMember(gid, &a.m, &a.u, hasUser, isNew)
	if isNew && ev.Type == model.EventGuildMemberAdd {
		a.addMemberCount(gid, 1)
	}
	return nil
}

func (a *applier) memberRemove(ev model.Event, d string) error {
	var gid, uid uint64
	dec := wire.New(d)
	dec.Object(func(dec *wire.Dec, k string) {
		switch k {
		case "guild_id":
			gid = dec.ID()
		case "user":
			uid = userID(dec)
		}
	})
	if !whole(&dec) {
		return bad(ev, "malformed JSON")
	}
	if gid == 0 || uid == 0 {
		return bad(ev, "no guild or user id")
	}
	a.addMemberCount(gid, -1)
	a.tx.Delete(Key{KindPresence, gid, uid})
	a.tx.Delete(Key{KindVoiceState, gid, uid})
	if a.tx.Get(Key{KindMember, gid, uid}, &a.old) {
		a.old.Roles = nil
		a.tx.Delete(Key{KindMember, gid, uid})
		a.releaseUser(uid)
	}
	return nil
}

// prepareMembersChunk parses a chunk's members into the buffer. As in a
// GUILD_CREATE, the guild_id may come after them.
func (a *applier) prepareMembersChunk(ev model.Event, data string) error {
	a.chunkGuild = 0
	a.nmembers = 0
	a.roles = a.roles[:0]
	a.raw = [10]string{}
	a.data = data
	dec := wire.New(data)
	if dec.Peek() != '{' {
		return bad(ev, "d is not an object")
	}
	dec.Object(func(dec *wire.Dec, k string) {
		switch k {
		case "guild_id":
			a.chunkGuild = dec.ID()
		case "members":
			if !a.has(ResourceMembers) {
				return
			}
			dec.Array(func(dec *wire.Dec) { a.parseCompact(dec, a.nextMember()) })
		case "presences":
			a.raw[5] = dec.RawStrict()
		}
	})
	if !whole(&dec) {
		return bad(ev, "malformed JSON")
	}
	return nil
}

func (a *applier) membersChunk(ev model.Event, d string) error {
	if !a.prepared {
		if err := a.prepareMembersChunk(ev, d); err != nil {
			return err
		}
	}
	gid, presences := a.chunkGuild, a.raw[5]
	if gid == 0 {
		return bad(ev, "no guild id")
	}
	g := model.GuildID(gid)
	for i := 0; i < a.nmembers; i++ {
		pm := &a.members[i/memberBlock][i%memberBlock]
		if pm.uid != 0 {
			hasUser := a.expand(pm, g)
			a.putMember(gid, &a.m, &a.u, hasUser, false)
		}
	}
	if presences != "" {
		pd := wire.New(presences)
		pd.Array(func(dec *wire.Dec) { a.putPresence(dec, g) })
	}
	return nil
}

func (a *applier) emojisUpdate(ev model.Event, d string) error {
	gid, list, err := a.listOf(ev, d, "emojis")
	if err != nil {
		return err
	}
	a.tx.DeleteAll(KindEmoji, gid)
	dec := wire.New(list)
	dec.Array(func(dec *wire.Dec) { a.putEmoji(dec, model.GuildID(gid)) })
	return nil
}

// listOf reads the guild_id of d and notes the array under key, strictly
// checked, for the caller to read while it writes.
func (a *applier) listOf(ev model.Event, d, key string) (gid uint64, list string, err error) {
	dec := wire.New(d)
	dec.Object(func(dec *wire.Dec, k string) {
		switch k {
		case "guild_id":
			gid = dec.ID()
		case key:
			list = dec.RawStrict()
		}
	})
	if !whole(&dec) {
		return 0, "", bad(ev, "malformed JSON")
	}
	if gid == 0 {
		return 0, "", bad(ev, "no guild id")
	}
	return gid, list, nil
}

// stageInstance stores a stage instance created or updated, and removes
// one deleted.
func (a *applier) stageInstance(ev model.Event, d string) error {
	a.si = StageInstance{}
	dec := wire.New(d)
	parseStageInstance(&dec, &a.si)
	if !whole(&dec) {
		return bad(ev, "malformed JSON")
	}
	if a.si.ID == 0 || a.si.GuildID == 0 {
		return bad(ev, "no stage instance or guild id")
	}
	k := Key{KindStageInstance, uint64(a.si.GuildID), uint64(a.si.ID)}
	if ev.Type == model.EventStageInstanceDelete {
		a.tx.Delete(k)
		return nil
	}
	a.tx.Put(k, &a.si)
	return nil
}

// scheduledEvent stores a scheduled event created or updated, keeping the
// user count the cache has counted when the update carries none, and
// removes one deleted.
func (a *applier) scheduledEvent(ev model.Event, d string) error {
	a.se = ScheduledEvent{UserCount: -1}
	dec := wire.New(d)
	parseScheduledEvent(&dec, &a.se)
	if !whole(&dec) {
		return bad(ev, "malformed JSON")
	}
	if a.se.ID == 0 || a.se.GuildID == 0 {
		return bad(ev, "no scheduled event or guild id")
	}
	k := Key{KindScheduledEvent, uint64(a.se.GuildID), uint64(a.se.ID)}
	if ev.Type == model.EventGuildScheduledEventDelete {
		a.tx.Delete(k)
		return nil
	}
	if a.se.UserCount < 0 {
		var old ScheduledEvent
		a.se.UserCount = 0
		if a.tx.Get(k, &old) {
			a.se.UserCount = old.UserCount
		}
	}
	a.tx.Put(k, &a.se)
	return nil
}

// scheduledEventUser counts a user interested in a scheduled event, or
// no longer interested.
func (a *applier) scheduledEventUser(ev model.Event, d string) error {
	var gid, eid uint64
	dec := wire.New(d)
	dec.Object(func(d *wire.Dec, k string) {
		switch k {
		case "guild_id":
			gid = d.ID()
		case "guild_scheduled_event_id":
			eid = d.ID()
		}
	})
	if !whole(&dec) {
		return bad(ev, "malformed JSON")
	}
	if gid == 0 || eid == 0 {
		return bad(ev, "no scheduled event or guild id")
	}
	k := Key{KindScheduledEvent, gid, eid}
	a.se = ScheduledEvent{}
	if !a.tx.Get(k, &a.se) {
		return nil // an event the cache does not hold
	}
	if ev.Type == model.EventGuildScheduledEventUserAdd {
		a.se.UserCount++
	} else if a.se.UserCount > 0 {
		a.se.UserCount--
	}
	a.tx.Put(k, &a.se)
	return nil
}

// putSound stores the sound d holds in guild gid; one without an id is
// skipped.
func (a *applier) putSound(d *wire.Dec, gid uint64) {
	a.sb = SoundboardSound{}
	parseSoundboardSound(d, &a.sb)
	a.sb.GuildID = model.GuildID(gid)
	if a.sb.SoundID != 0 && !d.Err() {
		a.tx.Put(Key{KindSoundboardSound, gid, uint64(a.sb.SoundID)}, &a.sb)
	}
}

// sound stores a sound created or updated, and removes one deleted.
func (a *applier) sound(ev model.Event, d string) error {
	a.sb = SoundboardSound{}
	dec := wire.New(d)
	parseSoundboardSound(&dec, &a.sb)
	if !whole(&dec) {
		return bad(ev, "malformed JSON")
	}
	if a.sb.SoundID == 0 || a.sb.GuildID == 0 {
		return bad(ev, "no sound or guild id")
	}
	k := Key{KindSoundboardSound, uint64(a.sb.GuildID), uint64(a.sb.SoundID)}
	if ev.Type == model.EventGuildSoundboardSoundDelete {
		a.tx.Delete(k)
		return nil
	}
	a.tx.Put(k, &a.sb)
	return nil
}

// sounds stores a list of a guild's sounds: the sounds updated together
// (GUILD_SOUNDBOARD_SOUNDS_UPDATE), or all of them (SOUNDBOARD_SOUNDS,
// the answer to Request Soundboard Sounds), which replace those cached.
func (a *applier) sounds(ev model.Event, d string) error {
	gid, list, err := a.listOf(ev, d, "soundboard_sounds")
	if err != nil {
		return err
	}
	if ev.Type == model.EventSoundboardSounds {
		a.tx.DeleteAll(KindSoundboardSound, gid)
	}
	dec := wire.New(list)
	dec.Array(func(dec *wire.Dec) { a.putSound(dec, gid) })
	return nil
}

// dmMessage notes a message outside guilds in its DM channel: the
// channel is cached from its first message (Discord sends no
// CHANNEL_CREATE for most DMs), with the author as its recipient when the
// author is not the bot, and becomes the most recently active one. It
// reports whether the channel is kept (see privateChannelPut).
func (a *applier) dmMessage() bool {
	k := Key{KindPrivateChannel, 0, uint64(a.msg.ChannelID)}
	a.ch2 = Channel{}
	if !a.tx.Get(k, &a.ch2) {
		a.ch2 = Channel{ID: a.msg.ChannelID, Type: model.ChannelDM}
	}
	// The recipient is the first author who is not the bot: a DM the bot
	// opened is first seen through the bot's own message.
	if author := a.msg.Author.ID; len(a.ch2.Recipients) == 0 && a.ch2.Type == model.ChannelDM && author != 0 {
		if me, ok := a.currentUser(); !ok || me != author {
			a.ch2.Recipients = []model.UserID{author}
		}
	}
	a.ch2.LastMessageID = max(a.ch2.LastMessageID, a.msg.ID)
	a.tx.Put(k, &a.ch2)
	return a.privateChannelPut(&a.ch2)
}

// integration stores an integration created or updated, and removes one
// deleted.
func (a *applier) integration(ev model.Event, d string) error {
	a.in = Integration{Scopes: a.in.Scopes[:0]}
	dec := wire.New(d)
	parseIntegration(&dec, &a.in)
	if !whole(&dec) {
		return bad(ev, "malformed JSON")
	}
	if a.in.ID == 0 || a.in.GuildID == 0 {
		return bad(ev, "no integration or guild id")
	}
	k := Key{KindIntegration, uint64(a.in.GuildID), uint64(a.in.ID)}
	if ev.Type == model.EventIntegrationDelete {
		a.tx.Delete(k)
		return nil
	}
	a.tx.Put(k, &a.in)
	return nil
}

func (a *applier) stickersUpdate(ev model.Event, d string) error {
	gid, list, err := a.listOf(ev, d, "stickers")
	if err != nil {
		return err
	}
	a.tx.DeleteAll(KindSticker, gid)
	dec := wire.New(list)
	dec.Array(func(dec *wire.Dec) { a.putSticker(dec, model.GuildID(gid)) })
	return nil
}

func (a *applier) presenceUpdate(ev model.Event, d string) error {
	a.dec = wire.New(d) // in the applier: a local would escape
	ok := a.readPresence(&a.dec, 0)
	if !whole(&a.dec) {
		return bad(ev, "malformed JSON")
	}
	if a.p.UserID == 0 || a.p.GuildID == 0 {
		return bad(ev, "no guild or user id")
	}
	if ok {
		a.storePresence()
	}
	return nil
}

func (a *applier) voiceStateUpdate(ev model.Event, d string) error {
	a.v = VoiceState{}
	var member string
	a.dec = wire.New(d) // in the applier: a local would escape
	parseVoiceState(&a.dec, &a.v, &member)
	if !whole(&a.dec) {
		return bad(ev, "malformed JSON")
	}
	gid, uid := uint64(a.v.GuildID), uint64(a.v.UserID)
	if uid == 0 {
		return bad(ev, "no user id")
	}
	if gid == 0 {
		return nil // a call in a DM: not cached
	}
	// The member is parsed before anything is written.
	putMember, hasUser := false, false
	if member != "" && member[0] == '{' && a.has(ResourceMembers) {
		a.m = Member{}
		a.u = User{}
		a.roles = a.roles[:0]
		a.dec = wire.New(member)
		hasUser = parseMember(&a.dec, &a.m, &a.u, &a.roles, nil)
		if a.dec.Err() {
			return bad(ev, "malformed JSON")
		}
		a.m.GuildID = model.GuildID(gid)
		putMember = a.m.UserID == model.UserID(uid)
	}
	k := Key{KindVoiceState, gid, uid}
	if a.v.ChannelID == 0 {
		a.tx.Delete(k)
	} else {
		a.tx.Put(k, &a.v)
	}
	if putMember {
		a.putMember(gid, &a.m, &a.u, hasUser, false)
	}
	return nil
}

func (a *applier) messagePut(ev model.Event, d string) error {
	a.msg = Message{
		Mentions: a.msg.Mentions[:0], MentionRoles: a.msg.MentionRoles[:0],
		Attachments: a.msg.Attachments[:0], Reactions: a.msg.Reactions[:0],
	}
	cached := true
	if ev.Type == model.EventMessageUpdate {
		mid, cid := topIDs(d, "id", "channel_id")
		if mid == 0 || cid == 0 {
			return bad(ev, "no message or channel id")
		}
		scratch := a.msg
		if a.tx.Get(Key{KindMessage, cid, mid}, &a.msg) {
			// The slices Get set are shared with the backend: parse into copies.
			a.msg.Mentions = slices.Clone(a.msg.Mentions)
			a.msg.MentionRoles = slices.Clone(a.msg.MentionRoles)
			a.msg.Attachments = slices.Clone(a.msg.Attachments)
			a.msg.Reactions = slices.Clone(a.msg.Reactions)
		} else {
			// Only cached messages are updated, but the author and
			// member the update carries are still applied.
			a.msg, cached = scratch, false
		}
	}
	a.dec = wire.New(d)
	author, member := parseMessage(&a.dec, &a.msg, !a.c.compact)
	if !whole(&a.dec) {
		return bad(ev, "malformed JSON")
	}
	mid, cid := uint64(a.msg.ID), uint64(a.msg.ChannelID)
	if mid == 0 || cid == 0 {
		return bad(ev, "no message or channel id")
	}
	if author != 0 && a.msg.WebhookID == 0 && a.has(ResourceMembers) {
		if !a.refreshAuthor(&a.msg.Author, author, uint64(a.msg.GuildID), member) {
			return bad(ev, "malformed JSON")
		}
	}
	if a.msg.GuildID == 0 && ev.Type == model.EventMessageCreate && a.has(ResourcePrivateChannels) && !a.dmMessage() {
		return nil // its channel is not kept: neither is the message
	}
	if !a.has(ResourceMessages) || !cached {
		return nil
	}
	a.tx.Put(Key{KindMessage, cid, mid}, &a.msg)
	if ev.Type == model.EventMessageCreate {
		a.tx.TrimMessages(cid, a.c.messages)
	}
	return nil
}

// refreshAuthor applies what a message carries of its author (the fields
// saw reports) to the cached user and, in a guild, the partial member to
// the cached member. Neither is created, and each is written only when it
// changed. It reports false, having written nothing, when the member is
// malformed.
func (a *applier) refreshAuthor(au *User, saw uint8, gid uint64, member string) bool {
	uid := uint64(au.ID)
	if uid == 0 {
		return true
	}
	defer func() { a.old.Roles, a.m.Roles = nil, nil }()
	putMember := false
	if gid != 0 && len(member) > 0 && member[0] == '{' && a.tx.Get(Key{KindMember, gid, uid}, &a.old) {
		// The member sent is partial: it is read over the cached one, so
		// that the fields it leaves out keep their values.
		a.m = a.old
		a.roles = a.roles[:0]
		a.u = User{}
		a.dec = wire.New(member) // in the applier: a local would escape
		parseMember(&a.dec, &a.m, &a.u, &a.roles, nil)
		if a.dec.Err() {
			return false
		}
		a.m.GuildID, a.m.UserID = model.GuildID(gid), model.UserID(uid)
		putMember = !sameMember(&a.m, &a.old)
	}
	if saw&(sawUsername|sawGlobalName|sawDiscriminator|sawAvatar) != 0 && a.tx.Get(Key{KindUser, 0, uid}, &a.oldU) {
		changed := false
		if saw&sawUsername != 0 && au.Username != "" && a.oldU.Username != au.Username {
			a.oldU.Username, changed = au.Username, true
		}
		if saw&sawGlobalName != 0 && a.oldU.GlobalName != au.GlobalName {
			a.oldU.GlobalName, changed = au.GlobalName, true
		}
		if saw&sawDiscriminator != 0 && a.oldU.Discriminator != au.Discriminator {
			a.oldU.Discriminator, changed = au.Discriminator, true
		}
		if saw&sawAvatar != 0 && a.oldU.Avatar != au.Avatar {
			a.oldU.Avatar, changed = au.Avatar, true
		}
		if changed {
			a.tx.Put(Key{KindUser, 0, uid}, &a.oldU)
		}
	}
	if putMember {
		a.tx.Put(Key{KindMember, gid, uid}, &a.m)
	}
	return true
}

// sameMember reports whether two members hold the same values.
func sameMember(x, y *Member) bool {
	return x.GuildID == y.GuildID && x.UserID == y.UserID && x.Nick == y.Nick &&
		x.Avatar == y.Avatar && x.Banner == y.Banner && slices.Equal(x.Roles, y.Roles) &&
		x.JoinedAt.Equal(y.JoinedAt) && x.PremiumSince.Equal(y.PremiumSince) &&
		x.CommunicationDisabledUntil.Equal(y.CommunicationDisabledUntil) &&
		x.Flags == y.Flags && x.Deaf == y.Deaf && x.Mute == y.Mute && x.Pending == y.Pending
}

// topIDs reads two IDs of a top-level object in one pass.
func topIDs(data, k1, k2 string) (v1, v2 uint64) {
	d := wire.New(data)
	d.Object(func(d *wire.Dec, k string) {
		switch k {
		case k1:
			v1 = d.ID()
		case k2:
			v2 = d.ID()
		}
	})
	return v1, v2
}

func (a *applier) messageDelete(ev model.Event, d string) error {
	mid, cid, err := a.ids2Of(ev, d, "id", "channel_id")
	if err != nil {
		return err
	}
	if mid == 0 || cid == 0 {
		return bad(ev, "no message or channel id")
	}
	a.tx.Delete(Key{KindMessage, cid, mid})
	return nil
}

func (a *applier) messageDeleteBulk(ev model.Event, d string) error {
	var cid uint64
	a.ids = a.ids[:0]
	dec := wire.New(d)
	dec.Object(func(dec *wire.Dec, k string) {
		switch k {
		case "channel_id":
			cid = dec.ID()
		case "ids":
			dec.Array(func(dec *wire.Dec) { a.ids = append(a.ids, dec.ID()) })
		}
	})
	if !whole(&dec) {
		return bad(ev, "malformed JSON")
	}
	if cid == 0 {
		return bad(ev, "no channel id")
	}
	for _, mid := range a.ids {
		a.tx.Delete(Key{KindMessage, cid, mid})
	}
	return nil
}

func (a *applier) reaction(ev model.Event, d string) error {
	var mid, cid, uid uint64
	var eid model.EmojiID
	var ename string
	a.dec = wire.New(d) // in the applier: a local would escape
	a.dec.Object(func(dec *wire.Dec, k string) {
		switch k {
		case "message_id":
			mid = dec.ID()
		case "channel_id":
			cid = dec.ID()
		case "user_id":
			uid = dec.ID()
		case "emoji":
			eid, ename, _ = parseEmojiRef(dec)
		}
	})
	if !whole(&a.dec) {
		return bad(ev, "malformed JSON")
	}
	if mid == 0 || cid == 0 {
		return bad(ev, "no message or channel id")
	}
	k := Key{KindMessage, cid, mid}
	a.msg = Message{}
	if !a.tx.Get(k, &a.msg) {
		return nil
	}
	same := func(r Reaction) bool {
		if eid != 0 {
			return r.EmojiID == eid
		}
		return r.EmojiID == 0 && r.EmojiName == ename
	}
	// The cached slice is shared with the backend: build a new one.
	rs := make([]Reaction, 0, len(a.msg.Reactions)+1)
	me := false
	if cu, ok := a.currentUser(); ok && uint64(cu) == uid {
		me = true
	}
	found := false
	for _, r := range a.msg.Reactions {
		switch ev.Type {
		case model.EventMessageReactionRemoveAll:
			continue
		case model.EventMessageReactionRemoveEmoji:
			if same(r) {
				continue
			}
		case model.EventMessageReactionAdd:
			if same(r) {
				found = true
				r.Count++
				r.Me = r.Me || me
			}
		case model.EventMessageReactionRemove:
			if same(r) {
				r.Count--
				if me {
					r.Me = false
				}
				if r.Count <= 0 {
					continue
				}
			}
		}
		rs = append(rs, r)
	}
	if ev.Type == model.EventMessageReactionAdd && !found {
		rs = append(rs, Reaction{EmojiID: eid, EmojiName: ename, Count: 1, Me: me})
	}
	a.msg.Reactions = rs
	a.tx.Put(k, &a.msg)
	a.msg = Message{}
	return nil
}

func (a *applier) currentUser() (model.UserID, bool) {
	var u User
	if a.tx.Get(Key{KindCurrentUser, 0, 0}, &u) {
		return u.ID, true
	}
	return 0, false
}
