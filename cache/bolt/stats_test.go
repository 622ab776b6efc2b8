//go:build !js

package bolt

import (
	"context"
	"testing"

	"github.com/gloamdev/gloam/cache"
	"github.com/matryer/is"
)

// TestStats counts the commits, their records and their time.
func TestStats(t *testing.T) {
	is := is.New(t)
	b := open(t, tempPath(t), &Options{FlushInterval: 1 << 40}) // only explicit writes
	is.Equal(b.Stats(), Stats{Size: b.Size()})                  // nothing written yet
	put(t, b, cache.Key{Kind: cache.KindUser, ID: 1}, user(1, "ann"))
	put(t, b, cache.Key{Kind: cache.KindUser, ID: 2}, user(2, "bob"))
	is.NoErr(b.Flush(context.Background()))
	st := b.Stats()
	is.Equal(st.Commits, int64(1)) // one transaction
	is.Equal(st.Records, int64(2)) // of two records
	is.True(st.CommitTime > 0 && st.MaxCommit == st.CommitTime)
	is.Equal(st.Size, b.Size())
	is.True(st.Size > 0)
	is.NoErr(b.Flush(context.Background()))
	is.Equal(b.Stats().Commits, int64(1)) // nothing to write: no transaction
}
