package main

import (
	"context"
	"encoding/json"
	"errors"
	"github.com/gloamdev/gloam/internal/wait"
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/gloamdev/gloam/gateway"
	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/transport"
)

// errRefused ends a relay whose key the feed refuses.
var errRefused = errors.New("wasm: the feed refused the access key")

// closeUnauthorized is the close code of a feed that refuses the key
// (dashboard.CloseUnauthorized).
const closeUnauthorized = 4401

// relay reads the feed of `gloam run` into a state, through any transport
// Dialer (the browser's WebSocket in the page), and reconnects with
// backoff when the connection ends.
type relay struct {
	url    string // the feed, without the key
	key    string // the access key, sent in the first message
	dialer transport.Dialer
	st     *state
	// base and most bound the wait between attempts. Zero: 500 ms and 15 s.
	base, most time.Duration
}

// keyMessage is the first message on the feed.
func keyMessage(key string) []byte {
	b, _ := json.Marshal(struct {
		Key string `json:"key"`
	}{key})
	return b
}

func (r *relay) run(ctx context.Context) error {
	base, most := r.base, r.most
	if base <= 0 {
		base = 500 * time.Millisecond
	}
	if most <= 0 {
		most = 15 * time.Second
	}
	fails := 0
	for {
		r.st.setConn(connLoading, "Connecting to gloam run…")
		conn, err := r.dialer.Dial(ctx, r.url)
		if err == nil {
			err = conn.Write(ctx, transport.Text, keyMessage(r.key))
			if err != nil {
				conn.Close(1000, "")
			}
		}
		if err == nil {
			r.st.reset("relay")
			r.st.setConn(connLoading, "Loading the cache…")
			synced, rerr := r.read(ctx, conn)
			conn.Close(1000, "")
			err = rerr
			if synced {
				fails = 0 // a connection that worked: the next attempt comes soon
			}
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		var ce *transport.CloseError
		if errors.As(err, &ce) && ce.Code == closeUnauthorized {
			r.st.setConn(connRefused, "The feed refused the access key: open the URL gloam run printed.")
			return errRefused
		}
		fails++
		delay := backoff(fails, base, most, rand.Float64())
		why := "the connection ended"
		if errors.As(err, &ce) {
			why = "closed with code " + strconv.Itoa(ce.Code)
			if ce.Reason != "" {
				why += " (" + ce.Reason + ")"
			}
		} else if err != nil {
			why = "cannot connect"
		}
		deadline := time.Now().Add(delay)
		for left := time.Until(deadline); left > 0; left = time.Until(deadline) {
			r.st.setConn(connDisconnected, "Disconnected from gloam run: "+why+"; reconnecting in "+
				strconv.Itoa(int((left+time.Second-1)/time.Second))+" s")
			if err := wait.Sleep(ctx, min(left, time.Second)); err != nil {
				return err
			}
		}
	}
}

// read applies messages until the connection ends; synced reports whether
// the snapshot came in whole.
func (r *relay) read(ctx context.Context, conn transport.Conn) (synced bool, err error) {
	for {
		_, p, err := conn.Read(ctx)
		if err != nil {
			return synced, err
		}
		if err := r.st.handle(p); err != nil {
			return synced, err
		}
		if !synced {
			synced = r.st.view().synced
		}
	}
}

// direct runs one shard in the page itself, through the transport Dialer,
// and applies its events to the state's cache: the browser is the bot.
type direct struct {
	url, token   string
	shard, count int
	intents      model.Intents
	dialer       transport.Dialer
	st           *state
}

// defaultIntents are the direct mode's intents when none are given.
const defaultIntents = model.IntentGuilds | model.IntentGuildMembers | model.IntentGuildPresences |
	model.IntentGuildMessages | model.IntentMessageContent | model.IntentGuildVoiceStates

func (d *direct) run(ctx context.Context) error {
	d.st.reset("direct")
	d.st.setConn(connLoading, "Connecting shard "+strconv.Itoa(d.shard)+" to "+d.url+"…")
	intents := d.intents
	if intents == 0 {
		intents = defaultIntents
	}
	sh := gateway.NewShard(d.shard, max(d.count, 1), d.token, &gateway.Options{
		URL:     d.url,
		Intents: intents,
		Dialer:  d.dialer,
		Handler: func(ev model.Event) { d.st.event(d.shard, ev) },
	})
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	done := make(chan struct{})
	go func() {
		defer close(done)
		var last int64
		lastAt := time.Now()
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			h := sh.Health()
			n := d.events()
			now := time.Now()
			rate := float64(n-last) / max(now.Sub(lastAt).Seconds(), 0.001)
			last, lastAt = n, now
			info := shardInfo{ID: d.shard, State: h.State.String(), LatencyMS: float64(h.Latency.Microseconds()) / 1000,
				Reconnects: h.Reconnects, Events: n, EventsPerSecond: rate}
			if h.LastError != nil {
				info.LastError = h.LastError.Error()
			}
			d.st.setHealth(info, max(d.count, 1))
			if h.State == gateway.StateConnected {
				d.st.setConn(connLive, "")
			} else if h.State != gateway.StateIdle {
				d.st.setConn(connLoading, "Shard "+strconv.Itoa(d.shard)+": "+h.State.String()+"…")
			}
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
		}
	}()
	err := sh.Run(ctx)
	cancel()
	<-done
	if err != nil && !errors.Is(err, context.Canceled) {
		d.st.setConn(connError, "The shard stopped: "+err.Error())
	}
	return err
}

// events counts the dispatches the state listed (direct mode lists them
// all).
func (d *direct) events() int64 {
	d.st.mu.Lock()
	defer d.st.mu.Unlock()
	return d.st.live
}
