package leaktest_test

import (
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/gloamdev/gloam/internal/leaktest"
	"github.com/matryer/is"
)

// leakEnv makes the test binary run TestLeakFailsTheBinary's leaking test.
const leakEnv = "GLOAM_LEAKTEST_LEAK"

func TestMain(m *testing.M) {
	if os.Getenv(leakEnv) != "" {
		leaktest.Main(m, &leaktest.Options{Wait: 100 * time.Millisecond})
	}
	leaktest.Main(m, nil)
}

// TestLeaking leaks a goroutine when run by TestLeakFailsTheBinary.
func TestLeaking(t *testing.T) {
	if os.Getenv(leakEnv) == "" {
		t.Skip("run by TestLeakFailsTheBinary")
	}
	goBlock(make(chan struct{}))
}

func TestLeakFailsTheBinary(t *testing.T) {
	is := is.New(t)
	cmd := exec.Command(os.Args[0], "-test.run=^TestLeaking$")
	cmd.Env = append(os.Environ(), leakEnv+"=1")
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	is.True(errors.As(err, &exit))                                     // the binary fails
	is.Equal(exit.ExitCode(), 1)                                       // with status 1
	is.True(strings.Contains(string(out), "leaktest_test.blockUntil")) // and prints the leaked stack
	is.True(strings.Contains(string(out), "PASS"))                     // although the test itself passed
}

// goBlock starts a goroutine that blocks in blockUntil until done is
// closed, and returns once it runs: a goroutine that has not started yet
// shows only its wrapper in a stack dump, not blockUntil.
func goBlock(done <-chan struct{}) {
	started := make(chan struct{})
	go blockUntil(started, done)
	<-started
}

//go:noinline
func blockUntil(started chan<- struct{}, done <-chan struct{}) {
	close(started)
	<-done
}

func TestCheckReportsALeak(t *testing.T) {
	is := is.New(t)
	before := leaktest.Take()
	done := make(chan struct{})
	goBlock(done)
	err := leaktest.Check(before, &leaktest.Options{Wait: 200 * time.Millisecond})
	var leak *leaktest.LeakError
	is.True(errors.As(err, &leak))                                        // a blocked goroutine is a leak
	is.Equal(len(leak.Stacks), 1)                                         // only the goroutine started after the snapshot
	is.True(strings.Contains(leak.Stacks[0], "leaktest_test.blockUntil")) // its stack is reported
	is.True(strings.Contains(err.Error(), "leaktest_test.blockUntil"))    // and printed
	close(done)
	is.NoErr(leaktest.Check(before, &leaktest.Options{Wait: 5 * time.Second})) // once it ends, nothing is left
}

func TestCheckWaitsForEndingGoroutines(t *testing.T) {
	is := is.New(t)
	before := leaktest.Take()
	done := make(chan struct{})
	goBlock(done)
	time.AfterFunc(100*time.Millisecond, func() { close(done) })
	is.NoErr(leaktest.Check(before, &leaktest.Options{Wait: 10 * time.Second})) // a goroutine that ends within the wait is no leak
}

func TestCheckIgnoresOlderGoroutines(t *testing.T) {
	is := is.New(t)
	done := make(chan struct{})
	defer close(done)
	goBlock(done)
	time.Sleep(10 * time.Millisecond)
	is.NoErr(leaktest.Check(leaktest.Take(), &leaktest.Options{Wait: 100 * time.Millisecond})) // goroutines alive at the snapshot are not counted
}

func TestOnlyNarrowsTheCheck(t *testing.T) {
	is := is.New(t)
	before := leaktest.Take()
	done := make(chan struct{})
	defer close(done)
	goBlock(done)
	err := leaktest.Check(before, &leaktest.Options{
		Wait: 100 * time.Millisecond,
		Only: func(stack string) bool { return strings.Contains(stack, "gloam/discordtest") },
	})
	is.NoErr(err) // goroutines Only rejects are not counted
	err = leaktest.Check(before, &leaktest.Options{
		Wait: 100 * time.Millisecond,
		Only: func(stack string) bool { return strings.Contains(stack, "blockUntil") },
	})
	is.True(err != nil) // goroutines Only accepts are
}
