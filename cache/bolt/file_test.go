//go:build !js

package bolt

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io/fs"
	"os"
	"testing"
	"time"

	"github.com/gloamdev/gloam/cache"
	"github.com/gloamdev/gloam/model"
	"github.com/matryer/is"
	bbolt "go.etcd.io/bbolt"
)

// filled makes a cache file with a few records and returns its path.
func filled(t *testing.T) string {
	t.Helper()
	path := tempPath(t)
	b, err := Open(path, &Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	c := cache.New(b, nil)
	for _, ev := range events(t, 2000) {
		if err := c.Apply(0, ev); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// setMeta rewrites a key of the meta bucket of a closed cache file.
func setMeta(t *testing.T, path string, k, v []byte) {
	t.Helper()
	db, err := bbolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Update(func(tx *bbolt.Tx) error { return tx.Bucket(metaBucket).Put(k, v) })
	if err != nil {
		t.Fatal(err)
	}
}

// reset checks that Options.Reset opens what Open refused, empty.
func reset(t *testing.T, path string) {
	t.Helper()
	is := is.New(t)
	b := open(t, path, &Options{Reset: true})
	is.Equal(b.Count(cache.KindMember, 0), 0) // empty after Reset
	put(t, b, cache.Key{Kind: cache.KindUser, ID: 1}, user(1, "ann"))
	is.NoErr(b.Close())
	b = open(t, path, nil)
	is.Equal(b.Count(cache.KindUser, 0), 1) // a good file again
}

func TestSchema(t *testing.T) {
	for _, tc := range []struct {
		name        string
		key         []byte
		value       []byte
		what        string
		found, want int
	}{
		{"newer schema", schemaKey, binary.BigEndian.AppendUint32(nil, schemaVersion+1), "schema", schemaVersion + 1, schemaVersion},
		{"older schema", schemaKey, binary.BigEndian.AppendUint32(nil, 0), "schema", 0, schemaVersion},
		{"other records", recordKey, []byte{recordVersion + 1}, "record", int(recordVersion) + 1, int(recordVersion)},
		// Version 1 wrote channels without their recipients.
		{"records of version 1", recordKey, []byte{1}, "record", 1, int(recordVersion)},
		// Version 3 wrote attachments and message references in part,
		// version 4 no snapshots of forwarded messages.
		{"records of version 3", recordKey, []byte{3}, "record", 3, int(recordVersion)},
		{"records of version 4", recordKey, []byte{4}, "record", 4, int(recordVersion)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			is := is.New(t)
			path := filled(t)
			setMeta(t, path, tc.key, tc.value)
			_, err := Open(path, nil)
			var se *SchemaError
			is.True(errors.As(err, &se)) // a *SchemaError
			is.Equal(*se, SchemaError{What: tc.what, Found: tc.found, Want: tc.want})
			is.True(err.Error() != "")
			reset(t, path)
		})
	}
	t.Run("no schema", func(t *testing.T) {
		is := is.New(t)
		path := filled(t)
		setMeta(t, path, schemaKey, []byte{1})
		_, err := Open(path, nil)
		is.True(errors.Is(err, ErrCorrupt)) // a schema that is not one
	})
}

func TestCorrupt(t *testing.T) {
	write := func(t *testing.T, data []byte) string {
		path := tempPath(t)
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	good, err := os.ReadFile(filled(t))
	if err != nil {
		t.Fatal(err)
	}
	meta := latestMeta(t, good)
	pageSize, pages := int(meta.pageSize), int(meta.pgid)
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"garbage", bytes.Repeat([]byte("not a database "), 2000)},
		{"one byte", []byte{0}},
		{"half a page", good[:pageSize/2]},
		{"meta pages only", good[:2*pageSize]},
		{"truncated", good[:pages*pageSize/2]},
		{"last page missing", good[:(pages-1)*pageSize]},
		{"meta pages zeroed", append(make([]byte, 2*pageSize), good[2*pageSize:]...)},
		{"freelist page zeroed", zeroFreelist(t, good)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			is := is.New(t)
			path := write(t, tc.data)
			_, err := Open(path, &Options{NoSync: true})
			is.True(errors.Is(err, ErrCorrupt)) // ErrCorrupt
			reset(t, path)
		})
	}
	t.Run("damaged pages", func(t *testing.T) {
		// Damage inside data pages: Open fails with ErrCorrupt or opens
		// a consistent file, but never panics.
		for i := 2; i < pages; i += max(1, pages/40) {
			data := bytes.Clone(good)
			for j := i*pageSize + 16; j < (i+1)*pageSize; j += 7 {
				data[j] ^= 0x5a
			}
			path := write(t, data)
			b, err := Open(path, &Options{NoSync: true})
			if err != nil {
				if !errors.Is(err, ErrCorrupt) {
					t.Errorf("page %d: %v, want ErrCorrupt", i, err)
				}
				continue
			}
			b.Close()
		}
	})
	t.Run("another bbolt file", func(t *testing.T) {
		is := is.New(t)
		path := tempPath(t)
		db, err := bbolt.Open(path, 0o600, nil)
		is.NoErr(err)
		is.NoErr(db.Update(func(tx *bbolt.Tx) error { _, err := tx.CreateBucket([]byte("widgets")); return err }))
		is.NoErr(db.Close())
		_, err = Open(path, nil)
		is.True(errors.Is(err, ErrCorrupt)) // not a cache
		reset(t, path)
	})
	t.Run("bad record", func(t *testing.T) {
		is := is.New(t)
		path := filled(t)
		db, err := bbolt.Open(path, 0o600, nil)
		is.NoErr(err)
		is.NoErr(db.Update(func(tx *bbolt.Tx) error {
			return tx.Bucket(bucketName(cache.KindUser)).Put(key(nil, 0, 5), []byte{99, 1, 2})
		}))
		is.NoErr(db.Close())
		_, err = Open(path, nil)
		is.True(errors.Is(err, ErrCorrupt)) // a record of unknown encoding
	})
	t.Run("empty file", func(t *testing.T) {
		is := is.New(t)
		path := write(t, nil)
		b := open(t, path, nil) // an empty file is a new cache
		is.Equal(b.Count(cache.KindUser, 0), 0)
	})
}

func TestLocked(t *testing.T) {
	is := is.New(t)
	path := tempPath(t)
	b := open(t, path, nil)
	_, err := Open(path, &Options{Timeout: 50 * time.Millisecond})
	is.True(errors.Is(err, ErrLocked)) // the file is open
	is.NoErr(b.Close())
	b2 := open(t, path, &Options{Timeout: 50 * time.Millisecond})
	is.NoErr(b2.Close()) // free again
}

func TestOpenError(t *testing.T) {
	is := is.New(t)
	_, err := Open(t.TempDir()+"/no/such/dir/cache.db", nil)
	is.True(err != nil)
	is.True(!errors.Is(err, ErrCorrupt)) // a missing directory is not a corrupt file
	var pe *os.PathError
	is.True(errors.As(err, &pe))
}

func TestSessionEncoding(t *testing.T) {
	is := is.New(t)
	for _, s := range []model.Session{{}, {ID: "x", Seq: -1}, {ID: "abc", Seq: 1 << 40, ResumeURL: "wss://r"}} {
		got, ok := decodeSession(encodeSession(s))
		is.True(ok)
		is.Equal(got, s)
		enc := encodeSession(s)
		for i := range enc {
			decodeSession(enc[:i]) // never panics
		}
	}
	_, ok := decodeSession([]byte{1, 200})
	is.True(!ok) // a length past the end
}

func FuzzDecodeSession(f *testing.F) {
	f.Add(encodeSession(model.Session{ID: "abc", Seq: 5, ResumeURL: "wss://r"}))
	f.Add([]byte{1, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01})
	f.Fuzz(func(t *testing.T, b []byte) {
		s, ok := decodeSession(b)
		if ok {
			if got, _ := decodeSession(encodeSession(s)); got != s {
				t.Fatalf("round trip: %+v != %+v", got, s)
			}
		}
	})
}

// zeroFreelist zeroes the freelist page of a good file: bbolt panics on
// it while opening, which must neither escape nor keep the file locked.
func zeroFreelist(t *testing.T, good []byte) []byte {
	data := bytes.Clone(good)
	m := latestMeta(t, data)
	free := binary.NativeEndian.Uint64(data[m.offset+32:])
	ps := int(m.pageSize)
	clear(data[int(free)*ps : int(free+1)*ps])
	return data
}

type metaAt struct {
	boltMeta
	offset int
}

// latestMeta reads the meta page bbolt uses, and where it lies.
func latestMeta(t *testing.T, data []byte) metaAt {
	m0, ok0 := readMeta(data[metaOffset:])
	m1, ok1 := readMeta(data[int(m0.pageSize)+metaOffset:])
	if !ok0 || !ok1 {
		t.Fatal("no meta pages")
	}
	if m1.txid > m0.txid {
		return metaAt{m1, int(m0.pageSize) + metaOffset}
	}
	return metaAt{m0, metaOffset}
}

func TestNewKind(t *testing.T) {
	is := is.New(t)
	path := filled(t)
	db, err := bbolt.Open(path, 0o600, nil)
	is.NoErr(err)
	is.NoErr(db.Update(func(tx *bbolt.Tx) error { return tx.DeleteBucket(bucketName(cache.KindSticker)) }))
	is.NoErr(db.Close())
	b := open(t, path, nil) // a kind the file does not know yet is added
	is.True(b.Count(cache.KindMember, 0) > 0)
	put(t, b, cache.Key{Kind: cache.KindSticker, Parent: 1, ID: 2}, &cache.Sticker{ID: 2, GuildID: 1})
	is.NoErr(b.Close())
	b = open(t, path, nil)
	is.Equal(b.Count(cache.KindSticker, 0), 1)
}

// TestReadOnly opens files for inspection: Open never creates, grows or
// writes them.
func TestReadOnly(t *testing.T) {
	ro := &Options{ReadOnly: true, Timeout: 50 * time.Millisecond}
	unchanged := func(t *testing.T, path string, want []byte) {
		t.Helper()
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("the file changed: %d bytes, was %d", len(got), len(want))
		}
	}
	t.Run("filled", func(t *testing.T) {
		is := is.New(t)
		path := filled(t)
		rw := open(t, path, nil)
		want := dump(t, rw)
		is.NoErr(rw.Close())
		before, err := os.ReadFile(path)
		is.NoErr(err)

		b, err := Open(path, ro)
		is.NoErr(err)
		is.Equal(dump(t, b), want) // what a read-write open reads
		is.True(b.Size() > 0)
		s, ok := b.Session(0)
		is.True(ok)
		is.Equal(s.ID, "sess") // sessions read
		err = b.Update(func(tx cache.Tx) error { return nil })
		is.True(errors.Is(err, ErrReadOnly)) // Update refused
		is.NoErr(b.Flush(t.Context()))
		is.NoErr(b.Close())
		unchanged(t, path, before)

		rw = open(t, path, nil) // the file is free again
		_, err = Open(path, ro)
		is.True(errors.Is(err, ErrLocked)) // a read-write open excludes it
		is.NoErr(rw.Close())
	})
	t.Run("missing", func(t *testing.T) {
		is := is.New(t)
		path := tempPath(t)
		_, err := Open(path, ro)
		is.True(errors.Is(err, fs.ErrNotExist)) // not created
		_, err = os.Stat(path)
		is.True(errors.Is(err, fs.ErrNotExist)) // still not there
	})
	t.Run("empty", func(t *testing.T) {
		is := is.New(t)
		path := tempPath(t)
		is.NoErr(os.WriteFile(path, nil, 0o600))
		b, err := Open(path, ro)
		is.NoErr(err)
		is.Equal(b.Count(cache.KindUser, 0), 0) // an empty cache
		is.NoErr(b.Close())
		unchanged(t, path, nil) // not grown
	})
	t.Run("new", func(t *testing.T) {
		is := is.New(t)
		path := tempPath(t)
		is.NoErr(open(t, path, nil).Close()) // laid out, nothing stored
		before, err := os.ReadFile(path)
		is.NoErr(err)
		b, err := Open(path, ro)
		is.NoErr(err)
		is.Equal(b.Count(cache.KindMember, 0), 0)
		is.NoErr(b.Close())
		unchanged(t, path, before)
	})
	t.Run("not a cache", func(t *testing.T) {
		is := is.New(t)
		path := tempPath(t)
		db, err := bbolt.Open(path, 0o600, nil)
		is.NoErr(err)
		is.NoErr(db.Update(func(tx *bbolt.Tx) error { _, err := tx.CreateBucket([]byte("widgets")); return err }))
		is.NoErr(db.Close())
		before, err := os.ReadFile(path)
		is.NoErr(err)
		_, err = Open(path, ro)
		is.True(errors.Is(err, ErrCorrupt)) // another bbolt file
		unchanged(t, path, before)
	})
	t.Run("newer schema", func(t *testing.T) {
		is := is.New(t)
		path := filled(t)
		setMeta(t, path, schemaKey, binary.BigEndian.AppendUint32(nil, schemaVersion+1))
		_, err := Open(path, ro)
		var se *SchemaError
		is.True(errors.As(err, &se)) // *SchemaError
	})
	t.Run("with reset", func(t *testing.T) {
		is := is.New(t)
		path := filled(t)
		_, err := Open(path, &Options{ReadOnly: true, Reset: true})
		is.True(err != nil) // the two exclude each other
		b := open(t, path, nil)
		is.True(b.Count(cache.KindMember, 0) > 0) // nothing discarded
	})
}
