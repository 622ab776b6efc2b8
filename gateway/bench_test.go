package gateway_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gloamdev/gloam/discordtest"
	"github.com/gloamdev/gloam/gateway"
	"github.com/gloamdev/gloam/model"
)

// BenchmarkShardThroughput measures events per second through one shard
// end to end: discordtest streams a realistic mix of events as fast as the
// connection takes them, zlib-stream compressed; the shard decompresses,
// reads each envelope and hands the event to a handler. The server runs
// in the same process, so its compression is part of the cost.
func BenchmarkShardThroughput(b *testing.B) {
	for _, comp := range []gateway.Compression{gateway.ZlibStream, gateway.ZstdStream, gateway.NoCompression} {
		b.Run(string(comp), func(b *testing.B) {
			srv := newServer(b, &discordtest.Options{HeartbeatInterval: 30 * time.Second, Guilds: 4, MembersPerGuild: 50})
			var n, bytes atomic.Int64
			done := make(chan struct{})
			var target atomic.Int64
			target.Store(1 << 62)
			o := testOptions(srv, comp, func(ev model.Event) {
				if ev.Type == model.EventReady || ev.Type == model.EventGuildCreate {
					return
				}
				bytes.Add(int64(len(ev.Raw())))
				if n.Add(1) == target.Load() {
					close(done)
				}
			})
			o.Intents = model.IntentsAll
			sh := gateway.NewShard(0, 1, srv.Token(), o)
			run := running(b, sh)
			waitFor(b, "READY", func() bool { return sh.Health().State == gateway.StateConnected })
			b.ReportAllocs()
			b.ResetTimer()
			target.Store(int64(b.N))
			start := time.Now()
			ctx, cancel := context.WithCancel(context.Background())
			var wg sync.WaitGroup
			wg.Add(1)
			go func() {
				defer wg.Done()
				srv.Stream(ctx, 0, 0, 0) // until cancelled
			}()
			select {
			case <-done:
			case <-time.After(5 * time.Minute):
				b.Fatal("events did not arrive")
			}
			elapsed := time.Since(start)
			b.StopTimer()
			cancel()
			wg.Wait()
			run.stop()
			b.SetBytes(bytes.Load() / max(n.Load(), 1))
			b.ReportMetric(float64(b.N)/elapsed.Seconds(), "events/s")
		})
	}
}

// serverEnv makes the test binary a discordtest server for
// BenchmarkIdleShards, so that the server's memory is not counted.
const serverEnv = "GLOAM_GATEWAY_BENCH_SERVER"

func runServerProcess() {
	n, _ := strconv.Atoi(os.Getenv(serverEnv))
	srv := discordtest.NewServer(&discordtest.Options{
		Shards:         n,
		MaxConcurrency: n,
		IdentifyWindow: -1,
		Guilds:         -1,
	})
	fmt.Println(srv.GatewayURL())
	bufio.NewReader(os.Stdin).ReadString('\n') // until the parent is done
	srv.Close()
	os.Exit(0)
}

// rss is the resident set size of the process in bytes, from
// /proc/self/statm, or 0 where there is none.
func rss() int64 {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0
	}
	f := strings.Fields(string(b))
	if len(f) < 2 {
		return 0
	}
	pages, err := strconv.ParseInt(f[1], 10, 64)
	if err != nil {
		return 0
	}
	return pages * int64(os.Getpagesize())
}

type noQueue struct{}

func (noQueue) Wait(context.Context, int) error { return nil }

// BenchmarkIdleShards connects shards to a discordtest server in another
// process and reports the heap and goroutine stacks each idle connected
// shard holds, 200 of them, on each compression (default heartbeat
// interval), and the growth of the process's resident set per shard after
// the runtime returned what it could to the system.
func BenchmarkIdleShards(b *testing.B) {
	for _, comp := range []gateway.Compression{gateway.ZlibStream, gateway.ZstdStream, gateway.NoCompression} {
		b.Run(string(comp), func(b *testing.B) {
			const shards = 200
			cmd := exec.Command(os.Args[0], "-test.run=^$")
			cmd.Env = append(os.Environ(), serverEnv+"="+strconv.Itoa(shards))
			stdin, _ := cmd.StdinPipe()
			out, _ := cmd.StdoutPipe()
			if err := cmd.Start(); err != nil {
				b.Fatal(err)
			}
			defer cmd.Wait()
			defer stdin.Close()
			url, err := bufio.NewReader(out).ReadString('\n')
			if err != nil {
				b.Fatal(err)
			}
			url = strings.TrimSpace(url)
			for range b.N {
				var before, after runtime.MemStats
				debug.FreeOSMemory()
				runtime.ReadMemStats(&before)
				rss0 := rss()
				g0 := runtime.NumGoroutine()
				ctx, cancel := context.WithCancel(context.Background())
				var wg sync.WaitGroup
				list := make([]*gateway.Shard, shards)
				for i := range shards {
					list[i] = gateway.NewShard(i, shards, discordtest.DefaultToken, &gateway.Options{
						URL: url, Compression: comp, IdentifyQueue: noQueue{},
						Intents: model.IntentGuilds,
					})
					wg.Add(1)
					go func() { defer wg.Done(); list[i].Run(ctx) }()
				}
				waitFor(b, "all shards", func() bool {
					for _, sh := range list {
						if sh.Health().State != gateway.StateConnected {
							return false
						}
					}
					return true
				})
				time.Sleep(200 * time.Millisecond)
				debug.FreeOSMemory()
				runtime.ReadMemStats(&after)
				rss1 := rss()
				g1 := runtime.NumGoroutine()
				heap := float64(after.HeapAlloc-before.HeapAlloc) / shards
				stack := float64(after.StackInuse-before.StackInuse) / shards
				b.ReportMetric(heap/1024, "heap-KiB/shard")
				b.ReportMetric(stack/1024, "stack-KiB/shard")
				b.ReportMetric((heap+stack)/1024, "KiB/shard")
				b.ReportMetric(float64(g1-g0)/shards, "goroutines/shard")
				if rss0 > 0 && rss1 > 0 {
					b.ReportMetric(float64(rss1-rss0)/shards/1024, "rss-KiB/shard")
				}
				cancel()
				wg.Wait()
			}
		})
	}
}
