package bench

import (
	"bytes"
	encjson "encoding/json"
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/disgoorg/disgo"
	"github.com/disgoorg/disgo/bot"
	dcache "github.com/disgoorg/disgo/cache"
	"github.com/disgoorg/disgo/gateway"
	"github.com/disgoorg/json"
	"github.com/gloamdev/gloam/cache"
	"github.com/gloamdev/gloam/cache/memory"
	"github.com/gloamdev/gloam/model"
)

// A cacheLib is one library's whole path from a gateway frame to its
// cache: decode as its gateway does, then apply to its cache.
type cacheLib struct {
	name string
	// open returns a fresh cache and the function that applies one frame
	// to it.
	open func(tb testing.TB) (state any, apply func(frame []byte) error)
}

var cacheLibs = []cacheLib{
	{"gloam", openGloam},
	{"discordgo", openDiscordgo},
	{"disgo", openDisgo},
}

func openGloam(testing.TB) (any, func([]byte) error) {
	c := cache.New(memory.New(), nil)
	return c, func(frame []byte) error {
		buf := make([]byte, len(frame)) // each frame arrives in a buffer of its own
		copy(buf, frame)
		ev, err := model.ParseEvent(buf)
		if err != nil {
			return err
		}
		return c.Apply(0, ev)
	}
}

// openDiscordgo is discordgo's path: wsapi.go's onEvent decode, then
// State.OnInterface, with 100 messages per channel like gloam.
func openDiscordgo(testing.TB) (any, func([]byte) error) {
	st := discordgo.NewState()
	st.MaxMessageCount = 100
	s := &discordgo.Session{State: st, StateEnabled: true}
	return st, func(frame []byte) error {
		buf := make([]byte, len(frame))
		copy(buf, frame)
		var e *discordgo.Event
		if err := encjson.NewDecoder(bytes.NewBuffer(buf)).Decode(&e); err != nil {
			return err
		}
		var v any
		switch e.Type {
		case "READY":
			v = new(discordgo.Ready)
		case "GUILD_CREATE":
			v = new(discordgo.GuildCreate)
		case "MESSAGE_CREATE":
			v = new(discordgo.MessageCreate)
		case "PRESENCE_UPDATE":
			v = new(discordgo.PresenceUpdate)
		case "TYPING_START":
			v = new(discordgo.TypingStart)
		case "GUILD_MEMBER_UPDATE":
			v = new(discordgo.GuildMemberUpdate)
		case "MESSAGE_REACTION_ADD":
			v = new(discordgo.MessageReactionAdd)
		case "INTERACTION_CREATE":
			v = new(discordgo.InteractionCreate)
		default:
			return fmt.Errorf("unexpected event %q", e.Type)
		}
		if err := encjson.Unmarshal(e.RawData, v); err != nil {
			return err
		}
		if err := st.OnInterface(s, v); err != nil && err != discordgo.ErrStateNotFound {
			return err
		}
		return nil
	}
}

// openDisgo is disgo's path: its gateway's decode (gateway.Message), then
// the client's event manager, whose handlers fill its caches (all of
// them) and dispatch the events.
func openDisgo(tb testing.TB) (any, func([]byte) error) {
	client, err := disgo.New("Nzc5MzMxNTI5ODU0MTQ4NjA5.x.y",
		bot.WithCacheConfigOpts(dcache.WithCaches(dcache.FlagsAll)))
	if err != nil {
		tb.Fatal(err)
	}
	em := client.EventManager()
	return client, func(frame []byte) error {
		var m gateway.Message
		if err := json.NewDecoder(bytes.NewReader(frame)).Decode(&m); err != nil {
			return err
		}
		d, ok := m.D.(gateway.EventData)
		if !ok {
			return fmt.Errorf("unexpected payload %T", m.D)
		}
		em.HandleGatewayEvent(m.T, m.S, 0, d)
		return nil
	}
}

func heapAlloc() uint64 {
	var ms runtime.MemStats
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

var keep any

// BenchmarkCacheGuildCreate decodes the 25,000-member GUILD_CREATE and
// applies it to a fresh cache; MiB-kept is the heap the cache holds after
// the frame is released (measured once, outside the timing), cpu-ms/op the
// process's CPU time per op (less noisy than the wall clock on a shared
// machine; it includes the garbage collector's work).
func BenchmarkCacheGuildCreate(b *testing.B) {
	frame, err := ReadFile(GuildCreate25000)
	if err == ErrNoCorpus {
		b.Skip(err)
	}
	if err != nil {
		b.Fatal(err)
	}
	for _, lib := range cacheLibs {
		b.Run("lib="+lib.name, func(b *testing.B) {
			keep = nil
			before := heapAlloc()
			state, apply := lib.open(b)
			if err := apply(frame); err != nil {
				b.Fatal(err)
			}
			keep = state
			kept := float64(heapAlloc()-before) / (1 << 20)
			keep = nil

			b.ReportAllocs()
			b.SetBytes(int64(len(frame)))
			b.ResetTimer()
			var cpu time.Duration
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				_, apply := lib.open(b)
				runtime.GC()
				b.StartTimer()
				c0 := cpuTime()
				if err := apply(frame); err != nil {
					b.Fatal(err)
				}
				cpu += cpuTime() - c0
			}
			b.ReportMetric(kept, "MiB-kept")
			b.ReportMetric(float64(cpu.Microseconds())/1e3/float64(b.N), "cpu-ms/op")
		})
	}
}

// BenchmarkCacheMixed applies the mixed stream to a cache that holds the
// stream's guilds (READY and the three GUILD_CREATEs first); one op is one
// event, decoded and applied.
func BenchmarkCacheMixed(b *testing.B) {
	mixed, err := ReadLines(Mixed)
	if err == ErrNoCorpus {
		b.Skip(err)
	}
	if err != nil {
		b.Fatal(err)
	}
	var setup [][]byte
	for _, name := range []string{Ready, GuildCreate50, GuildCreate1000, GuildCreate25000} {
		f, err := ReadFile(name)
		if err != nil {
			b.Fatal(err)
		}
		setup = append(setup, f)
	}
	size := 0
	for _, f := range mixed {
		size += len(f)
	}
	for _, lib := range cacheLibs {
		b.Run("lib="+lib.name, func(b *testing.B) {
			state, apply := lib.open(b)
			for _, f := range setup {
				if err := apply(f); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportAllocs()
			b.SetBytes(int64(size / len(mixed)))
			b.ResetTimer()
			i, n := 0, 0
			c0 := cpuTime()
			for b.Loop() {
				if err := apply(mixed[i]); err != nil {
					b.Fatal(err)
				}
				if i++; i == len(mixed) {
					i = 0
				}
				n++
			}
			b.ReportMetric(float64((cpuTime()-c0).Nanoseconds())/float64(n), "cpu-ns/op")
			runtime.KeepAlive(state)
		})
	}
}

// TestCachesAgree checks that the caches hold the same counts after the
// 1,000-member guild, so that the benchmarks compare like with like.
func TestCachesAgree(t *testing.T) {
	frame, err := ReadFile(GuildCreate1000)
	if err == ErrNoCorpus {
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	gs, apply := openGloam(t)
	if err := apply(frame); err != nil {
		t.Fatal(err)
	}
	ds, apply := openDiscordgo(t)
	if err := apply(frame); err != nil {
		t.Fatal(err)
	}
	c := gs.(*cache.Cache)
	st := ds.(*discordgo.State)
	var g model.GuildID
	for x := range c.Guilds() {
		g = x.ID
	}
	dg, err := st.Guild(g.String())
	if err != nil {
		t.Fatal(err)
	}
	s := c.GuildStats(g)
	voice := map[string]bool{} // one voice state per user (discordgo keeps duplicates)
	for _, v := range dg.VoiceStates {
		voice[v.UserID] = true
	}
	if s.Members != len(dg.Members) || s.Roles != len(dg.Roles) || s.Channels+s.Threads != len(dg.Channels)+len(dg.Threads) ||
		s.Emojis != len(dg.Emojis) || s.VoiceStates != len(voice) {
		t.Fatalf("gloam %+v; discordgo members %d roles %d channels %d threads %d emojis %d voice %d", s,
			len(dg.Members), len(dg.Roles), len(dg.Channels), len(dg.Threads), len(dg.Emojis), len(voice))
	}
	online := 0
	for _, p := range dg.Presences {
		if p.Status != discordgo.StatusOffline {
			online++
		}
	}
	if s.Presences != online {
		t.Fatalf("gloam holds %d presences, discordgo %d online", s.Presences, online)
	}
}
