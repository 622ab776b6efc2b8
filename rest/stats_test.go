package rest_test

import (
	"context"
	"testing"
	"time"

	"github.com/gloamdev/gloam/discordtest"
	"github.com/gloamdev/gloam/rest"
	"github.com/matryer/is"
)

// TestStats counts the attempts by route and status, the 429s by scope
// and the waits for the limit they set.
func TestStats(t *testing.T) {
	is := is.New(t)
	_, c := newServer(t, &discordtest.Options{REST: discordtest.RESTOptions{
		Faults: []discordtest.RateLimitFault{{Route: "GET /users/@me", Count: 2, RetryAfter: 20 * time.Millisecond, Scope: discordtest.ScopeUser}},
	}}, nil)
	is.Equal(c.Stats().Requests, []rest.RequestCount{}) // nothing sent yet
	_, err := c.Me(context.Background())
	is.NoErr(err) // after two 429s
	_, err = c.Me(context.Background())
	is.NoErr(err)
	st := c.Stats()
	is.Equal(st.Requests, []rest.RequestCount{
		{Route: "GET /users/@me", Status: 200, Count: 2},
		{Route: "GET /users/@me", Status: 429, Count: 2},
	}) // every attempt, by status
	is.Equal(st.RateLimited, []rest.ScopeCount{{Scope: "user", Count: 2}}) // the 429s by scope
	is.Equal(st.Waits[0].Limit, "bucket")
	is.True(st.Waits[0].Count >= 1)                        // the retries waited for the route's limit
	is.True(st.Waits[0].Total >= 15*time.Millisecond)      // about retry_after each
	is.Equal(st.Waits[1], rest.WaitCount{Limit: "global"}) // never for the global one
}
