//go:build !js

package bolt

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/fnv"
	"os"
	"testing"
	"time"

	"github.com/gloamdev/gloam/cache"
	"github.com/matryer/is"
)

// pageOf finds the first page from page 2 on whose flags have flag set.
func pageOf(t *testing.T, data []byte, m metaAt, flag uint16) uint64 {
	t.Helper()
	ps := int(m.pageSize)
	for id := 2; id < int(m.pgid); id++ {
		h := data[id*ps:]
		if binary.NativeEndian.Uint64(h) == uint64(id) && binary.NativeEndian.Uint16(h[8:])&flag != 0 {
			return uint64(id)
		}
	}
	t.Fatalf("no page with flags %#x", flag)
	return 0
}

// TestPageTree damages the links between a good file's pages, as a
// failing disk or a hostile file would: Open must return ErrCorrupt at
// once, not follow them for ever.
func TestPageTree(t *testing.T) {
	good, err := os.ReadFile(filled(t))
	if err != nil {
		t.Fatal(err)
	}
	m := latestMeta(t, good)
	ps := int(m.pageSize)
	branch := pageOf(t, good, m, branchPageFlag)
	ne := binary.NativeEndian
	// child sets the page id of the first element of the branch page.
	child := func(id uint64) []byte {
		data := bytes.Clone(good)
		ne.PutUint64(data[int(branch)*ps+pageHeaderLen+8:], id)
		return data
	}
	// bucket sets the root page of the first bucket of the root bucket.
	bucket := func(id uint64) []byte {
		data := bytes.Clone(good)
		e := int(m.root)*ps + pageHeaderLen
		pos, ksize := ne.Uint32(data[e+4:]), ne.Uint32(data[e+8:])
		ne.PutUint64(data[e+int(pos)+int(ksize):], id)
		return data
	}
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"branch points to itself", child(branch)},
		{"branch points to the root bucket", child(m.root)},
		{"branch points to a meta page", child(1)},
		{"branch points past the last page", child(m.pgid)},
		{"branch points far past the end", child(1 << 60)},
		{"bucket points to the root bucket", bucket(m.root)},
		{"bucket points to a branch of another bucket", bucket(branch)},
		{"overflow past the last page", func() []byte {
			data := bytes.Clone(good)
			ne.PutUint32(data[int(branch)*ps+12:], uint32(m.pgid))
			return data
		}()},
		{"element count past the page", func() []byte {
			data := bytes.Clone(good)
			ne.PutUint16(data[int(branch)*ps+10:], 0xFFFF)
			return data
		}()},
		{"page id in the header differs", func() []byte {
			data := bytes.Clone(good)
			ne.PutUint64(data[int(branch)*ps:], branch+1)
			return data
		}()},
		{"freelist count past its page", func() []byte {
			data := bytes.Clone(good)
			f := int(ne.Uint64(data[m.offset+32:])) * ps
			ne.PutUint16(data[f+10:], 0xFFFF)
			ne.PutUint64(data[f+pageHeaderLen:], 1<<40)
			return data
		}()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			is := is.New(t)
			path := tempPath(t)
			is.NoErr(os.WriteFile(path, tc.data, 0o600))
			done := make(chan error, 1)
			go func() {
				b, err := Open(path, &Options{NoSync: true})
				if err == nil {
					b.Close()
				}
				done <- err
			}()
			select {
			case err := <-done:
				is.True(errors.Is(err, ErrCorrupt)) // ErrCorrupt
			case <-time.After(20 * time.Second):
				t.Fatal("Open did not return")
			}
			reset(t, path)
		})
	}
}

// fixMeta rewrites the checksums of both meta pages, so that damage
// elsewhere reaches the page tree instead of being caught by bbolt's
// check of the meta pages.
func fixMeta(data []byte) {
	fix := func(off int) {
		if off < 0 || off+metaOffset+metaLen > len(data) {
			return
		}
		b := data[off+metaOffset:]
		h := fnv.New64a()
		h.Write(b[:metaSumLen])
		binary.NativeEndian.PutUint64(b[metaSumLen:], h.Sum64())
	}
	fix(0)
	if len(data) >= metaOffset+metaLen {
		ps := binary.NativeEndian.Uint32(data[metaOffset+8:])
		if ps > 0 && ps <= 1<<20 {
			fix(int(ps))
		}
	}
}

// seedFile is a cache file of n members, cut to the pages in use.
func seedFile(f *testing.F, n int) []byte {
	path := f.TempDir() + "/seed.db"
	b, err := Open(path, &Options{NoSync: true})
	if err != nil {
		f.Fatal(err)
	}
	c := cache.New(b, nil)
	for _, ev := range events(f, n) {
		if err := c.Apply(0, ev); err != nil {
			f.Fatal(err)
		}
	}
	if err := b.Close(); err != nil {
		f.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		f.Fatal(err)
	}
	m0, _ := readMeta(data[metaOffset:])
	m1, _ := readMeta(data[int(m0.pageSize)+metaOffset:])
	return data[:max(m0.pgid, m1.pgid)*uint64(m0.pageSize)]
}

// FuzzOpen opens damaged cache files, their meta pages' checksums
// repaired: Open, read-write or read-only, returns ErrCorrupt or a
// *SchemaError, or a backend whose every record reads back; it never
// panics or hangs.
func FuzzOpen(f *testing.F) {
	f.Add([]byte{})
	f.Add(seedFile(f, 0))
	f.Add(seedFile(f, 60))
	f.Fuzz(func(t *testing.T, data []byte) {
		data = bytes.Clone(data)
		fixMeta(data)
		for _, ro := range []bool{false, true} {
			path := t.TempDir() + "/cache.db"
			if err := os.WriteFile(path, data, 0o600); err != nil {
				t.Fatal(err)
			}
			b, err := Open(path, &Options{NoSync: true, ReadOnly: ro})
			if err != nil {
				var se *SchemaError
				if !errors.Is(err, ErrCorrupt) && !errors.As(err, &se) {
					t.Fatalf("read-only %v: %v, want ErrCorrupt or *SchemaError", ro, err)
				}
				continue
			}
			for _, k := range cache.Kinds() {
				for range b.Scan(k, 0) {
				}
			}
			if err := b.Close(); err != nil {
				t.Fatalf("read-only %v: close: %v", ro, err)
			}
		}
	})
}
