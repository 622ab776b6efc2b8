package memory

// table is a compact map from uint64 keys to values of type T: the values
// and keys lie in dense slices (deletion moves the last entry into the
// hole), and an open-addressing index of uint32 positions finds them. It
// takes 5 to 10 bytes per entry beyond the key and value, against 30-60%
// of the entry for a Go map.
type table[T any] struct {
	keys []uint64
	vals []T
	idx  []uint32 // position+1 of an entry; 0 is empty. len is a power of two.
}

func mix(k uint64) uint64 {
	k ^= k >> 33
	k *= 0xff51afd7ed558ccd
	k ^= k >> 33
	k *= 0xc4ceb9fe1a85ec53
	k ^= k >> 33
	return k
}

func (t *table[T]) len() int { return len(t.keys) }

// slot finds the index slot of k: the one holding it, or the empty slot
// where it would go.
func (t *table[T]) slot(k uint64) (int, bool) {
	mask := len(t.idx) - 1
	i := int(mix(k)) & mask
	for {
		p := t.idx[i]
		if p == 0 {
			return i, false
		}
		if t.keys[p-1] == k {
			return i, true
		}
		i = (i + 1) & mask
	}
}

// get returns a pointer to the value of k, valid until the next change.
func (t *table[T]) get(k uint64) *T {
	if len(t.keys) == 0 {
		return nil
	}
	i, ok := t.slot(k)
	if !ok {
		return nil
	}
	return &t.vals[t.idx[i]-1]
}

// put stores v under k.
func (t *table[T]) put(k uint64, v T) {
	if (len(t.keys)+1)*5 > len(t.idx)*4 {
		t.grow()
	}
	i, ok := t.slot(k)
	if ok {
		t.vals[t.idx[i]-1] = v
		return
	}
	t.keys = append(t.keys, k)
	t.vals = append(t.vals, v)
	t.idx[i] = uint32(len(t.keys))
}

// reserve makes room for n more entries without growing step by step.
func (t *table[T]) reserve(n int) {
	want := len(t.keys) + n
	if cap(t.keys) < want {
		keys := make([]uint64, len(t.keys), want)
		copy(keys, t.keys)
		t.keys = keys
		vals := make([]T, len(t.vals), want)
		copy(vals, t.vals)
		t.vals = vals
	}
	if want*5 > len(t.idx)*4 {
		t.rehash(want)
	}
}

func (t *table[T]) grow() { t.rehash(len(t.keys) + 1) }

func (t *table[T]) rehash(n int) {
	size := 8
	for size*4 < n*5 {
		size *= 2
	}
	t.idx = make([]uint32, size)
	mask := size - 1
	for p, k := range t.keys {
		i := int(mix(k)) & mask
		for t.idx[i] != 0 {
			i = (i + 1) & mask
		}
		t.idx[i] = uint32(p + 1)
	}
}

// del removes k and reports whether it was there.
func (t *table[T]) del(k uint64) bool {
	if len(t.keys) == 0 {
		return false
	}
	i, ok := t.slot(k)
	if !ok {
		return false
	}
	p := int(t.idx[i] - 1)
	t.removeSlot(i)
	last := len(t.keys) - 1
	if p != last {
		// Move the last entry into the hole and repoint its slot.
		lk := t.keys[last]
		j, _ := t.slot(lk)
		t.keys[p] = lk
		t.vals[p] = t.vals[last]
		t.idx[j] = uint32(p + 1)
	}
	var zero T
	t.vals[last] = zero
	t.keys = t.keys[:last]
	t.vals = t.vals[:last]
	if len(t.keys) == 0 {
		*t = table[T]{}
	} else if cap(t.keys) > 64 && len(t.keys) < cap(t.keys)/4 {
		t.shrink()
	}
	return true
}

// removeSlot empties slot i, shifting later entries of its probe run back
// so that lookups never meet a hole (no tombstones).
func (t *table[T]) removeSlot(i int) {
	mask := len(t.idx) - 1
	j := i
	for {
		j = (j + 1) & mask
		p := t.idx[j]
		if p == 0 {
			break
		}
		home := int(mix(t.keys[p-1])) & mask
		// Move the entry at j to i if its home is not cyclically in (i, j].
		if (j > i && (home <= i || home > j)) || (j < i && home <= i && home > j) {
			t.idx[i] = p
			i = j
		}
	}
	t.idx[i] = 0
}

func (t *table[T]) shrink() {
	keys := make([]uint64, len(t.keys), len(t.keys)*2)
	copy(keys, t.keys)
	vals := make([]T, len(t.vals), len(t.vals)*2)
	copy(vals, t.vals)
	t.keys, t.vals = keys, vals
	t.idx = nil
	t.rehash(len(keys))
}

// bytes estimates the heap the table holds.
func (t *table[T]) bytes(valSize int) int64 {
	return int64(cap(t.keys)*8 + cap(t.vals)*valSize + len(t.idx)*4)
}
