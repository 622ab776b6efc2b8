package memory

import "github.com/gloamdev/gloam/cache"

// ring holds a channel's messages in ascending ID order, in a circular
// buffer: the newest is appended and the oldest dropped without moving
// the others, which is all a busy channel does. A message put out of
// order moves the shorter side of the ring by one slot. The buffer
// doubles as it fills, but not beyond the limit the Cache trims the
// channel to, plus the one message put before each trim.
type ring struct {
	ids  []uint64 // len(ids) == len(msgs), the capacity
	msgs []cache.Message
	head int // slot of the oldest
	n    int // messages held
	keep int // the limit of the last TrimMessages; 0 before it
}

const minRing = 4

// slot is the slot of the i-th oldest message, 0 ≤ i ≤ len(r.ids).
func (r *ring) slot(i int) int {
	s := r.head + i
	if s >= len(r.ids) {
		s -= len(r.ids)
	}
	return s
}

func (r *ring) id(i int) uint64 { return r.ids[r.slot(i)] }

func (r *ring) at(i int) *cache.Message { return &r.msgs[r.slot(i)] }

// find is the position of the first message whose ID is at least id, and
// whether its ID is id.
func (r *ring) find(id uint64) (int, bool) {
	lo, hi := 0, r.n
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if r.id(m) < id {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo, lo < r.n && r.id(lo) == id
}

// resize moves the messages into a buffer of c slots (at least r.n),
// oldest in slot 0.
func (r *ring) resize(c int) {
	ids, msgs := make([]uint64, c), make([]cache.Message, c)
	for i := 0; i < r.n; i++ {
		s := r.slot(i)
		ids[i], msgs[i] = r.ids[s], r.msgs[s]
	}
	r.ids, r.msgs, r.head = ids, msgs, 0
}

// put stores m under id, replacing the message there, and reports whether
// it is new.
func (r *ring) put(id uint64, m cache.Message) bool {
	if r.n > 0 && r.id(r.n-1) >= id {
		i, ok := r.find(id)
		if ok {
			*r.at(i) = m
			return false
		}
		r.insert(i, id, m)
		return true
	}
	r.grow()
	s := r.slot(r.n)
	r.ids[s], r.msgs[s] = id, m
	r.n++
	return true
}

// grow makes room for one more message.
func (r *ring) grow() {
	if r.n < len(r.ids) {
		return
	}
	c := max(minRing, 2*len(r.ids))
	if r.keep > 0 && r.n < r.keep+1 {
		c = min(c, r.keep+1)
	}
	r.resize(c)
}

// insert puts a message at position i, moving the older ones back a slot
// or the newer ones forward, whichever are fewer.
func (r *ring) insert(i int, id uint64, m cache.Message) {
	r.grow()
	if i < r.n-i {
		if r.head--; r.head < 0 {
			r.head += len(r.ids)
		}
		for j := 0; j < i; j++ {
			r.move(j+1, j)
		}
	} else {
		for j := r.n; j > i; j-- {
			r.move(j-1, j)
		}
	}
	s := r.slot(i)
	r.ids[s], r.msgs[s] = id, m
	r.n++
}

// move copies the message at position from to position to.
func (r *ring) move(from, to int) {
	f, t := r.slot(from), r.slot(to)
	r.ids[t], r.msgs[t] = r.ids[f], r.msgs[f]
}

// remove deletes the message at position i, closing the gap from the
// shorter side.
func (r *ring) remove(i int) {
	if i < r.n-1-i {
		for j := i; j > 0; j-- {
			r.move(j-1, j)
		}
		r.msgs[r.head] = cache.Message{}
		r.head = r.slot(1)
	} else {
		for j := i; j < r.n-1; j++ {
			r.move(j+1, j)
		}
		r.msgs[r.slot(r.n-1)] = cache.Message{}
	}
	r.n--
	r.shrink()
}

// dropOldest removes the k oldest messages.
func (r *ring) dropOldest(k int) {
	for ; k > 0 && r.n > 0; k-- {
		r.msgs[r.head] = cache.Message{} // let go of its strings
		r.head = r.slot(1)
		r.n--
	}
	r.shrink()
}

// shrink halves the buffer while it is at most a quarter full, so that a
// channel whose messages were deleted does not keep its old capacity.
func (r *ring) shrink() {
	if len(r.ids) > minRing && r.n <= len(r.ids)/4 {
		c := len(r.ids)
		for c > minRing && r.n <= c/4 {
			c /= 2
		}
		r.resize(c)
	}
}
