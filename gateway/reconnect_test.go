package gateway_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gloamdev/gloam/gateway"
	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/transport"
	"github.com/matryer/is"
)

// scriptedGateway is a Dialer whose connections are served, each on its
// own goroutine over a transport.Pipe, by serve; it keeps the URLs dialled
// and the opcodes each connection got first, and fails the dials refuse
// says to.
type scriptedGateway struct {
	serve  func(url string, c transport.Conn)
	refuse func(url string) bool

	mu   sync.Mutex
	urls []string
	ops  []model.Opcode // Identify or Resume of each connection that sent one
	wg   sync.WaitGroup
}

func newScriptedGateway(t *testing.T, serve func(url string, c transport.Conn)) *scriptedGateway {
	g := &scriptedGateway{serve: serve}
	t.Cleanup(g.wg.Wait) // after the shard has stopped: cleanups run last first
	return g
}

func (g *scriptedGateway) Dial(ctx context.Context, url string) (transport.Conn, error) {
	g.mu.Lock()
	g.urls = append(g.urls, url)
	g.mu.Unlock()
	if g.refuse != nil && g.refuse(url) {
		return nil, errors.New("connection refused")
	}
	a, b := transport.Pipe()
	g.wg.Add(1)
	go func() {
		defer g.wg.Done()
		defer b.Close(1000, "")
		g.serve(url, b)
	}()
	return a, nil
}

func (g *scriptedGateway) dialled() []string {
	g.mu.Lock()
	defer g.mu.Unlock()
	return append([]string(nil), g.urls...)
}

func (g *scriptedGateway) opcodes() []model.Opcode {
	g.mu.Lock()
	defer g.mu.Unlock()
	return append([]model.Opcode(nil), g.ops...)
}

// hello sends Hello and returns the first payload that is not a
// heartbeat (Identify or Resume), recording its opcode; ok is false when
// the connection ended first.
func (g *scriptedGateway) hello(c transport.Conn, intervalMS string) (model.Event, bool) {
	ctx := context.Background()
	if c.Write(ctx, transport.Text, []byte(`{"op":10,"d":{"heartbeat_interval":`+intervalMS+`}}`)) != nil {
		return model.Event{}, false
	}
	for {
		_, p, err := c.Read(ctx)
		if err != nil {
			return model.Event{}, false
		}
		ev, err := model.ParseEvent(p)
		if err != nil {
			return model.Event{}, false
		}
		if ev.Op == model.OpHeartbeat {
			c.Write(ctx, transport.Text, []byte(`{"op":11}`))
			continue
		}
		g.mu.Lock()
		g.ops = append(g.ops, ev.Op)
		g.mu.Unlock()
		return ev, true
	}
}

// drain reads until the shard closes the connection.
func drain(c transport.Conn) {
	for {
		if _, _, err := c.Read(context.Background()); err != nil {
			return
		}
	}
}

// logTo returns a logger writing text into buf, safe for the shard's
// goroutines.
func logTo(buf *syncBuffer) *slog.Logger {
	return slog.New(slog.NewTextHandler(buf, nil))
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// TestResumeURLChecked gives the shard a stored session whose resume URL
// is weaker than the gateway URL or on another host, and a READY whose
// resume_gateway_url is: the shard resumes and reconnects on the gateway
// URL instead, and logs why.
func TestResumeURLChecked(t *testing.T) {
	for _, tc := range []struct {
		name, main, stored string
		trusted            bool
	}{
		{"wss to ws", "wss://gateway.discord.test/", "ws://gateway-us-east1-b.discord.test/", false},
		{"another host", "wss://gateway.discord.test/", "wss://127.0.0.1:8443/", false},
		{"another domain", "wss://gateway.discord.test/", "wss://gateway.discord.test.evil.test/", false},
		{"loopback port", "ws://127.0.0.1:5000/", "ws://localhost:5000/", false},
		{"credentials", "wss://gateway.discord.test/", "wss://u:p@gateway-us-east1-b.discord.test/", false},
		{"not a websocket", "wss://gateway.discord.test/", "https://gateway-us-east1-b.discord.test/", false},
		{"same domain", "wss://gateway.discord.test/", "wss://gateway-us-east1-b.discord.test/", true},
		{"same loopback host", "ws://127.0.0.1:5000/", "ws://127.0.0.1:5001/resume", true},
		{"ws to wss", "ws://gateway.discord.test/", "wss://gateway-us-east1-b.discord.test/", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			is := is.New(t)
			ready := make(chan struct{})
			g := newScriptedGateway(t, func(url string, c transport.Conn) {
				ev, ok := (&scriptedGateway{}).hello(c, "45000")
				if !ok {
					return
				}
				if ev.Op == model.OpResume {
					c.Write(context.Background(), transport.Text, []byte(`{"op":9,"d":false}`))
					drain(c)
					return
				}
				c.Write(context.Background(), transport.Text, []byte(`{"op":0,"s":1,"t":"READY","d":{"session_id":"new","resume_gateway_url":`+
					`"`+tc.stored+`"}}`))
				close(ready)
				drain(c)
			})
			var logs syncBuffer
			sh := gateway.NewShard(0, 1, "tok", &gateway.Options{
				URL: tc.main, Dialer: g, Compression: gateway.NoCompression,
				Session:       model.Session{ID: "old", Seq: 41, ResumeURL: tc.stored},
				IdentifyQueue: noQueue{}, BackoffBase: time.Millisecond, BackoffMax: time.Millisecond,
				InvalidSessionWait: func() time.Duration { return time.Millisecond },
				Logger:             logTo(&logs),
			})
			running(t, sh)
			<-ready
			waitFor(t, "READY", func() bool { return sh.Session().ID == "new" })
			urls := g.dialled()
			is.True(len(urls) >= 2) // a resume, then an identify
			if tc.trusted {
				is.True(strings.HasPrefix(urls[0], tc.stored))                  // resumed on the stored URL
				is.Equal(sh.Session().ResumeURL, tc.stored)                     // READY's URL is kept
				is.True(!strings.Contains(logs.String(), "resume URL refused")) // nothing to say
				return
			}
			is.True(strings.HasPrefix(urls[0], tc.main))                   // resumed on the gateway URL
			is.True(strings.HasPrefix(urls[1], tc.main))                   // and identified there
			is.Equal(sh.Session().ID, "new")                               // READY was taken
			is.Equal(sh.Session().ResumeURL, "")                           // but not its resume URL
			is.True(strings.Contains(logs.String(), "resume URL refused")) // and the log says why
		})
	}
}

// TestUnreachableResumeURL makes the resume URL refuse every dial, or
// accept and never send Hello: the shard gives it up and resumes on the
// gateway URL, then identifies, instead of dialling it forever.
func TestUnreachableResumeURL(t *testing.T) {
	for _, mode := range []string{"dial fails", "no hello"} {
		t.Run(mode, func(t *testing.T) {
			is := is.New(t)
			const main, resume = "ws://gateway.discord.test/", "ws://gateway-us-east1-b.discord.test/"
			ready := make(chan struct{})
			var g *scriptedGateway
			g = newScriptedGateway(t, func(url string, c transport.Conn) {
				if strings.HasPrefix(url, resume) {
					drain(c) // no Hello
					return
				}
				ev, ok := g.hello(c, "45000")
				if !ok {
					return
				}
				if ev.Op == model.OpResume {
					c.Write(context.Background(), transport.Text, []byte(`{"op":9,"d":false}`))
					drain(c)
					return
				}
				c.Write(context.Background(), transport.Text, []byte(`{"op":0,"s":1,"t":"READY","d":{"session_id":"new"}}`))
				close(ready)
				drain(c)
			})
			if mode == "dial fails" {
				g.refuse = func(url string) bool { return strings.HasPrefix(url, resume) }
			}
			var logs syncBuffer
			sh := gateway.NewShard(0, 1, "tok", &gateway.Options{
				URL: main, Dialer: g, Compression: gateway.NoCompression,
				Session:       model.Session{ID: "old", Seq: 41, ResumeURL: resume},
				IdentifyQueue: noQueue{}, BackoffBase: time.Millisecond, BackoffMax: 5 * time.Millisecond,
				HelloTimeout:       100 * time.Millisecond,
				InvalidSessionWait: func() time.Duration { return time.Millisecond },
				Logger:             logTo(&logs),
			})
			running(t, sh)
			select {
			case <-ready:
			case <-time.After(10 * time.Second):
				t.Fatalf("no new session after %d dials", len(g.dialled()))
			}
			waitFor(t, "READY", func() bool { return sh.Session().ID == "new" })
			var on []string
			for _, u := range g.dialled() {
				on = append(on, u[:strings.Index(u, "?")])
			}
			is.Equal(on, []string{resume, resume, main, main})                      // the resume URL twice, then the gateway URL
			is.Equal(g.opcodes(), []model.Opcode{model.OpResume, model.OpIdentify}) // resumed there, then identified
			is.True(strings.Contains(logs.String(), "resume URL does not answer"))  // and said why
		})
	}
}

// TestGatewayURLDownKeepsSession makes both the resume URL and, for a
// while, the gateway URL refuse every dial, as when the bot's own network
// is down: the shard gives the resume URL up, keeps the session while the
// gateway URL does not answer, and resumes it once it does.
func TestGatewayURLDownKeepsSession(t *testing.T) {
	is := is.New(t)
	const main, resume = "ws://gateway.discord.test/", "ws://gateway-us-east1-b.discord.test/"
	var g *scriptedGateway
	g = newScriptedGateway(t, func(url string, c transport.Conn) {
		ev, ok := g.hello(c, "45000")
		if !ok {
			return
		}
		if ev.Op == model.OpResume {
			c.Write(context.Background(), transport.Text, []byte(`{"op":0,"s":42,"t":"RESUMED","d":{}}`))
		}
		drain(c)
	})
	var mainDials atomic.Int32
	g.refuse = func(url string) bool {
		return strings.HasPrefix(url, resume) || strings.HasPrefix(url, main) && mainDials.Add(1) <= 6
	}
	sh := gateway.NewShard(0, 1, "tok", &gateway.Options{
		URL: main, Dialer: g, Compression: gateway.NoCompression,
		Session:       model.Session{ID: "old", Seq: 41, ResumeURL: resume},
		IdentifyQueue: noQueue{}, BackoffBase: time.Millisecond, BackoffMax: 5 * time.Millisecond,
		Logger: logTo(&syncBuffer{}),
	})
	running(t, sh)
	waitFor(t, "RESUMED", func() bool { return sh.Health().Resumes == 1 })
	is.Equal(g.opcodes(), []model.Opcode{model.OpResume}) // resumed, never identified
	is.Equal(len(g.dialled()), 2+7)                       // the resume URL twice, the gateway URL until it answered
	is.Equal(sh.Session().ID, "old")
}

// TestReconnectIsPaced serves a gateway that takes every Identify and
// Resume and at once asks the shard to reconnect (op 7): the shard waits
// between connections, longer each time, instead of reconnecting in a
// tight loop.
func TestReconnectIsPaced(t *testing.T) {
	is := is.New(t)
	var g *scriptedGateway
	g = newScriptedGateway(t, func(url string, c transport.Conn) {
		ev, ok := g.hello(c, "45000")
		if !ok {
			return
		}
		ctx := context.Background()
		if ev.Op == model.OpResume {
			c.Write(ctx, transport.Text, []byte(`{"op":0,"s":2,"t":"RESUMED","d":{}}`))
		} else {
			c.Write(ctx, transport.Text, []byte(`{"op":0,"s":1,"t":"READY","d":{"session_id":"s"}}`))
		}
		c.Write(ctx, transport.Text, []byte(`{"op":7,"d":null}`))
		drain(c)
	})
	sh := gateway.NewShard(0, 1, "tok", &gateway.Options{
		URL: "ws://gateway.discord.test/", Dialer: g, Compression: gateway.NoCompression,
		IdentifyQueue: noQueue{}, BackoffBase: 50 * time.Millisecond, BackoffMax: time.Second,
	})
	run := running(t, sh)
	time.Sleep(time.Second)
	run.stop()
	n := len(g.dialled())
	t.Logf("%d connections in 1 s", n)
	is.True(n >= 2) // it did reconnect
	is.True(n <= 8) // waits of 25-50, 50-100, 100-200, 200-400 ms... leave room for at most 6
	ops := g.opcodes()
	is.Equal(ops[0], model.OpIdentify)
	is.Equal(ops[1], model.OpResume) // and resumed each time
}

// TestHeartbeatIntervalClamped sends a Hello asking for a heartbeat every
// millisecond: the shard beats at most once a second instead.
func TestHeartbeatIntervalClamped(t *testing.T) {
	is := is.New(t)
	defer gateway.SetMinHeartbeat(time.Second)()
	beats := make(chan struct{}, 1000)
	var g *scriptedGateway
	g = newScriptedGateway(t, func(url string, c transport.Conn) {
		ctx := context.Background()
		c.Write(ctx, transport.Text, []byte(`{"op":10,"d":{"heartbeat_interval":1}}`))
		for {
			_, p, err := c.Read(ctx)
			if err != nil {
				return
			}
			if ev, err := model.ParseEvent(p); err == nil && ev.Op == model.OpHeartbeat {
				beats <- struct{}{}
				c.Write(ctx, transport.Text, []byte(`{"op":11}`))
			}
		}
	})
	var logs syncBuffer
	sh := gateway.NewShard(0, 1, "tok", &gateway.Options{
		URL: "ws://gateway.discord.test/", Dialer: g, Compression: gateway.NoCompression,
		IdentifyQueue: noQueue{}, Logger: logTo(&logs),
	})
	run := running(t, sh)
	time.Sleep(700 * time.Millisecond)
	run.stop()
	is.True(len(beats) <= 1)                                                    // one beat at most in 0.7 s
	is.True(strings.Contains(logs.String(), "heartbeat_interval out of range")) // and the log says why
}
