package bench

import (
	"bufio"
	"compress/zlib"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/gloamdev/gloam/core"
	"github.com/gloamdev/gloam/discordtest"
	"github.com/gloamdev/gloam/gateway"
	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/rest"
	"github.com/klauspost/compress/zstd"
)

// gatewayServerEnv makes the test binary the fake Discord of
// BenchmarkGateway, so that only the client's CPU time is counted.
const gatewayServerEnv = "GLOAM_BENCH_GATEWAY_SERVER"

// streamGuilds is the number of guilds of the firehose's shard.
const streamGuilds = 4

// runGatewayServer serves a one-shard fake Discord, prints its REST and
// gateway URLs, then streams as many events as each line of stdin asks
// for, answering each with a line when they are sent.
func runGatewayServer() {
	srv := discordtest.NewServer(&discordtest.Options{
		Guilds: streamGuilds, MembersPerGuild: 50,
		HeartbeatInterval: 10 * time.Minute, IdentifyWindow: -1,
	})
	fmt.Println(srv.URL())
	fmt.Println(srv.GatewayURL())
	in := bufio.NewScanner(os.Stdin)
	for in.Scan() {
		n, err := strconv.Atoi(in.Text())
		if err != nil {
			break
		}
		sent, err := srv.Stream(context.Background(), 0, n, 0)
		fmt.Println(sent, err)
	}
	srv.Close()
	os.Exit(0)
}

// firehose is a fake Discord in a child process.
type firehose struct {
	cmd        *exec.Cmd
	in         io.WriteCloser
	out        *bufio.Reader
	rest, gate string
}

func startFirehose(b *testing.B) *firehose {
	cmd := exec.Command(os.Args[0], "-test.run=^$", "-test.bench=^$")
	cmd.Env = append(os.Environ(), gatewayServerEnv+"=1")
	cmd.Stderr = os.Stderr
	in, _ := cmd.StdinPipe()
	pipe, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	f := &firehose{cmd: cmd, in: in, out: bufio.NewReader(pipe)}
	f.rest = f.line(b)
	f.gate = f.line(b)
	b.Cleanup(func() { in.Close(); cmd.Wait() })
	return f
}

func (f *firehose) line(b *testing.B) string {
	s, err := f.out.ReadString('\n')
	if err != nil {
		b.Fatal("fake Discord:", err)
	}
	return strings.TrimSpace(s)
}

// stream has the server send n events and returns how many it offered.
func (f *firehose) stream(b *testing.B, n int) int {
	fmt.Fprintln(f.in, n)
	var sent int
	var errText string
	fmt.Sscan(f.line(b), &sent, &errText)
	if errText != "<nil>" {
		b.Fatalf("stream: %s", errText)
	}
	return sent
}

// A gatewayClient connects to the firehose and counts the events it reads
// after the shard's guilds have arrived.
type gatewayClient interface {
	start(b *testing.B, f *firehose, comp gateway.Compression) (events *atomic.Int64, stop func())
}

// BenchmarkGateway is one shard end to end over a loopback socket, a
// firehose of the realistic mix discordtest streams (messages, typing,
// presences, member updates, reactions...) against the client in this
// process; the fake Discord runs in a child process, so cpu-ns/event is the
// client's CPU time alone. gloam is a core.Bot with the memory cache and a
// listener that reads each message's content; wire is the floor, a
// coder/websocket connection that identifies, decompresses and counts
// frames, decoding nothing. One op is one event.
func BenchmarkGateway(b *testing.B) {
	for _, comp := range []gateway.Compression{gateway.NoCompression, gateway.ZlibStream, gateway.ZstdStream} {
		for _, c := range []struct {
			name string
			gatewayClient
		}{{"gloam", gloamClient{}}, {"wire", wireClient{}}} {
			b.Run(string(comp)+"/"+c.name, func(b *testing.B) {
				f := startFirehose(b)
				events, stop := c.start(b, f, comp)
				defer stop()
				before := events.Load()
				warm := f.stream(b, 200) // warm up: the stream's first events are made on demand
				base := waitStable(b, events, before+int64(warm))
				b.ReportAllocs()
				b.ResetTimer()
				cpu0 := cpuTime()
				sent := f.stream(b, b.N)
				waitEvents(b, events, base+int64(sent))
				cpu := cpuTime() - cpu0
				b.StopTimer()
				b.ReportMetric(float64(cpu.Nanoseconds())/float64(max(sent, 1)), "cpu-ns/event")
			})
		}
	}
}

// waitStable waits until at least n events arrived and no more come for
// 100 ms, and returns how many there were.
func waitStable(b *testing.B, events *atomic.Int64, n int64) int64 {
	waitEvents(b, events, n)
	for {
		last := events.Load()
		time.Sleep(100 * time.Millisecond)
		if events.Load() == last {
			return last
		}
	}
}

func waitEvents(b *testing.B, events *atomic.Int64, n int64) {
	deadline := time.Now().Add(5 * time.Minute)
	for events.Load() < n {
		if time.Now().After(deadline) {
			b.Fatalf("%d of %d events arrived", events.Load(), n)
		}
		time.Sleep(100 * time.Microsecond)
	}
}

type gloamClient struct{}

func (gloamClient) start(b *testing.B, f *firehose, comp gateway.Compression) (*atomic.Int64, func()) {
	bot := core.New(discordtest.DefaultToken, &core.Options{
		Intents: model.IntentsAll,
		REST:    &rest.Options{BaseURL: f.rest},
		Shard:   &gateway.Options{Compression: comp},
	})
	var events, guilds atomic.Int64
	var content atomic.Int64
	started := atomic.Bool{}
	bot.Listen(func(_ context.Context, ev core.Event) {
		switch ev.Type {
		case model.EventGuildCreate:
			if guilds.Add(1) == streamGuilds {
				started.Store(true)
			}
		case model.EventReady:
		default:
			if started.Load() {
				events.Add(1)
			}
		}
	})
	core.On(bot, func(_ context.Context, _ core.Event, m model.MessageCreateView) {
		content.Add(int64(len(m.Content())))
	})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- bot.Run(ctx) }()
	for !started.Load() {
		select {
		case err := <-done:
			b.Fatal("bot:", err)
		case <-time.After(time.Millisecond):
		}
	}
	return &events, func() {
		cancel()
		<-done
		if content.Load() == 0 {
			b.Error("the listener read no message content")
		}
	}
}

type wireClient struct{}

// frames reads a WebSocket connection as one byte stream, message after
// message, counting them: the input of a streaming decompressor.
type frames struct {
	ctx   context.Context
	conn  *websocket.Conn
	cur   []byte
	count *atomic.Int64
}

func (f *frames) Read(p []byte) (int, error) {
	for len(f.cur) == 0 {
		_, msg, err := f.conn.Read(f.ctx)
		if err != nil {
			return 0, err
		}
		f.cur = msg
		f.count.Add(1)
	}
	n := copy(p, f.cur)
	f.cur = f.cur[n:]
	return n, nil
}

func (wireClient) start(b *testing.B, f *firehose, comp gateway.Compression) (*atomic.Int64, func()) {
	ctx, cancel := context.WithCancel(context.Background())
	url := f.gate + "?v=10&encoding=json"
	if comp != gateway.NoCompression {
		url += "&compress=" + string(comp)
	}
	conn, _, err := websocket.Dial(ctx, url, nil)
	if err != nil {
		b.Fatal(err)
	}
	conn.SetReadLimit(-1)
	var events atomic.Int64
	in := &frames{ctx: ctx, conn: conn, count: &events}
	if _, err := in.Read(make([]byte, 0)); err != nil { // HELLO
		b.Fatal(err)
	}
	identify, _ := json.Marshal(map[string]any{"op": 2, "d": map[string]any{
		"token": discordtest.DefaultToken, "intents": model.IntentsAll,
		"properties": map[string]string{"os": "linux", "browser": "bench", "device": "bench"},
	}})
	if err := conn.Write(ctx, websocket.MessageText, identify); err != nil {
		b.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		var r io.Reader = in
		switch comp {
		case gateway.ZlibStream:
			zr, err := zlib.NewReader(in)
			if err != nil {
				done <- err
				return
			}
			r = zr
		case gateway.ZstdStream:
			zr, err := zstd.NewReader(in, zstd.WithDecoderConcurrency(1))
			if err != nil {
				done <- err
				return
			}
			defer zr.Close()
			r = zr
		}
		p := make([]byte, 64<<10)
		for {
			if _, err := r.Read(p); err != nil {
				done <- err
				return
			}
		}
	}()
	waitStable(b, &events, streamGuilds+2) // HELLO, READY, GUILD_CREATEs
	return &events, func() {
		cancel()
		conn.CloseNow()
		<-done
	}
}
