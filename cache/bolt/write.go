//go:build !js

package bolt

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"slices"
	"time"

	"github.com/gloamdev/gloam/cache"
	bbolt "go.etcd.io/bbolt"
)

// groupWrite is what to write of one group: delete its keys first
// (whole), then put or delete (nil v) each entry.
type groupWrite struct {
	kind   cache.Kind
	parent uint64
	whole  bool
	e      []entry
}

// batch is what one write puts in the file: the state of every key that
// changed since the last write, as of the end of the last Update before
// the cut.
type batch struct {
	groups   []groupWrite
	sessions []int
	sessVals [][]byte
	blobs    []string
	blobVals [][]byte
}

func (bt *batch) empty() bool {
	return len(bt.groups) == 0 && len(bt.sessions) == 0 && len(bt.blobs) == 0
}

// cut takes the dirty set and the current values of its keys; the caller
// holds mu, so the batch is the state after a whole number of Updates.
func (b *Backend) cut() *batch {
	bt := &batch{}
	d := &b.d
	for kind, m := range d.kinds {
		for parent, dg := range m {
			g := b.s.kinds[kind][parent]
			w := groupWrite{kind: cache.Kind(kind), parent: parent, whole: dg.whole}
			if dg.whole {
				w.e = make([]entry, 0, len(g))
				for id, v := range g {
					w.e = append(w.e, entry{id, v})
				}
			} else {
				w.e = make([]entry, 0, len(dg.ids))
				for id := range dg.ids {
					w.e = append(w.e, entry{id, g[id]})
				}
			}
			bt.groups = append(bt.groups, w)
		}
	}
	for shard := range d.sessions {
		bt.sessions = append(bt.sessions, shard)
		var v []byte
		if s, ok := b.s.sessions[shard]; ok {
			v = encodeSession(s)
		}
		bt.sessVals = append(bt.sessVals, v)
	}
	for name := range d.blobs {
		bt.blobs = append(bt.blobs, name)
		bt.blobVals = append(bt.blobVals, b.s.blobs[name])
	}
	*d = dirty{}
	return bt
}

// uncut puts the keys of a batch that could not be written back into the
// dirty set, to be written (with their values then) next time.
func (b *Backend) uncut(bt *batch) {
	d := &b.d
	for _, w := range bt.groups {
		if w.whole {
			d.markWhole(w.kind, w.parent)
			d.n++
			continue
		}
		for _, e := range w.e {
			d.mark(w.kind, w.parent, e.id)
		}
	}
	for _, s := range bt.sessions {
		d.markSession(s)
	}
	for _, n := range bt.blobs {
		d.markBlob(n)
	}
}

// write writes the changes waiting in one bbolt transaction. The caller
// holds the flushing semaphore.
func (b *Backend) write() error {
	b.mu.Lock()
	bt := b.cut()
	b.mu.Unlock()
	if bt.empty() {
		return nil
	}
	// In key order, bbolt walks its pages once.
	slices.SortFunc(bt.groups, func(x, y groupWrite) int {
		return cmp.Or(cmp.Compare(x.kind, y.kind), cmp.Compare(x.parent, y.parent))
	})
	n := 0
	for i := range bt.groups {
		sortEntries(bt.groups[i].e)
		n += len(bt.groups[i].e)
	}
	keys := make([]byte, 0, 16*n)
	start := time.Now()
	err := b.db.Update(func(tx *bbolt.Tx) error {
		var bk *bbolt.Bucket
		kind := cache.Kind(0)
		for _, w := range bt.groups {
			if w.kind != kind || bk == nil {
				kind = w.kind
				if bk = tx.Bucket(bucketName(kind)); bk == nil {
					return errNoBucket
				}
				bk.FillPercent = fillPercent
			}
			if w.whole {
				if err := deletePrefix(bk, binary.BigEndian.AppendUint64(nil, w.parent)); err != nil {
					return err
				}
			}
			for _, e := range w.e {
				start := len(keys)
				keys = key(keys, w.parent, e.id)
				k := keys[start:]
				var err error
				if e.v == nil {
					err = bk.Delete(k)
				} else {
					err = bk.Put(k, e.v)
				}
				if err != nil {
					return err
				}
			}
		}
		if len(bt.sessions) > 0 {
			sb := tx.Bucket(sessionsBucket)
			for i, shard := range bt.sessions {
				k := binary.BigEndian.AppendUint64(nil, uint64(shard))
				var err error
				if v := bt.sessVals[i]; v == nil {
					err = sb.Delete(k)
				} else {
					err = sb.Put(k, v)
				}
				if err != nil {
					return err
				}
			}
		}
		if len(bt.blobs) > 0 {
			bb := tx.Bucket(blobsBucket)
			for i, name := range bt.blobs {
				var err error
				if v := bt.blobVals[i]; v == nil {
					err = bb.Delete([]byte(name))
				} else {
					err = bb.Put([]byte(name), v)
				}
				if err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err == nil {
		b.stats.commit(time.Since(start), n+len(bt.sessions)+len(bt.blobs))
		b.db.View(func(tx *bbolt.Tx) error { b.size.Store(tx.Size()); return nil })
	} else {
		b.stats.failed.Add(1)
	}
	b.mu.Lock()
	if err != nil {
		b.uncut(bt)
		b.failed = err
	} else {
		b.failed = nil
	}
	b.mu.Unlock()
	return err
}

// fillPercent packs pages fuller than bbolt's default (one half): records
// mostly arrive in bulk and in key order, and rarely grow.
const fillPercent = 0.9

type constError string

func (e constError) Error() string { return string(e) }

const errNoBucket = constError("bolt: a bucket of the file is missing")

// deletePrefix deletes every key that starts with prefix.
func deletePrefix(bk *bbolt.Bucket, prefix []byte) error {
	c := bk.Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Seek(prefix) {
		if err := c.Delete(); err != nil {
			return err
		}
	}
	return nil
}
