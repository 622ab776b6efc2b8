package e2e

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/gloamdev/gloam/discordtest"
	"github.com/gloamdev/gloam/model"
	"github.com/matryer/is"
)

// The world gloam run's embedded fake Discord makes (seed 0).
const (
	shards  = 2
	guilds  = 5
	members = 24
)

func chromium(t *testing.T) string {
	path := os.Getenv("GLOAM_CHROMIUM")
	if path == "" {
		path = "/usr/bin/chromium"
	}
	if _, err := os.Stat(path); err != nil {
		if os.Getenv("GLOAM_E2E_REQUIRE") != "" {
			t.Fatalf("chromium: %v", err)
		}
		t.Skipf("no Chromium at %s (apt-get install -y chromium)", path)
	}
	return path
}

// gloamRun builds gloam and starts `gloam run` on its fake Discord; it
// returns the dashboard's relay and direct-mode URLs. The run serves
// /metrics too: metricsURL gives its address.
func gloamRun(t *testing.T) (relay, direct string, stop func()) {
	t.Helper()
	is := is.New(t)
	dir := t.TempDir()
	bin := filepath.Join(dir, "gloam")
	build := exec.Command("go", "build", "-o", bin, "./cmd/gloam")
	build.Dir = "../.."
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build ./cmd/gloam: %v\n%s", err, out)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, bin, "run", "-cache", "memory", "-shards", strconv.Itoa(shards),
		"-fake-guilds", strconv.Itoa(guilds), "-fake-members", strconv.Itoa(members),
		"-fake-ping", "1s", "-fake-events", "2", "-progress", "0", "-http", "127.0.0.1:0")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "DISCORD_TOKEN=", "DISCORD_API_URL=")
	stdout, err := cmd.StdoutPipe()
	is.NoErr(err)
	cmd.Stderr = &logWriter{t: t, prefix: "gloam run (stderr): "}
	is.NoErr(cmd.Start()) // gloam run
	var wg sync.WaitGroup
	var once sync.Once
	stop = func() {
		once.Do(func() {
			cmd.Process.Signal(os.Interrupt)
			done := make(chan struct{})
			go func() { cmd.Wait(); close(done) }()
			select {
			case <-done:
			case <-time.After(15 * time.Second):
				cancel()
				<-done
			}
			cancel()
			wg.Wait()
		})
	}
	t.Cleanup(stop)
	urls := make(chan string, 2)
	wg.Add(1)
	go func() {
		defer wg.Done()
		sc := bufio.NewScanner(stdout)
		re := regexp.MustCompile(`^dashboard: .*?(http://\S+)$`)
		for sc.Scan() {
			line := sc.Text()
			t.Log("gloam run: " + line)
			if m := re.FindStringSubmatch(line); m != nil {
				urls <- m[1]
			}
			if u, ok := strings.CutPrefix(line, "gloam: serving metrics on "); ok {
				metricsMu.Lock()
				metricsURL[t.Name()] = u
				metricsMu.Unlock()
			}
		}
	}()
	for relay == "" || direct == "" {
		select {
		case u := <-urls:
			if strings.Contains(u, "gateway=") {
				direct = u
			} else {
				relay = u
			}
		case <-time.After(60 * time.Second):
			t.Fatal("gloam run printed no dashboard URLs")
		}
	}
	return relay, direct, stop
}

var (
	metricsMu  sync.Mutex
	metricsURL = map[string]string{} // by test: where gloam run serves /metrics
)

// scrape reads the samples of gloam run's /metrics: each value by its
// name and labels as written.
func scrape(t *testing.T) map[string]float64 {
	t.Helper()
	is := is.New(t)
	metricsMu.Lock()
	u := metricsURL[t.Name()]
	metricsMu.Unlock()
	is.True(u != "") // gloam run printed its metrics URL
	resp, err := http.Get(u)
	is.NoErr(err) // GET /metrics
	defer resp.Body.Close()
	m := map[string]float64{}
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		line := sc.Text()
		if i := strings.LastIndexByte(line, ' '); i > 0 && line[0] != '#' {
			if v, err := strconv.ParseFloat(line[i+1:], 64); err == nil {
				m[line[:i]] = v
			}
		}
	}
	return m
}

type logWriter struct {
	t      *testing.T
	prefix string
}

func (w *logWriter) Write(p []byte) (int, error) {
	for _, l := range strings.Split(strings.TrimRight(string(p), "\n"), "\n") {
		w.t.Log(w.prefix + l)
	}
	return len(p), nil
}

// world is the fake Discord's world, made again from the same options.
func world(t *testing.T) *discordtest.World {
	srv := discordtest.NewServer(&discordtest.Options{Shards: shards, Guilds: guilds, MembersPerGuild: members})
	t.Cleanup(srv.Close)
	return srv.World()
}

// browser starts headless Chromium.
func browser(t *testing.T) context.Context {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium(t)),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1400, 1500),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx, chromedp.WithLogf(t.Logf))
	t.Cleanup(func() { cancelC(); cancelA() })
	return ctx
}

// poll evaluates a JavaScript expression until check accepts its value.
func poll[T any](t *testing.T, ctx context.Context, what, expr string, timeout time.Duration, check func(T) bool) T {
	t.Helper()
	deadline := time.Now().Add(timeout)
	var v T
	var err error
	for {
		v, err = chromedp.Run(ctx, chromedp.Evaluate[T](expr))
		if err == nil && check(v) {
			return v
		}
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s: last value %+v, err %v", what, v, err)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// warm asks for the app, which gloam run builds when it starts; the first
// build on a fresh machine takes a while.
func warm(t *testing.T, pageURL string) {
	t.Helper()
	is := is.New(t)
	base := pageURL[:strings.Index(pageURL, "/#")]
	c := &http.Client{Timeout: 10 * time.Minute}
	resp, err := c.Get(base + "/gloam.wasm")
	is.NoErr(err)
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	is.Equal(resp.StatusCode, 200) // the browser app was built
	is.True(len(b) > 1<<20)
}

type guildRow struct {
	ID          string `json:"id"`
	Members     int    `json:"members"`
	MemberCount int    `json:"memberCount"`
	Channels    int    `json:"channels"`
	Roles       int    `json:"roles"`
}

const guildRowsJS = `[...document.querySelectorAll('#guilds tr[data-guild]')].map(r => ({
	id: r.dataset.guild, members: +r.dataset.members, memberCount: +r.dataset.memberCount,
	channels: +r.dataset.channels, roles: +r.dataset.roles}))`

// matches reports whether the rows are exactly the world's guilds in ids,
// with their member, channel and role counts.
func matches(w *discordtest.World, ids []model.GuildID, rows []guildRow) bool {
	if len(rows) != len(ids) {
		return false
	}
	for _, r := range rows {
		id, _ := strconv.ParseUint(r.ID, 10, 64)
		g, ok := w.Guild(model.GuildID(id))
		if !ok || r.MemberCount != len(g.Members) || r.Channels != len(g.Channels) || r.Roles != len(g.Roles) || r.Members == 0 {
			return false
		}
	}
	return true
}

// TestDashboard opens gloam run's dashboard in Chromium: every shard
// ready, the guilds as the fake's world has them, a "!ping" in the live
// feed, the permission check against the answer computed here, and a
// screenshot. Then direct mode: the page runs shard 0 itself.
func TestDashboard(t *testing.T) {
	is := is.New(t)
	chromium(t)
	relayURL, directURL, stop := gloamRun(t)
	w := world(t)
	warm(t, relayURL)
	ctx := browser(t)
	is.NoErr(chromedp.Do(ctx, chromedp.Navigate(relayURL))) // open the dashboard

	poll(t, ctx, "every shard connected", `[...document.querySelectorAll('#shards tr[data-shard]')].map(r => r.dataset.state)`,
		2*time.Minute, func(states []string) bool {
			if len(states) != shards {
				return false
			}
			for _, s := range states {
				if s != "connected" {
					return false
				}
			}
			return true
		})
	poll(t, ctx, "the guilds of the world", guildRowsJS, time.Minute, func(rows []guildRow) bool {
		return matches(w, w.GuildIDs(), rows)
	})
	poll(t, ctx, "the live state", `document.getElementById('status').dataset.state`, time.Minute, func(s string) bool { return s == "live" })
	checkFigures(t, ctx)

	// The fake's users say "!ping" every second: one shows in the feed.
	poll(t, ctx, "a !ping in the live feed", `[...document.querySelectorAll('#feed li[data-type="MESSAGE_CREATE"]')].map(l => l.textContent)`,
		time.Minute, func(items []string) bool {
			for _, s := range items {
				if strings.Contains(s, ": !ping") {
					return true
				}
			}
			return false
		})

	checkPermissions(t, ctx, w)

	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	is.NoErr(err) // screenshot
	shot := filepath.Join(t.TempDir(), "screenshot.png")
	is.NoErr(os.WriteFile(shot, png, 0o644))
	t.Log("screenshot: " + shot)
	if os.Getenv("GLOAM_E2E_SCREENSHOT") != "" {
		is.NoErr(os.MkdirAll("testdata", 0o755))
		is.NoErr(os.WriteFile(filepath.Join("testdata", "screenshot.png"), png, 0o644))
	}

	// Direct mode: the page runs shard 0 of the fake through the browser's
	// WebSocket, with gloam's gateway, and caches its guilds.
	is.NoErr(chromedp.Do(ctx, chromedp.Navigate(directURL)))
	poll(t, ctx, "direct mode", `document.getElementById('mode').dataset.mode`, time.Minute, func(s string) bool { return s == "direct" })
	poll(t, ctx, "the page's shard connected", `[...document.querySelectorAll('#shards tr[data-shard]')].map(r => r.dataset.shard + ':' + r.dataset.state)`,
		time.Minute, func(s []string) bool { return len(s) == 1 && s[0] == "0:connected" })
	var mine []model.GuildID
	for _, id := range w.GuildIDs() {
		if (uint64(id)>>22)%shards == 0 {
			mine = append(mine, id)
		}
	}
	is.True(len(mine) > 0) // shard 0 has guilds
	poll(t, ctx, "shard 0's guilds", guildRowsJS, time.Minute, func(rows []guildRow) bool { return matches(w, mine, rows) })
	png, err = chromedp.Run(ctx, chromedp.FullScreenshot(100))
	is.NoErr(err) // screenshot of direct mode
	shot = filepath.Join(filepath.Dir(shot), "screenshot-direct.png")
	is.NoErr(os.WriteFile(shot, png, 0o644))
	t.Log("screenshot: " + shot)

	// Back to the relay; then gloam run stops: the page says so.
	is.NoErr(chromedp.Do(ctx, chromedp.Navigate(relayURL)))
	poll(t, ctx, "the relay live again", `document.getElementById('mode').dataset.mode + ' ' + document.getElementById('status').dataset.state`,
		time.Minute, func(s string) bool { return s == "relay live" })
	stop()
	status := poll(t, ctx, "the disconnected state", `document.getElementById('status').dataset.state + ' ' + document.getElementById('status').textContent`,
		time.Minute, func(s string) bool { return strings.HasPrefix(s, "disconnected ") })
	t.Log("status: " + status)
}

// checkFigures reads the bot's figures on the page and in /metrics, which
// both come from core.Bot.Stats: the same cache counts, connections and
// READYs, and the live numbers (events by type, the listeners' time,
// REST requests) moving.
func checkFigures(t *testing.T, ctx context.Context) {
	t.Helper()
	is := is.New(t)
	type figures struct {
		Guilds     float64 `json:"guilds"`
		Members    float64 `json:"members"`
		Connects   float64 `json:"connects"`
		Identifies float64 `json:"identifies"`
		Requests   float64 `json:"requests"`
		Ready      float64 `json:"ready"`
		Messages   float64 `json:"messages"`
		Timed      float64 `json:"timed"`
	}
	const js = `(() => {
		const v = s => { const e = document.querySelector('#stats [data-stat="' + s + '"]'); return e ? +e.dataset.value : -1; };
		const c = q => { const e = document.querySelector(q); return e ? +e.dataset.count : -1; };
		return {guilds: v('cache-guild'), members: v('cache-member'), connects: v('connects'), identifies: v('identifies'),
			requests: v('rest-requests'), ready: c('#stats-events tr[data-type="READY"]'),
			messages: c('#stats-events tr[data-type="MESSAGE_CREATE"]'), timed: c('#stats-listeners tr[data-listener="MESSAGE_CREATE"]')};
	})()`
	page := poll(t, ctx, "the bot's figures", js, time.Minute, func(f figures) bool {
		return f.Guilds == guilds && f.Connects >= shards && f.Ready == shards && f.Messages > 0 && f.Timed > 0 && f.Requests > 0
	})
	t.Logf("figures on the page: %+v", page)
	m := scrape(t)
	sum := func(name string) (n float64) {
		for k, v := range m {
			if strings.HasPrefix(k, name+"{") {
				n += v
			}
		}
		return n
	}
	is.Equal(m[`gloam_cache_entries{kind="guild"}`], page.Guilds)                                                                         // the page's guilds are /metrics' guilds
	is.Equal(sum("gloam_gateway_connects_total"), page.Connects)                                                                          // and its connections
	is.Equal(sum("gloam_gateway_identifies_total"), page.Identifies)                                                                      // and identifies
	is.Equal(m[`gloam_gateway_events_total{shard="0",type="READY"}`]+m[`gloam_gateway_events_total{shard="1",type="READY"}`], page.Ready) // and READYs
	is.True(sum("gloam_rest_requests_total") >= page.Requests)                                                                            // REST moves on, from the same count
	is.True(m[`gloam_listener_duration_seconds_count{type="MESSAGE_CREATE"}`] >= page.Timed)                                              // as does the listeners' time
}

// checkPermissions picks a member and a channel with overwrites in the
// permission panel and compares the answer with Discord's algorithm
// computed here from the world.
func checkPermissions(t *testing.T, ctx context.Context, w *discordtest.World) {
	t.Helper()
	is := is.New(t)
	for _, g := range w.Guilds() {
		// A text channel, one with overwrites if there is one.
		var ch *discordtest.Channel
		for i := range g.Channels {
			c := &g.Channels[i]
			if c.Type == model.ChannelGuildText && (ch == nil || len(ch.PermissionOverwrites) == 0 && len(c.PermissionOverwrites) > 0) {
				ch = c
			}
		}
		if ch == nil {
			continue
		}
		for _, m := range g.Members {
			if m.User.ID == g.OwnerID || m.User.Bot || len(m.Roles) == 0 ||
				m.CommunicationDisabledUntil != nil && m.CommunicationDisabledUntil.After(time.Now()) {
				continue
			}
			gid, uid, cid := strconv.FormatUint(uint64(g.ID), 10), strconv.FormatUint(uint64(m.User.ID), 10), strconv.FormatUint(uint64(ch.ID), 10)
			// Pick the guild, search the member by username, pick it.
			pick(t, ctx, "guild-select", gid)
			// Type the name (a value and an input event, as typing gives).
			_, err := chromedp.Run(ctx, chromedp.Evaluate[bool](fmt.Sprintf(`(() => {
				const s = document.getElementById('member-search');
				s.value = %q;
				return s.dispatchEvent(new Event('input'));
			})()`, m.User.Username)))
			is.NoErr(err) // search the member
			found := false
			deadline := time.Now().Add(5 * time.Second)
			for !found && time.Now().Before(deadline) {
				found, err = chromedp.Run(ctx, chromedp.Evaluate[bool](fmt.Sprintf(`!!document.querySelector('#member-results li[data-user="%s"]')`, uid)))
				is.NoErr(err)
				time.Sleep(100 * time.Millisecond)
			}
			if !found {
				continue // not in the bot's cache (large guilds send online members only)
			}
			is.NoErr(chromedp.Do(ctx, chromedp.Click(chromedp.CSS(fmt.Sprintf(`#member-results li[data-user="%s"]`, uid))))) // pick the member
			poll(t, ctx, "the channel list", fmt.Sprintf(`!!document.querySelector('#perm-channel option[value="%s"]')`, cid), 10*time.Second,
				func(ok bool) bool { return ok })
			pick(t, ctx, "perm-channel", cid)
			type answer struct {
				Bits  string   `json:"bits"`
				Names []string `json:"names"`
			}
			got := poll(t, ctx, "the permission answer", fmt.Sprintf(`(() => {
				const p = document.querySelector('#perm-result p[data-user="%s"][data-channel="%s"]');
				return p ? {bits: p.dataset.bits || '', names: [...document.querySelectorAll('#perm-result li[data-perm]')].map(l => l.dataset.perm)} : {bits: '', names: []};
			})()`, uid, cid), 10*time.Second, func(a answer) bool { return a.Bits != "" })
			want := expected(&g, &m, ch)
			is.Equal(got.Bits, strconv.FormatUint(uint64(want), 10)) // the cache's calculator agrees with Discord's algorithm
			var names []string
			if want != 0 {
				names = strings.Split(want.String(), "|")
			}
			is.Equal(strings.Join(got.Names, "|"), strings.Join(names, "|")) // listed by name
			t.Logf("permissions of %s in #%s: %s", m.User.Username, ch.Name, want)
			return
		}
	}
	t.Fatal("no member and channel to check permissions with")
}

// expected is a member's permissions in a text channel, as Discord
// documents the computation.
func expected(g *discordtest.Guild, m *discordtest.Member, ch *discordtest.Channel) model.Permissions {
	if m.User.ID == g.OwnerID {
		return model.PermissionsAll
	}
	has := func(id model.RoleID) bool {
		for _, r := range m.Roles {
			if r == id {
				return true
			}
		}
		return false
	}
	var p model.Permissions
	for _, r := range g.Roles {
		if uint64(r.ID) == uint64(g.ID) || has(r.ID) {
			p |= r.Permissions
		}
	}
	if p&model.PermissionAdministrator != 0 {
		return model.PermissionsAll
	}
	for _, o := range ch.PermissionOverwrites {
		if o.Type == 0 && uint64(o.ID) == uint64(g.ID) {
			p = p&^o.Deny | o.Allow
		}
	}
	var allow, deny model.Permissions
	for _, o := range ch.PermissionOverwrites {
		if o.Type == 0 && uint64(o.ID) != uint64(g.ID) && has(model.RoleID(o.ID)) {
			allow |= o.Allow
			deny |= o.Deny
		}
	}
	p = p&^deny | allow
	for _, o := range ch.PermissionOverwrites {
		if o.Type == 1 && uint64(o.ID) == uint64(m.User.ID) {
			p = p&^o.Deny | o.Allow
		}
	}
	if p&model.PermissionViewChannel == 0 {
		return 0
	}
	if p&model.PermissionSendMessages == 0 {
		p &^= model.PermissionMentionEveryone | model.PermissionSendTtsMessages | model.PermissionAttachFiles | model.PermissionEmbedLinks
	}
	return p
}

// pick chooses value in the select element id, as a visitor does, once
// the option is there.
func pick(t *testing.T, ctx context.Context, id, value string) {
	t.Helper()
	poll(t, ctx, id+" = "+value, fmt.Sprintf(`(() => {
		const s = document.getElementById(%q);
		if (s.value !== %q && s.querySelector('option[value="' + %q + '"]')) {
			s.value = %q;
			s.dispatchEvent(new Event('change'));
		}
		return s.value === %q;
	})()`, id, value, value, value, value), 10*time.Second, func(ok bool) bool { return ok })
}
