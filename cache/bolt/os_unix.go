//go:build unix

package bolt

import (
	"errors"
	"os"
	"syscall"
	"time"
)

// lock takes the flock that bbolt takes on f (exclusive, or shared for a
// read-only open), waiting up to timeout (for ever if negative), so that
// the file can be checked before bbolt reads it. bbolt's own flock on the
// same file then finds the lock held by its descriptor and keeps it.
func lock(f *os.File, exclusive bool, timeout time.Duration) error {
	how := syscall.LOCK_SH
	if exclusive {
		how = syscall.LOCK_EX
	}
	start := time.Now()
	for {
		err := syscall.Flock(int(f.Fd()), how|syscall.LOCK_NB)
		if err == nil {
			return nil
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) {
			return &os.PathError{Op: "flock", Path: f.Name(), Err: err}
		}
		if timeout >= 0 && time.Since(start) > timeout {
			return errLockTimeout
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// readPages gives the first n bytes of f, mapped read-only, and the
// function that unmaps them.
func readPages(f *os.File, n int64) ([]byte, func(), error) {
	data, err := syscall.Mmap(int(f.Fd()), 0, int(n), syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		return nil, nil, &os.PathError{Op: "mmap", Path: f.Name(), Err: err}
	}
	return data, func() { syscall.Munmap(data) }, nil
}

// unlock lets go of bbolt's lock on f, which a mapping of the file left
// behind by a failed open would otherwise keep.
func unlock(f *os.File) { syscall.Flock(int(f.Fd()), syscall.LOCK_UN) }
