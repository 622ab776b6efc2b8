package rest_test

import (
	"context"
	"errors"
	"math"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gloamdev/gloam/discordtest"
	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/rest"
	"github.com/matryer/is"
)

// loadRoutes picks n routes whose first parameter is a channel or guild,
// the major parameters of Discord's rate limits.
func loadRoutes(n int) []rest.Route {
	var out []rest.Route
	for _, r := range rest.Routes() {
		if strings.HasPrefix(r.Path, "/channels/{channel_id}") || strings.HasPrefix(r.Path, "/guilds/{guild_id}") {
			out = append(out, r)
		}
	}
	return out[:n]
}

func args(r *rest.Route, major string) []string {
	a := []string{major}
	for i := 1; i < strings.Count(r.Path, "{"); i++ {
		a = append(a, "1")
	}
	return a
}

// TestLoad sends 10,000 requests (2,000 under -race) over 100 routes and 20 channels (or
// guilds) from 50 goroutines against tight per-route limits, routes
// sharing buckets ten by ten, and checks that no 429 was avoidable and
// that the time taken is close to what the buckets allow.
func TestLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("load test")
	}
	is := is.New(t)
	const (
		nRoutes  = 100
		nMajors  = 20
		groups   = 10
		limit    = 5
		workers  = 50
		firstIDs = 700000000000000000
	)
	// The requests must come faster than the buckets allow them, or the
	// test measures the machine rather than the limiter: 10,000 requests
	// in 9 s is about 1,100 per second.
	window := time.Second
	// Under -race each request costs ten times the CPU: CI (which runs
	// with -race on a shared machine) sends 2,000; a plain run 10,000.
	perPair := 5
	if raceEnabled && os.Getenv("GLOAM_FULL_LOAD") == "" {
		perPair = 1
	}
	routes := loadRoutes(nRoutes)
	group := map[string]string{}
	for i, r := range routes {
		group[r.String()] = "load-" + string(rune('a'+i%groups))
	}
	s := discordtest.NewServer(&discordtest.Options{REST: discordtest.RESTOptions{
		GlobalLimit:  -1,
		InvalidLimit: -1,
		RateLimitFunc: func(route string, def discordtest.RateLimit) discordtest.RateLimit {
			if g, ok := group[route]; ok {
				return discordtest.RateLimit{Limit: limit, Window: window, Bucket: g}
			}
			return def
		},
	}})
	defer s.Close()
	c := rest.NewClient(s.Token(), &rest.Options{BaseURL: s.URL(), GlobalLimit: -1, MaxInvalidRequests: 1 << 30})
	ctx := context.Background()

	// Learn the buckets first, one request per route on a major
	// parameter of its own: a route's first request cannot know that it
	// shares a bucket with another.
	for i := range routes {
		r := &routes[i]
		_ = c.Do(ctx, r, args(r, itoa(firstIDs+1000+i)), nil, nil, nil)
	}
	before := s.Stats().REST

	type job struct {
		r     *rest.Route
		major string
	}
	// Round after round, every queue (bucket group and major parameter)
	// gets one request, from its routes in turn.
	var jobs []job
	perGroup := nRoutes / groups
	for round := 0; round < perGroup*perPair; round++ {
		for g := 0; g < groups; g++ {
			for m := 0; m < nMajors; m++ {
				r := &routes[g+groups*(round%perGroup)]
				jobs = append(jobs, job{r, itoa(firstIDs + m)})
			}
		}
	}
	var next atomic.Int64
	var rateLimited, other atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := next.Add(1) - 1
				if i >= int64(len(jobs)) {
					return
				}
				j := jobs[i]
				err := c.Do(ctx, j.r, args(j.r, j.major), nil, nil, nil)
				var rl *rest.RateLimitError
				var re *rest.Error
				switch {
				case errors.As(err, &rl):
					rateLimited.Add(1)
				case err == nil, errors.As(err, &re):
				default:
					other.Add(1)
					t.Errorf("request failed: %v", err)
				}
			}
		}()
	}
	wg.Wait()
	took := time.Since(start)
	st := s.Stats().REST

	// Each of the groups*nMajors queues gets nRoutes/groups*perPair
	// requests: ceil(50/5) = 10 windows, the first starting at once.
	perQueue := nRoutes / groups * perPair
	expected := time.Duration(math.Ceil(float64(perQueue)/limit)-1) * window
	ratio := float64(expected) / float64(took)
	t.Logf("%d requests in %v; the buckets allow %v: throughput ratio %.3f", len(jobs), took.Round(time.Millisecond), expected, ratio)
	t.Logf("server: %d requests, %d 429s (%d avoidable)", st.Requests-before.Requests, st.RateLimited, st.AvoidableRateLimited)
	is.Equal(st.Requests-before.Requests, len(jobs)) // every request sent once
	is.Equal(st.AvoidableRateLimited, 0)             // no 429 the limiter could have avoided
	is.Equal(st.RateLimited, 0)
	is.Equal(rateLimited.Load(), int64(0))
	is.True(took >= expected) // the limits were kept
	if raceEnabled {
		t.Logf("under -race the machine, not the limiter, sets the pace: the ratio means little")
	}
}

func itoa(n int) string {
	var b [20]byte
	i := len(b)
	for {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			return string(b[i:])
		}
	}
}

func TestGlobalLimit(t *testing.T) {
	is := is.New(t)
	const (
		limit  = 20
		period = 250 * time.Millisecond
		total  = 120
	)
	s := discordtest.NewServer(&discordtest.Options{REST: discordtest.RESTOptions{
		GlobalLimit:  limit,
		GlobalWindow: period,
		RateLimitFunc: func(string, discordtest.RateLimit) discordtest.RateLimit {
			return discordtest.RateLimit{} // no per-route limits: only the global one
		},
	}})
	defer s.Close()
	// The client counts a window twice the server's: what the client sees
	// as one send time reaches the server later, by a delay that a loaded
	// machine (and -race) makes uneven, and a request held up by more than
	// the margin would land in the next window of the server with the
	// ones sent after it. The lower bound on the time taken below still
	// proves the limit is kept.
	c := rest.NewClient(s.Token(), &rest.Options{BaseURL: s.URL(), GlobalLimit: limit, GlobalPeriod: 2 * period})
	ctx := context.Background()
	var wg sync.WaitGroup
	var n atomic.Int64
	start := time.Now()
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n.Add(1) <= total {
				if _, err := c.Me(ctx); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
	took := time.Since(start)
	expected := time.Duration(total/limit-1) * period
	st := s.Stats().REST
	t.Logf("%d requests in %v; the global limit allows %v: ratio %.3f", total, took.Round(time.Millisecond), expected, float64(expected)/float64(took))
	is.Equal(st.GlobalRateLimited, 0) // never over the global limit
	is.Equal(st.AvoidableRateLimited, 0)
	is.True(took >= expected) // the limit was kept

	// interaction callbacks are exempt: they do not wait behind the rest
	_, err := c.Me(ctx, rest.NoWait())
	for err == nil {
		_, err = c.Me(ctx, rest.NoWait())
	}
	var rl *rest.RateLimitError
	is.True(errors.As(err, &rl)) // fail fast on the global limit
	is.True(rl.Global)
	err = c.RespondInteraction(ctx, 1, "tok", &rest.InteractionResponse{Type: model.CallbackPong}, rest.NoWait())
	is.True(!errors.As(err, &rl)) // not held by the global limit
}

func TestRateLimitStorm(t *testing.T) {
	t.Run("bounded retries", func(t *testing.T) {
		is := is.New(t)
		s := discordtest.NewServer(&discordtest.Options{REST: discordtest.RESTOptions{
			Faults: []discordtest.RateLimitFault{{Route: "GET /users/@me", Count: 4, RetryAfter: 30 * time.Millisecond, Scope: discordtest.ScopeUser}},
		}})
		defer s.Close()
		c := rest.NewClient(s.Token(), &rest.Options{BaseURL: s.URL(), MaxRetries: 3})
		start := time.Now()
		_, err := c.Me(context.Background())
		var rl *rest.RateLimitError
		is.True(errors.As(err, &rl)) // a typed error after the retries
		is.Equal(rl.Attempts, 4)
		is.Equal(rl.Scope, "user")
		is.True(time.Since(start) >= 85*time.Millisecond) // waited retry_after between attempts
		st := s.Stats().REST
		is.Equal(st.Requests, 4) // bounded: 1 + 3 retries
		is.Equal(c.Limiter().InvalidRequests(), 4)
		_, err = c.Me(context.Background())
		is.NoErr(err) // the storm is over
	})
	t.Run("shared storm", func(t *testing.T) {
		is := is.New(t)
		s := discordtest.NewServer(&discordtest.Options{REST: discordtest.RESTOptions{
			Faults: []discordtest.RateLimitFault{{Route: "GET /users/@me", Probability: 0.4, RetryAfter: 5 * time.Millisecond, Scope: discordtest.ScopeShared}},
		}})
		defer s.Close()
		c := rest.NewClient(s.Token(), &rest.Options{BaseURL: s.URL(), MaxRetries: 30})
		var wg sync.WaitGroup
		for w := 0; w < 5; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; i < 10; i++ {
					if _, err := c.Me(context.Background()); err != nil {
						t.Error(err)
					}
				}
			}()
		}
		wg.Wait()
		st := s.Stats().REST
		t.Logf("%d requests, %d forced 429s", st.Requests, st.ForcedRateLimited)
		is.True(st.ForcedRateLimited > 0)          // the storm happened
		is.Equal(st.AvoidableRateLimited, 0)       // and caused no 429 of our own
		is.Equal(c.Limiter().InvalidRequests(), 0) // shared 429s do not count against us
	})
	t.Run("global 429", func(t *testing.T) {
		is := is.New(t)
		s := discordtest.NewServer(&discordtest.Options{REST: discordtest.RESTOptions{
			Faults: []discordtest.RateLimitFault{{Route: "GET /users/@me", Count: 1, RetryAfter: 50 * time.Millisecond, Scope: discordtest.ScopeGlobal}},
		}})
		defer s.Close()
		c := rest.NewClient(s.Token(), &rest.Options{BaseURL: s.URL()})
		_, err := c.Me(context.Background())
		is.NoErr(err) // retried after the global wait
		_, err = c.GatewayBot(context.Background(), rest.NoWait())
		is.NoErr(err) // the global pause is over
	})
}

func TestCancelWhileQueued(t *testing.T) {
	is := is.New(t)
	s := discordtest.NewServer(&discordtest.Options{REST: discordtest.RESTOptions{
		RateLimits: map[string]discordtest.RateLimit{"GET /users/@me": {Limit: 1, Window: 10 * time.Second}},
	}})
	defer s.Close()
	c := rest.NewClient(s.Token(), &rest.Options{BaseURL: s.URL()})
	_, err := c.Me(context.Background())
	is.NoErr(err)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err = c.Me(ctx)
	is.True(errors.Is(err, context.DeadlineExceeded)) // gave up while queued
	is.Equal(s.Stats().REST.Requests, 1)              // and never sent
	_, err = c.Me(context.Background(), rest.NoWait())
	var rl *rest.RateLimitError
	is.True(errors.As(err, &rl)) // the bucket is still empty
}

func TestFailFastClient(t *testing.T) {
	is := is.New(t)
	s := discordtest.NewServer(&discordtest.Options{REST: discordtest.RESTOptions{
		RateLimits: map[string]discordtest.RateLimit{"GET /users/@me": {Limit: 1, Window: 10 * time.Second}},
	}})
	defer s.Close()
	c := rest.NewClient(s.Token(), &rest.Options{BaseURL: s.URL(), NoWait: true})
	_, err := c.Me(context.Background())
	is.NoErr(err)
	_, err = c.Me(context.Background())
	var rl *rest.RateLimitError
	is.True(errors.As(err, &rl)) // the client never waits
	is.Equal(rl.Attempts, 0)     // refused before sending
	is.True(rl.RetryAfter > 5*time.Second)
	is.True(rl.Bucket != "")
	is.Equal(s.Stats().REST.Requests, 1)
}

func TestInvalidRequestLimit(t *testing.T) {
	is := is.New(t)
	s := discordtest.NewServer(&discordtest.Options{REST: discordtest.RESTOptions{
		Faults: []discordtest.RateLimitFault{{Route: "GET /users/@me", Count: 3, RetryAfter: time.Millisecond, Scope: discordtest.ScopeUser}},
	}})
	defer s.Close()
	c := rest.NewClient(s.Token(), &rest.Options{BaseURL: s.URL(), MaxRetries: -1, MaxInvalidRequests: 3})
	for i := 0; i < 3; i++ {
		_, err := c.Me(context.Background())
		var rl *rest.RateLimitError
		is.True(errors.As(err, &rl)) // no retries: the 429 comes back
		time.Sleep(2 * time.Millisecond)
	}
	_, err := c.GatewayBot(context.Background())
	is.True(errors.Is(err, rest.ErrInvalidRequestLimit)) // refused past the threshold
	is.Equal(s.Stats().REST.Requests, 3)                 // and not sent
	is.Equal(s.Stats().REST.InvalidRequests, 3)          // the server counted as many
}

// TestNoLimiter checks that a client with Options.NoLimiter sends every
// request at once, where its own limiter would hold it back, and still
// surfaces the 429 that follows as a *RateLimitError, or retries it
// after its retry_after.
func TestNoLimiter(t *testing.T) {
	const window = 400 * time.Millisecond
	newFake := func(t *testing.T) *discordtest.Server {
		s := discordtest.NewServer(&discordtest.Options{REST: discordtest.RESTOptions{
			RateLimits: map[string]discordtest.RateLimit{"GET /users/@me": {Limit: 1, Window: window}},
		}})
		t.Cleanup(s.Close)
		return s
	}
	ctx := context.Background()
	t.Run("own limiter", func(t *testing.T) {
		is := is.New(t)
		s := newFake(t)
		c := rest.NewClient(s.Token(), &rest.Options{BaseURL: s.URL()})
		_, err := c.Me(ctx)
		is.NoErr(err)
		_, err = c.Me(ctx, rest.NoWait())
		var rl *rest.RateLimitError
		is.True(errors.As(err, &rl))         // refused by the client's own limiter
		is.Equal(s.Stats().REST.Requests, 1) // before it was sent
	})
	t.Run("no limiter", func(t *testing.T) {
		is := is.New(t)
		s := newFake(t)
		c := rest.NewClient(s.Token(), &rest.Options{BaseURL: s.URL(), NoLimiter: true})
		_, err := c.Me(ctx)
		is.NoErr(err)
		start := time.Now()
		_, err = c.Me(ctx, rest.NoWait())
		var rl *rest.RateLimitError
		is.True(errors.As(err, &rl)) // the server's 429, surfaced
		is.Equal(rl.Attempts, 1)
		is.True(rl.RetryAfter > 0)                   // with the server's retry_after
		is.Equal(s.Stats().REST.RateLimited, 1)      // sent, not held back
		is.True(time.Since(start) < window)          // without waiting for the bucket
		is.Equal(len(c.Limiter().State().Routes), 0) // nothing learnt
	})
	t.Run("retries a 429", func(t *testing.T) {
		is := is.New(t)
		s := newFake(t)
		c := rest.NewClient(s.Token(), &rest.Options{BaseURL: s.URL(), NoLimiter: true})
		_, err := c.Me(ctx)
		is.NoErr(err)
		_, err = c.Me(ctx)
		is.NoErr(err)                        // retried after the retry_after
		is.Equal(s.Stats().REST.Requests, 3) // the 429 came and was waited out
		is.Equal(s.Stats().REST.RateLimited, 1)
	})
}
