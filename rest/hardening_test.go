package rest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gloamdev/gloam/rest"
	"github.com/matryer/is"
)

// hostile serves every request with answer, which sees how many requests
// came before it.
func hostile(t *testing.T, answer func(n int, w http.ResponseWriter, r *http.Request)) (*rest.Client, *atomic.Int64) {
	t.Helper()
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		answer(int(n.Add(1)-1), w, r)
	}))
	t.Cleanup(srv.Close)
	return rest.NewClient("secret-token", &rest.Options{BaseURL: srv.URL, GlobalLimit: -1}), &n
}

func me(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "application/json")
	fmt.Fprint(w, `{"id":"1","username":"bot"}`)
}

func TestResetAfterBoundedToAnHour(t *testing.T) {
	is := is.New(t)
	c, _ := hostile(t, func(_ int, w http.ResponseWriter, _ *http.Request) {
		h := w.Header()
		h.Set("X-RateLimit-Bucket", "b")
		h.Set("X-RateLimit-Limit", "1")
		h.Set("X-RateLimit-Remaining", "0")
		h.Set("X-RateLimit-Reset-After", "1e12") // thirty thousand years
		me(w)
	})
	ctx := context.Background()
	_, err := c.Me(ctx)
	is.NoErr(err)
	_, err = c.Me(ctx, rest.NoWait())
	var rl *rest.RateLimitError
	is.True(errors.As(err, &rl))        // the bucket is spent
	is.True(rl.RetryAfter <= time.Hour) // no bucket of Discord's resets later than an hour ahead
	is.True(rl.RetryAfter > 59*time.Minute)
}

func TestSmallerResetAfterReplacesLarger(t *testing.T) {
	is := is.New(t)
	c, n := hostile(t, func(i int, w http.ResponseWriter, _ *http.Request) {
		h := w.Header()
		h.Set("X-RateLimit-Bucket", "b")
		h.Set("X-RateLimit-Limit", "2")
		if i == 0 {
			h.Set("X-RateLimit-Remaining", "1")
			h.Set("X-RateLimit-Reset-After", "1800")
		} else {
			h.Set("X-RateLimit-Remaining", "0")
			h.Set("X-RateLimit-Reset-After", "0.05")
		}
		me(w)
	})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for range 3 {
		_, err := c.Me(ctx)
		is.NoErr(err) // the third request waits 50 ms, not half an hour
	}
	is.Equal(n.Load(), int64(3))
}

func TestRetryAfterBounded(t *testing.T) {
	for _, tc := range []struct{ name, header, body string }{
		{"huge header", "1e300", "not json"},
		{"huge body", "", `{"retry_after": 1e300, "global": false}`},
		{"NaN", "NaN", "not json"},
		{"Inf", "+Inf", "not json"},
		{"negative", "-5", `{"retry_after": -3}`},
		{"garbage", "soon", `{"retry_after": "soon"}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			is := is.New(t)
			c, _ := hostile(t, func(_ int, w http.ResponseWriter, _ *http.Request) {
				if tc.header != "" {
					w.Header().Set("Retry-After", tc.header)
				}
				w.Header().Set("X-RateLimit-Bucket", "b")
				w.WriteHeader(http.StatusTooManyRequests)
				fmt.Fprint(w, tc.body)
			})
			_, err := c.Me(context.Background(), rest.NoWait())
			var rl *rest.RateLimitError
			is.True(errors.As(err, &rl)) // a 429 is a *RateLimitError
			is.True(rl.RetryAfter >= 0)
			is.True(rl.RetryAfter <= time.Hour) // no wait longer than an hour
		})
	}
}

func TestRestoredStateFromTheFutureIgnored(t *testing.T) {
	is := is.New(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("X-RateLimit-Bucket", "b")
		w.Header().Set("X-RateLimit-Limit", "1")
		w.Header().Set("X-RateLimit-Remaining", "1")
		w.Header().Set("X-RateLimit-Reset-After", "1")
		me(w)
	}))
	defer srv.Close()
	// Saved, then the clock was set back 30 days: the spent window seems
	// to end a month from now.
	st := &rest.LimiterState{
		Routes:  map[string]string{"GET /users/@me": "b"},
		Limits:  map[string]int{"b": 1},
		Buckets: []rest.BucketState{{Hash: "b", Remaining: 0, Reset: time.Now().Add(30 * 24 * time.Hour)}},
	}
	c := rest.NewClient("t", &rest.Options{BaseURL: srv.URL, LimiterState: st})
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_, err := c.Me(ctx, rest.NoWait())
	is.NoErr(err) // the impossible window was not restored

	// A window within the hour is restored and waited on.
	st.Buckets[0].Reset = time.Now().Add(30 * time.Minute)
	c = rest.NewClient("t", &rest.Options{BaseURL: srv.URL, LimiterState: st})
	_, err = c.Me(ctx, rest.NoWait())
	var rl *rest.RateLimitError
	is.True(errors.As(err, &rl)) // the restored window holds
}

func TestPathArgumentsCannotChangeTheRoute(t *testing.T) {
	var mu sync.Mutex
	var paths []string
	c, n := hostile(t, func(_ int, w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		paths = append(paths, r.URL.EscapedPath())
		mu.Unlock()
		w.WriteHeader(http.StatusNoContent)
	})
	ctx := context.Background()
	for _, emoji := range []string{"", ".", ".."} {
		t.Run(fmt.Sprintf("%q", emoji), func(t *testing.T) {
			is := is.New(t)
			err := c.AddReaction(ctx, 1, 2, emoji)
			var ve *rest.ValidationError
			is.True(errors.As(err, &ve)) // a typed error, before sending
			is.Equal(ve.Field, "emoji_name")
			err = c.Do(ctx, rest.NewRoute("GET", "/invites/{code}"), []string{emoji}, nil, nil, nil)
			is.True(errors.As(err, &ve)) // Do checks its arguments too
			is.Equal(n.Load(), int64(0)) // nothing was sent
		})
	}
	t.Run("escaped", func(t *testing.T) {
		is := is.New(t)
		is.NoErr(c.AddReaction(ctx, 1, 2, "../../../guilds/3?x#y"))
		is.NoErr(c.AddReaction(ctx, 1, 2, "..."))
		mu.Lock()
		defer mu.Unlock()
		is.Equal(paths, []string{
			"/channels/1/messages/2/reactions/..%2F..%2F..%2Fguilds%2F3%3Fx%23y/@me",
			"/channels/1/messages/2/reactions/.../@me",
		})
	})
}

func TestClientNeverPrintsItsToken(t *testing.T) {
	const token = "MTIz.secret.token-value"
	for _, opts := range []*rest.Options{nil, {Bearer: true}} {
		is := is.New(t)
		c := rest.NewClient(token, opts)
		var out []string
		for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
			out = append(out, fmt.Sprintf(verb, c), fmt.Sprintf(verb, *c))
		}
		out = append(out, fmt.Sprintf("%+v", struct{ C *rest.Client }{c}))
		var buf bytes.Buffer
		slog.New(slog.NewTextHandler(&buf, nil)).Info("x", "client", c, slog.Any("any", c))
		slog.New(slog.NewJSONHandler(&buf, nil)).Info("x", "client", c, slog.Any("value", *c))
		out = append(out, buf.String())
		js, err := json.Marshal(c)
		is.NoErr(err)
		out = append(out, string(js))
		for _, s := range out {
			if strings.Contains(s, "secret") {
				t.Errorf("the token is printed: %s", s)
			}
		}
		is.True(strings.Contains(fmt.Sprintf("%v", c), rest.DefaultBaseURL)) // but the client is recognisable
	}
}

func TestRouteWithEmptySegmentsIsLiteral(t *testing.T) {
	var mu sync.Mutex
	var paths []string
	c, _ := hostile(t, func(_ int, w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		paths = append(paths, r.URL.EscapedPath())
		mu.Unlock()
		w.WriteHeader(http.StatusNoContent)
	})
	ctx := context.Background()
	for _, tc := range []struct {
		path string
		args []string
		sent string
	}{
		{"/", nil, "/"},
		{"", nil, "/"},
		{"//", nil, "//"},
		{"/users//@me", nil, "/users//@me"},
		{"/channels//{channel_id}/", []string{"7"}, "/channels//7/"},
		{"/webhooks/{webhook_id}//{token}", []string{"1", "t"}, "/webhooks/1//t"},
	} {
		t.Run(fmt.Sprintf("%q", tc.path), func(t *testing.T) {
			is := is.New(t)
			mu.Lock()
			paths = nil
			mu.Unlock()
			is.NoErr(c.Do(ctx, rest.NewRoute("GET", tc.path), tc.args, nil, nil, nil)) // an empty segment is not a parameter
			mu.Lock()
			defer mu.Unlock()
			is.Equal(paths, []string{tc.sent})
		})
	}
	t.Run("too few arguments", func(t *testing.T) {
		is := is.New(t)
		err := c.Do(ctx, rest.NewRoute("GET", "/a//{x}"), nil, nil, nil, nil)
		is.True(err != nil) // an error, not a panic
	})
}
