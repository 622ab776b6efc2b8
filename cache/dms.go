package cache

// dmIndex orders the cached private channels by their last activity, so
// that the least recently active is found without a scan: a min-heap of
// (activity, channel), with each channel's place in the heap.
//
// The Cache keeps one, touched only inside its Updates (which the backend
// runs one at a time). It is rebuilt from the backend by one Scan: at the
// first Update that needs it, so that a Cache over a reopened file finds
// the channels stored before, and after an Update that failed, whose
// changes the backend may have dropped.
type dmIndex struct {
	loaded bool
	heap   []dmEntry
	at     map[uint64]int // channel → its place in heap
}

type dmEntry struct {
	act uint64 // the newest snowflake seen of the channel: its last message, or its ID
	id  uint64
}

// activity is the snowflake a private channel is ordered by: its last
// message, or, before any, its own creation.
func activity(ch *Channel) uint64 { return max(uint64(ch.LastMessageID), uint64(ch.ID)) }

// load fills the index with the private channels tx holds.
func (x *dmIndex) load(tx Reader) {
	x.heap = x.heap[:0]
	if x.at == nil {
		x.at = make(map[uint64]int)
	}
	clear(x.at)
	for r := range tx.Scan(KindPrivateChannel, 0) {
		ch := r.(*Channel)
		x.at[uint64(ch.ID)] = len(x.heap)
		x.heap = append(x.heap, dmEntry{activity(ch), uint64(ch.ID)})
	}
	for i := len(x.heap)/2 - 1; i >= 0; i-- {
		x.down(i)
	}
	x.loaded = true
}

// touch notes activity act of channel id, adding the channel if it is not
// indexed. Activity never goes back: a late event does not make a channel
// look idle.
func (x *dmIndex) touch(id, act uint64) {
	if i, ok := x.at[id]; ok {
		if act > x.heap[i].act {
			x.heap[i].act = act
			x.down(i)
		}
		return
	}
	x.at[id] = len(x.heap)
	x.heap = append(x.heap, dmEntry{act, id})
	x.up(len(x.heap) - 1)
}

// remove drops channel id from the index, if it is there.
func (x *dmIndex) remove(id uint64) {
	i, ok := x.at[id]
	if !ok {
		return
	}
	last := len(x.heap) - 1
	x.swap(i, last)
	x.heap = x.heap[:last]
	delete(x.at, id)
	if i < last {
		x.down(i)
		x.up(i)
	}
}

// oldest is the least recently active channel; the index is not empty.
func (x *dmIndex) oldest() uint64 { return x.heap[0].id }

func (x *dmIndex) len() int { return len(x.heap) }

func (x *dmIndex) less(i, j int) bool {
	a, b := x.heap[i], x.heap[j]
	return a.act < b.act || a.act == b.act && a.id < b.id
}

func (x *dmIndex) swap(i, j int) {
	x.heap[i], x.heap[j] = x.heap[j], x.heap[i]
	x.at[x.heap[i].id] = i
	x.at[x.heap[j].id] = j
}

func (x *dmIndex) up(i int) {
	for i > 0 {
		p := (i - 1) / 2
		if !x.less(i, p) {
			return
		}
		x.swap(i, p)
		i = p
	}
}

func (x *dmIndex) down(i int) {
	n := len(x.heap)
	for {
		c := 2*i + 1
		if c >= n {
			return
		}
		if c+1 < n && x.less(c+1, c) {
			c++
		}
		if !x.less(c, i) {
			return
		}
		x.swap(i, c)
		i = c
	}
}

// dms is the Cache's index of private channels, loaded from tx if it is
// not yet (or no longer) current.
func (a *applier) dms() *dmIndex {
	x := &a.c.dms
	if a.c.dmsStale.Swap(false) || !x.loaded {
		x.load(a.tx)
	}
	return x
}

// privateChannelPut notes that the private channel ch was just stored,
// and removes the least recently active ones, with their messages, while
// there are more than the Cache keeps. It reports whether ch is kept: it
// is not when it is the least recently active (a late event about an
// idle channel).
func (a *applier) privateChannelPut(ch *Channel) bool {
	if a.c.maxDMs < 0 {
		return true
	}
	x := a.dms()
	x.touch(uint64(ch.ID), activity(ch))
	kept := true
	for x.len() > a.c.maxDMs {
		id := x.oldest()
		x.remove(id)
		a.tx.Delete(Key{KindPrivateChannel, 0, id})
		a.tx.DeleteAll(KindMessage, id)
		kept = kept && id != uint64(ch.ID)
	}
	return kept
}

// privateChannelDelete notes that the private channel id was removed.
func (a *applier) privateChannelDelete(id uint64) {
	if a.c.maxDMs < 0 || !a.c.dms.loaded {
		return // an index loaded later will not find it
	}
	a.dms().remove(id)
}
