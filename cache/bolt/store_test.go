//go:build !js

package bolt

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/matryer/is"
)

func TestSortEntries(t *testing.T) {
	is := is.New(t)
	r := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 5, 255, 256, 1000, 30000} {
		e := make([]entry, n)
		for i := range e {
			switch i % 3 {
			case 0:
				e[i].id = r.Uint64()
			case 1:
				e[i].id = 1<<60 | r.Uint64N(1<<42) // snowflakes share their top bits
			default:
				e[i].id = uint64(r.IntN(50))
			}
			e[i].v = []byte{byte(i)}
		}
		want := slices.Clone(e)
		slices.SortStableFunc(want, func(x, y entry) int {
			if x.id < y.id {
				return -1
			} else if x.id > y.id {
				return 1
			}
			return 0
		})
		sortEntries(e)
		for i := range e {
			is.Equal(e[i].id, want[i].id) // sorted by ID
		}
	}
}
