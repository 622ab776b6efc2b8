package memory

import (
	"strings"
	"time"

	"github.com/gloamdev/gloam/cache"
	"github.com/gloamdev/gloam/model"
)

// Compact forms of the records held by the thousand: users, members and
// presences. Other records are few and kept as the cache's own types,
// with their strings copied.

// user is a cache.User in 48 bytes.
type user struct {
	names   string // username, then "\x00" and the global name when it differs
	avatar  [16]byte
	flags   uint32 // public flags
	guilds  int32
	discrim uint16
	bits    uint8
}

const (
	uAvatar uint8 = 1 << iota
	uAnimated
	uBot
	uSystem
	uGlobal     // has a global name
	uGlobalSame // the global name is the username
)

// packUser packs u; old is the user stored before, if any, whose names
// are kept when they did not change.
func (s *store) packUser(u *cache.User, old *user) user {
	r := user{
		avatar:  u.Avatar.Sum,
		flags:   uint32(u.PublicFlags),
		guilds:  u.Guilds,
		discrim: u.Discriminator,
	}
	if u.Avatar.Set {
		r.bits |= uAvatar
		if u.Avatar.Animated {
			r.bits |= uAnimated
		}
	}
	if u.Bot {
		r.bits |= uBot
	}
	if u.System {
		r.bits |= uSystem
	}
	global := u.GlobalName
	switch {
	case global == "":
	case global == u.Username:
		r.bits |= uGlobal | uGlobalSame
		global = ""
	default:
		r.bits |= uGlobal
	}
	const nameBits = uGlobal | uGlobalSame
	if old != nil && old.bits&nameBits == r.bits&nameBits && old.sameNames(u.Username, global) {
		r.names = old.names
		return r
	}
	r.names = s.names.join(u.Username, 0, global)
	s.namesLive += len(r.names)
	if old != nil {
		s.namesLive -= len(old.names)
	}
	return r
}

// sameNames reports whether r holds the username and the global name
// (already "" when it is the username).
func (r *user) sameNames(username, global string) bool {
	if global == "" {
		return r.names == username
	}
	return len(r.names) == len(username)+1+len(global) && r.names[:len(username)] == username &&
		r.names[len(username)] == 0 && r.names[len(username)+1:] == global
}

func (r *user) unpack(id uint64, u *cache.User) {
	*u = cache.User{
		ID:            model.UserID(id),
		Discriminator: r.discrim,
		Avatar:        cache.Hash{Sum: r.avatar, Set: r.bits&uAvatar != 0, Animated: r.bits&uAnimated != 0},
		Bot:           r.bits&uBot != 0,
		System:        r.bits&uSystem != 0,
		PublicFlags:   model.UserFlags(r.flags),
		Guilds:        r.guilds,
	}
	u.Username = r.names
	switch {
	case r.bits&uGlobalSame != 0:
		u.GlobalName = r.names
	case r.bits&uGlobal != 0:
		i := strings.IndexByte(r.names, 0)
		u.Username, u.GlobalName = r.names[:i], r.names[i+1:]
	}
}

// member is a cache.Member in 32 bytes: up to 7 roles are kept inline as
// indexes into the guild's role table; the fields most members lack live
// in an extra record, shared and never changed once made.
type member struct {
	joined int64 // Unix microseconds; 0: none
	x      *memberX
	roles  [7]uint8
	nroles uint8 // manyRoles: the roles are in x.roles
	flags  uint32
	bits   uint8
}

const manyRoles = 0xff

const (
	mDeaf uint8 = 1 << iota
	mMute
	mPending
)

type memberX struct {
	nick    string
	premium int64
	timeout int64
	roles   []model.RoleID
	images  *[2]cache.Hash // avatar and banner, when either is set
}

func micros(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMicro()
}

func fromMicros(v int64) time.Time {
	if v == 0 {
		return time.Time{}
	}
	return time.UnixMicro(v).UTC()
}

// roleIndex is the index of a role in g's role table, adding it; false
// when the table is full.
func (g *guild) roleIndex(id model.RoleID) (uint8, bool) {
	if i, ok := g.roleIdx[id]; ok {
		return i, true
	}
	if len(g.roleIDs) >= manyRoles {
		return 0, false
	}
	if g.roleIdx == nil {
		g.roleIdx = make(map[model.RoleID]uint8)
	}
	i := uint8(len(g.roleIDs))
	// The table is only appended to (a new array when it grows), so that
	// readers holding an older slice of it stay right.
	g.roleIDs = append(g.roleIDs, id)
	g.roleIdx[id] = i
	return i, true
}

func (g *guild) packMember(m *cache.Member) member {
	r := member{joined: micros(m.JoinedAt), flags: uint32(m.Flags)}
	if m.Deaf {
		r.bits |= mDeaf
	}
	if m.Mute {
		r.bits |= mMute
	}
	if m.Pending {
		r.bits |= mPending
	}
	inline := len(m.Roles) <= len(r.roles)
	if inline {
		for i, id := range m.Roles {
			x, ok := g.roleIndex(id)
			if !ok {
				inline = false
				break
			}
			r.roles[i] = x
		}
	}
	if inline {
		r.nroles = uint8(len(m.Roles))
	} else {
		r.roles = [7]uint8{}
		r.nroles = manyRoles
	}
	if !inline || m.Nick != "" || m.Avatar.Set || m.Banner.Set || !m.PremiumSince.IsZero() ||
		!m.CommunicationDisabledUntil.IsZero() {
		x := &memberX{
			nick:    strings.Clone(m.Nick),
			premium: micros(m.PremiumSince),
			timeout: micros(m.CommunicationDisabledUntil),
		}
		if m.Avatar.Set || m.Banner.Set {
			x.images = &[2]cache.Hash{m.Avatar, m.Banner}
		}
		if !inline {
			x.roles = append([]model.RoleID(nil), m.Roles...)
		}
		r.x = x
	}
	return r
}

func (r *member) unpack(gid, uid uint64, roleIDs []model.RoleID, m *cache.Member) {
	*m = cache.Member{
		GuildID:  model.GuildID(gid),
		UserID:   model.UserID(uid),
		JoinedAt: fromMicros(r.joined),
		Flags:    model.MemberFlags(r.flags),
		Deaf:     r.bits&mDeaf != 0,
		Mute:     r.bits&mMute != 0,
		Pending:  r.bits&mPending != 0,
	}
	if r.nroles == manyRoles {
		m.Roles = r.x.roles
	} else if r.nroles > 0 {
		m.Roles = make([]model.RoleID, r.nroles)
		for i := range m.Roles {
			m.Roles[i] = roleIDs[r.roles[i]]
		}
	}
	if x := r.x; x != nil {
		m.Nick = x.nick
		if x.images != nil {
			m.Avatar, m.Banner = x.images[0], x.images[1]
		}
		m.PremiumSince = fromMicros(x.premium)
		m.CommunicationDisabledUntil = fromMicros(x.timeout)
	}
}

// presence is a cache.Presence in 32 bytes: statuses as small codes.
type presence struct {
	acts                         []activity
	status, desktop, mobile, web uint8
}

// activity is a cache.Activity in 88 bytes: its free texts packed in one
// string, its name interned.
type activity struct {
	name    string
	text    string // URL, state, details and emoji name, back to back
	lens    [3]uint16
	typ     uint8
	anim    bool
	app     uint64
	created int64 // Unix milliseconds
	start   int64
	end     int64
	emoji   uint64
	flags   uint32
}

var statusCodes = map[model.Status]uint8{
	"": 0, model.StatusOnline: 1, model.StatusIdle: 2, model.StatusDND: 3,
	model.StatusOffline: 4, model.StatusInvisible: 5,
}

var statusNames = []model.Status{"", model.StatusOnline, model.StatusIdle, model.StatusDND,
	model.StatusOffline, model.StatusInvisible}

// statusCode maps a status to a code; statuses gloam does not know get
// codes of their own, up to 255 of them.
func (s *store) statusCode(st model.Status) uint8 {
	if c, ok := statusCodes[st]; ok {
		return c
	}
	for i := len(statusNames); i < len(s.statuses); i++ {
		if s.statuses[i] == st {
			return uint8(i)
		}
	}
	if len(s.statuses) == 0 {
		s.statuses = append(s.statuses, statusNames...)
	}
	if len(s.statuses) >= 255 {
		return 0
	}
	s.statuses = append(s.statuses, model.Status(strings.Clone(string(st))))
	return uint8(len(s.statuses) - 1)
}

func (s *store) statusName(c uint8) model.Status {
	if int(c) < len(statusNames) {
		return statusNames[c]
	}
	return s.statuses[c]
}

func millis(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

func fromMillis(v int64) time.Time {
	if v == 0 {
		return time.Time{}
	}
	return time.UnixMilli(v).UTC()
}

// packPresence packs p. old, if not nil, is the presence p replaces:
// its activities' storage is reused, and so is the text of an activity
// that did not change, so that an update (a song's next track, a status)
// allocates little. Nothing outside the store refers to them: readers
// unpack presences under the lock.
func (s *store) packPresence(p *cache.Presence, old *presence) presence {
	r := presence{
		status:  s.statusCode(p.Status),
		desktop: s.statusCode(p.ClientStatus.Desktop),
		mobile:  s.statusCode(p.ClientStatus.Mobile),
		web:     s.statusCode(p.ClientStatus.Web),
	}
	if len(p.Activities) > 0 {
		if old != nil && cap(old.acts) >= len(p.Activities) {
			r.acts = old.acts[:len(p.Activities)]
		} else {
			r.acts = make([]activity, len(p.Activities))
		}
		for i := range p.Activities {
			a := &p.Activities[i]
			x := &r.acts[i]
			was := "" // the text of the activity in the same place before
			if old != nil && i < len(old.acts) {
				was = old.acts[i].text
			}
			x.name = s.intern(a.Name)
			x.typ = uint8(a.Type)
			x.anim = a.EmojiAnimated
			x.app = uint64(a.ApplicationID)
			x.created, x.start, x.end = millis(a.CreatedAt), millis(a.Start), millis(a.End)
			x.emoji = uint64(a.EmojiID)
			x.flags = uint32(a.Flags)
			x.lens = [3]uint16{uint16(min(len(a.URL), 0xffff)), uint16(min(len(a.State), 0xffff)),
				uint16(min(len(a.Details), 0xffff))}
			if sameText(was, a.URL[:x.lens[0]], a.State[:x.lens[1]], a.Details[:x.lens[2]], a.EmojiName) {
				x.text = was
				continue
			}
			x.text = a.URL[:x.lens[0]] + a.State[:x.lens[1]] + a.Details[:x.lens[2]] + a.EmojiName
			if x.text != "" && len(x.text) == len(a.EmojiName) {
				x.text = s.intern(x.text)
			}
		}
	}
	return r
}

// sameText reports whether text is the parts joined.
func sameText(text string, parts ...string) bool {
	for _, p := range parts {
		if len(text) < len(p) || text[:len(p)] != p {
			return false
		}
		text = text[len(p):]
	}
	return text == ""
}

func (s *store) unpackPresence(gid, uid uint64, r *presence, p *cache.Presence) {
	*p = cache.Presence{
		GuildID: model.GuildID(gid),
		UserID:  model.UserID(uid),
		Status:  s.statusName(r.status),
		ClientStatus: cache.ClientStatus{
			Desktop: s.statusName(r.desktop),
			Mobile:  s.statusName(r.mobile),
			Web:     s.statusName(r.web),
		},
	}
	if len(r.acts) > 0 {
		p.Activities = make([]cache.Activity, len(r.acts))
		for i := range r.acts {
			x := &r.acts[i]
			a := &p.Activities[i]
			u, st, de := int(x.lens[0]), int(x.lens[1]), int(x.lens[2])
			*a = cache.Activity{
				Name:          x.name,
				Type:          model.ActivityType(x.typ),
				URL:           x.text[:u],
				State:         x.text[u : u+st],
				Details:       x.text[u+st : u+st+de],
				EmojiName:     x.text[u+st+de:],
				ApplicationID: model.ApplicationID(x.app),
				CreatedAt:     fromMillis(x.created),
				Start:         fromMillis(x.start),
				End:           fromMillis(x.end),
				EmojiID:       model.EmojiID(x.emoji),
				EmojiAnimated: x.anim,
				Flags:         model.ActivityFlags(x.flags),
			}
		}
	}
}

// intern returns a copy of v shared with every other equal string
// interned before, for the strings that repeat (activity names, features).
func (s *store) intern(v string) string {
	if v == "" {
		return ""
	}
	if x, ok := s.strs[v]; ok {
		return x
	}
	x := strings.Clone(v)
	if len(s.strs) < maxInterned {
		if s.strs == nil {
			s.strs = make(map[string]string)
		}
		s.strs[x] = x
	}
	return x
}

const maxInterned = 1 << 16

func cloneStrings(v []string, intern func(string) string) []string {
	if len(v) == 0 {
		return nil
	}
	out := make([]string, len(v))
	for i, x := range v {
		out[i] = intern(x)
	}
	return out
}

func cloneSlice[T any](v []T) []T {
	if len(v) == 0 {
		return nil
	}
	return append([]T(nil), v...)
}

func (s *store) copyGuild(g *cache.Guild) cache.Guild {
	c := *g
	c.Name = strings.Clone(g.Name)
	c.Features = cloneStrings(g.Features, s.intern)
	c.PreferredLocale = s.intern(g.PreferredLocale)
	c.Description = strings.Clone(g.Description)
	c.VanityURLCode = strings.Clone(g.VanityURLCode)
	return c
}

func (s *store) copyChannel(ch *cache.Channel) cache.Channel {
	c := *ch
	c.Name = strings.Clone(ch.Name)
	c.Topic = strings.Clone(ch.Topic)
	c.RTCRegion = s.intern(ch.RTCRegion)
	c.PermissionOverwrites = cloneSlice(ch.PermissionOverwrites)
	c.AppliedTags = cloneSlice(ch.AppliedTags)
	c.Recipients = cloneSlice(ch.Recipients)
	return c
}

func copyRole(r *cache.Role) cache.Role {
	c := *r
	c.Name = strings.Clone(r.Name)
	c.UnicodeEmoji = strings.Clone(r.UnicodeEmoji)
	return c
}

func copyEmoji(e *cache.Emoji) cache.Emoji {
	c := *e
	c.Name = strings.Clone(e.Name)
	c.Roles = cloneSlice(e.Roles)
	return c
}

func copySticker(st *cache.Sticker) cache.Sticker {
	c := *st
	c.Name = strings.Clone(st.Name)
	c.Description = strings.Clone(st.Description)
	c.Tags = strings.Clone(st.Tags)
	return c
}

func copyUser(u *cache.User) cache.User {
	c := *u
	c.Username = strings.Clone(u.Username)
	c.GlobalName = strings.Clone(u.GlobalName)
	return c
}

func (s *store) copyMessage(m *cache.Message) cache.Message {
	c := *m
	c.Author = copyUser(&m.Author)
	c.Content = strings.Clone(m.Content)
	c.EmbedsJSON = strings.Clone(m.EmbedsJSON)
	c.ComponentsJSON = strings.Clone(m.ComponentsJSON)
	c.StickersJSON = strings.Clone(m.StickersJSON)
	c.SnapshotsJSON = strings.Clone(m.SnapshotsJSON)
	c.Mentions = cloneSlice(m.Mentions)
	c.MentionRoles = cloneSlice(m.MentionRoles)
	c.Reactions = cloneSlice(m.Reactions)
	for i := range c.Reactions {
		c.Reactions[i].EmojiName = s.intern(c.Reactions[i].EmojiName)
	}
	c.Attachments = cloneSlice(m.Attachments)
	for i := range c.Attachments {
		a := &c.Attachments[i]
		a.Filename = strings.Clone(a.Filename)
		a.Title = strings.Clone(a.Title)
		a.Description = strings.Clone(a.Description)
		a.ContentType = s.intern(a.ContentType)
		a.URL = strings.Clone(a.URL)
		a.ProxyURL = strings.Clone(a.ProxyURL)
		a.Placeholder = strings.Clone(a.Placeholder)
		a.Waveform = strings.Clone(a.Waveform)
		a.ClipParticipants = cloneSlice(a.ClipParticipants)
	}
	return c
}
