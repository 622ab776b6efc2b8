//go:build !js

package bolt

import (
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"io"
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

type boltMeta struct {
	pageSize uint32
	pgid     uint64
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
	return boltMeta{pageSize: ne.Uint32(b[8:]), pgid: ne.Uint64(b[40:]), txid: ne.Uint64(b[48:])}, true
}

// checkLength rejects a bbolt file shorter than its meta page says it is
// (a truncated copy, say), which bbolt would fault on when it reads the
// missing pages. Files that are not bbolt files at all are left for bbolt
// to reject.
func checkLength(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return nil // bbolt creates it, or reports why not
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || fi.Size() == 0 {
		return nil
	}
	var buf [metaOffset + metaLen]byte
	var best boltMeta
	found := false
	if _, err := f.ReadAt(buf[:], 0); err == nil {
		best, found = readMeta(buf[metaOffset:])
	}
	if found {
		if _, err := f.ReadAt(buf[:], int64(best.pageSize)); err == nil {
			if m, ok := readMeta(buf[metaOffset:]); ok && m.txid > best.txid {
				best = m
			}
		} else if err != io.EOF {
			return nil
		}
	}
	if !found || best.pageSize == 0 {
		return nil
	}
	if want := int64(best.pgid) * int64(best.pageSize); fi.Size() < want {
		return fmt.Errorf("%w: %s: truncated to %d bytes, its pages need %d", ErrCorrupt, path, fi.Size(), want)
	}
	return nil
}
