//go:build !js

package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/gloamdev/gloam/cache"
	"github.com/gloamdev/gloam/cache/bolt"
	"github.com/gloamdev/gloam/discordtest"
	"github.com/gloamdev/gloam/model"
	"github.com/matryer/is"
)

// syncBuffer is a bytes.Buffer safe for a writer and a reader at once.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// runWith starts gloam run against srv as with a real token, its cache in
// memory, a progress line every 100 ms and no dashboard, then args. stop
// ends it and returns its error; the test's end stops it too.
func runWith(t *testing.T, srv *discordtest.Server, args ...string) (out, errs *syncBuffer, stop func() error) {
	t.Setenv("DISCORD_TOKEN", srv.Token())
	t.Setenv("DISCORD_API_URL", srv.URL())
	ctx, cancel := context.WithCancel(context.Background())
	out, errs = new(syncBuffer), new(syncBuffer)
	done := make(chan error, 1)
	go func() {
		done <- cmdRun(ctx, append([]string{"-cache", "memory", "-progress", "100ms", "-dashboard", "off"}, args...), out, errs)
	}()
	var once sync.Once
	var err error
	stop = func() error {
		once.Do(func() { cancel(); err = <-done })
		return err
	}
	t.Cleanup(func() { stop() })
	return out, errs, stop
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
	buildOut  []byte
)

// binary builds the command once for the tests that run it as a process.
func binary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "gloam-test-")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "gloam")
		goTool := filepath.Join(runtime.GOROOT(), "bin", "go")
		if _, err := os.Stat(goTool); err != nil {
			goTool = "go"
		}
		cmd := exec.Command(goTool, "build", "-o", binPath, ".")
		buildOut, buildErr = cmd.CombinedOutput()
	})
	if buildErr != nil {
		t.Fatalf("go build: %v\n%s", buildErr, buildOut)
	}
	return binPath
}

func TestMain(m *testing.M) {
	code := m.Run()
	if binPath != "" {
		os.RemoveAll(filepath.Dir(binPath))
	}
	os.Exit(code)
}

// process is a running gloam.
type process struct {
	cmd    *exec.Cmd
	stdout *syncBuffer
	stderr *syncBuffer
	done   chan struct{}
}

func start(t *testing.T, bin string, env []string, args ...string) *process {
	t.Helper()
	p := &process{cmd: exec.Command(bin, args...), stdout: &syncBuffer{}, stderr: &syncBuffer{}, done: make(chan struct{})}
	p.cmd.Env = append(os.Environ(), env...)
	out, err := p.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	p.cmd.Stderr = p.stderr
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		defer close(p.done)
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			p.stdout.Write(append(sc.Bytes(), '\n'))
		}
	}()
	t.Cleanup(func() {
		if p.cmd.ProcessState == nil {
			p.cmd.Process.Kill()
			p.cmd.Wait()
		}
	})
	return p
}

// wait waits for the process to end and returns its exit code.
func (p *process) wait() int {
	<-p.done
	p.cmd.Wait()
	return p.cmd.ProcessState.ExitCode()
}

type target struct {
	channel model.ChannelID
	user    model.UserID
}

func targets(w *discordtest.World) []target {
	var out []target
	for _, g := range w.Guilds() {
		var tg target
		for _, c := range g.Channels {
			if c.Type == model.ChannelGuildText {
				tg.channel = c.ID
				break
			}
		}
		for _, m := range g.Members {
			if !m.User.Bot {
				tg.user = m.User.ID
				break
			}
		}
		if tg.channel != 0 && tg.user != 0 {
			out = append(out, tg)
		}
	}
	return out
}

// replies counts the bot's "Pong!" replies to each message.
func replies(srv *discordtest.Server, ts []target) map[model.MessageID]int {
	out := map[model.MessageID]int{}
	bot := srv.World().Bot().ID
	for _, tg := range ts {
		for _, m := range srv.Messages(tg.channel) {
			if m.Author.ID == bot && m.MessageReference != nil && m.Content == "Pong!" {
				out[m.MessageReference.MessageID]++
			}
		}
	}
	return out
}

func answered(srv *discordtest.Server, ts []target, pings []model.MessageID) func() bool {
	return func() bool {
		r := replies(srv, ts)
		for _, id := range pings {
			if r[id] == 0 {
				return false
			}
		}
		return true
	}
}

// fileState is what a bolt cache file holds, read with the process gone.
func fileState(t *testing.T, path string) (cache.Stats, []model.Session) {
	t.Helper()
	b, err := bolt.Open(path, nil)
	if err != nil {
		t.Fatalf("open the cache file: %v", err)
	}
	defer b.Close()
	c := cache.New(b, nil)
	var ss []model.Session
	for id := range 4 {
		s, _ := c.Session(id)
		ss = append(ss, s)
	}
	return c.Stats(), ss
}

func TestKillAndRestartResumes(t *testing.T) {
	is := is.New(t)
	bin := binary(t)
	srv := discordtest.NewServer(&discordtest.Options{
		Shards: 4, MaxConcurrency: 4, Guilds: 8, MembersPerGuild: 5,
		HeartbeatInterval: 2 * time.Second,
	})
	defer srv.Close()
	db := filepath.Join(t.TempDir(), "bot.db")
	env := []string{"DISCORD_TOKEN=" + srv.Token(), "DISCORD_API_URL=" + srv.URL()}
	args := []string{"run", "-cache", "bolt:" + db, "-progress", "200ms", "-dashboard", "off"}
	ts := targets(srv.World())

	p := start(t, bin, env, args...)
	waitFor(t, "4 shards connected", func() bool { return strings.Contains(p.stdout.String(), "shards 4/4 connected · 8 guilds") })
	var pings []model.MessageID
	for _, tg := range ts {
		id, err := srv.SendMessage(tg.channel, tg.user, "!ping")
		is.NoErr(err) // send a ping
		pings = append(pings, id)
	}
	waitFor(t, "pings answered", answered(srv, ts, pings))
	time.Sleep(time.Second) // more than the cache's group commit interval
	is.NoErr(p.cmd.Process.Kill())
	p.wait()
	is.Equal(srv.Stats().Gateway.Identifies, 4) // one identify per shard

	before, sessions := fileState(t, db)
	is.Equal(before.Guilds, 8) // the file holds the guilds
	for id, s := range sessions {
		if s.ID == "" {
			t.Fatalf("no session stored for shard %d", id)
		}
	}

	// Pings while the bot is down.
	var down []model.MessageID
	for _, tg := range ts {
		id, err := srv.SendMessage(tg.channel, tg.user, "!ping")
		is.NoErr(err)
		down = append(down, id)
	}

	p = start(t, bin, env, args...)
	waitFor(t, "pings sent while down answered", answered(srv, ts, down))
	waitFor(t, "4 shards connected again", func() bool { return strings.Contains(p.stdout.String(), "shards 4/4 connected") })
	st := srv.Stats().Gateway
	is.Equal(st.Identifies, 4) // no new identify
	is.True(st.Resumes >= 4)   // every shard resumed
	is.NoErr(p.cmd.Process.Signal(syscall.SIGTERM))
	is.Equal(p.wait(), 0) // a clean exit on SIGTERM
	is.True(strings.Contains(p.stdout.String(), "gloam: stopped"))

	r := replies(srv, ts)
	for _, id := range append(pings, down...) {
		is.Equal(r[id], 1) // every ping answered once
	}
	after, _ := fileState(t, db)
	is.Equal(after.Guilds, before.Guilds)   // the cache holds what it held
	is.Equal(after.Members, before.Members) // members too
	is.True(after.Messages >= before.Messages)

	// gloam cache stats reads the file.
	out, err := exec.Command(bin, "cache", "stats", db).CombinedOutput()
	is.NoErr(err) // gloam cache stats
	is.True(strings.Contains(string(out), "shard 3: session"))
	is.True(strings.Contains(string(out), "guilds        8"))
}

// runIn runs the command in this process.
func runIn(args ...string) (code int, stdout, stderr string) {
	var o, e syncBuffer
	code = run(args, &o, &e)
	return code, o.String(), e.String()
}

func TestRunEmbeddedFake(t *testing.T) {
	is := is.New(t)
	t.Setenv("DISCORD_TOKEN", "")
	t.Setenv("DISCORD_API_URL", "")
	code, out, errs := runIn("run", "-cache", "memory", "-for", "5s", "-progress", "300ms", "-fake-ping", "200ms",
		"-fake-guilds", "4", "-fake-members", "10", "-dashboard", "off")
	is.Equal(code, 0) // gloam run -for ends cleanly
	t.Log(out, errs)
	is.True(strings.Contains(out, "embedded fake Discord"))
	is.True(strings.Contains(out, "shards 4/4 connected · 4 guilds"))
	is.True(!strings.Contains(out, " 0 pings answered\ngloam: stopped")) // the pings were answered
	is.True(strings.Contains(out, "gloam: stopped"))
}

func TestRunBadToken(t *testing.T) {
	is := is.New(t)
	srv := discordtest.NewServer(nil)
	defer srv.Close()
	t.Setenv("DISCORD_TOKEN", "wrong")
	t.Setenv("DISCORD_API_URL", srv.URL())
	code, _, errs := runIn("run", "-cache", "memory", "-for", "20s", "-dashboard", "off")
	is.Equal(code, 1) // a failure
	is.True(strings.Contains(errs, "token was rejected"))
	is.True(strings.Contains(errs, "check DISCORD_TOKEN"))
	is.True(!strings.Contains(errs, "wrong")) // the token is never printed
}

func TestUsage(t *testing.T) {
	is := is.New(t)
	code, _, errs := runIn()
	is.Equal(code, 2)
	is.True(strings.Contains(errs, "usage: gloam"))
	code, _, errs = runIn("dance")
	is.Equal(code, 2)
	is.True(strings.Contains(errs, `unknown command "dance"`))
	code, _, _ = runIn("run", "-cache", "floppy")
	is.Equal(code, 2) // a bad -cache
	code, _, _ = runIn("run", "-nope")
	is.Equal(code, 2) // an unknown flag
	code, _, _ = runIn("cache", "stats")
	is.Equal(code, 2) // no path
	code, out, _ := runIn("help")
	is.Equal(code, 0)
	is.True(strings.Contains(out, "cache stats PATH"))
}

func TestCacheStatsErrors(t *testing.T) {
	is := is.New(t)
	dir := t.TempDir()
	code, _, errs := runIn("cache", "stats", filepath.Join(dir, "missing.db"))
	is.Equal(code, 1)
	is.True(strings.Contains(errs, "no such file"))
	_, err := os.Stat(filepath.Join(dir, "missing.db"))
	is.True(os.IsNotExist(err)) // not created

	junk := filepath.Join(dir, "junk.db")
	is.NoErr(os.WriteFile(junk, bytes.Repeat([]byte("not a cache "), 2000), 0o600))
	code, _, errs = runIn("cache", "stats", junk)
	is.Equal(code, 1)
	is.True(strings.Contains(errs, "not a gloam cache file"))

	code, _, errs = runIn("cache", "stats", dir)
	is.Equal(code, 1)
	is.True(strings.Contains(errs, "is a directory"))
}

// TestCacheStatsReadOnly leaves the file as it was: an empty file stays
// empty (no 4 MB bbolt file made of it), a cache file keeps every byte and
// its modification time.
func TestCacheStatsReadOnly(t *testing.T) {
	is := is.New(t)
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.db")
	is.NoErr(os.WriteFile(empty, nil, 0o600))
	code, out, errs := runIn("cache", "stats", empty)
	is.Equal(code, 0) // an empty file is an empty cache
	t.Log(out, errs)
	fi, err := os.Stat(empty)
	is.NoErr(err)
	is.Equal(fi.Size(), int64(0)) // still empty

	db := filepath.Join(dir, "bot.db")
	b, err := bolt.Open(db, nil)
	is.NoErr(err)
	c := cache.New(b, nil)
	apply := func(payload string) {
		ev, err := model.ParseEventString(payload)
		is.NoErr(err)
		is.NoErr(c.Apply(0, ev))
	}
	apply(`{"op":0,"s":1,"t":"GUILD_CREATE","d":{"id":"4194304","name":"g","member_count":1,"roles":[{"id":"4194304","name":"@everyone","permissions":"1024"}]}}`)
	is.NoErr(b.Close())
	old := time.Now().Add(-time.Hour).Truncate(time.Second)
	is.NoErr(os.Chtimes(db, old, old))
	before, err := os.ReadFile(db)
	is.NoErr(err)
	code, out, _ = runIn("cache", "stats", db)
	is.Equal(code, 0)
	is.True(strings.Contains(out, "guilds        1")) // the stats
	after, err := os.ReadFile(db)
	is.NoErr(err)
	is.True(bytes.Equal(before, after)) // every byte as it was
	fi, err = os.Stat(db)
	is.NoErr(err)
	is.True(fi.ModTime().Equal(old)) // and never written
}

func TestFake(t *testing.T) {
	is := is.New(t)
	ctx, cancel := context.WithCancel(context.Background())
	var out, errs syncBuffer
	done := make(chan error, 1)
	go func() { done <- cmdFake(ctx, []string{"-shards", "2", "-token", "tok"}, &out, &errs) }()
	waitFor(t, "the fake's URLs", func() bool { return strings.Contains(out.String(), "token    tok") })
	var rest string
	for _, l := range strings.Split(out.String(), "\n") {
		if after, ok := strings.CutPrefix(l, "REST     "); ok {
			rest = after
		}
	}
	is.True(strings.HasPrefix(rest, "http://127.0.0.1:"))
	res, err := http.Get(rest + "/gateway")
	is.NoErr(err) // the fake answers
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	is.Equal(res.StatusCode, 200)
	cancel()
	is.NoErr(<-done)
	is.True(strings.Contains(out.String(), "fake: stopped"))
}
