//go:build unix

package bolt_test

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time the process has used, on every thread: a
// measure less swayed than wall time by other work on a shared machine.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
