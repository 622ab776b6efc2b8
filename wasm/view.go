package main

import (
	"html"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gloamdev/gloam/cache"
	"github.com/gloamdev/gloam/model"
	"github.com/tidwall/gjson"
)

// HTML of the page's parts, from a view. The browser code only puts it in
// place; element ids and data attributes are stable for tests and tools.

var esc = html.EscapeString

func itoa(n int) string { return strconv.Itoa(n) }

// statusText is the words of the connection state.
func statusText(v *view) string {
	switch v.conn {
	case connLive:
		if v.mode == "direct" {
			return "Direct: the shard runs in this page"
		}
		return "Live"
	case connLoading:
		if v.detail != "" {
			return v.detail
		}
		return "Connecting…"
	}
	return v.detail
}

func shardsHTML(v *view) string {
	if len(v.shards) == 0 {
		return `<tr><td colspan="7" class="muted">waiting for the shards…</td></tr>`
	}
	var b strings.Builder
	for _, s := range v.shards {
		b.WriteString(`<tr data-shard="` + itoa(s.ID) + `" data-state="` + esc(s.State) + `"`)
		if s.LastError != "" {
			b.WriteString(` title="` + esc(s.LastError) + `"`)
		}
		b.WriteString(`><td>` + itoa(s.ID))
		if v.shardCount > 0 {
			b.WriteString(` <span class="muted">/ ` + itoa(v.shardCount) + `</span>`)
		}
		b.WriteString(`</td><td class="state state-` + esc(s.State) + `">` + esc(s.State) + `</td>`)
		lat := "–"
		if s.LatencyMS > 0 {
			lat = strconv.FormatFloat(s.LatencyMS, 'f', 1, 64) + " ms"
		}
		b.WriteString(`<td class="num">` + lat + `</td><td class="num">` + itoa(s.Connects) + `</td>`)
		b.WriteString(`<td class="num" data-reconnects="` + itoa(s.Reconnects) + `">` + itoa(s.Reconnects))
		if s.Reasons != "" {
			b.WriteString(` <span class="muted">(` + esc(s.Reasons) + `)</span>`)
		}
		b.WriteString(`</td>`)
		b.WriteString(`<td class="num">` + strconv.FormatFloat(s.EventsPerSecond, 'f', 1, 64) + `</td>`)
		b.WriteString(`<td class="num">` + strconv.FormatInt(s.Events, 10) + `</td></tr>`)
	}
	return b.String()
}

// maxTypeRows is how many event types the figures list, most first.
const maxTypeRows = 12

// statsHTML is the bot's figures (a TypeStats message): the numbers
// /metrics exports and gloam run's progress line prints, read by the bot
// from the same counters. Each figure carries data-stat and data-value.
func statsHTML(v *view) string {
	st := v.stats
	if !st.IsObject() {
		if v.mode == "direct" {
			return `<p class="muted">The bot's figures come with the relay; in direct mode this page is the bot.</p>`
		}
		return `<p class="muted">waiting for the bot's figures…</p>`
	}
	num := func(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
	var b strings.Builder
	fig := func(stat, label, shown string, value float64) {
		b.WriteString(`<div data-stat="` + stat + `" data-value="` + num(value) + `"><dt>` + label + `</dt><dd>` + shown + `</dd></div>`)
	}
	count := func(stat, label string, n int64) { fig(stat, label, strconv.FormatInt(n, 10), float64(n)) }
	ms := func(stat, label string, m float64) {
		fig(stat, label, strconv.FormatFloat(m, 'f', 1, 64)+" ms", m)
	}
	sum := func(o gjson.Result) (n int64) {
		o.ForEach(func(_, v gjson.Result) bool { n += v.Int(); return true })
		return n
	}
	detail := func(o gjson.Result) string {
		if s := counts(o); s != "" {
			return ` <span class="muted">(` + esc(s) + `)</span>`
		}
		return ""
	}

	b.WriteString(`<h3>Gateway</h3><dl class="figures">`)
	fig("connected", "shards connected", itoa(int(st.Get("connected").Int()))+" / "+itoa(int(st.Get("shards").Int())), st.Get("connected").Float())
	ms("latency-ms", "latency", st.Get("latency_ms").Float())
	count("connects", "connects", st.Get("connects").Int())
	count("identifies", "identifies", st.Get("identifies").Int())
	count("resumes", "resumes", st.Get("resumes").Int())
	n := sum(st.Get("reconnects"))
	fig("reconnects", "reconnects", strconv.FormatInt(n, 10)+detail(st.Get("reconnects")), float64(n))
	n = sum(st.Get("close_codes"))
	fig("close-codes", "close codes", strconv.FormatInt(n, 10)+detail(st.Get("close_codes")), float64(n))
	b.WriteString(`</dl><h3>Delivery</h3><dl class="figures">`)
	count("waiting", "events waiting", st.Get("waiting").Int())
	ms("max-wait-ms", "longest wait", st.Get("max_wait_ms").Float())
	count("bad-events", "unreadable events", st.Get("bad_events").Int())
	b.WriteString(`</dl><h3>REST</h3><dl class="figures">`)
	count("rest-requests", "requests", st.Get("rest_requests").Int())
	st.Get("rest_by_status").ForEach(func(k, v gjson.Result) bool {
		count("rest-status-"+k.String(), "status "+esc(k.String()), v.Int())
		return true
	})
	n = sum(st.Get("rest_rate_limited"))
	fig("rest-429", "429s", strconv.FormatInt(n, 10)+detail(st.Get("rest_rate_limited")), float64(n))
	count("rest-invalid", "invalid (10 min)", st.Get("rest_invalid").Int())
	b.WriteString(`</dl><h3>Cache</h3><dl class="figures">`)
	for _, k := range []string{"guild", "channel", "thread", "role", "member", "user", "presence", "voice_state", "emoji", "sticker", "message"} {
		count("cache-"+k, strings.ReplaceAll(k, "_", " ")+"s", st.Get("cache."+k).Int())
	}
	bytes := st.Get("cache_bytes").Float()
	fig("cache-bytes", "size", size(bytes), bytes)
	b.WriteString(`</dl>`)

	b.WriteString(`<div><h3>Events by type</h3><table><thead><tr><th>type</th><th>events</th></tr></thead><tbody id="stats-events">`)
	rows := 0
	st.Get("events").ForEach(func(_, e gjson.Result) bool {
		t, c := e.Get("type").String(), e.Get("count").Int()
		b.WriteString(`<tr data-type="` + esc(t) + `" data-count="` + strconv.FormatInt(c, 10) + `"><td>` + esc(t) + `</td><td class="num">` + strconv.FormatInt(c, 10) + `</td></tr>`)
		rows++
		return rows < maxTypeRows
	})
	b.WriteString(`</tbody></table></div>`)

	b.WriteString(`<div><h3>Listener time</h3><table><thead><tr><th>type</th><th>events</th><th>mean</th><th>p99 ≤</th></tr></thead><tbody id="stats-listeners">`)
	rows = 0
	st.Get("listeners").ForEach(func(_, l gjson.Result) bool {
		t, c := l.Get("type").String(), l.Get("count").Int()
		p99 := "> 10 s"
		if p := l.Get("p99_ms"); p.Type == gjson.Number {
			p99 = strconv.FormatFloat(p.Float(), 'f', -1, 64) + " ms"
		}
		b.WriteString(`<tr data-listener="` + esc(t) + `" data-count="` + strconv.FormatInt(c, 10) + `" data-mean-ms="` + num(l.Get("mean_ms").Float()) + `">`)
		b.WriteString(`<td>` + esc(t) + `</td><td class="num">` + strconv.FormatInt(c, 10) + `</td><td class="num">` +
			strconv.FormatFloat(l.Get("mean_ms").Float(), 'f', 2, 64) + ` ms</td><td class="num">` + esc(p99) + `</td></tr>`)
		rows++
		return rows < maxTypeRows
	})
	b.WriteString(`</tbody></table></div>`)
	return b.String()
}

// size writes a number of bytes in KiB, or MiB from 1 MiB on.
func size(b float64) string {
	if b >= 1<<20 {
		return strconv.FormatFloat(b/(1<<20), 'f', 1, 64) + " MiB"
	}
	return strconv.FormatFloat(b/(1<<10), 'f', 1, 64) + " KiB"
}

// guildRow is one guild's line.
type guildRow struct {
	g                        cache.Guild
	shard                    int
	members, channels, roles int
}

const maxGuildRows = 200

// guildRows lists the cached guilds by name, at most maxGuildRows, and
// the total.
func guildRows(v *view) ([]guildRow, int) {
	var rows []guildRow
	for g := range v.c.Guilds() {
		st := v.c.GuildStats(g.ID)
		rows = append(rows, guildRow{g: g, shard: model.ShardOf(g.ID, v.shardCount), members: st.Members, channels: st.Channels, roles: st.Roles})
	}
	slices.SortFunc(rows, func(a, b guildRow) int {
		if c := strings.Compare(strings.ToLower(a.g.Name), strings.ToLower(b.g.Name)); c != 0 {
			return c
		}
		return int(a.g.ID>>1) - int(b.g.ID>>1)
	})
	n := len(rows)
	if n > maxGuildRows {
		rows = rows[:maxGuildRows]
	}
	return rows, n
}

func guildsHTML(v *view) (string, string) {
	rows, total := guildRows(v)
	if total == 0 {
		return `<tr><td colspan="5" class="muted">no guilds yet</td></tr>`, ""
	}
	var b strings.Builder
	for _, r := range rows {
		id := strconv.FormatUint(uint64(r.g.ID), 10)
		b.WriteString(`<tr data-guild="` + id + `" data-members="` + itoa(r.members) + `" data-member-count="` +
			itoa(int(r.g.MemberCount)) + `" data-channels="` + itoa(r.channels) + `" data-roles="` + itoa(r.roles) + `">`)
		name := esc(r.g.Name)
		if r.g.Unavailable {
			name += ` <span class="muted">(unavailable)</span>`
		}
		b.WriteString(`<td>` + name + `</td><td class="num">` + itoa(r.shard) + `</td>`)
		members := itoa(r.members)
		if int(r.g.MemberCount) > r.members {
			members += ` <span class="muted">of ` + itoa(int(r.g.MemberCount)) + `</span>`
		}
		b.WriteString(`<td class="num">` + members + `</td><td class="num">` + itoa(r.channels) + `</td><td class="num">` + itoa(r.roles) + `</td></tr>`)
	}
	if total > len(rows) {
		b.WriteString(`<tr><td colspan="5" class="muted">and ` + itoa(total-len(rows)) + ` more</td></tr>`)
	}
	return b.String(), itoa(total)
}

func feedHTML(v *view) string {
	if len(v.feed) == 0 {
		if v.synced {
			return `<li class="muted">waiting for events…</li>`
		}
		return `<li class="muted">loading…</li>`
	}
	var b strings.Builder
	for i := len(v.feed) - 1; i >= 0; i-- {
		e := v.feed[i]
		b.WriteString(`<li data-type="` + esc(e.Type) + `" data-shard="` + itoa(e.Shard) + `">`)
		b.WriteString(`<span class="when">` + e.At.Format("15:04:05") + `</span><span class="sh">#` + itoa(e.Shard) + `</span>`)
		b.WriteString(`<span class="t">` + esc(e.Type) + `</span><span class="what">` + esc(e.Text) + `</span></li>`)
	}
	return b.String()
}

// rateText is the events per second of the last full second and the
// average over the last minute.
func rateText(v *view) string {
	if len(v.rate) == 0 {
		return ""
	}
	sum := 0
	n := min(60, len(v.rate))
	for _, c := range v.rate[len(v.rate)-n:] {
		sum += c
	}
	return itoa(v.rate[len(v.rate)-1]) + "/s now · " + strconv.FormatFloat(float64(sum)/float64(n), 'f', 1, 64) + "/s over the last minute"
}

// chartSVG draws counts (one per second, oldest first) as an area chart.
func chartSVG(counts []int) string {
	const w, h, top, bottom, left = 1200.0, 170.0, 8.0, 18.0, 40.0
	peak := 0
	for _, c := range counts {
		peak = max(peak, c)
	}
	ymax := niceCeil(peak)
	f := func(x float64) string { return strconv.FormatFloat(x, 'f', 1, 64) }
	var b strings.Builder
	b.WriteString(`<svg viewBox="0 0 1200 170" role="img" aria-label="events per second" data-peak="` + itoa(peak) + `">`)
	for _, frac := range []float64{0, 0.5, 1} {
		y := h - bottom - frac*(h-top-bottom)
		b.WriteString(`<line class="grid" x1="` + f(left) + `" x2="` + f(w) + `" y1="` + f(y) + `" y2="` + f(y) + `"/>`)
		b.WriteString(`<text x="` + f(left-4) + `" y="` + f(y+3) + `" text-anchor="end">` + strconv.FormatFloat(frac*float64(ymax), 'f', -1, 64) + `</text>`)
	}
	n := len(counts)
	for m := 0; m <= n/60; m++ {
		x := w - float64(m*60)*(w-left)/float64(max(n, 1))
		label := "now"
		if m > 0 {
			label = "-" + itoa(m) + "m"
		}
		b.WriteString(`<text x="` + f(x) + `" y="` + f(h-4) + `" text-anchor="end">` + label + `</text>`)
	}
	if n > 1 {
		var pts strings.Builder
		for i, c := range counts {
			x := left + float64(i)*(w-left)/float64(n-1)
			y := h - bottom - float64(c)/float64(ymax)*(h-top-bottom)
			pts.WriteString(f(x) + "," + f(y) + " ")
		}
		p := strings.TrimSpace(pts.String())
		b.WriteString(`<polygon class="area" points="` + f(left) + "," + f(h-bottom) + " " + p + " " + f(w) + "," + f(h-bottom) + `"/>`)
		b.WriteString(`<polyline class="line" points="` + p + `"/>`)
	}
	b.WriteString(`</svg>`)
	return b.String()
}

// niceCeil rounds n up to 1, 2 or 5 times a power of ten (at least 5).
func niceCeil(n int) int {
	if n <= 5 {
		return 5
	}
	p := 1
	for p*10 < n {
		p *= 10
	}
	for _, m := range []int{1, 2, 5, 10} {
		if m*p >= n {
			return m * p
		}
	}
	return 10 * p
}

// selection is what the visitor picked in the search and permission
// panels.
type selection struct {
	Guild   model.GuildID
	Query   string
	Member  model.UserID
	Channel model.ChannelID
}

func guildOptionsHTML(v *view, sel model.GuildID) string {
	rows, _ := guildRows(v)
	var b strings.Builder
	for _, r := range rows {
		id := strconv.FormatUint(uint64(r.g.ID), 10)
		b.WriteString(`<option value="` + id + `"`)
		if r.g.ID == sel {
			b.WriteString(` selected`)
		}
		b.WriteString(`>` + esc(r.g.Name) + `</option>`)
	}
	return b.String()
}

// firstGuild is the guild the panels show when none is picked.
func firstGuild(v *view) model.GuildID {
	rows, _ := guildRows(v)
	if len(rows) == 0 {
		return 0
	}
	return rows[0].g.ID
}

// memberMatch is one search result.
type memberMatch struct {
	ID   model.UserID
	Name string // what is shown: nick, else global name, else username
	User string // the username
}

const maxMatches = 25

// searchMembers finds the members of guild whose nick, global name or
// username starts with query, ignoring case; all of them (up to the
// limit) for an empty query.
func searchMembers(c *cache.Cache, guild model.GuildID, query string) []memberMatch {
	q := strings.ToLower(strings.TrimSpace(query))
	var out []memberMatch
	for m, u := range c.MemberUsers(guild) {
		if q != "" && !hasPrefixFold(m.Nick, q) && !hasPrefixFold(u.GlobalName, q) && !hasPrefixFold(u.Username, q) {
			continue
		}
		name := m.Nick
		if name == "" {
			name = userName(&u)
		}
		out = append(out, memberMatch{ID: m.UserID, Name: name, User: u.Username})
	}
	slices.SortFunc(out, func(a, b memberMatch) int {
		if c := strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)); c != 0 {
			return c
		}
		return strings.Compare(a.User, b.User)
	})
	if len(out) > maxMatches {
		out = out[:maxMatches]
	}
	return out
}

func hasPrefixFold(s, lowerPrefix string) bool {
	return len(s) >= len(lowerPrefix) && strings.ToLower(s[:len(lowerPrefix)]) == lowerPrefix
}

func membersHTML(ms []memberMatch, sel model.UserID) string {
	if len(ms) == 0 {
		return `<li class="muted">no member matches</li>`
	}
	var b strings.Builder
	for _, m := range ms {
		id := strconv.FormatUint(uint64(m.ID), 10)
		b.WriteString(`<li data-user="` + id + `"`)
		if m.ID == sel {
			b.WriteString(` aria-selected="true"`)
		}
		b.WriteString(`>` + esc(m.Name))
		if m.User != m.Name {
			b.WriteString(` <span class="muted">@` + esc(m.User) + `</span>`)
		}
		b.WriteString(`</li>`)
	}
	return b.String()
}

// channelOptionsHTML lists the guild's channels (categories aside) by
// position.
func channelOptionsHTML(c *cache.Cache, guild model.GuildID, sel model.ChannelID) (string, model.ChannelID) {
	var chs []cache.Channel
	for ch := range c.Channels(guild) {
		if ch.Type != model.ChannelGuildCategory {
			chs = append(chs, ch)
		}
	}
	slices.SortFunc(chs, func(a, b cache.Channel) int {
		if a.Position != b.Position {
			return int(a.Position - b.Position)
		}
		return strings.Compare(a.Name, b.Name)
	})
	found := false
	var b strings.Builder
	for _, ch := range chs {
		id := strconv.FormatUint(uint64(ch.ID), 10)
		b.WriteString(`<option value="` + id + `"`)
		if ch.ID == sel {
			b.WriteString(` selected`)
			found = true
		}
		b.WriteString(`>#` + esc(ch.Name) + `</option>`)
	}
	if !found {
		sel = 0
		if len(chs) > 0 {
			sel = chs[0].ID
		}
	}
	return b.String(), sel
}

// permissionsHTML is a member's effective permissions in a channel, from
// the cache's calculator, listed by name.
func permissionsHTML(c *cache.Cache, sel selection) string {
	if sel.Member == 0 || sel.Channel == 0 {
		return `<p class="muted">pick a member and a channel</p>`
	}
	p, err := c.ChannelPermissions(sel.Channel, sel.Member)
	attrs := ` data-user="` + strconv.FormatUint(uint64(sel.Member), 10) + `" data-channel="` + strconv.FormatUint(uint64(sel.Channel), 10) + `"`
	if err != nil {
		return `<p class="muted" data-error="true"` + attrs + `>` + esc(err.Error()) + `</p>`
	}
	var b strings.Builder
	b.WriteString(`<p data-bits="` + strconv.FormatUint(uint64(p), 10) + `"` + attrs + `>`)
	switch {
	case p == 0:
		b.WriteString(`no permissions (cannot see the channel)</p>`)
		return b.String()
	case p.Has(model.PermissionAdministrator):
		b.WriteString(`administrator: every permission</p>`)
	default:
		b.WriteString(itoa(len(strings.Split(p.String(), "|"))) + ` permissions</p>`)
	}
	b.WriteString(`<ul>`)
	for _, name := range strings.Split(p.String(), "|") {
		b.WriteString(`<li data-perm="` + esc(name) + `">` + esc(name) + `</li>`)
	}
	b.WriteString(`</ul>`)
	return b.String()
}

// memberLabel names the picked member.
func memberLabel(c *cache.Cache, guild model.GuildID, id model.UserID) string {
	if id == 0 {
		return "pick a member in the search"
	}
	u, _ := c.User(id)
	if m, ok := c.Member(guild, id); ok && m.Nick != "" {
		return m.Nick + " (@" + u.Username + ")"
	}
	return userName(&u) + " (@" + u.Username + ")"
}

// backoff is the wait before reconnect attempt n (1, 2, ...): doubling
// from base up to most, with the upper half jittered by frac in [0, 1).
func backoff(n int, base, most time.Duration, frac float64) time.Duration {
	d := base
	for i := 1; i < n && d < most; i++ {
		d *= 2
	}
	d = min(d, most)
	return d/2 + time.Duration(float64(d/2)*frac)
}
