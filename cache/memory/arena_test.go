package memory

import (
	"fmt"
	"testing"

	"github.com/gloamdev/gloam/cache"
	"github.com/gloamdev/gloam/model"
	"github.com/matryer/is"
)

// TestNamesCompaction renames users until the arena compacts, and checks
// that every name survives, including names read before the compaction.
func TestNamesCompaction(t *testing.T) {
	is := is.New(t)
	b := New()
	name := func(id, round int) (string, string) {
		return fmt.Sprintf("user-%d-%d-padding-padding", id, round), fmt.Sprintf("Global %d %d", id, round)
	}
	var early cache.User
	for round := 0; round < 30; round++ {
		is.NoErr(b.Update(func(tx cache.Tx) error {
			for id := 1; id <= 2000; id++ {
				u, g := name(id, round)
				if id%3 == 0 {
					g = u // global name same as the username
				}
				tx.Put(cache.Key{Kind: cache.KindUser, ID: uint64(id)}, &cache.User{ID: model.UserID(id), Username: u, GlobalName: g, Guilds: 1})
			}
			return nil
		}))
		if round == 0 {
			is.True(b.Get(cache.Key{Kind: cache.KindUser, ID: 7}, &early))
		}
	}
	is.True(b.s.names.total < 4*b.s.namesLive+(2<<20)) // garbage was collected
	for id := 1; id <= 2000; id++ {
		var u cache.User
		is.True(b.Get(cache.Key{Kind: cache.KindUser, ID: uint64(id)}, &u))
		wu, wg := name(id, 29)
		if id%3 == 0 {
			wg = wu
		}
		is.Equal(u.Username, wu)   // username after compactions
		is.Equal(u.GlobalName, wg) // global name after compactions
	}
	wu, wg := name(7, 0)
	is.Equal(early.Username, wu)   // a name read before stays valid
	is.Equal(early.GlobalName, wg) // with its global name
	is.NoErr(b.Update(func(tx cache.Tx) error {
		for id := 1; id <= 2000; id++ {
			tx.Delete(cache.Key{Kind: cache.KindUser, ID: uint64(id)})
		}
		return nil
	}))
	is.Equal(b.s.namesLive, 0) // deleted users hold no names
}
