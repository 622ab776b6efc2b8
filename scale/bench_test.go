package scale_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/gloamdev/gloam/core"
	"github.com/gloamdev/gloam/discordtest"
	"github.com/gloamdev/gloam/gateway"
	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/rest"
	"github.com/gloamdev/gloam/scale"
	"github.com/nats-io/nats.go/jetstream"
)

// sink receives the benchmark's events and measures how long each took
// from the fake Discord's Dispatch to a handler.
type sink struct {
	mu    sync.Mutex
	lat   []time.Duration
	notif chan struct{}
}

func newSink() *sink { return &sink{notif: make(chan struct{}, 1<<16)} }

func (s *sink) take(ev model.Event) {
	if ev.Name() != "GLOAM_BENCH" {
		return
	}
	d := time.Since(time.Unix(0, ev.Get("t").Int()))
	s.mu.Lock()
	s.lat = append(s.lat, d)
	s.mu.Unlock()
	s.notif <- struct{}{}
}

func (s *sink) reset() {
	s.mu.Lock()
	s.lat = s.lat[:0]
	s.mu.Unlock()
}

// runDelivery measures throughput (events sent back to back) and latency
// (one event at a time) from Dispatch to the handler.
func runDelivery(b *testing.B, srv *discordtest.Server, s *sink) {
	guilds := srv.World().GuildIDs()
	send := func(i int) {
		err := srv.Dispatch(0, "GLOAM_BENCH", map[string]any{
			"guild_id": guilds[i%len(guilds)].String(), "t": time.Now().UnixNano(),
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.Run("throughput", func(b *testing.B) {
		b.ReportAllocs()
		s.reset()
		start := time.Now()
		for i := 0; i < b.N; i++ {
			send(i)
		}
		for range b.N {
			<-s.notif
		}
		b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "events/s")
	})
	b.Run("latency", func(b *testing.B) {
		b.ReportAllocs()
		s.reset()
		for i := 0; i < b.N; i++ {
			send(i)
			<-s.notif
		}
		s.mu.Lock()
		lat := slices.Clone(s.lat)
		s.mu.Unlock()
		slices.Sort(lat)
		if len(lat) > 0 {
			b.ReportMetric(float64(lat[len(lat)/2].Microseconds()), "p50-µs")
			b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds()), "p99-µs")
		}
	})
}

// BenchmarkDeliveryInProcess is the baseline: a shard's Handler in the
// process that reads the gateway.
func BenchmarkDeliveryInProcess(b *testing.B) {
	srv := discordtest.NewServer(&discordtest.Options{Shards: 1, Guilds: 16})
	defer srv.Close()
	s := newSink()
	ctx, cancel := context.WithCancel(context.Background())
	sh := gateway.NewShard(0, 1, srv.Token(), &gateway.Options{URL: srv.GatewayURL(), Handler: s.take})
	done := make(chan struct{})
	go func() { sh.Run(ctx); close(done) }()
	defer func() { cancel(); <-done }()
	waitReady(b, srv, 1)
	runDelivery(b, srv, s)
}

// BenchmarkDeliveryJetStream sends the same events through a Gateway, the
// event stream and a Worker's listener, with NATS on this machine.
func BenchmarkDeliveryJetStream(b *testing.B) {
	srv := discordtest.NewServer(&discordtest.Options{Shards: 1, Guilds: 16})
	defer srv.Close()
	ns := startNATS(b)
	s := newSink()
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	defer func() { cancel(); wg.Wait() }()
	gnc, _ := connect(b, ns.URL())
	g := scale.NewGateway(gnc, srv.Token(), &scale.GatewayOptions{APIURL: srv.URL(), Shards: 1, Partitions: 16})
	wg.Go(func() { g.Run(ctx) })
	wnc, _ := connect(b, ns.URL())
	bot := core.New(srv.Token(), &core.Options{REST: &rest.Options{BaseURL: srv.URL()}})
	bot.Listen(func(_ context.Context, ev core.Event) { s.take(ev.Event) })
	w := scale.NewWorker(wnc, &scale.WorkerOptions{Bot: bot})
	wg.Go(func() { w.Run(ctx) })
	waitReady(b, srv, 1)
	runDelivery(b, srv, s)
}

// BenchmarkCacheRead compares what a worker's listener pays to read one
// member: from the worker's own cache (the design chosen), or from a
// JetStream key-value bucket shared by every worker (the alternative).
func BenchmarkCacheRead(b *testing.B) {
	srv := discordtest.NewServer(&discordtest.Options{Shards: 1, Guilds: 1})
	defer srv.Close()
	bot := core.New(srv.Token(), nil)
	var ready model.Event
	ctx, cancel := context.WithCancel(context.Background())
	sh := gateway.NewShard(0, 1, srv.Token(), &gateway.Options{URL: srv.GatewayURL(),
		Intents: model.IntentGuilds | model.IntentGuildMembers | model.IntentGuildPresences,
		Handler: func(ev model.Event) {
			bot.Cache().Apply(0, ev)
			if ev.Type == model.EventGuildCreate {
				ready = ev
				cancel()
			}
		}})
	sh.Run(ctx)
	g := srv.World().Guilds()[0]
	user := g.Members[1].User.ID
	if _, ok := bot.Cache().Member(g.ID, user); !ok || ready.Type == 0 {
		b.Fatal("the member is not cached")
	}
	b.Run("local", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, ok := bot.Cache().Member(g.ID, user); !ok {
				b.Fatal("miss")
			}
		}
	})
	b.Run("jetstream-kv", func(b *testing.B) {
		ns := startNATS(b)
		_, js := connect(b, ns.URL())
		kv, err := js.CreateKeyValue(context.Background(), jetstream.KeyValueConfig{Bucket: "members", Storage: jetstream.FileStorage})
		if err != nil {
			b.Fatal(err)
		}
		key := g.ID.String() + "." + user.String()
		m, _ := bot.Cache().Member(g.ID, user)
		data, _ := json.Marshal(m)
		if _, err := kv.Put(context.Background(), key, data); err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			if _, err := kv.Get(context.Background(), key); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkProxyShared sends 10,000 requests from three clients without
// limiters of their own through one proxy, against a fake whose only limit
// that binds is the global 500 per second: it reports the rate reached, as a share of
// the 500 allowed, and the 429s the fake sent (which must stay 0).
func BenchmarkProxyShared(b *testing.B) {
	const total, limit = 10000, 500
	srv := discordtest.NewServer(&discordtest.Options{Guilds: 16, REST: discordtest.RESTOptions{
		RateLimits:  map[string]discordtest.RateLimit{"GET /channels/{channel_id}": {Limit: 1000, Window: time.Second}},
		GlobalLimit: limit,
	}})
	defer srv.Close()
	px := httptest.NewServer(scale.NewProxy(&scale.ProxyOptions{APIURL: srv.URL(), GlobalLimit: limit}))
	defer px.Close()
	var chans []model.ChannelID
	for i := range 16 {
		_, ch, _ := textChannel(b, srv, i)
		chans = append(chans, ch)
	}
	tr := &http.Transport{MaxIdleConnsPerHost: 64}
	defer tr.CloseIdleConnections()
	hc := &http.Client{Transport: tr}
	for b.Loop() {
		start := time.Now()
		var wg sync.WaitGroup
		for c := range 3 {
			for k := range 16 { // 16 requests in flight per client
				wg.Go(func() {
					for i := c*16 + k; i < total; i += 3 * 16 {
						req, _ := http.NewRequest("GET", px.URL+"/api/v10/channels/"+chans[i%len(chans)].String(), nil)
						req.Header.Set("Authorization", "Bot "+srv.Token())
						res, err := hc.Do(req)
						if err != nil {
							b.Error(err)
							return
						}
						io.Copy(io.Discard, res.Body)
						res.Body.Close()
					}
				})
			}
		}
		wg.Wait()
		rate := total / time.Since(start).Seconds()
		b.ReportMetric(rate, "requests/s")
		b.ReportMetric(rate/limit, "share-of-limit")
	}
	b.ReportMetric(float64(srv.Stats().REST.RateLimited), "429s")
}
