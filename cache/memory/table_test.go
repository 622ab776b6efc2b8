package memory

import (
	"math/rand/v2"
	"testing"

	"github.com/matryer/is"
)

// TestTableAgainstMap runs random puts and deletes on a table and on a Go
// map, with keys that collide in the index, and compares them throughout.
func TestTableAgainstMap(t *testing.T) {
	is := is.New(t)
	r := rand.New(rand.NewPCG(1, 2))
	var tb table[int]
	m := map[uint64]int{}
	for i := 0; i < 200000; i++ {
		k := uint64(r.IntN(3000)) * 1 << 22 // snowflake-like keys
		switch r.IntN(3) {
		case 0, 1:
			tb.put(k, i)
			m[k] = i
		case 2:
			_, want := m[k]
			is.Equal(tb.del(k), want) // del reports presence
			delete(m, k)
		}
		if i%997 == 0 {
			is.Equal(tb.len(), len(m)) // same size
			for k, v := range m {
				p := tb.get(k)
				is.True(p != nil) // every key is found
				is.Equal(*p, v)   // with its value
			}
		}
		if i == 150000 {
			tb.reserve(5000) // reserving keeps everything
		}
	}
	for k := range m {
		is.True(tb.del(k)) // everything can be deleted
	}
	is.Equal(tb.len(), 0)
	is.True(tb.get(42) == nil) // an empty table finds nothing
}
