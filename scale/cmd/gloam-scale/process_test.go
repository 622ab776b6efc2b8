package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/gloamdev/gloam/discordtest"
	"github.com/gloamdev/gloam/internal/leaktest"
	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/scale"
	"github.com/matryer/is"
	"github.com/nats-io/nats.go/jetstream"
)

// bin is the gloam-scale command, built once for the tests.
var bin string

// TestMain builds the command, runs the tests and fails the run when they
// leave goroutines behind.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "gloam-scale-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	bin = filepath.Join(dir, "gloam-scale")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "go build: %v\n%s", err, out)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	before := leaktest.Take()
	code := m.Run()
	if code == 0 {
		if err := leaktest.Check(before, &leaktest.Options{Wait: 20 * time.Second}); err != nil {
			fmt.Fprintln(os.Stderr, err)
			code = 1
		}
	}
	os.RemoveAll(dir)
	os.Exit(code)
}

const (
	shards   = 16
	leaseTTL = 2 * time.Second
	ackWait  = 2 * time.Second
	idWindow = 250 * time.Millisecond // the fake's identify window
	// queueWindow is the identify queue's: a shard identifies when both its
	// slot has come and Hello has arrived, so a slot can be used late by
	// the time a connection takes; on two busy cores that is more than the
	// queue's margin of a twentieth of the window.
	queueWindow = 400 * time.Millisecond
	pingEvery   = 40 * time.Millisecond
)

// proc is one gloam-scale process.
type proc struct {
	name  string
	cmd   *exec.Cmd
	first chan string // the first line it prints
	log   string      // its stderr, in a file
	done  chan struct{}
}

// start runs gloam-scale with args, stopped (SIGTERM, then SIGKILL) when
// the test ends.
func start(t *testing.T, env *topology, name string, args ...string) *proc {
	t.Helper()
	p := &proc{name: name, first: make(chan string, 1), log: filepath.Join(env.dir, name+".log"), done: make(chan struct{})}
	logf, err := os.Create(p.log)
	if err != nil {
		t.Fatal(err)
	}
	p.cmd = exec.Command(bin, args...)
	p.cmd.Env = append(os.Environ(), "DISCORD_TOKEN="+env.srv.Token())
	p.cmd.Stderr = logf
	out, err := p.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			select {
			case p.first <- sc.Text():
			default:
			}
		}
		io.Copy(io.Discard, out)
		p.cmd.Wait()
		logf.Close()
		close(p.done)
	}()
	t.Cleanup(func() {
		p.cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-p.done:
		case <-time.After(10 * time.Second):
			p.cmd.Process.Kill()
			<-p.done
		}
		if t.Failed() {
			data, _ := os.ReadFile(p.log)
			lines := strings.Split(strings.TrimSpace(string(data)), "\n")
			t.Logf("%s log (last lines):\n%s", p.name, strings.Join(lines[max(0, len(lines)-40):], "\n"))
		}
	})
	return p
}

// line waits for the first line the process prints.
func (p *proc) line(t *testing.T) string {
	t.Helper()
	select {
	case l := <-p.first:
		return l
	case <-p.done:
		t.Fatalf("%s exited", p.name)
	case <-time.After(30 * time.Second):
		t.Fatalf("%s printed nothing", p.name)
	}
	return ""
}

// kill kills the process with SIGKILL, as a crash would.
func (p *proc) kill(t *testing.T) {
	t.Helper()
	if err := p.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	<-p.done
}

// topology is a fake Discord, a NATS server and the bot's processes.
type topology struct {
	dir      string
	srv      *discordtest.Server
	nats     *scale.Server
	natsAddr string
	proxy    string
	gateways []*proc
	workers  []*proc
	leases   jetstream.KeyValue
}

func newTopology(t *testing.T, gateways, workers int, faults discordtest.FaultOptions) *topology {
	t.Helper()
	env := &topology{dir: t.TempDir()}
	env.srv = discordtest.NewServer(&discordtest.Options{
		Shards: shards, Guilds: shards, MaxConcurrency: 4, IdentifyWindow: idWindow, Faults: faults,
		HeartbeatInterval: time.Second, // a zombie connection is found within seconds
		REST: discordtest.RESTOptions{RateLimits: map[string]discordtest.RateLimit{
			"POST /channels/{channel_id}/messages": {Limit: 20, Window: time.Second},
		}},
	})
	t.Cleanup(env.srv.Close)
	env.startNATS(t, "")
	t.Cleanup(func() { env.nats.Close() })

	px := start(t, env, "proxy", "proxy", "-listen", "127.0.0.1:0", "-api", env.srv.URL())
	f := strings.Fields(px.line(t)) // proxy URL -> API
	env.proxy = f[1]
	for i := range gateways {
		env.addGateway(t, i)
	}
	for i := range workers {
		w := start(t, env, "worker"+strconv.Itoa(i), "worker", "-nats", env.nats.URL(), "-api", env.proxy, "-proxied",
			"-ack-wait", ackWait.String())
		w.line(t)
		env.workers = append(env.workers, w)
	}

	nc, err := scale.Connect(env.nats.URL(), "test")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(nc.Close)
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	eventually(t, 20*time.Second, "the lease bucket exists", func() bool {
		env.leases, err = js.KeyValue(context.Background(), "gloam_leases")
		return err == nil
	})
	return env
}

func (env *topology) startNATS(t *testing.T, addr string) {
	t.Helper()
	srv, err := scale.StartServer(filepath.Join(env.dir, "nats"), &scale.ServerOptions{Addr: addr})
	if err != nil {
		t.Fatal(err)
	}
	env.nats = srv
	env.natsAddr = strings.TrimPrefix(srv.URL(), "nats://")
}

func (env *topology) addGateway(t *testing.T, i int) {
	g := start(t, env, "gateway"+strconv.Itoa(i), "gateway", "-nats", env.nats.URL(), "-api", env.proxy, "-proxied",
		"-id", "g"+strconv.Itoa(i), "-shards", strconv.Itoa(shards), "-partitions", "8",
		"-lease", leaseTTL.String(), "-identify-window", queueWindow.String(), "-backoff", "100ms")
	g.line(t)
	env.gateways = append(env.gateways, g)
}

// owners returns the holder of each shard's lease.
func (env *topology) owners() map[int]string {
	out := map[int]string{}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	keys, err := env.leases.ListKeysFiltered(ctx, "shard.>")
	if err != nil {
		return out
	}
	for k := range keys.Keys() {
		e, err := env.leases.Get(ctx, k)
		if err != nil {
			continue
		}
		id, _ := strconv.Atoi(strings.TrimPrefix(k, "shard."))
		out[id] = string(e.Value())
	}
	return out
}

// connected reports whether every shard has a connected session, and
// lists the session ids by shard.
func (env *topology) connected() (bool, map[int]string) {
	ids := map[int]string{}
	n := 0
	for _, s := range env.srv.Sessions() {
		if s.Connected {
			ids[s.Shard[0]] = s.ID
			n++
		}
	}
	return n == shards && len(ids) == shards, ids
}

// spread waits until every shard is connected and leased, with each of
// the given processes holding some.
func (env *topology) spread(t *testing.T, procs ...string) map[int]string {
	t.Helper()
	var owners map[int]string
	eventually(t, 30*time.Second, "the shards spread over "+strings.Join(procs, ", "), func() bool {
		owners = env.owners()
		ok, _ := env.connected()
		if !ok || len(owners) != shards {
			return false
		}
		per := map[string]int{}
		for _, o := range owners {
			per[o]++
		}
		for _, p := range procs {
			if per[p] < shards/len(procs)-1 {
				return false
			}
		}
		return len(per) == len(procs)
	})
	return owners
}

// stream sends a mix of events to every shard, with faults by chance,
// until the returned function is called.
func (env *topology) stream(t *testing.T) (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for id := range shards {
		wg.Go(func() {
			for ctx.Err() == nil {
				if _, err := env.srv.Stream(ctx, id, 20, 40); err != nil && ctx.Err() == nil {
					time.Sleep(50 * time.Millisecond) // the shard is moving
				}
			}
		})
	}
	var once sync.Once
	stop = func() { once.Do(func() { cancel(); wg.Wait() }) }
	t.Cleanup(stop)
	return stop
}

// pinger makes users say !ping in every guild's channel, and checks the
// answers.
type pinger struct {
	env   *topology
	chans []model.ChannelID
	users []model.UserID

	mu   sync.Mutex
	sent map[model.ChannelID][]model.MessageID
	stop chan struct{}
	done chan struct{}
}

func (env *topology) ping(t *testing.T) *pinger {
	p := &pinger{env: env, sent: map[model.ChannelID][]model.MessageID{}, stop: make(chan struct{}), done: make(chan struct{})}
	for _, g := range env.srv.World().Guilds() {
		for _, c := range g.Channels {
			if c.Type == model.ChannelGuildText {
				p.chans = append(p.chans, c.ID)
				p.users = append(p.users, g.Members[1].User.ID)
				break
			}
		}
	}
	go func() {
		defer close(p.done)
		tick := time.NewTicker(pingEvery)
		defer tick.Stop()
		for i := 0; ; i++ {
			select {
			case <-p.stop:
				return
			case <-tick.C:
			}
			k := i % len(p.chans)
			id, err := env.srv.SendMessage(p.chans[k], p.users[k], "!ping")
			if err != nil {
				t.Errorf("send !ping: %v", err)
				return
			}
			p.mu.Lock()
			p.sent[p.chans[k]] = append(p.sent[p.chans[k]], id)
			p.mu.Unlock()
		}
	}()
	t.Cleanup(p.end)
	return p
}

func (p *pinger) end() {
	select {
	case <-p.stop:
	default:
		close(p.stop)
	}
	<-p.done
}

// check stops the pings and waits until every one is answered, then
// checks that none is answered twice.
func (p *pinger) check(t *testing.T) (pings int) {
	t.Helper()
	is := is.New(t)
	p.end()
	answers := func() (answered, twice int) {
		for _, ch := range p.chans {
			count := map[string]int{}
			for _, m := range p.env.srv.Messages(ch) {
				if id, ok := strings.CutPrefix(m.Content, "Pong! "); ok {
					count[id]++
				}
			}
			for _, id := range p.sent[ch] {
				if n := count[id.String()]; n > 0 {
					answered++
					if n > 1 {
						twice++
					}
				}
			}
		}
		return answered, twice
	}
	total := 0
	for _, ids := range p.sent {
		total += len(ids)
	}
	eventually(t, 30*time.Second, "every !ping answered", func() bool {
		a, _ := answers()
		return a == total
	})
	time.Sleep(ackWait + 500*time.Millisecond) // a redelivered event would be answered by now
	a, twice := answers()
	is.Equal(a, total) // every !ping answered
	is.Equal(twice, 0) // none answered twice
	return total
}

func eventually(t *testing.T, d time.Duration, what string, cond func() bool) {
	t.Helper()
	if !waitFor(t, d, what, cond) {
		t.FailNow()
	}
}

// waitFor is eventually without stopping the test.
func waitFor(t *testing.T, d time.Duration, what string, cond func() bool) bool {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Errorf("after %s: %s", d, what)
			return false
		}
		time.Sleep(25 * time.Millisecond)
	}
	return true
}

// TestKillGateway kills a gateway process mid-stream: its shards resume in
// the other two within twice the lease TTL, nothing is identified again,
// and every !ping is answered once.
func TestKillGateway(t *testing.T) {
	is := is.New(t)
	env := newTopology(t, 3, 2, discordtest.FaultOptions{Reconnect: 0.0005, Drop: 0.0005, InvalidSession: 0.0005, Zombie: 0.0002})
	owners := env.spread(t, "g0", "g1", "g2")
	identifies := env.srv.Stats().Gateway.Identifies
	is.Equal(identifies, shards) // one identify per shard

	stopStream := env.stream(t)
	p := env.ping(t)
	time.Sleep(time.Second)
	var victims []int
	for id, o := range owners {
		if o == "g1" {
			victims = append(victims, id)
		}
	}
	_, before := env.connected()
	env.gateways[1].kill(t)
	killed := time.Now()
	waitFor(t, 4*leaseTTL, "the killed process's shards resumed elsewhere", func() bool {
		ok, ids := env.connected()
		if !ok {
			return false
		}
		o := env.owners()
		for _, id := range victims {
			if o[id] == "" || o[id] == "g1" || ids[id] != before[id] {
				return false
			}
		}
		return true
	})
	took := time.Since(killed)
	if t.Failed() {
		ok, ids := env.connected()
		t.Logf("connected %v %v before %v owners %v", ok, ids, before, env.owners())
	}
	t.Logf("%d shards of the killed process resumed in %s", len(victims), took.Round(time.Millisecond))
	is.True(took <= 2*leaseTTL) // within twice the lease TTL
	time.Sleep(time.Second)
	stopStream()
	n := p.check(t)
	st := env.srv.Stats().Gateway
	is.Equal(st.CommandRateViolations, 0)         // no gateway rate violation
	is.Equal(st.Identifies, identifies)           // resumed, never identified again
	is.Equal(st.IdentifyConcurrencyViolations, 0) // the shared identify queue
	is.Equal(env.srv.Stats().REST.RateLimited, 0) // the proxy kept the limits
	t.Logf("%d pings answered once each; %d connections, %d resumes, %d replayed dispatches", n, st.Connections, st.Resumes, st.Replayed)
}

// TestKillWorker kills a worker mid-stream: its unacknowledged events go
// to the other, and every !ping is answered once.
func TestKillWorker(t *testing.T) {
	is := is.New(t)
	env := newTopology(t, 2, 2, discordtest.FaultOptions{})
	env.spread(t, "g0", "g1")
	p := env.ping(t)
	time.Sleep(1500 * time.Millisecond)
	env.workers[0].kill(t)
	time.Sleep(ackWait + time.Second)
	n := p.check(t)
	is.Equal(env.srv.Stats().Gateway.IdentifyConcurrencyViolations, 0)
	t.Logf("%d pings answered once each", n)
}

// TestRestartNATS stops the NATS server mid-stream and starts it again on
// the same files: the processes reconnect by themselves, nothing
// acknowledged is lost, no shard identifies again, and every !ping is
// answered once.
func TestRestartNATS(t *testing.T) {
	is := is.New(t)
	env := newTopology(t, 2, 2, discordtest.FaultOptions{})
	env.spread(t, "g0", "g1")
	identifies := env.srv.Stats().Gateway.Identifies
	p := env.ping(t)
	time.Sleep(time.Second)
	env.nats.Close()
	time.Sleep(500 * time.Millisecond) // pings go on while NATS is away
	env.startNATS(t, env.natsAddr)
	time.Sleep(time.Second)
	n := p.check(t)
	env.spread(t, "g0", "g1")
	is.Equal(env.srv.Stats().Gateway.Identifies, identifies) // nothing identified again
	for _, pr := range append(env.gateways, env.workers...) {
		select {
		case <-pr.done:
			t.Errorf("%s exited", pr.name)
		default:
		}
	}
	t.Logf("%d pings answered once each", n)
}
