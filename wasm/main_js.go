//go:build js && wasm

package main

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"syscall/js"
	"time"

	"github.com/gloamdev/gloam/cache"
	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/transport"
)

// page is the browser side: it runs the relay or a direct shard and
// renders the state into the page's elements.
type page struct {
	st     *state
	doc    js.Value
	last   map[string]string // the HTML each element holds
	wake   chan struct{}
	mu     sync.Mutex
	sel    selection
	cancel context.CancelFunc
	funcs  []js.Func

	found       []memberMatch // the last search
	searchKey   selection
	searchCache *cache.Cache
	searchAt    time.Time
}

func main() {
	p := &page{st: newState(), doc: js.Global().Get("document"), last: map[string]string{}, wake: make(chan struct{}, 1)}
	loc := js.Global().Get("location")
	// What the link says is in its fragment, which the browser never
	// sends to a server: the feed's access key, or a direct shard.
	q, _ := url.ParseQuery(strings.TrimPrefix(loc.Get("hash").String(), "#"))
	p.listen()
	if gw := q.Get("gateway"); gw != "" {
		shard, _ := strconv.Atoi(q.Get("shard"))
		count, _ := strconv.Atoi(q.Get("shards"))
		intents, _ := strconv.ParseUint(q.Get("intents"), 10, 64)
		p.setValue("direct-gateway", gw)
		p.setValue("direct-token", q.Get("token"))
		p.setValue("direct-shard", strconv.Itoa(shard))
		p.setValue("direct-shards", strconv.Itoa(max(count, 1)))
		p.startDirect(gw, q.Get("token"), shard, count, model.Intents(intents))
	} else {
		scheme := "ws://"
		if loc.Get("protocol").String() == "https:" {
			scheme = "wss://"
		}
		ctx := p.restart()
		r := &relay{url: scheme + loc.Get("host").String() + "/feed", key: q.Get("key"),
			dialer: &transport.WebSocketDialer{}, st: p.st}
		go r.run(ctx)
	}
	p.loop()
}

// restart stops what runs and gives the context of what comes next.
func (p *page) restart() context.Context {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.cancel != nil {
		p.cancel()
	}
	ctx, cancel := context.WithCancel(context.Background())
	p.cancel = cancel
	p.sel = selection{}
	return ctx
}

func (p *page) startDirect(gw, token string, shard, count int, intents model.Intents) {
	ctx := p.restart()
	d := &direct{url: gw, token: token, shard: shard, count: max(count, 1), intents: intents,
		dialer: &transport.WebSocketDialer{}, st: p.st}
	go d.run(ctx)
	p.poke()
}

func (p *page) poke() {
	select {
	case p.wake <- struct{}{}:
	default:
	}
}

func (p *page) el(id string) js.Value { return p.doc.Call("getElementById", id) }

func (p *page) setHTML(id, html string) {
	if p.last[id] == html {
		return
	}
	p.last[id] = html
	if e := p.el(id); e.Truthy() {
		e.Set("innerHTML", html)
	}
}

func (p *page) setValue(id, v string) {
	if e := p.el(id); e.Truthy() {
		e.Set("value", v)
	}
}

func (p *page) value(id string) string {
	if e := p.el(id); e.Truthy() {
		return e.Get("value").String()
	}
	return ""
}

// on adds a listener; it only records what the visitor did and wakes the
// render loop, since a listener must not block the browser.
func (p *page) on(id, event string, f func(ev js.Value)) {
	fn := js.FuncOf(func(this js.Value, args []js.Value) any {
		if len(args) > 0 {
			f(args[0])
		}
		p.poke()
		return nil
	})
	p.funcs = append(p.funcs, fn)
	if e := p.el(id); e.Truthy() {
		e.Call("addEventListener", event, fn)
	}
}

func (p *page) listen() {
	p.on("guild-select", "change", func(ev js.Value) {
		id, _ := strconv.ParseUint(ev.Get("target").Get("value").String(), 10, 64)
		p.mu.Lock()
		p.sel.Guild, p.sel.Member, p.sel.Channel = model.GuildID(id), 0, 0
		p.mu.Unlock()
	})
	p.on("member-search", "input", func(ev js.Value) {
		p.mu.Lock()
		p.sel.Query = ev.Get("target").Get("value").String()
		p.mu.Unlock()
	})
	p.on("member-results", "click", func(ev js.Value) {
		li := ev.Get("target").Call("closest", "[data-user]")
		if !li.Truthy() {
			return
		}
		id, _ := strconv.ParseUint(li.Get("dataset").Get("user").String(), 10, 64)
		p.mu.Lock()
		p.sel.Member = model.UserID(id)
		p.mu.Unlock()
	})
	p.on("perm-channel", "change", func(ev js.Value) {
		id, _ := strconv.ParseUint(ev.Get("target").Get("value").String(), 10, 64)
		p.mu.Lock()
		p.sel.Channel = model.ChannelID(id)
		p.mu.Unlock()
	})
	p.on("direct-form", "submit", func(ev js.Value) {
		ev.Call("preventDefault")
		shard, _ := strconv.Atoi(p.value("direct-shard"))
		count, _ := strconv.Atoi(p.value("direct-shards"))
		gw, token := strings.TrimSpace(p.value("direct-gateway")), strings.TrimSpace(p.value("direct-token"))
		go p.startDirect(gw, token, shard, count, 0)
	})
}

// loop renders whenever the state or the selection changed, and every
// second for the chart.
func (p *page) loop() {
	t := time.NewTicker(250 * time.Millisecond)
	defer t.Stop()
	var seen uint64
	var lastSel selection
	var lastFull time.Time
	for {
		select {
		case <-t.C:
		case <-p.wake:
		}
		p.mu.Lock()
		sel := p.sel
		p.mu.Unlock()
		ver := p.st.changed()
		if ver == seen && sel == lastSel && time.Since(lastFull) < time.Second {
			continue
		}
		seen, lastSel, lastFull = ver, sel, time.Now()
		p.render(sel)
	}
}

func (p *page) render(sel selection) {
	v := p.st.view()
	body := p.doc.Get("body")
	body.Get("dataset").Set("conn", v.conn)
	status := p.el("status")
	status.Get("dataset").Set("state", v.conn)
	if txt := statusText(&v); status.Get("textContent").String() != txt {
		status.Set("textContent", txt)
	}
	mode := p.el("mode")
	mode.Get("dataset").Set("mode", v.mode)
	mode.Set("textContent", v.mode)

	p.setHTML("shards", shardsHTML(&v))
	p.setHTML("stats", statsHTML(&v))
	rows, total := guildsHTML(&v)
	p.setHTML("guilds", rows)
	p.setHTML("guild-total", total)
	p.setHTML("feed", feedHTML(&v))
	p.setHTML("chart", chartSVG(v.rate))
	p.setHTML("rate", esc(rateText(&v)))

	if sel.Guild == 0 {
		sel.Guild = firstGuild(&v)
	}
	p.setHTML("guild-select", guildOptionsHTML(&v, sel.Guild))
	// A search walks the guild's members: again only when it changed, or
	// every few seconds for the members who came and went.
	key := selection{Guild: sel.Guild, Query: sel.Query}
	if key != p.searchKey || v.c != p.searchCache || time.Since(p.searchAt) > 3*time.Second {
		p.found = searchMembers(v.c, sel.Guild, sel.Query)
		p.searchKey, p.searchCache, p.searchAt = key, v.c, time.Now()
	}
	p.setHTML("member-results", membersHTML(p.found, sel.Member))
	opts, ch := channelOptionsHTML(v.c, sel.Guild, sel.Channel)
	p.setHTML("perm-channel", opts)
	sel.Channel = ch
	p.setHTML("perm-member", esc(memberLabel(v.c, sel.Guild, sel.Member)))
	p.setHTML("perm-result", permissionsHTML(v.c, sel))
	p.mu.Lock()
	if p.sel.Guild == 0 {
		p.sel.Guild = sel.Guild
	}
	if p.sel.Channel == 0 {
		p.sel.Channel = ch
	}
	p.mu.Unlock()
}
