package rest_test

import (
	"context"
	"testing"

	"github.com/gloamdev/gloam/discordtest"
	"github.com/gloamdev/gloam/rest"
)

// BenchmarkClientMe is a whole request through the client (limiter,
// HTTP on loopback, JSON) against discordtest, without rate limits: the
// server's cost is in it too.
func BenchmarkClientMe(b *testing.B) {
	s := discordtest.NewServer(&discordtest.Options{REST: discordtest.RESTOptions{
		GlobalLimit:   -1,
		RateLimitFunc: func(string, discordtest.RateLimit) discordtest.RateLimit { return discordtest.RateLimit{} },
	}})
	defer s.Close()
	c := rest.NewClient(s.Token(), &rest.Options{BaseURL: s.URL(), GlobalLimit: -1})
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Me(ctx); err != nil {
			b.Fatal(err)
		}
	}
}
