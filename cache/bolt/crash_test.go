//go:build !js

package bolt

import (
	"bufio"
	"context"
	"encoding/binary"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gloamdev/gloam/cache"
	"github.com/gloamdev/gloam/model"
	"github.com/matryer/is"
	bbolt "go.etcd.io/bbolt"
)

// The crash test runs a child process (this test binary, re-executed) that
// applies numbered Updates to a cache file, each a deterministic function
// of its number, and reports on stdout every number it knows to be on
// disk. The parent kills it with SIGKILL mid-stream, reopens the file and
// checks that it is consistent, holds a whole prefix of the Updates, and
// holds at least every Update reported.

const crashEnv = "GLOAM_BOLT_CRASH_CHILD"

const perGuild = 50

func crashGuild(i uint64) uint64 { return i/perGuild + 1 }

// crashUpdate is Update number i (from 1): a user and a member, the
// deletion of one user in seven, of a whole guild's members once a guild
// is full, and the session and a blob set to i.
func crashUpdate(i uint64) func(cache.Tx) error {
	return func(tx cache.Tx) error {
		name := fmt.Sprintf("user%d-%s", i, strings.Repeat("x", int(i%200)))
		tx.Put(cache.Key{Kind: cache.KindUser, ID: i}, &cache.User{ID: model.UserID(i), Username: name, Guilds: 1})
		g := crashGuild(i)
		tx.Put(cache.Key{Kind: cache.KindMember, Parent: g, ID: i}, &cache.Member{GuildID: model.GuildID(g), UserID: model.UserID(i), Nick: name})
		if i%7 == 0 {
			tx.Delete(cache.Key{Kind: cache.KindUser, ID: i - 1})
		}
		if i%perGuild == perGuild-1 && g > 1 {
			tx.DeleteAll(cache.KindMember, g-1)
		}
		tx.SetSession(0, model.Session{ID: "s", Seq: int64(i), ResumeURL: "wss://r"})
		tx.SetBlob("n", binary.BigEndian.AppendUint64(nil, i))
		return nil
	}
}

// crashChild applies Updates until it is killed, flushing every few and
// printing "durable N" once Updates 1...N are on disk.
func crashChild(path string) {
	b, err := Open(path, &Options{FlushInterval: 3 * time.Millisecond})
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	w := bufio.NewWriter(os.Stdout)
	start := uint64(1)
	if v := b.Blob("n"); len(v) == 8 {
		start = binary.BigEndian.Uint64(v) + 1 // go on where the file stands
	}
	for i := start; ; i++ {
		if err := b.Update(crashUpdate(i)); err != nil {
			fmt.Fprintln(w, "error", err)
			w.Flush()
			os.Exit(1)
		}
		if i%200 == 0 {
			if err := b.Flush(context.Background()); err != nil {
				fmt.Fprintln(w, "error", err)
				w.Flush()
				os.Exit(1)
			}
			fmt.Fprintln(w, "durable", i)
			w.Flush()
		}
	}
}

func TestCrash(t *testing.T) {
	if path := os.Getenv(crashEnv); path != "" {
		crashChild(path)
		return
	}
	if testing.Short() {
		t.Skip("runs a child process")
	}
	path := tempPath(t)
	for round := range 3 {
		is := is.New(t)
		durable := runAndKill(t, path, 10+10*round, time.Duration(round)*4*time.Millisecond)
		b, err := Open(path, &Options{NoSync: true})
		is.NoErr(err) // the file opens after kill -9
		is.NoErr(bboltCheck(b))
		n := binary.BigEndian.Uint64(b.Blob("n"))
		t.Logf("round %d: %d reported durable, %d in the file", round, durable, n)
		is.True(n >= durable) // every reported Update is there
		checkPrefix(t, b, n)
		is.NoErr(b.Close())
	}
}

// runAndKill runs the child on path until it has reported `reports`
// durable points and then delay more, kills it, and returns the last
// number reported.
func runAndKill(t *testing.T, path string, reports int, delay time.Duration) uint64 {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrash$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashEnv+"="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	liveness := time.AfterFunc(time.Minute, func() { cmd.Process.Kill() })
	defer func() {
		liveness.Stop()
		cmd.Process.Kill()
		cmd.Wait()
	}()
	sc := bufio.NewScanner(out)
	var last uint64
	seen := 0
	killed := false
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "error") {
			t.Fatalf("child: %s", line)
		}
		n, ok := strings.CutPrefix(line, "durable ")
		if !ok {
			continue
		}
		v, err := strconv.ParseUint(n, 10, 64)
		if err != nil {
			t.Fatalf("child: %q", line)
		}
		last = v
		if seen++; seen == reports && !killed {
			// Mid-stream: the child is between a flush and the next, or
			// inside a write.
			go func() {
				time.Sleep(delay)
				cmd.Process.Signal(os.Kill)
			}()
			killed = true
		}
	}
	if !killed {
		t.Fatalf("the child stopped after %d reports", seen)
	}
	return last
}

// bboltCheck runs bbolt's consistency check over the whole file.
func bboltCheck(b *Backend) error {
	return b.db.View(func(tx *bbolt.Tx) error {
		for err := range tx.Check() {
			return err
		}
		return nil
	})
}

// checkPrefix checks that b holds exactly the state after Updates 1...n.
func checkPrefix(t *testing.T, b *Backend, n uint64) {
	t.Helper()
	users, members := 0, 0
	for i := uint64(1); i <= n; i++ {
		var u cache.User
		deleted := (i+1)%7 == 0 && i+1 <= n
		if b.Get(cache.Key{Kind: cache.KindUser, ID: i}, &u) == deleted {
			t.Fatalf("after %d: user %d there: %t", n, i, !deleted)
		}
		if !deleted {
			users++
			if !strings.HasPrefix(u.Username, fmt.Sprintf("user%d-", i)) {
				t.Fatalf("user %d: %q", i, u.Username)
			}
		}
		g := crashGuild(i)
		cleared := perGuild*g+perGuild-1 <= n
		var m cache.Member
		if b.Get(cache.Key{Kind: cache.KindMember, Parent: g, ID: i}, &m) == cleared {
			t.Fatalf("after %d: member %d of %d there: %t", n, i, g, !cleared)
		}
		if !cleared {
			members++
		}
	}
	if b.Count(cache.KindUser, 0) != users || b.Count(cache.KindMember, 0) != members {
		t.Fatalf("after %d: %d users, %d members; want %d, %d", n, b.Count(cache.KindUser, 0),
			b.Count(cache.KindMember, 0), users, members)
	}
	s, ok := b.Session(0)
	if !ok || s.Seq != int64(n) {
		t.Fatalf("after %d: session %+v", n, s)
	}
}
