//go:build !js

package bolt

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"syscall"

	"github.com/gloamdev/gloam/cache"
	"github.com/gloamdev/gloam/model"
	bbolt "go.etcd.io/bbolt"
	bberrors "go.etcd.io/bbolt/errors"
)

// The file's layout:
//
//	meta                 "schema" → uint32 big-endian, "record" → the record encoding's version byte
//	one bucket per kind  (named by Kind.String) parent (8 bytes) ‖ id (8 bytes), big-endian → the encoded record
//	sessions             shard (8 bytes, big-endian) → encoded model.Session
//	blobs                name → value
//
// Keys sort by parent and then by ID, so a group is a range of keys, and
// messages come in ID order.
const schemaVersion = 1

var (
	metaBucket     = []byte("meta")
	sessionsBucket = []byte("sessions")
	blobsBucket    = []byte("blobs")
	schemaKey      = []byte("schema")
	recordKey      = []byte("record")
)

// recordVersion is the first byte of every encoded record: the version of
// the record encoding, which the file records beside the schema.
var recordVersion = func() byte {
	b, _ := new(cache.User).AppendBinary(nil)
	return b[0]
}()

// initialMmap is the size bbolt first maps: 1 GiB of address space on
// 64-bit machines. Not on Windows, where bbolt grows the file to the size
// it maps.
var initialMmap = func() int {
	if strconv.IntSize < 64 || runtime.GOOS == "windows" {
		return 0
	}
	return 1 << 30
}()

// allocSize is how much bbolt grows the file by beyond what it needs, to
// grow it less often (its default, 16 MiB, is more than most caches hold).
const allocSize = 4 << 20

func bucketName(k cache.Kind) []byte { return []byte(k.String()) }

func key(buf []byte, parent, id uint64) []byte {
	buf = binary.BigEndian.AppendUint64(buf, parent)
	return binary.BigEndian.AppendUint64(buf, id)
}

// corrupt turns a panic or a fault while reading a damaged file into
// ErrCorrupt. bbolt trusts the pages it reads; a truncated file faults
// when its mapping is read past the end.
func corrupt(err *error, path string, cleanup func()) {
	if r := recover(); r != nil {
		if cleanup != nil {
			cleanup()
		}
		*err = fmt.Errorf("%w: %s: %v", ErrCorrupt, path, r)
	}
}

func openFile(path string, o *Options) (db *bbolt.DB, err error) {
	var f *os.File
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer corrupt(&err, path, func() {
		if f != nil {
			unlock(f)
			f.Close()
		}
	})
	timeout := o.Timeout
	if timeout < 0 {
		timeout = 0 // bbolt: wait for ever
	}
	lockTimeout := o.Timeout
	db, err = bbolt.Open(path, o.Mode, &bbolt.Options{
		Timeout:      timeout,
		NoSync:       o.NoSync,
		ReadOnly:     o.ReadOnly,
		FreelistType: bbolt.FreelistMapType,
		// Address space, not memory: a mapping that need not grow saves
		// bbolt from copying every page it has in hand at each remap.
		InitialMmapSize: initialMmap,
		// The file is locked and checked before bbolt reads a page of it:
		// bbolt loads the freelist while it opens.
		OpenFile: func(name string, flag int, mode os.FileMode) (*os.File, error) {
			ff, err := os.OpenFile(name, flag, mode)
			if err != nil {
				return nil, err
			}
			if err := lock(ff, !o.ReadOnly, lockTimeout); err != nil {
				ff.Close()
				return nil, err
			}
			if err := checkFile(ff, path); err != nil {
				unlock(ff)
				ff.Close()
				return nil, err
			}
			f = ff
			return ff, nil
		},
	})
	switch {
	case err == nil:
		db.AllocSize = allocSize
		return db, nil
	case errors.Is(err, ErrCorrupt):
		return nil, err
	case errors.Is(err, bberrors.ErrTimeout), errors.Is(err, errLockTimeout):
		return nil, fmt.Errorf("bolt: open %s: %w", path, ErrLocked)
	case errors.Is(err, bberrors.ErrInvalid), errors.Is(err, bberrors.ErrVersionMismatch),
		errors.Is(err, bberrors.ErrChecksum), errors.Is(err, bberrors.ErrInvalidMapping):
		return nil, fmt.Errorf("%w: %s: %v", ErrCorrupt, path, err)
	}
	var pe *os.PathError
	var errno syscall.Errno
	if errors.As(err, &pe) || errors.As(err, &errno) {
		return nil, fmt.Errorf("bolt: open: %w", err) // I/O, not damage
	}
	// bbolt reports other damage (a file too small, a bad page) with
	// errors of its own making.
	return nil, fmt.Errorf("%w: %s: %v", ErrCorrupt, path, err)
}

// load checks the file's schema and reads everything it holds into the
// store; for a new file, or with reset, it lays the file out afresh.
func (b *Backend) load(reset bool) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer corrupt(&err, b.path, nil)
	fresh := reset
	err = b.db.View(func(tx *bbolt.Tx) error {
		meta := tx.Bucket(metaBucket)
		if meta == nil {
			var other []byte
			tx.ForEach(func(name []byte, _ *bbolt.Bucket) error {
				other = name
				return errors.New("found")
			})
			if other != nil && !reset {
				return fmt.Errorf("%w: %s: a bbolt file of something else (bucket %q)", ErrCorrupt, b.path, other)
			}
			fresh = true
			return nil
		}
		if reset {
			return nil
		}
		if err := b.checkMeta(meta); err != nil {
			return err
		}
		return b.read(tx)
	})
	if err != nil {
		return err
	}
	if b.readOnly {
		// Nothing is written: a file of no cache reads as an empty one,
		// and kinds newer than the file as empty kinds.
		if fresh {
			b.s.init()
		}
		return b.db.View(func(tx *bbolt.Tx) error {
			b.size.Store(tx.Size())
			return nil
		})
	}
	if len(b.missing) > 0 && !fresh {
		err = b.db.Update(func(tx *bbolt.Tx) error {
			for _, k := range b.missing {
				if _, err := tx.CreateBucket(bucketName(k)); err != nil {
					return err
				}
			}
			return nil
		})
		if errors.Is(err, bberrors.ErrIncompatibleValue) {
			return fmt.Errorf("%w: %s: a value where a bucket belongs", ErrCorrupt, b.path)
		}
		if err != nil {
			return fmt.Errorf("bolt: open: %w", err)
		}
	}
	if fresh {
		b.s.init()
		err = b.db.Update(func(tx *bbolt.Tx) error {
			// Empty the root: its buckets, and any plain values a damaged
			// file has there.
			c := tx.Cursor()
			for k, v := c.First(); k != nil; k, v = c.First() {
				var err error
				if v == nil {
					err = tx.DeleteBucket(k)
				} else {
					err = c.Delete()
				}
				if err != nil {
					return err
				}
			}
			meta, err := tx.CreateBucket(metaBucket)
			if err != nil {
				return err
			}
			if err := meta.Put(schemaKey, binary.BigEndian.AppendUint32(nil, schemaVersion)); err != nil {
				return err
			}
			if err := meta.Put(recordKey, []byte{recordVersion}); err != nil {
				return err
			}
			for _, k := range cache.Kinds() {
				if _, err := tx.CreateBucket(bucketName(k)); err != nil {
					return err
				}
			}
			if _, err := tx.CreateBucket(sessionsBucket); err != nil {
				return err
			}
			_, err = tx.CreateBucket(blobsBucket)
			return err
		})
		if err != nil {
			return fmt.Errorf("bolt: open: %w", err)
		}
	}
	return b.db.View(func(tx *bbolt.Tx) error {
		b.size.Store(tx.Size())
		return nil
	})
}

func (b *Backend) checkMeta(meta *bbolt.Bucket) error {
	v := meta.Get(schemaKey)
	if len(v) != 4 {
		return fmt.Errorf("%w: %s: no schema version", ErrCorrupt, b.path)
	}
	if s := binary.BigEndian.Uint32(v); s != schemaVersion {
		return &SchemaError{What: "schema", Found: int(s), Want: schemaVersion}
	}
	v = meta.Get(recordKey)
	if len(v) != 1 {
		return fmt.Errorf("%w: %s: no record version", ErrCorrupt, b.path)
	}
	if v[0] != recordVersion {
		return &SchemaError{What: "record", Found: int(v[0]), Want: int(recordVersion)}
	}
	return nil
}

// read loads every record, session and blob. Records are not decoded:
// they are copied as they are, a few at a time into shared chunks, and
// checked only for their version byte.
func (b *Backend) read(tx *bbolt.Tx) error {
	var arena []byte
	own := func(v []byte) []byte {
		if len(arena) < len(v) {
			arena = make([]byte, max(64<<10, len(v)))
		}
		c := arena[:len(v):len(v)]
		copy(c, v)
		arena = arena[len(v):]
		return c
	}
	bad := func(what string, k []byte) error {
		return fmt.Errorf("%w: %s: %s %x", ErrCorrupt, b.path, what, k)
	}
	for _, kind := range cache.Kinds() {
		bk := tx.Bucket(bucketName(kind))
		if bk == nil {
			b.missing = append(b.missing, kind) // a kind newer than the file
			continue
		}
		m := b.s.kinds[kind]
		// A first pass counts each group's records, so that its map is
		// made once at its size rather than grown step by step.
		sizes := make(map[uint64]int)
		c := bk.Cursor()
		var last uint64
		n := 0
		for k, _ := c.First(); k != nil; k, _ = c.Next() {
			if len(k) != 16 {
				return bad(kind.String(), k)
			}
			p := binary.BigEndian.Uint64(k)
			if n > 0 && p != last {
				sizes[last] = n
				n = 0
			}
			last = p
			n++
		}
		if n > 0 {
			sizes[last] = n
		}
		for p, n := range sizes {
			m[p] = make(group, n)
			b.s.total[kind] += n
		}
		var g group
		gp := ^uint64(0)
		for k, v := c.First(); k != nil; k, v = c.Next() {
			if len(v) == 0 || v[0] != recordVersion {
				return bad(kind.String(), k)
			}
			p, id := binary.BigEndian.Uint64(k), binary.BigEndian.Uint64(k[8:])
			if p != gp {
				g, gp = m[p], p
			}
			g[id] = own(v)
			if i := byIDIndex(kind); i >= 0 {
				b.s.byID[i][id] = p
			}
		}
	}
	sb, bb := tx.Bucket(sessionsBucket), tx.Bucket(blobsBucket)
	if sb == nil || bb == nil {
		return fmt.Errorf("%w: %s: no sessions or blobs bucket", ErrCorrupt, b.path)
	}
	err := sb.ForEach(func(k, v []byte) error {
		s, ok := decodeSession(v)
		if len(k) != 8 || !ok {
			return bad("session", k)
		}
		b.s.sessions[int(binary.BigEndian.Uint64(k))] = s
		return nil
	})
	if err != nil {
		return err
	}
	return bb.ForEach(func(k, v []byte) error {
		if v == nil {
			return bad("blob", k)
		}
		b.s.blobs[string(k)] = clone(v)
		return nil
	})
}

const sessionVersion = 1

func encodeSession(s model.Session) []byte {
	b := make([]byte, 0, 1+3*binary.MaxVarintLen64+len(s.ID)+len(s.ResumeURL))
	b = append(b, sessionVersion)
	b = binary.AppendUvarint(b, uint64(len(s.ID)))
	b = append(b, s.ID...)
	b = binary.AppendVarint(b, s.Seq)
	b = binary.AppendUvarint(b, uint64(len(s.ResumeURL)))
	return append(b, s.ResumeURL...)
}

func decodeSession(b []byte) (model.Session, bool) {
	var s model.Session
	if len(b) == 0 || b[0] != sessionVersion {
		return s, false
	}
	b = b[1:]
	str := func() (string, bool) {
		n, k := binary.Uvarint(b)
		if k <= 0 || n > uint64(len(b)-k) {
			return "", false
		}
		v := string(b[k : k+int(n)])
		b = b[k+int(n):]
		return v, true
	}
	var ok bool
	if s.ID, ok = str(); !ok {
		return s, false
	}
	seq, k := binary.Varint(b)
	if k <= 0 {
		return s, false
	}
	s.Seq, b = seq, b[k:]
	if s.ResumeURL, ok = str(); !ok {
		return s, false
	}
	return s, len(b) == 0
}
