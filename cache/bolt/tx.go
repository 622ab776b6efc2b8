//go:build !js

package bolt

import (
	"fmt"
	"iter"
	"math"
	"slices"
	"strings"

	"github.com/gloamdev/gloam/cache"
	"github.com/gloamdev/gloam/model"
)

const (
	undoSet = iota
	undoClear
	undoSession
	undoBlob
)

// undo is how to take back one change of a transaction whose function
// failed.
type undo struct {
	op     uint8
	kind   cache.Kind
	parent uint64
	id     uint64
	old    []byte
	x      int // index into tx.groups and tx.dgs, tx.sessions or tx.names
}

type oldSession struct {
	s   model.Session
	had bool
}

// tx is the transaction of Backend.Update. There is one per Backend,
// reused: Updates run one at a time, under Backend.mu.
type tx struct {
	b    *Backend
	buf  []byte
	err  error
	undo []undo

	groups   []group
	dgs      []*dirtyGroup
	sessions []oldSession
	names    []string
	ids      []uint64 // scratch of TrimMessages
}

func (t *tx) begin() { t.err = nil }

// end forgets the transaction's undo log, letting go of the old records
// it holds.
func (t *tx) end() {
	if cap(t.undo) > 1<<14 {
		t.undo = nil
	} else {
		clear(t.undo)
		t.undo = t.undo[:0]
	}
	clear(t.groups)
	clear(t.dgs)
	t.groups, t.dgs, t.sessions, t.names = t.groups[:0], t.dgs[:0], t.sessions[:0], t.names[:0]
	if cap(t.buf) > 1<<16 {
		t.buf = nil
	}
}

func (t *tx) fail(err error) {
	if t.err == nil {
		t.err = err
	}
}

// rollback takes back the transaction's changes, newest first. The keys
// it marked dirty stay marked: writing their (restored) values again is
// harmless.
func (t *tx) rollback() {
	s, d := &t.b.s, &t.b.d
	for i := len(t.undo) - 1; i >= 0; i-- {
		u := &t.undo[i]
		switch u.op {
		case undoSet:
			s.set(u.kind, u.parent, u.id, u.old)
		case undoClear:
			s.restore(u.kind, u.parent, t.groups[u.x])
			d.kinds[u.kind][u.parent] = t.dgs[u.x]
		case undoSession:
			o := t.sessions[u.x]
			if o.had {
				s.sessions[int(u.id)] = o.s
			} else {
				delete(s.sessions, int(u.id))
			}
		case undoBlob:
			if u.old == nil {
				delete(s.blobs, t.names[u.x])
			} else {
				s.blobs[t.names[u.x]] = u.old
			}
		}
	}
}

func (t *tx) set(kind cache.Kind, parent, id uint64, v []byte) {
	if v != nil && t.b.s.kinds[kind][parent] == nil {
		t.b.d.markWhole(kind, parent) // a new group
	}
	old := t.b.s.set(kind, parent, id, v)
	if old == nil && v == nil {
		return
	}
	t.undo = append(t.undo, undo{op: undoSet, kind: kind, parent: parent, id: id, old: old})
	t.b.d.mark(kind, parent, id)
}

func (t *tx) Get(k cache.Key, dst cache.Record) bool {
	v := t.b.s.get(k)
	return v != nil && dst.UnmarshalBinary(v) == nil
}

func (t *tx) Scan(kind cache.Kind, parent uint64) iter.Seq[cache.Record] {
	return t.b.s.scan(nil, kind, parent)
}

func (t *tx) Count(kind cache.Kind, parent uint64) int { return t.b.s.count(kind, parent) }

func (t *tx) Session(shard int) (model.Session, bool) {
	s, ok := t.b.s.sessions[shard]
	return s, ok
}

func (t *tx) Blob(name string) []byte { return clone(t.b.s.blobs[name]) }

func (t *tx) Size() int64 { return t.b.size.Load() }

func (t *tx) Put(k cache.Key, r cache.Record) {
	if !valid(k.Kind) {
		t.fail(fmt.Errorf("bolt: put: unknown kind %d", k.Kind))
		return
	}
	buf, err := r.AppendBinary(t.buf[:0])
	if err != nil {
		t.fail(fmt.Errorf("bolt: put %s: %w", k.Kind, err))
		return
	}
	t.buf = buf
	v := make([]byte, len(buf))
	copy(v, buf)
	if i := byIDIndex(k.Kind); i >= 0 {
		if k.Parent == 0 {
			t.fail(fmt.Errorf("bolt: put %s %d: no guild", k.Kind, k.ID))
			return
		}
		// A channel is found by its ID alone: it lives under one guild.
		if p, ok := t.b.s.byID[i][k.ID]; ok && p != k.Parent {
			t.set(k.Kind, p, k.ID, nil)
		}
	}
	t.set(k.Kind, k.Parent, k.ID, v)
}

func (t *tx) Delete(k cache.Key) {
	if !valid(k.Kind) {
		return
	}
	if p, ok := t.b.s.resolve(k.Kind, k.Parent, k.ID); ok {
		t.set(k.Kind, p, k.ID, nil)
	}
}

func (t *tx) DeleteAll(kind cache.Kind, parent uint64) {
	if !valid(kind) || parent == 0 {
		return
	}
	g := t.b.s.take(kind, parent)
	if g == nil {
		return // nothing in memory, so nothing in the file either
	}
	t.undo = append(t.undo, undo{op: undoClear, kind: kind, parent: parent, x: len(t.groups)})
	t.groups = append(t.groups, g)
	t.dgs = append(t.dgs, t.b.d.clearGroup(kind, parent))
}

// TrimMessages implements cache.Tx. It reads the IDs of the channel's
// messages, not the records, and deletes the oldest like Delete does.
func (t *tx) TrimMessages(channel uint64, keep int) {
	g := t.b.s.kinds[cache.KindMessage][channel]
	k := len(g) - max(keep, 0)
	if k <= 0 {
		return
	}
	if k == 1 {
		// The common case: one message came, the oldest goes.
		oldest := uint64(math.MaxUint64)
		for id := range g {
			oldest = min(oldest, id)
		}
		t.set(cache.KindMessage, channel, oldest, nil)
		return
	}
	ids := t.ids[:0]
	for id := range g {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids[:k] {
		t.set(cache.KindMessage, channel, id, nil)
	}
	t.ids = ids[:0]
}

func (t *tx) SetSession(shard int, s model.Session) {
	ss := t.b.s.sessions
	old, had := ss[shard]
	if had && old == s {
		return
	}
	// Keep the strings already stored when they are the same: they are
	// copies, s's may point into a gateway frame.
	if s.ID != old.ID {
		s.ID = strings.Clone(s.ID)
	} else {
		s.ID = old.ID
	}
	if s.ResumeURL != old.ResumeURL {
		s.ResumeURL = strings.Clone(s.ResumeURL)
	} else {
		s.ResumeURL = old.ResumeURL
	}
	ss[shard] = s
	t.undo = append(t.undo, undo{op: undoSession, id: uint64(shard), x: len(t.sessions)})
	t.sessions = append(t.sessions, oldSession{old, had})
	t.b.d.markSession(shard)
}

func (t *tx) SetBlob(name string, data []byte) {
	bs := t.b.s.blobs
	old, had := bs[name]
	if !had && len(data) == 0 {
		return
	}
	name = strings.Clone(name)
	if len(data) == 0 {
		delete(bs, name)
	} else {
		bs[name] = clone(data)
	}
	t.undo = append(t.undo, undo{op: undoBlob, old: old, x: len(t.names)})
	t.names = append(t.names, name)
	t.b.d.markBlob(name)
}

var _ cache.Tx = (*tx)(nil)

// Reserve implements cache.Reserver: it sizes a group about to be filled.
func (t *tx) Reserve(kind cache.Kind, parent uint64, n int) {
	if !valid(kind) || n <= 0 || n > 1<<20 {
		return
	}
	if m := t.b.s.kinds[kind]; m[parent] == nil {
		m[parent] = make(group, n)
		t.b.d.markWhole(kind, parent)
	} else if g := t.b.d.group(kind, parent); !g.whole && len(g.ids) == 0 {
		g.ids = make(map[uint64]struct{}, n)
	}
}

var _ cache.Reserver = (*tx)(nil)
