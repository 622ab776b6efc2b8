//go:build !js

package bolt

import (
	"cmp"
	"iter"
	"slices"
	"sync"

	"github.com/gloamdev/gloam/cache"
	"github.com/gloamdev/gloam/model"
)

// nkinds bounds the kinds: every cache.Kind is below it.
var nkinds = len(cache.Kinds()) + 1

func valid(k cache.Kind) bool { return k > 0 && int(k) < nkinds }

// byIDIndex is the index of store.byID for the kinds found by ID alone
// (channels and threads), or -1.
func byIDIndex(k cache.Kind) int {
	switch k {
	case cache.KindChannel:
		return 0
	case cache.KindThread:
		return 1
	}
	return -1
}

// newRecord is an empty record of the type stored under kind.
func newRecord(k cache.Kind) cache.Record {
	switch k {
	case cache.KindGuild:
		return new(cache.Guild)
	case cache.KindChannel, cache.KindThread:
		return new(cache.Channel)
	case cache.KindRole:
		return new(cache.Role)
	case cache.KindMember:
		return new(cache.Member)
	case cache.KindUser, cache.KindCurrentUser:
		return new(cache.User)
	case cache.KindPresence:
		return new(cache.Presence)
	case cache.KindVoiceState:
		return new(cache.VoiceState)
	case cache.KindEmoji:
		return new(cache.Emoji)
	case cache.KindSticker:
		return new(cache.Sticker)
	case cache.KindStageInstance:
		return new(cache.StageInstance)
	case cache.KindScheduledEvent:
		return new(cache.ScheduledEvent)
	case cache.KindSoundboardSound:
		return new(cache.SoundboardSound)
	case cache.KindPrivateChannel:
		return new(cache.Channel)
	case cache.KindIntegration:
		return new(cache.Integration)
	case cache.KindThreadMember:
		return new(cache.ThreadMember)
	case cache.KindMessage:
		return new(cache.Message)
	}
	return nil
}

// group is the records of one kind under one parent, by ID, in their
// encoded form. The byte slices are never modified once stored: a reader
// that took one may decode it after letting go of the lock.
type group map[uint64][]byte

// store is everything the file holds (plus the changes not yet written),
// in memory.
type store struct {
	kinds    []map[uint64]group // by kind, then by parent
	total    []int              // records per kind
	byID     [2]map[uint64]uint64
	sessions map[int]model.Session
	blobs    map[string][]byte
}

func (s *store) init() {
	s.kinds = make([]map[uint64]group, nkinds)
	for i := range s.kinds {
		s.kinds[i] = make(map[uint64]group)
	}
	s.total = make([]int, nkinds)
	s.byID = [2]map[uint64]uint64{make(map[uint64]uint64), make(map[uint64]uint64)}
	s.sessions = make(map[int]model.Session)
	s.blobs = make(map[string][]byte)
}

// resolve finds the parent of a channel or thread given with parent 0.
func (s *store) resolve(kind cache.Kind, parent, id uint64) (uint64, bool) {
	if parent != 0 {
		return parent, true
	}
	if i := byIDIndex(kind); i >= 0 {
		p, ok := s.byID[i][id]
		return p, ok
	}
	return 0, true
}

func (s *store) get(k cache.Key) []byte {
	if !valid(k.Kind) {
		return nil
	}
	p, ok := s.resolve(k.Kind, k.Parent, k.ID)
	if !ok {
		return nil
	}
	return s.kinds[k.Kind][p][k.ID]
}

// set stores v under (kind, parent, id), or removes what is there when v
// is nil, and returns what was there.
func (s *store) set(kind cache.Kind, parent, id uint64, v []byte) (old []byte) {
	m := s.kinds[kind]
	g := m[parent]
	old = g[id]
	i := byIDIndex(kind)
	if v == nil {
		if old == nil {
			return nil
		}
		delete(g, id)
		if len(g) == 0 {
			delete(m, parent)
		}
		s.total[kind]--
		if i >= 0 && s.byID[i][id] == parent {
			delete(s.byID[i], id)
		}
		return old
	}
	if g == nil {
		g = make(group)
		m[parent] = g
	}
	g[id] = v
	if old == nil {
		s.total[kind]++
		if i >= 0 {
			s.byID[i][id] = parent
		}
	}
	return old
}

// take removes and returns the group of (kind, parent).
func (s *store) take(kind cache.Kind, parent uint64) group {
	g := s.kinds[kind][parent]
	if g == nil {
		return nil
	}
	delete(s.kinds[kind], parent)
	s.total[kind] -= len(g)
	if i := byIDIndex(kind); i >= 0 {
		for id := range g {
			if s.byID[i][id] == parent {
				delete(s.byID[i], id)
			}
		}
	}
	return g
}

// restore puts back a group take removed.
func (s *store) restore(kind cache.Kind, parent uint64, g group) {
	for id, v := range g {
		s.set(kind, parent, id, v)
	}
}

func (s *store) count(kind cache.Kind, parent uint64) int {
	if !valid(kind) {
		return 0
	}
	if parent == 0 {
		return s.total[kind]
	}
	return len(s.kinds[kind][parent])
}

type entry struct {
	id uint64
	v  []byte
}

var snapshots = sync.Pool{New: func() any { return new([]entry) }}

// scan yields the records of kind under parent (0: all), decoding each
// from a snapshot taken under mu (nil inside a transaction, whose
// goroutine holds the lock already), so that no lock is held while the
// loop body runs.
func (s *store) scan(mu *sync.RWMutex, kind cache.Kind, parent uint64) iter.Seq[cache.Record] {
	return func(yield func(cache.Record) bool) {
		if !valid(kind) {
			return
		}
		buf := snapshots.Get().(*[]entry)
		snap := (*buf)[:0]
		if mu != nil {
			mu.RLock()
		}
		if parent != 0 {
			for id, v := range s.kinds[kind][parent] {
				snap = append(snap, entry{id, v})
			}
		} else {
			for _, g := range s.kinds[kind] {
				for id, v := range g {
					snap = append(snap, entry{id, v})
				}
			}
		}
		if mu != nil {
			mu.RUnlock()
		}
		defer func() {
			clear(snap)
			*buf = snap[:0]
			snapshots.Put(buf)
		}()
		if kind == cache.KindMessage {
			slices.SortFunc(snap, func(a, b entry) int { return cmp.Compare(a.id, b.id) })
		}
		r := newRecord(kind)
		for _, e := range snap {
			if r.UnmarshalBinary(e.v) != nil {
				continue // the file's records are checked on open
			}
			if !yield(r) {
				return
			}
		}
	}
}

// dirtyGroup is what changed in a group since the last write: the IDs
// whose records were put or deleted or, when whole, the whole group: its
// keys are deleted from the file and what the store holds is written
// anew. A group deleted (DeleteAll) or created (first Put) since the last
// write is whole, which spares tracking each of its IDs: a GUILD_CREATE
// fills its groups without a dirty mark per record.
type dirtyGroup struct {
	whole bool
	ids   map[uint64]struct{}
}

// dirty is what changed since the last write. Only keys are kept: the
// write reads their values from the store, which holds them as of the
// same point in the sequence of Updates.
type dirty struct {
	kinds    []map[uint64]*dirtyGroup
	sessions map[int]struct{}
	blobs    map[string]struct{}
	n        int // how many records changed, roughly
}

func (d *dirty) group(kind cache.Kind, parent uint64) *dirtyGroup {
	if d.kinds == nil {
		d.kinds = make([]map[uint64]*dirtyGroup, nkinds)
	}
	m := d.kinds[kind]
	if m == nil {
		m = make(map[uint64]*dirtyGroup)
		d.kinds[kind] = m
	}
	g := m[parent]
	if g == nil {
		g = &dirtyGroup{}
		m[parent] = g
	}
	return g
}

func (d *dirty) mark(kind cache.Kind, parent, id uint64) {
	d.n++
	g := d.group(kind, parent)
	if g.whole {
		return
	}
	if g.ids == nil {
		g.ids = make(map[uint64]struct{})
	}
	g.ids[id] = struct{}{}
}

// markWhole marks a group to be written whole. It needs no undo: for a
// group the store did not hold, deleting its keys from the file (pending
// deletes at most) and writing what the store holds is always right.
func (d *dirty) markWhole(kind cache.Kind, parent uint64) {
	g := d.group(kind, parent)
	g.whole, g.ids = true, nil
}

// clearGroup marks a group deleted as a whole and returns how it was
// marked before.
func (d *dirty) clearGroup(kind cache.Kind, parent uint64) *dirtyGroup {
	old := d.group(kind, parent)
	d.kinds[kind][parent] = &dirtyGroup{whole: true}
	d.n++
	return old
}

func (d *dirty) markSession(shard int) {
	if d.sessions == nil {
		d.sessions = make(map[int]struct{})
	}
	d.sessions[shard] = struct{}{}
	d.n++
}

func (d *dirty) markBlob(name string) {
	if d.blobs == nil {
		d.blobs = make(map[string]struct{})
	}
	if _, ok := d.blobs[name]; !ok {
		d.blobs[name] = struct{}{}
		d.n++
	}
}
