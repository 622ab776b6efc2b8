//go:build !js

package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"time"

	"github.com/gloamdev/gloam/core"
	dash "github.com/gloamdev/gloam/dashboard"
	"github.com/gloamdev/gloam/discordtest"
)

// browserDashboard is gloam run's live dashboard in the browser: the page,
// the gloam app compiled to WebAssembly and the feed of the bot's events.
type browserDashboard struct {
	addr string
}

// dashboardFlags adds the dashboard's flags to gloam run's.
func dashboardFlags(fs *flag.FlagSet) *browserDashboard {
	d := &browserDashboard{}
	fs.StringVar(&d.addr, "dashboard", "127.0.0.1:0", "serve the live dashboard in the browser on this address (the browser app is built with the go command at start); \"off\": none")
	return d
}

// start serves the dashboard of bot until ctx is done and prints its URL
// (and, for the embedded fake Discord fake, a link that runs a shard in
// the page itself); nil when -dashboard is off.
func (d *browserDashboard) start(ctx context.Context, wg *sync.WaitGroup, bot *core.Bot, fake *discordtest.Server, stdout, stderr io.Writer) (*dash.Server, error) {
	if d.addr == "" || d.addr == "off" {
		return nil, nil
	}
	ln, err := net.Listen("tcp", d.addr)
	if err != nil {
		return nil, fmt.Errorf("-dashboard: %w", err)
	}
	if ta, ok := ln.Addr().(*net.TCPAddr); ok && !ta.IP.IsLoopback() {
		fmt.Fprintf(stderr, "gloam: WARNING: the dashboard listens on %s, beyond this machine, in plain HTTP:\n"+
			"gloam: WARNING: its link and key travel unencrypted; keep it on 127.0.0.1 or put it behind TLS\n", ln.Addr())
	}
	s := dash.New(bot, nil)
	bot.Listen(func(ctx context.Context, ev core.Event) { s.Publish(ev) })
	// The app is built now, not when a page asks for it: no visitor, with
	// or without the key, makes this process run the go command.
	wg.Add(1)
	go func() {
		defer wg.Done()
		fmt.Fprintln(stdout, "dashboard: building the browser app with the go command…")
		t := time.Now()
		app, err := buildApp(ctx, nil)
		if err != nil {
			if ctx.Err() == nil {
				fmt.Fprintf(stdout, "dashboard: %v\n", err)
			}
			s.SetApp(nil, err)
			return
		}
		s.SetApp(app, nil)
		fmt.Fprintf(stdout, "dashboard: browser app ready (%s, %.1f MB, %.1f MB gzipped) in %v\n",
			app.GoVersion, float64(len(app.Wasm))/1e6, float64(len(app.WasmGzip))/1e6, time.Since(t).Round(100*time.Millisecond))
	}()
	addr := ln.Addr().String()
	fmt.Fprintf(stdout, "dashboard: %s\n", s.URL(addr))
	hs := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	if fake != nil {
		// The fake's token is no secret: a link to run its shard 0 in the
		// page itself (in the fragment too, which no server sees).
		q := url.Values{"gateway": {fake.GatewayURL()}, "token": {fake.Token()}, "shard": {"0"},
			"shards": {strconv.Itoa(fakeShards(ctx, fake))}}
		fmt.Fprintf(stdout, "dashboard: direct mode (the page runs shard 0 of the fake Discord): http://%s/#%s\n", addr, q.Encode())
	}
	wg.Add(2)
	go func() { defer wg.Done(); hs.Serve(ln) }()
	go func() {
		defer wg.Done()
		<-ctx.Done()
		s.Close()
		sctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		hs.Shutdown(sctx)
	}()
	return s, nil
}

// fakeShards asks the fake Discord how many shards it recommends.
func fakeShards(ctx context.Context, fake *discordtest.Server) int {
	req, err := http.NewRequestWithContext(ctx, "GET", fake.URL()+"/gateway/bot", nil)
	if err != nil {
		return 1
	}
	req.Header.Set("Authorization", "Bot "+fake.Token())
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 1
	}
	defer resp.Body.Close()
	var gb struct {
		Shards int `json:"shards"`
	}
	if json.NewDecoder(resp.Body).Decode(&gb) != nil || gb.Shards < 1 {
		return 1
	}
	return gb.Shards
}
