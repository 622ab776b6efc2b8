//go:build !js

package bolt_test

import (
	"iter"
	"path/filepath"
	"sync"
	"testing"

	"github.com/gloamdev/gloam/cache"
	"github.com/gloamdev/gloam/cache/bolt"
	"github.com/gloamdev/gloam/cache/cachetest"
	"github.com/gloamdev/gloam/model"
)

func TestCachetest(t *testing.T) {
	cachetest.Run(t, func(t *testing.T) cache.Backend {
		b, err := bolt.Open(filepath.Join(t.TempDir(), "cache.db"), &bolt.Options{NoSync: true})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			if err := b.Close(); err != nil {
				t.Error(err)
			}
		})
		return b
	})
}

// reopening is a bolt backend that writes and reopens its file after
// every Update, so that every read the suite checks comes from what the
// file held.
type reopening struct {
	t    *testing.T
	path string
	mu   sync.RWMutex
	cur  *bolt.Backend
}

func (r *reopening) b() *bolt.Backend {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.cur
}

func (r *reopening) Update(fn func(cache.Tx) error) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	err := r.cur.Update(fn)
	if cerr := r.cur.Close(); cerr != nil {
		return cerr
	}
	b, oerr := bolt.Open(r.path, &bolt.Options{NoSync: true})
	if oerr != nil {
		r.t.Fatalf("reopen: %v", oerr)
	}
	r.cur = b
	return err
}

func (r *reopening) Get(k cache.Key, dst cache.Record) bool { return r.b().Get(k, dst) }
func (r *reopening) Scan(kind cache.Kind, parent uint64) iter.Seq[cache.Record] {
	return r.b().Scan(kind, parent)
}
func (r *reopening) Count(kind cache.Kind, parent uint64) int { return r.b().Count(kind, parent) }
func (r *reopening) Session(shard int) (model.Session, bool)  { return r.b().Session(shard) }
func (r *reopening) Blob(name string) []byte                  { return r.b().Blob(name) }
func (r *reopening) Size() int64                              { return r.b().Size() }
func (r *reopening) Durable() bool                            { return r.b().Durable() }

// TestCachetestReopened runs the suite with the file reopened after every
// Update: what the cache reads is what the file held.
func TestCachetestReopened(t *testing.T) {
	cachetest.Run(t, func(t *testing.T) cache.Backend {
		path := filepath.Join(t.TempDir(), "cache.db")
		b, err := bolt.Open(path, &bolt.Options{NoSync: true})
		if err != nil {
			t.Fatal(err)
		}
		r := &reopening{t: t, path: path, cur: b}
		t.Cleanup(func() { r.b().Close() })
		return r
	})
}
