//go:build !js

package bolt

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"os"
)

// bbolt's meta page, as bbolt lays it out (in the machine's byte order)
// after a 16-byte page header: magic, version, page size, flags (4 bytes
// each), root bucket (8+8), freelist page, high-water page, transaction
// ID, checksum (8 each).
const (
	boltMagic   = 0xED0CDAED
	boltVersion = 2
	metaOffset  = 16
	metaSumLen  = 56
	metaLen     = 64
)

// bbolt's pages: a 16-byte header (id 8, flags 2, count 2, overflow 4)
// and count 16-byte elements. A branch element is pos, ksize (4 each) and
// the child's page id (8); a leaf element is flags, pos, ksize, vsize (4
// each). pos is counted from the element itself; a leaf's value follows
// its key. A leaf element flagged as a bucket holds the bucket's root
// page id and sequence (8 each) and, when the root is 0, an inline page.
const (
	pageHeaderLen  = 16
	elemLen        = 16
	branchPageFlag = 0x01
	leafPageFlag   = 0x02
	freelistFlag   = 0x10
	bucketLeafFlag = 0x01
	noFreelist     = ^uint64(0)

	// maxTreeDepth bounds the nesting of branch pages and buckets. A cache
	// file's buckets are one level deep and its trees a few levels high.
	maxTreeDepth = 64
)

// errLockTimeout is lock's error when another process keeps the file.
var errLockTimeout = errors.New("bolt: lock timeout")

type boltMeta struct {
	pageSize uint32
	root     uint64 // the root bucket's page
	freelist uint64 // the freelist's page, or noFreelist
	pgid     uint64 // the high-water mark: pages [0, pgid) are in use
	txid     uint64
}

func readMeta(b []byte) (boltMeta, bool) {
	if len(b) < metaLen {
		return boltMeta{}, false
	}
	ne := binary.NativeEndian
	if ne.Uint32(b) != boltMagic || ne.Uint32(b[4:]) != boltVersion {
		return boltMeta{}, false
	}
	h := fnv.New64a()
	h.Write(b[:metaSumLen])
	if h.Sum64() != ne.Uint64(b[metaSumLen:]) {
		return boltMeta{}, false
	}
	return boltMeta{
		pageSize: ne.Uint32(b[8:]),
		root:     ne.Uint64(b[16:]),
		freelist: ne.Uint64(b[32:]),
		pgid:     ne.Uint64(b[40:]),
		txid:     ne.Uint64(b[48:]),
	}, true
}

// checkFile checks what bbolt trusts without checking, before anything
// reads the file's pages through bbolt: that the file is as long as its
// meta page says, and that the pages reachable from the root bucket and
// the freelist form a tree of bounded depth inside the file, each page
// used once. bbolt follows page ids as it finds them: a branch page that
// points to itself sends its cursors down for ever, a page id past the
// end faults, a count past the page reads other pages, a freelist's count
// is allocated before it is read. The caller holds bbolt's lock, so that
// no other process changes the file meanwhile.
// Files that are not bbolt files at all are left for bbolt to reject.
func checkFile(f *os.File, path string) error {
	fi, err := f.Stat()
	if err != nil || fi.Size() == 0 {
		return nil
	}
	m, ok := bestMeta(f)
	if !ok {
		return nil
	}
	ps := int64(m.pageSize)
	if ps < 512 || ps > 1<<20 || ps&(ps-1) != 0 {
		return fmt.Errorf("%w: %s: page size %d", ErrCorrupt, path, ps)
	}
	if m.pgid < 2 || m.pgid > uint64(fi.Size()/ps)+1 {
		// Compared in pages first, so that the product cannot overflow.
		return fmt.Errorf("%w: %s: truncated to %d bytes, its pages need %d", ErrCorrupt, path, fi.Size(), sat(m.pgid, ps))
	}
	if want := int64(m.pgid) * ps; fi.Size() < want {
		return fmt.Errorf("%w: %s: truncated to %d bytes, its pages need %d", ErrCorrupt, path, fi.Size(), want)
	}
	data, done, err := readPages(f, int64(m.pgid)*ps)
	if err != nil {
		return fmt.Errorf("bolt: open: %w", err)
	}
	defer done()
	w := walker{data: data, ps: int(ps), hw: m.pgid, used: make([]bool, m.pgid)}
	w.used[0], w.used[1] = true, true // the meta pages
	if err := w.freelist(m.freelist); err != nil {
		return fmt.Errorf("%w: %s: %v", ErrCorrupt, path, err)
	}
	if err := w.page(m.root, 0); err != nil {
		return fmt.Errorf("%w: %s: %v", ErrCorrupt, path, err)
	}
	return nil
}

// bestMeta reads the meta page bbolt would use: the valid one of the two
// with the higher transaction ID.
func bestMeta(f *os.File) (boltMeta, bool) {
	var buf [metaOffset + metaLen]byte
	var best boltMeta
	found := false
	if _, err := f.ReadAt(buf[:], 0); err == nil {
		best, found = readMeta(buf[metaOffset:])
	}
	if !found || best.pageSize == 0 {
		return boltMeta{}, false
	}
	if _, err := f.ReadAt(buf[:], int64(best.pageSize)); err == nil {
		if m, ok := readMeta(buf[metaOffset:]); ok && m.txid > best.txid && m.pageSize == best.pageSize {
			best = m
		}
	}
	return best, true
}

func sat(pages uint64, ps int64) uint64 {
	if pages > (1<<63-1)/uint64(ps) {
		return 1<<63 - 1
	}
	return pages * uint64(ps)
}

// walker checks the page tree of a bbolt file held in data.
type walker struct {
	data []byte
	ps   int
	hw   uint64 // pages [0, hw) are in use
	used []bool // pages already reached
}

var errDepth = errors.New("page tree too deep")

// span claims page id and its overflow pages, and returns their bytes.
func (w *walker) span(id uint64, want uint16) ([]byte, error) {
	if id < 2 || id >= w.hw {
		return nil, fmt.Errorf("page %d outside pages [2, %d)", id, w.hw)
	}
	off := id * uint64(w.ps)
	h := w.data[off : off+pageHeaderLen]
	ne := binary.NativeEndian
	if got := ne.Uint64(h); got != id {
		return nil, fmt.Errorf("page %d says it is page %d", id, got)
	}
	if flags := ne.Uint16(h[8:]); flags&want == 0 {
		return nil, fmt.Errorf("page %d has flags %#x", id, flags)
	}
	overflow := uint64(ne.Uint32(h[12:]))
	if overflow >= w.hw-id {
		return nil, fmt.Errorf("page %d overflows past page %d", id, w.hw)
	}
	for p := id; p <= id+overflow; p++ {
		if w.used[p] {
			return nil, fmt.Errorf("page %d reached twice", p)
		}
		w.used[p] = true
	}
	return w.data[off : off+(overflow+1)*uint64(w.ps)], nil
}

// page checks the branch or leaf page id and everything below it.
func (w *walker) page(id uint64, depth int) error {
	if depth > maxTreeDepth {
		return errDepth
	}
	p, err := w.span(id, branchPageFlag|leafPageFlag)
	if err != nil {
		return err
	}
	return w.elements(p, depth)
}

// elements checks the elements of a page, p being its bytes from its
// header on (a whole page, or an inline bucket's page).
func (w *walker) elements(p []byte, depth int) error {
	ne := binary.NativeEndian
	if len(p) < pageHeaderLen {
		return errors.New("inline page shorter than its header")
	}
	flags := ne.Uint16(p[8:])
	n := int(ne.Uint16(p[10:]))
	if pageHeaderLen+n*elemLen > len(p) {
		return fmt.Errorf("page of %d bytes with %d elements", len(p), n)
	}
	switch {
	case flags&branchPageFlag != 0:
		if n == 0 {
			return errors.New("empty branch page")
		}
		for i := range n {
			e := pageHeaderLen + i*elemLen
			pos, ksize := uint64(ne.Uint32(p[e:])), uint64(ne.Uint32(p[e+4:]))
			if uint64(e)+pos+ksize > uint64(len(p)) {
				return fmt.Errorf("branch key %d past its page", i)
			}
			if err := w.page(ne.Uint64(p[e+8:]), depth+1); err != nil {
				return err
			}
		}
	case flags&leafPageFlag != 0:
		for i := range n {
			e := pageHeaderLen + i*elemLen
			eflags := ne.Uint32(p[e:])
			pos, ksize, vsize := uint64(ne.Uint32(p[e+4:])), uint64(ne.Uint32(p[e+8:])), uint64(ne.Uint32(p[e+12:]))
			end := uint64(e) + pos + ksize + vsize
			if end > uint64(len(p)) {
				return fmt.Errorf("leaf value %d past its page", i)
			}
			if eflags&bucketLeafFlag == 0 {
				continue
			}
			v := p[end-vsize : end]
			if len(v) < 16 {
				return fmt.Errorf("bucket %d of %d bytes", i, len(v))
			}
			if depth+1 > maxTreeDepth {
				return errDepth
			}
			if root := ne.Uint64(v); root != 0 {
				if err := w.page(root, depth+1); err != nil {
					return err
				}
			} else if err := w.elements(v[16:], depth+1); err != nil {
				return err
			}
		}
	default:
		return fmt.Errorf("page with flags %#x in the tree", flags)
	}
	return nil
}

// freelist checks the freelist page and the ids it lists, and marks
// them, so that the tree, walked next, must not reach them.
func (w *walker) freelist(id uint64) error {
	if id == noFreelist {
		return nil
	}
	p, err := w.span(id, freelistFlag)
	if err != nil {
		return fmt.Errorf("freelist: %w", err)
	}
	ne := binary.NativeEndian
	n, ids := uint64(ne.Uint16(p[10:])), p[pageHeaderLen:]
	if n == 0xFFFF { // the count is too large for the header: it is the first id
		if len(ids) < 8 {
			return errors.New("freelist: no count")
		}
		n, ids = ne.Uint64(ids), ids[8:]
	}
	if n > uint64(len(ids)/8) {
		return fmt.Errorf("freelist: %d ids on %d bytes", n, len(ids))
	}
	for i := range n {
		free := ne.Uint64(ids[i*8:])
		if free < 2 || free >= w.hw {
			return fmt.Errorf("freelist: page %d outside pages [2, %d)", free, w.hw)
		}
		w.used[free] = true // a free page reached from the root is damage
	}
	return nil
}
