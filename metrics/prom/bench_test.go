package prom

import (
	"context"
	"testing"

	"github.com/gloamdev/gloam/core"
	"github.com/gloamdev/gloam/model"
)

// BenchmarkMiddleware is what timing the listeners adds to each event
// delivered: two clock reads and a histogram observation.
func BenchmarkMiddleware(b *testing.B) {
	c := New(core.New("tok", nil), nil)
	l := c.time(func(ctx context.Context, ev core.Event) {})
	ev := core.Event{Event: model.Event{Type: model.EventMessageCreate}}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		l(ctx, ev)
	}
}
