package memory

import (
	"iter"
	"slices"
	"strings"
	"sync"
	"unsafe"

	"github.com/gloamdev/gloam/cache"
	"github.com/gloamdev/gloam/model"
)

// Backend is a cache.Backend in memory. The zero value is not usable:
// call New.
type Backend struct {
	mu sync.RWMutex
	s  store
	tx tx // the Tx of every Update, which run one at a time
}

// New returns an empty Backend.
func New() *Backend {
	b := &Backend{s: store{
		guilds:    make(map[uint64]*guild),
		chanGuild: make(map[uint64]uint64),
		msgs:      make(map[uint64]*ring),
		sessions:  make(map[int]model.Session),
		blobs:     make(map[string][]byte),
	}}
	b.tx.s = &b.s
	return b
}

type store struct {
	guilds    map[uint64]*guild
	users     table[user]
	current   *cache.User
	chanGuild map[uint64]uint64 // channel or thread → its guild
	msgs      map[uint64]*ring  // channel → its recent messages
	dms       map[uint64]cache.Channel
	tmembers  map[uint64]map[uint64]cache.ThreadMember // thread → user → membership
	ntmembers int
	nmsgs     int
	sessions  map[int]model.Session
	blobs     map[string][]byte
	strs      map[string]string
	statuses  []model.Status
	names     arena // users' names
	namesLive int   // bytes of names users refer to
}

// compactNames copies the users' names into new chunks when the garbage
// left in the arena by names replaced or deleted outweighs them.
func (s *store) compactNames() {
	if s.names.total < 1<<20 || s.names.total < 2*s.namesLive {
		return
	}
	s.names = arena{}
	s.namesLive = 0
	for i := range s.users.vals {
		u := &s.users.vals[i]
		a, b := u.names, ""
		if sep := strings.IndexByte(a, 0); sep >= 0 {
			a, b = a[:sep], a[sep+1:]
		}
		u.names = s.names.join(a, 0, b)
		s.namesLive += len(u.names)
	}
}

// guild holds everything of one guild.
type guild struct {
	rec       cache.Guild
	has       bool // rec is set
	members   table[member]
	roleIDs   []model.RoleID
	roleIdx   map[model.RoleID]uint8
	presences table[presence]
	channels  map[uint64]cache.Channel
	threads   map[uint64]cache.Channel
	roles     map[uint64]cache.Role
	voice     map[uint64]cache.VoiceState
	emojis    map[uint64]cache.Emoji
	stickers  map[uint64]cache.Sticker
	stages    map[uint64]cache.StageInstance
	events    map[uint64]cache.ScheduledEvent
	sounds    map[uint64]cache.SoundboardSound
	integs    map[uint64]cache.Integration
}

func (g *guild) empty() bool {
	return !g.has && g.members.len() == 0 && g.presences.len() == 0 && len(g.channels) == 0 &&
		len(g.threads) == 0 && len(g.roles) == 0 && len(g.voice) == 0 && len(g.emojis) == 0 &&
		len(g.stickers) == 0 && len(g.stages) == 0 && len(g.events) == 0 &&
		len(g.sounds) == 0 && len(g.integs) == 0
}

func (s *store) guild(id uint64, create bool) *guild {
	g := s.guilds[id]
	if g == nil && create {
		g = &guild{}
		s.guilds[id] = g
	}
	return g
}

func (s *store) dropIfEmpty(id uint64, g *guild) {
	if g.empty() {
		delete(s.guilds, id)
	}
}

// Get implements cache.Reader.
func (b *Backend) Get(k cache.Key, dst cache.Record) bool {
	b.mu.RLock()
	defer b.mu.RUnlock()
	return b.s.get(k, dst)
}

func (s *store) get(k cache.Key, dst cache.Record) bool {
	switch k.Kind {
	case cache.KindUser:
		r := s.users.get(k.ID)
		if r == nil {
			return false
		}
		r.unpack(k.ID, dst.(*cache.User))
		return true
	case cache.KindCurrentUser:
		if s.current == nil {
			return false
		}
		*dst.(*cache.User) = *s.current
		return true
	case cache.KindPrivateChannel:
		return getMap(s.dms, k.ID, dst)
	case cache.KindThreadMember:
		return getMap(s.tmembers[k.Parent], k.ID, dst)
	case cache.KindGuild:
		g := s.guilds[k.ID]
		if g == nil || !g.has {
			return false
		}
		*dst.(*cache.Guild) = g.rec
		return true
	case cache.KindMessage:
		r := s.msgs[k.Parent]
		if r == nil {
			return false
		}
		i, ok := r.find(k.ID)
		if ok {
			*dst.(*cache.Message) = *r.at(i)
		}
		return ok
	}
	parent := k.Parent
	if parent == 0 && (k.Kind == cache.KindChannel || k.Kind == cache.KindThread) {
		parent = s.chanGuild[k.ID]
	}
	g := s.guilds[parent]
	if g == nil {
		return false
	}
	switch k.Kind {
	case cache.KindMember:
		r := g.members.get(k.ID)
		if r == nil {
			return false
		}
		r.unpack(parent, k.ID, g.roleIDs, dst.(*cache.Member))
		return true
	case cache.KindPresence:
		r := g.presences.get(k.ID)
		if r == nil {
			return false
		}
		s.unpackPresence(parent, k.ID, r, dst.(*cache.Presence))
		return true
	case cache.KindChannel:
		return getMap(g.channels, k.ID, dst)
	case cache.KindThread:
		return getMap(g.threads, k.ID, dst)
	case cache.KindRole:
		return getMap(g.roles, k.ID, dst)
	case cache.KindVoiceState:
		return getMap(g.voice, k.ID, dst)
	case cache.KindEmoji:
		return getMap(g.emojis, k.ID, dst)
	case cache.KindSticker:
		return getMap(g.stickers, k.ID, dst)
	case cache.KindStageInstance:
		return getMap(g.stages, k.ID, dst)
	case cache.KindScheduledEvent:
		return getMap(g.events, k.ID, dst)
	case cache.KindSoundboardSound:
		return getMap(g.sounds, k.ID, dst)
	case cache.KindIntegration:
		return getMap(g.integs, k.ID, dst)
	}
	return false
}

func getMap[T any](m map[uint64]T, id uint64, dst cache.Record) bool {
	v, ok := m[id]
	if ok {
		*any(dst).(*T) = v
	}
	return ok
}

func (s *store) put(k cache.Key, r cache.Record) {
	switch k.Kind {
	case cache.KindUser:
		s.users.put(k.ID, s.packUser(r.(*cache.User), s.users.get(k.ID)))
		s.compactNames()
		return
	case cache.KindCurrentUser:
		u := copyUser(r.(*cache.User))
		s.current = &u
		return
	case cache.KindPrivateChannel:
		putMap(&s.dms, k.ID, s.copyChannel(r.(*cache.Channel)))
		return
	case cache.KindThreadMember:
		if s.tmembers == nil {
			s.tmembers = make(map[uint64]map[uint64]cache.ThreadMember)
		}
		m := s.tmembers[k.Parent]
		if _, ok := m[k.ID]; !ok {
			s.ntmembers++
		}
		putMap(&m, k.ID, *r.(*cache.ThreadMember))
		s.tmembers[k.Parent] = m
		return
	case cache.KindGuild:
		g := s.guild(k.ID, true)
		g.rec = s.copyGuild(r.(*cache.Guild))
		g.has = true
		return
	case cache.KindMessage:
		s.putMessage(k, r.(*cache.Message))
		return
	}
	g := s.guild(k.Parent, true)
	switch k.Kind {
	case cache.KindMember:
		g.members.put(k.ID, g.packMember(r.(*cache.Member)))
	case cache.KindPresence:
		g.presences.put(k.ID, s.packPresence(r.(*cache.Presence), g.presences.get(k.ID)))
	case cache.KindChannel, cache.KindThread:
		ch := s.copyChannel(r.(*cache.Channel))
		other := g.threads
		m := &g.channels
		if k.Kind == cache.KindThread {
			m, other = &g.threads, g.channels
		}
		delete(other, k.ID)
		putMap(m, k.ID, ch)
		s.chanGuild[k.ID] = k.Parent
	case cache.KindRole:
		putMap(&g.roles, k.ID, copyRole(r.(*cache.Role)))
	case cache.KindVoiceState:
		v := *r.(*cache.VoiceState)
		if old, ok := g.voice[k.ID]; ok && old.SessionID == v.SessionID {
			v.SessionID = old.SessionID // a mute or a move keeps the session: keep its copy
		} else {
			v.SessionID = strings.Clone(v.SessionID)
		}
		putMap(&g.voice, k.ID, v)
	case cache.KindEmoji:
		putMap(&g.emojis, k.ID, copyEmoji(r.(*cache.Emoji)))
	case cache.KindSticker:
		putMap(&g.stickers, k.ID, copySticker(r.(*cache.Sticker)))
	case cache.KindStageInstance:
		st := *r.(*cache.StageInstance)
		st.Topic = strings.Clone(st.Topic)
		putMap(&g.stages, k.ID, st)
	case cache.KindScheduledEvent:
		ev := *r.(*cache.ScheduledEvent)
		ev.Name = strings.Clone(ev.Name)
		ev.Description = strings.Clone(ev.Description)
		ev.Location = strings.Clone(ev.Location)
		putMap(&g.events, k.ID, ev)
	case cache.KindSoundboardSound:
		sb := *r.(*cache.SoundboardSound)
		sb.Name = strings.Clone(sb.Name)
		sb.EmojiName = strings.Clone(sb.EmojiName)
		putMap(&g.sounds, k.ID, sb)
	case cache.KindIntegration:
		in := *r.(*cache.Integration)
		in.Name = strings.Clone(in.Name)
		in.Type = s.intern(in.Type)
		in.AccountID = strings.Clone(in.AccountID)
		in.AccountName = strings.Clone(in.AccountName)
		in.Scopes = slices.Clone(in.Scopes)
		for i := range in.Scopes {
			in.Scopes[i] = s.intern(in.Scopes[i])
		}
		putMap(&g.integs, k.ID, in)
	}
}

func putMap[T any](m *map[uint64]T, id uint64, v T) {
	if *m == nil {
		*m = make(map[uint64]T)
	}
	(*m)[id] = v
}

func (s *store) putMessage(k cache.Key, m *cache.Message) {
	r := s.msgs[k.Parent]
	if r == nil {
		r = &ring{}
		s.msgs[k.Parent] = r
	}
	if r.put(k.ID, s.copyMessage(m)) {
		s.nmsgs++
	}
}

func (s *store) trimMessages(channel uint64, keep int) {
	r := s.msgs[channel]
	if r == nil {
		return
	}
	r.keep = keep
	if r.n <= keep {
		return
	}
	k := r.n - max(keep, 0)
	r.dropOldest(k)
	s.nmsgs -= k
	if r.n == 0 {
		delete(s.msgs, channel)
	}
}

func (s *store) delete(k cache.Key) {
	switch k.Kind {
	case cache.KindUser:
		if u := s.users.get(k.ID); u != nil {
			s.namesLive -= len(u.names)
			s.users.del(k.ID)
			s.compactNames()
		}
		return
	case cache.KindCurrentUser:
		s.current = nil
		return
	case cache.KindPrivateChannel:
		delete(s.dms, k.ID)
		return
	case cache.KindThreadMember:
		if m := s.tmembers[k.Parent]; m != nil {
			if _, ok := m[k.ID]; ok {
				s.ntmembers--
				delete(m, k.ID)
				if len(m) == 0 {
					delete(s.tmembers, k.Parent)
				}
			}
		}
		return
	case cache.KindGuild:
		if g := s.guilds[k.ID]; g != nil {
			g.rec, g.has = cache.Guild{}, false
			s.dropIfEmpty(k.ID, g)
		}
		return
	case cache.KindMessage:
		r := s.msgs[k.Parent]
		if r == nil {
			return
		}
		if i, ok := r.find(k.ID); ok {
			r.remove(i)
			s.nmsgs--
			if r.n == 0 {
				delete(s.msgs, k.Parent)
			}
		}
		return
	}
	parent := k.Parent
	if parent == 0 && (k.Kind == cache.KindChannel || k.Kind == cache.KindThread) {
		parent = s.chanGuild[k.ID]
	}
	g := s.guilds[parent]
	if g == nil {
		return
	}
	switch k.Kind {
	case cache.KindMember:
		g.members.del(k.ID)
	case cache.KindPresence:
		g.presences.del(k.ID)
	case cache.KindChannel:
		if _, ok := g.channels[k.ID]; ok {
			delete(g.channels, k.ID)
			delete(s.chanGuild, k.ID)
		}
	case cache.KindThread:
		if _, ok := g.threads[k.ID]; ok {
			delete(g.threads, k.ID)
			delete(s.chanGuild, k.ID)
		}
	case cache.KindRole:
		delete(g.roles, k.ID)
	case cache.KindVoiceState:
		delete(g.voice, k.ID)
	case cache.KindEmoji:
		delete(g.emojis, k.ID)
	case cache.KindSticker:
		delete(g.stickers, k.ID)
	case cache.KindStageInstance:
		delete(g.stages, k.ID)
	case cache.KindScheduledEvent:
		delete(g.events, k.ID)
	case cache.KindSoundboardSound:
		delete(g.sounds, k.ID)
	case cache.KindIntegration:
		delete(g.integs, k.ID)
	}
	s.dropIfEmpty(parent, g)
}

func (s *store) deleteAll(kind cache.Kind, parent uint64) {
	if kind == cache.KindMessage {
		if r := s.msgs[parent]; r != nil {
			s.nmsgs -= r.n
			delete(s.msgs, parent)
		}
		return
	}
	if kind == cache.KindThreadMember {
		s.ntmembers -= len(s.tmembers[parent])
		delete(s.tmembers, parent)
		return
	}
	if kind == cache.KindUser || kind == cache.KindGuild || kind == cache.KindCurrentUser || kind == cache.KindPrivateChannel {
		return // not per parent
	}
	g := s.guilds[parent]
	if g == nil {
		return
	}
	switch kind {
	case cache.KindMember:
		g.members = table[member]{}
		g.roleIDs, g.roleIdx = nil, nil
	case cache.KindPresence:
		g.presences = table[presence]{}
	case cache.KindChannel:
		for id := range g.channels {
			delete(s.chanGuild, id)
		}
		g.channels = nil
	case cache.KindThread:
		for id := range g.threads {
			delete(s.chanGuild, id)
		}
		g.threads = nil
	case cache.KindRole:
		g.roles = nil
	case cache.KindVoiceState:
		g.voice = nil
	case cache.KindEmoji:
		g.emojis = nil
	case cache.KindSticker:
		g.stickers = nil
	case cache.KindStageInstance:
		g.stages = nil
	case cache.KindScheduledEvent:
		g.events = nil
	case cache.KindSoundboardSound:
		g.sounds = nil
	case cache.KindIntegration:
		g.integs = nil
	}
	s.dropIfEmpty(parent, g)
}

// Count implements cache.Reader.
func (b *Backend) Count(kind cache.Kind, parent uint64) int {
	b.mu.RLock()
	defer b.mu.RUnlock()
	return b.s.count(kind, parent)
}

func (s *store) count(kind cache.Kind, parent uint64) int {
	switch kind {
	case cache.KindUser:
		return s.users.len()
	case cache.KindCurrentUser:
		if s.current != nil {
			return 1
		}
		return 0
	case cache.KindPrivateChannel:
		return len(s.dms)
	case cache.KindThreadMember:
		if parent == 0 {
			return s.ntmembers
		}
		return len(s.tmembers[parent])
	case cache.KindMessage:
		if parent == 0 {
			return s.nmsgs
		}
		if r := s.msgs[parent]; r != nil {
			return r.n
		}
		return 0
	case cache.KindGuild:
		n := 0
		for _, g := range s.guilds {
			if g.has {
				n++
			}
		}
		return n
	}
	if parent != 0 {
		if g := s.guilds[parent]; g != nil {
			return g.count(kind)
		}
		return 0
	}
	n := 0
	for _, g := range s.guilds {
		n += g.count(kind)
	}
	return n
}

func (g *guild) count(kind cache.Kind) int {
	switch kind {
	case cache.KindMember:
		return g.members.len()
	case cache.KindPresence:
		return g.presences.len()
	case cache.KindChannel:
		return len(g.channels)
	case cache.KindThread:
		return len(g.threads)
	case cache.KindRole:
		return len(g.roles)
	case cache.KindVoiceState:
		return len(g.voice)
	case cache.KindEmoji:
		return len(g.emojis)
	case cache.KindSticker:
		return len(g.stickers)
	case cache.KindStageInstance:
		return len(g.stages)
	case cache.KindScheduledEvent:
		return len(g.events)
	case cache.KindSoundboardSound:
		return len(g.sounds)
	case cache.KindIntegration:
		return len(g.integs)
	}
	return 0
}

// Session implements cache.Reader.
func (b *Backend) Session(shard int) (model.Session, bool) {
	b.mu.RLock()
	defer b.mu.RUnlock()
	s, ok := b.s.sessions[shard]
	return s, ok
}

// Blob implements cache.Reader.
func (b *Backend) Blob(name string) []byte {
	b.mu.RLock()
	defer b.mu.RUnlock()
	return slices.Clone(b.s.blobs[name])
}

// Durable implements cache.Backend: it is false, the records live in the
// heap and end with the process.
func (b *Backend) Durable() bool { return false }

// Size implements cache.Reader: an estimate of the heap the backend holds.
func (b *Backend) Size() int64 {
	b.mu.RLock()
	defer b.mu.RUnlock()
	return b.s.size()
}

func (s *store) size() int64 {
	n := s.users.bytes(48) + int64(s.names.total)
	for _, g := range s.guilds {
		n += 1024 + g.members.bytes(32) + g.presences.bytes(32)
		for i := range g.members.vals {
			if x := g.members.vals[i].x; x != nil {
				n += 64 + int64(len(x.nick)+8*len(x.roles))
				if x.images != nil {
					n += 48
				}
			}
		}
		for i := range g.presences.vals {
			for _, a := range g.presences.vals[i].acts {
				n += 88 + int64(len(a.text))
			}
		}
		n += int64(len(g.channels)+len(g.threads))*256 + int64(len(g.roles))*160 +
			int64(len(g.voice))*160 + int64(len(g.emojis))*128 + int64(len(g.stickers))*160 +
			int64(len(g.stages))*96 + int64(len(g.events))*192 +
			int64(len(g.sounds))*112 + int64(len(g.integs))*224
	}
	n += int64(len(s.dms))*256 + int64(s.ntmembers)*64
	for _, r := range s.msgs {
		n += int64(len(r.ids))*8 + int64(len(r.msgs))*int64(unsafe.Sizeof(cache.Message{}))
		for i := range r.n {
			m := r.at(i)
			n += int64(len(m.Content) + len(m.EmbedsJSON) + len(m.ComponentsJSON) + len(m.StickersJSON) + len(m.SnapshotsJSON))
			for j := range m.Attachments {
				a := &m.Attachments[j]
				n += int64(unsafe.Sizeof(*a)) + int64(len(a.Filename)+len(a.Title)+len(a.Description)+
					len(a.URL)+len(a.ProxyURL)+len(a.Placeholder)+len(a.Waveform)+8*len(a.ClipParticipants))
			}
		}
	}
	return n
}

// Update implements cache.Backend: fn runs with the backend locked for
// writing. The memory backend cannot roll back; fn's changes stay when it
// fails.
func (b *Backend) Update(fn func(tx cache.Tx) error) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	return fn(&b.tx)
}

// tx is the Tx of Update: the store, without locking.
type tx struct{ s *store }

func (t *tx) Get(k cache.Key, dst cache.Record) bool                { return t.s.get(k, dst) }
func (t *tx) Count(kind cache.Kind, parent uint64) int              { return t.s.count(kind, parent) }
func (t *tx) Put(k cache.Key, r cache.Record)                       { t.s.put(k, r) }
func (t *tx) Delete(k cache.Key)                                    { t.s.delete(k) }
func (t *tx) DeleteAll(kind cache.Kind, parent uint64)              { t.s.deleteAll(kind, parent) }
func (t *tx) TrimMessages(channel uint64, keep int)                 { t.s.trimMessages(channel, keep) }
func (t *tx) Size() int64                                           { return t.s.size() }
func (t *tx) Session(shard int) (model.Session, bool)               { s, ok := t.s.sessions[shard]; return s, ok }
func (t *tx) Blob(name string) []byte                               { return slices.Clone(t.s.blobs[name]) }
func (t *tx) Scan(kind cache.Kind, p uint64) iter.Seq[cache.Record] { return scan(t.s, nil, kind, p) }

// Reserve implements cache.Reserver.
func (t *tx) Reserve(kind cache.Kind, parent uint64, n int) {
	switch kind {
	case cache.KindUser:
		t.s.users.reserve(n)
	case cache.KindMember:
		t.s.guild(parent, true).members.reserve(n)
	case cache.KindPresence:
		t.s.guild(parent, true).presences.reserve(n)
	}
}

func (t *tx) SetSession(shard int, s model.Session) {
	old, ok := t.s.sessions[shard]
	if ok && old.ID == s.ID && old.ResumeURL == s.ResumeURL {
		s.ID, s.ResumeURL = old.ID, old.ResumeURL // keep the copies already made
	} else {
		s.ID, s.ResumeURL = strings.Clone(s.ID), strings.Clone(s.ResumeURL)
	}
	t.s.sessions[shard] = s
}

func (t *tx) SetBlob(name string, data []byte) {
	if len(data) == 0 {
		delete(t.s.blobs, name)
		return
	}
	t.s.blobs[strings.Clone(name)] = slices.Clone(data)
}

// Scan implements cache.Reader. It copies records out in small chunks,
// holding the lock only while it copies, so the loop body may call the
// backend again.
func (b *Backend) Scan(kind cache.Kind, parent uint64) iter.Seq[cache.Record] {
	return scan(&b.s, &b.mu, kind, parent)
}

const chunk = 64

func scan(s *store, mu *sync.RWMutex, kind cache.Kind, parent uint64) iter.Seq[cache.Record] {
	lock := func() {
		if mu != nil {
			mu.RLock()
		}
	}
	unlock := func() {
		if mu != nil {
			mu.RUnlock()
		}
	}
	switch kind {
	case cache.KindUser:
		return chunks(lock, unlock, func(pos int, buf []cache.User) int {
			n := 0
			for ; n < len(buf) && pos+n < s.users.len(); n++ {
				s.users.vals[pos+n].unpack(s.users.keys[pos+n], &buf[n])
			}
			return n
		})
	case cache.KindMember:
		return chunks(lock, unlock, func(pos int, buf []cache.Member) int {
			g := s.guild(parent, false)
			if parent == 0 {
				return 0 // members are scanned per guild
			}
			n := 0
			for ; g != nil && n < len(buf) && pos+n < g.members.len(); n++ {
				g.members.vals[pos+n].unpack(parent, g.members.keys[pos+n], g.roleIDs, &buf[n])
			}
			return n
		})
	case cache.KindPresence:
		return chunks(lock, unlock, func(pos int, buf []cache.Presence) int {
			g := s.guild(parent, false)
			n := 0
			for ; g != nil && n < len(buf) && pos+n < g.presences.len(); n++ {
				s.unpackPresence(parent, g.presences.keys[pos+n], &g.presences.vals[pos+n], &buf[n])
			}
			return n
		})
	case cache.KindMessage:
		// Messages resume after the last ID yielded, so that a message
		// inserted or deleted meanwhile never makes one come twice.
		return func(yield func(cache.Record) bool) {
			var last uint64
			chunks(lock, unlock, func(pos int, buf []cache.Message) int {
				r := s.msgs[parent]
				if r == nil {
					return 0
				}
				i := 0
				if pos > 0 {
					i, _ = r.find(last + 1)
				}
				n := 0
				for ; n < len(buf) && i+n < r.n; n++ {
					buf[n] = *r.at(i + n)
				}
				if n > 0 {
					last = uint64(buf[n-1].ID)
				}
				return n
			})(yield)
		}
	case cache.KindGuild:
		return snapshot(lock, unlock, func() []cache.Guild {
			var out []cache.Guild
			for _, g := range s.guilds {
				if g.has {
					out = append(out, g.rec)
				}
			}
			return out
		})
	case cache.KindCurrentUser:
		return snapshot(lock, unlock, func() []cache.User {
			if s.current == nil {
				return nil
			}
			return []cache.User{*s.current}
		})
	case cache.KindThreadMember:
		return snapshot(lock, unlock, func() []cache.ThreadMember {
			out := make([]cache.ThreadMember, 0, len(s.tmembers[parent]))
			for _, m := range s.tmembers[parent] {
				out = append(out, m)
			}
			return out
		})
	case cache.KindPrivateChannel:
		return snapshot(lock, unlock, func() []cache.Channel {
			out := make([]cache.Channel, 0, len(s.dms))
			for _, ch := range s.dms {
				out = append(out, ch)
			}
			return out
		})
	case cache.KindChannel:
		return snapshot(lock, unlock, func() []cache.Channel {
			return values(s, parent, func(g *guild) map[uint64]cache.Channel { return g.channels })
		})
	case cache.KindThread:
		return snapshot(lock, unlock, func() []cache.Channel {
			return values(s, parent, func(g *guild) map[uint64]cache.Channel { return g.threads })
		})
	case cache.KindRole:
		return snapshot(lock, unlock, func() []cache.Role {
			return values(s, parent, func(g *guild) map[uint64]cache.Role { return g.roles })
		})
	case cache.KindVoiceState:
		return snapshot(lock, unlock, func() []cache.VoiceState {
			return values(s, parent, func(g *guild) map[uint64]cache.VoiceState { return g.voice })
		})
	case cache.KindEmoji:
		return snapshot(lock, unlock, func() []cache.Emoji {
			return values(s, parent, func(g *guild) map[uint64]cache.Emoji { return g.emojis })
		})
	case cache.KindSticker:
		return snapshot(lock, unlock, func() []cache.Sticker {
			return values(s, parent, func(g *guild) map[uint64]cache.Sticker { return g.stickers })
		})
	case cache.KindStageInstance:
		return snapshot(lock, unlock, func() []cache.StageInstance {
			return values(s, parent, func(g *guild) map[uint64]cache.StageInstance { return g.stages })
		})
	case cache.KindScheduledEvent:
		return snapshot(lock, unlock, func() []cache.ScheduledEvent {
			return values(s, parent, func(g *guild) map[uint64]cache.ScheduledEvent { return g.events })
		})
	case cache.KindSoundboardSound:
		return snapshot(lock, unlock, func() []cache.SoundboardSound {
			return values(s, parent, func(g *guild) map[uint64]cache.SoundboardSound { return g.sounds })
		})
	case cache.KindIntegration:
		return snapshot(lock, unlock, func() []cache.Integration {
			return values(s, parent, func(g *guild) map[uint64]cache.Integration { return g.integs })
		})
	}
	return func(func(cache.Record) bool) {}
}

func values[T any](s *store, parent uint64, m func(*guild) map[uint64]T) []T {
	var out []T
	if parent != 0 {
		if g := s.guilds[parent]; g != nil {
			for _, v := range m(g) {
				out = append(out, v)
			}
		}
		return out
	}
	for _, g := range s.guilds {
		for _, v := range m(g) {
			out = append(out, v)
		}
	}
	return out
}

type recordPtr[T any] interface {
	*T
	cache.Record
}

// chunks yields records that fill copies out, chunk by chunk, under the
// lock; the lock is released while they are yielded.
func chunks[T any, P recordPtr[T]](lock, unlock func(), fill func(pos int, buf []T) int) iter.Seq[cache.Record] {
	return func(yield func(cache.Record) bool) {
		var buf [chunk]T
		pos := 0
		for {
			lock()
			n := fill(pos, buf[:])
			unlock()
			for i := 0; i < n; i++ {
				if !yield(P(&buf[i])) {
					return
				}
			}
			if n < chunk {
				return
			}
			pos += n
		}
	}
}

// snapshot yields a copy, taken under the lock, of the few records of a
// kind kept in maps.
func snapshot[T any, P recordPtr[T]](lock, unlock func(), take func() []T) iter.Seq[cache.Record] {
	return func(yield func(cache.Record) bool) {
		lock()
		vs := take()
		unlock()
		for i := range vs {
			if !yield(P(&vs[i])) {
				return
			}
		}
	}
}
