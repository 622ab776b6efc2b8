package memory

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/gloamdev/gloam/cache"
	"github.com/gloamdev/gloam/model"
	"github.com/matryer/is"
)

// TestRingAgainstSlice runs random puts (mostly newest, some out of
// order), deletes and trims on a ring and on a sorted slice, and compares
// them throughout, each message with its own record.
func TestRingAgainstSlice(t *testing.T) {
	is := is.New(t)
	r := rand.New(rand.NewPCG(3, 4))
	for _, keep := range []int{1, 3, 7, 16, 100} {
		var rg ring
		var want []uint64
		newest := uint64(1000)
		trim := func(k int) { // to the newest k, in both
			if rg.n > k {
				rg.dropOldest(rg.n - k)
			}
			if len(want) > k {
				want = want[len(want)-k:]
			}
		}
		for step := range 5000 {
			switch op := r.IntN(10); {
			case op < 6:
				id := newest + 1 + r.Uint64N(3)
				if op < 2 {
					id = newest - r.Uint64N(2*uint64(keep)+2)
				}
				newest = max(newest, id)
				added := rg.put(id, cache.Message{ID: model.MessageID(id)})
				i, found := slices.BinarySearch(want, id)
				is.Equal(added, !found) // put reports a new message
				if !found {
					want = slices.Insert(want, i, id)
				}
				if len(want) > keep {
					rg.keep = keep // as TrimMessages sets it
					trim(keep)
				}
			case op < 9:
				id := newest - r.Uint64N(2*uint64(keep)+2)
				if i, ok := rg.find(id); ok {
					rg.remove(i)
				}
				if i, ok := slices.BinarySearch(want, id); ok {
					want = slices.Delete(want, i, i+1)
				}
			default:
				trim(1 + r.IntN(keep))
			}
			is.Equal(rg.n, len(want)) // the count
			for i, id := range want {
				if rg.id(i) != id || uint64(rg.at(i).ID) != id {
					t.Fatalf("keep %d, step %d: position %d holds %d (record %d), want %d", keep, step, i, rg.id(i), rg.at(i).ID, id)
				}
			}
			is.True(rg.n <= len(rg.ids)) // within its buffer
		}
	}
}

// TestRingSizedToLimit checks that a channel's full ring takes the slots
// the limit needs (plus the one put before each trim), not the next power
// of two.
func TestRingSizedToLimit(t *testing.T) {
	is := is.New(t)
	b := New()
	is.NoErr(b.Update(func(tx cache.Tx) error {
		for id := uint64(1); id <= 300; id++ {
			tx.Put(cache.Key{Kind: cache.KindMessage, Parent: 10, ID: id}, &cache.Message{ID: model.MessageID(id), ChannelID: 10})
			tx.TrimMessages(10, 100)
		}
		return nil
	}))
	r := b.s.msgs[10]
	is.Equal(r.n, 100)             // the limit
	is.Equal(len(r.ids), 101)      // the limit and one
	is.Equal(r.id(0), uint64(201)) // the oldest kept
}
