//go:build !js

package bench

import (
	"bufio"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/gloamdev/gloam/cache"
	"github.com/gloamdev/gloam/cache/bolt"
	"github.com/gloamdev/gloam/model"
)

// boltCorpus reads a file of the benchmark corpus, skipping the benchmark
// when there is none.
func boltCorpus(b *testing.B, name string) []byte {
	b.Helper()
	data, err := ReadFile(name)
	if err == ErrNoCorpus {
		b.Skip(err)
	}
	if err != nil {
		b.Fatal(err)
	}
	return data
}

func boltApply(b *testing.B, c *cache.Cache, frame []byte) {
	ev, err := model.ParseEvent(frame)
	if err != nil {
		b.Fatal(err)
	}
	if err := c.Apply(0, ev); err != nil {
		b.Fatal(err)
	}
}

func boltFileSize(b *testing.B, path string) float64 {
	fi, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	return float64(fi.Size()) / (1 << 20)
}

// BenchmarkPersistGuildCreate25000 applies the 25,000-member GUILD_CREATE
// to a new file through the cache and flushes it to disk (with fsync).
func BenchmarkPersistGuildCreate25000(b *testing.B) {
	frame := boltCorpus(b, "guild_create_25000.json")
	b.SetBytes(int64(len(frame)))
	b.ReportAllocs()
	var size, data float64
	var cpu time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		path := filepath.Join(b.TempDir(), "cache.db")
		be, err := bolt.Open(path, nil)
		if err != nil {
			b.Fatal(err)
		}
		c := cache.New(be, nil)
		buf := bytes.Clone(frame)
		b.StartTimer()
		start := cpuTime()
		boltApply(b, c, buf)
		if err := be.Flush(context.Background()); err != nil {
			b.Fatal(err)
		}
		cpu += cpuTime() - start
		b.StopTimer()
		data = float64(be.Size()) / (1 << 20)
		if err := be.Close(); err != nil {
			b.Fatal(err)
		}
		size = boltFileSize(b, path)
		b.StartTimer()
	}
	b.ReportMetric(size, "MiB-file")
	b.ReportMetric(data, "MiB-data")
	b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/op")
}

func boltMixed(b *testing.B) [][]byte {
	var lines [][]byte
	sc := bufio.NewScanner(bytes.NewReader(boltCorpus(b, Mixed)))
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		lines = append(lines, bytes.Clone(sc.Bytes()))
	}
	return lines
}

// seeded opens a file holding READY and every GUILD_CREATE of the corpus.
func boltSeeded(b *testing.B, path string, o *bolt.Options) (*bolt.Backend, *cache.Cache) {
	be, err := bolt.Open(path, o)
	if err != nil {
		b.Fatal(err)
	}
	c := cache.New(be, nil)
	for _, name := range []string{"ready.json", "guild_create_50.json", "guild_create_1000.json", "guild_create_25000.json"} {
		boltApply(b, c, bytes.Clone(boltCorpus(b, name)))
	}
	if err := be.Flush(context.Background()); err != nil {
		b.Fatal(err)
	}
	return be, c
}

// BenchmarkPersistMixed applies the mixed stream of 10,000 events (after
// the corpus's guilds) and flushes it, once per op: the background
// flusher writes every 250 ms meanwhile, and the last Flush is timed too.
func BenchmarkPersistMixed(b *testing.B) {
	lines := boltMixed(b)
	be, c := boltSeeded(b, filepath.Join(b.TempDir(), "cache.db"), nil)
	defer be.Close()
	b.ReportAllocs()
	b.ResetTimer()
	start, cpu := time.Now(), cpuTime()
	for i := 0; i < b.N; i++ {
		for _, line := range lines {
			boltApply(b, c, line)
		}
		if err := be.Flush(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*len(lines))/time.Since(start).Seconds(), "events/s")
	b.ReportMetric(float64(b.N*len(lines))/(cpuTime()-cpu).Seconds(), "events/cpu-s")
}

// BenchmarkOpenGuild25000 opens a file holding the corpus's guilds and
// answers a read of the 25,000-member guild.
func BenchmarkOpenGuild25000(b *testing.B) {
	path := filepath.Join(b.TempDir(), "cache.db")
	be, c := boltSeeded(b, path, nil)
	var gid model.GuildID
	var uid model.UserID
	for g := range c.Guilds() {
		if s := c.GuildStats(g.ID); s.Members == 25000 {
			gid = g.ID
			for m := range c.Members(g.ID) {
				uid = m.UserID
				break
			}
		}
	}
	if err := be.Close(); err != nil {
		b.Fatal(err)
	}
	if gid == 0 {
		b.Fatal("no 25,000-member guild")
	}
	b.ReportMetric(boltFileSize(b, path), "MiB-file")
	b.ReportAllocs()
	b.ResetTimer()
	var cpu time.Duration
	for i := 0; i < b.N; i++ {
		start := cpuTime()
		be, err := bolt.Open(path, nil)
		if err != nil {
			b.Fatal(err)
		}
		c := cache.New(be, nil)
		if _, ok := c.Member(gid, uid); !ok {
			b.Fatal("member not found")
		}
		if _, ok := c.Guild(gid); !ok {
			b.Fatal("guild not found")
		}
		cpu += cpuTime() - start
		b.StopTimer()
		if err := be.Close(); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/op")
	b.StopTimer()
	before := boltHeap()
	be, err := bolt.Open(path, nil)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(boltHeap()-before)/(1<<20), "MiB-heap")
	be.Close()
}

func boltHeap() uint64 {
	var ms runtime.MemStats
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

// BenchmarkGetMember reads one member (and decodes it).
func BenchmarkGetMember(b *testing.B) {
	be, c := boltSeeded(b, filepath.Join(b.TempDir(), "cache.db"), nil)
	defer be.Close()
	var ids []cache.Key
	for g := range c.Guilds() {
		for m := range c.Members(g.ID) {
			ids = append(ids, cache.Key{Kind: cache.KindMember, Parent: uint64(g.ID), ID: uint64(m.UserID)})
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	var m cache.Member
	for i := 0; i < b.N; i++ {
		if !be.Get(ids[i%len(ids)], &m) {
			b.Fatal("no member")
		}
	}
}
