package model_test

import (
	"testing"

	"github.com/gloamdev/gloam/model"
)

var benchSink uint64

func BenchmarkParseEvent(b *testing.B) {
	p := []byte(messageCreate)
	b.ReportAllocs()
	b.SetBytes(int64(len(p)))
	for b.Loop() {
		ev, err := model.ParseEvent(p)
		if err != nil {
			b.Fatal(err)
		}
		benchSink += uint64(ev.Seq)
	}
}

// BenchmarkMessageCreateView is what a handler of MESSAGE_CREATE pays:
// the envelope, the view and three fields.
func BenchmarkMessageCreateView(b *testing.B) {
	p := []byte(messageCreate)
	b.ReportAllocs()
	b.SetBytes(int64(len(p)))
	for b.Loop() {
		ev, err := model.ParseEvent(p)
		if err != nil {
			b.Fatal(err)
		}
		v, err := ev.MessageCreate()
		if err != nil {
			b.Fatal(err)
		}
		benchSink += uint64(len(v.Get("nonce").Raw)) + uint64(v.ChannelID()) + uint64(v.Author().ID())
	}
}

func BenchmarkMessageCreateDecode(b *testing.B) {
	p := []byte(messageCreate)
	b.ReportAllocs()
	b.SetBytes(int64(len(p)))
	for b.Loop() {
		ev, err := model.ParseEvent(p)
		if err != nil {
			b.Fatal(err)
		}
		v, err := ev.Decode()
		if err != nil {
			b.Fatal(err)
		}
		benchSink += uint64(v.(*model.MessageCreate).ID)
	}
}

// TestViewsDoNotAllocate holds the claim that the envelope and a view's
// ID and plain string fields cost no allocation.
func TestViewsDoNotAllocate(t *testing.T) {
	p := []byte(`{"t":"MESSAGE_CREATE","s":6,"op":0,"d":{"id":"1","content":"plain","channel_id":"2","author":{"id":"3","username":"u"}}}`)
	n := testing.AllocsPerRun(100, func() {
		ev, _ := model.ParseEvent(p)
		v, _ := ev.MessageCreate()
		benchSink += uint64(len(v.Content())) + uint64(v.ChannelID()) + uint64(v.Author().ID()) + uint64(len(v.Author().Username()))
	})
	if n != 0 {
		t.Fatalf("%v allocations per event", n)
	}
}
