package prom

import (
	"context"
	"testing"

	"github.com/gloamdev/gloam/core"
	"github.com/gloamdev/gloam/model"
	"github.com/prometheus/client_golang/prometheus"
)

// BenchmarkCollect is one scrape of a bot that has timed the listeners
// of a few event types: reading core.Bot.Stats and gathering every
// metric through a registry. The collector costs the events nothing: the
// listeners' time is core's own (see core's BenchmarkDispatch).
func BenchmarkCollect(b *testing.B) {
	bot := core.New("tok", nil)
	bot.Listen(func(context.Context, core.Event) {})
	for _, t := range []model.EventType{model.EventMessageCreate, model.EventPresenceUpdate, model.EventTypingStart} {
		bot.Dispatch(context.Background(), 0, model.Event{Type: t})
	}
	reg := prometheus.NewRegistry()
	reg.MustRegister(New(bot, nil))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := reg.Gather(); err != nil {
			b.Fatal(err)
		}
	}
}
