//go:build unix

package bolt

import (
	"os"
	"syscall"
)

// unlock lets go of bbolt's lock on f, which a mapping of the file left
// behind by a failed open would otherwise keep.
func unlock(f *os.File) { syscall.Flock(int(f.Fd()), syscall.LOCK_UN) }
