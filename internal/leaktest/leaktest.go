// Package leaktest fails a test binary whose tests leave goroutines
// running.
//
// # Basics
//
// A package's TestMain hands its *testing.M to Main:
//
//	func TestMain(m *testing.M) { leaktest.Main(m, nil) }
//
// Main notes the goroutines alive before the tests, runs them and, if they
// passed, waits (bounded) for every goroutine started since to end. The
// runtime's, the testing package's and the fuzzing engine's own goroutines
// are not counted; idle keep-alive connections of http.DefaultClient are
// closed first. When some remain, their stacks are printed and the binary
// exits with status 1.
//
// # Caveats
//
// Options.Only narrows the check to the goroutines a package is
// responsible for; without it every goroutine started during the tests
// counts. Goroutines are told apart by their stack traces, so a goroutine
// that is still ending when the wait runs out is reported like a leak:
// Options.Wait is generous for that reason.
package leaktest

import (
	"bytes"
	"fmt"
	"net/http"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Options adjusts the check. A nil *Options means the defaults.
type Options struct {
	// Wait bounds how long Check waits for goroutines to end. Zero means
	// 10 seconds.
	Wait time.Duration
	// Only, when set, limits the check to goroutines whose stack trace
	// (as runtime.Stack prints it) it accepts. Nil means every goroutine
	// started after the Snapshot.
	Only func(stack string) bool
}

// Snapshot is the set of goroutines alive at one moment.
type Snapshot struct {
	ids map[uint64]bool
}

// Take records the goroutines alive now.
func Take() Snapshot {
	s := Snapshot{ids: map[uint64]bool{}}
	for _, g := range goroutines() {
		s.ids[g.id] = true
	}
	return s
}

// LeakError lists the goroutines that outlived the wait.
type LeakError struct {
	Stacks []string
}

func (e *LeakError) Error() string {
	return fmt.Sprintf("leaktest: %d goroutines leaked:\n\n%s", len(e.Stacks), strings.Join(e.Stacks, "\n\n"))
}

// Check waits until no goroutine started after before is left, and
// returns a *LeakError with those still running when o.Wait runs out.
// The calling goroutine is never counted.
func Check(before Snapshot, o *Options) error {
	wait := 10 * time.Second
	var only func(string) bool
	if o != nil {
		if o.Wait > 0 {
			wait = o.Wait
		}
		only = o.Only
	}
	deadline := time.Now().Add(wait)
	for {
		http.DefaultClient.CloseIdleConnections()
		var left []string
		for i, g := range goroutines() {
			if i == 0 || before.ids[g.id] || ignored(g.stack) {
				continue // the caller, first in the dump, or older than the tests
			}
			if only != nil && !only(g.stack) {
				continue
			}
			left = append(left, g.stack)
		}
		if len(left) == 0 {
			return nil
		}
		if time.Now().After(deadline) {
			return &LeakError{Stacks: left}
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// Main runs the tests and exits: with their status when they fail, else
// with 1 when goroutines leaked (their stacks go to standard error) and 0
// otherwise.
func Main(m *testing.M, o *Options) {
	before := Take()
	code := m.Run()
	if code == 0 {
		if err := Check(before, o); err != nil {
			fmt.Fprintln(os.Stderr, err)
			code = 1
		}
	}
	os.Exit(code)
}

// creators are the functions whose goroutines belong to the runtime, the
// standard library's lazily started services or the test framework.
var creators = []string{
	"created by runtime.",
	"created by testing.",
	"created by internal/fuzz.",
	"created by os/signal.",
	"created by unique.",
	"created by internal/sync.",
}

func ignored(stack string) bool {
	for _, c := range creators {
		if strings.Contains(stack, c) {
			return true
		}
	}
	return false
}

type goroutine struct {
	id    uint64
	stack string
}

// goroutines returns every goroutine's stack, the caller's first.
func goroutines() []goroutine {
	buf := make([]byte, 1<<16)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			buf = buf[:n]
			break
		}
		buf = make([]byte, 2*len(buf))
	}
	var out []goroutine
	for _, g := range bytes.Split(buf, []byte("\n\n")) {
		rest, ok := bytes.CutPrefix(g, []byte("goroutine "))
		if !ok {
			continue
		}
		num, _, _ := bytes.Cut(rest, []byte(" "))
		id, err := strconv.ParseUint(string(num), 10, 64)
		if err != nil {
			continue
		}
		out = append(out, goroutine{id: id, stack: string(g)})
	}
	return out
}
