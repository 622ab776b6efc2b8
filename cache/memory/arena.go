package memory

import (
	"strings"
	"unsafe"
)

// arena holds the names of users back to back in large chunks, instead of
// one small allocation each. Bytes once written are never changed, so the
// strings handed out (which point into the chunks) stay valid; a chunk is
// freed by the collector when no string points into it any more.
//
// Names replaced or deleted leave garbage in the chunks: the store counts
// it and, when it outweighs the live names, copies those into new chunks
// (see store.compactNames).
type arena struct {
	cur   []byte // the chunk being filled
	total int    // bytes written to chunks since the last compaction
}

const (
	chunkSize = 64 << 10
	maxInline = 1 << 10 // longer strings get an allocation of their own
)

// join returns a, or a, a separator byte and b when b is not "", as one
// string held by the arena.
func (ar *arena) join(a string, sep byte, b string) string {
	n := len(a)
	if b != "" {
		n += 1 + len(b)
	}
	if n == 0 {
		return ""
	}
	if n > maxInline {
		if b == "" {
			return strings.Clone(a)
		}
		return a + string(sep) + b
	}
	if cap(ar.cur)-len(ar.cur) < n {
		ar.cur = make([]byte, 0, chunkSize)
	}
	start := len(ar.cur)
	ar.cur = append(ar.cur, a...)
	if b != "" {
		ar.cur = append(ar.cur, sep)
		ar.cur = append(ar.cur, b...)
	}
	ar.total += n
	return unsafe.String(&ar.cur[start], n)
}
