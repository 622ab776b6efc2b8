package discordtest

import (
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/matryer/is"
)

const typingRoute = "POST /channels/{channel_id}/typing"

func floatHeader(t *testing.T, h http.Header, name string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(h.Get(name), 64)
	if err != nil {
		t.Fatalf("%s: %q is not a number", name, h.Get(name))
	}
	return v
}

func TestRESTRateLimitHeaders(t *testing.T) {
	is := is.New(t)
	_, c := newRESTTest(t, &Options{REST: RESTOptions{
		RateLimits: map[string]RateLimit{typingRoute: {Limit: 3, Window: time.Minute}},
	}})
	var bucket string
	for i := range 3 {
		r := c.do("POST", "/channels/1000/typing", nil)
		is.True(r.Status != http.StatusTooManyRequests)                                               // within the limit
		is.Equal(r.Header.Get("X-RateLimit-Limit"), "3")                                              // limit
		is.Equal(r.Header.Get("X-RateLimit-Remaining"), strconv.Itoa(2-i))                            // remaining counts down
		is.True(regexp.MustCompile(`^[0-9a-f]{32}$`).MatchString(r.Header.Get("X-RateLimit-Bucket"))) // opaque hash
		after := floatHeader(t, r.Header, "X-RateLimit-Reset-After")
		is.True(after > 0 && after <= 60) // reset after, in seconds
		reset := floatHeader(t, r.Header, "X-RateLimit-Reset")
		now := float64(time.Now().UnixMilli()) / 1000
		is.True(reset > now-1 && reset < now+61)                                // reset is an epoch in seconds
		is.True(strings.Contains(r.Header.Get("X-RateLimit-Reset-After"), ".")) // has decimals
		is.Equal(r.Header.Get("X-RateLimit-Scope"), "")                         // scope only on 429
		if i == 0 {
			bucket = r.Header.Get("X-RateLimit-Bucket")
		}
		is.Equal(r.Header.Get("X-RateLimit-Bucket"), bucket) // same bucket
	}
}

func TestREST429(t *testing.T) {
	is := is.New(t)
	srv, c := newRESTTest(t, &Options{REST: RESTOptions{
		RateLimits: map[string]RateLimit{typingRoute: {Limit: 2, Window: time.Second}},
	}})
	c.do("POST", "/channels/1000/typing", nil)
	c.do("POST", "/channels/1000/typing", nil)
	r := c.do("POST", "/channels/1000/typing", nil)
	is.Equal(r.Status, http.StatusTooManyRequests)             // over the limit
	is.Equal(r.Header.Get("X-RateLimit-Scope"), "user")        // the bot's own limit
	is.Equal(r.Header.Get("X-RateLimit-Remaining"), "0")       // empty bucket
	is.Equal(r.Header.Get("Content-Type"), "application/json") // JSON body
	ra, err := strconv.Atoi(r.Header.Get("Retry-After"))       // whole seconds
	is.NoErr(err)                                              // Retry-After is an integer
	is.Equal(ra, 1)                                            // rounded up
	var body struct {
		Message    string  `json:"message"`
		RetryAfter float64 `json:"retry_after"`
		Global     *bool   `json:"global"`
	}
	is.NoErr(r.decode(&body))
	is.Equal(body.Message, "You are being rate limited.")
	is.True(body.RetryAfter > 0 && body.RetryAfter <= 1) // retry_after in float seconds
	is.True(body.Global != nil && !*body.Global)         // global is false and present

	time.Sleep(time.Duration(body.RetryAfter*1000+5) * time.Millisecond)
	r = c.do("POST", "/channels/1000/typing", nil)
	is.True(r.Status != http.StatusTooManyRequests)      // the window was over after retry_after
	is.Equal(r.Header.Get("X-RateLimit-Remaining"), "1") // a fresh window

	st := srv.Stats().REST
	is.Equal(st.Requests, 4)
	is.Equal(st.RequestsByRoute[typingRoute], 4)
	is.Equal(st.RateLimited, 1)
	is.Equal(st.RateLimitedByRoute[typingRoute], 1)
	is.Equal(st.AvoidableRateLimited, 1) // the client could have seen Remaining 0
	is.Equal(st.ForcedRateLimited, 0)
	is.Equal(st.InvalidRequests, 1) // a 429 is an invalid request
	is.Equal(st.ByStatus[http.StatusTooManyRequests], 1)
	is.Equal(st.ByStatus[http.StatusNotFound], 3) // typing in a channel the World does not have
}

func TestRESTMajorParameter(t *testing.T) {
	is := is.New(t)
	_, c := newRESTTest(t, &Options{REST: RESTOptions{
		RateLimits: map[string]RateLimit{typingRoute: {Limit: 1, Window: time.Minute}},
	}})
	a := c.do("POST", "/channels/1000/typing", nil)
	is.True(a.Status != http.StatusTooManyRequests)
	is.Equal(c.do("POST", "/channels/1000/typing", nil).Status, http.StatusTooManyRequests) // channel 1000 is empty
	b := c.do("POST", "/channels/2000/typing", nil)
	is.True(b.Status != http.StatusTooManyRequests)                                  // channel 2000 has its own count
	is.Equal(a.Header.Get("X-RateLimit-Bucket"), b.Header.Get("X-RateLimit-Bucket")) // with the same hash
}

func TestRESTSharedBucket(t *testing.T) {
	is := is.New(t)
	srv, c := newRESTTest(t, &Options{REST: RESTOptions{RateLimits: map[string]RateLimit{
		"PUT /channels/{channel_id}/messages/pins/{message_id}":    {Limit: 2, Window: time.Minute, Bucket: "pins"},
		"DELETE /channels/{channel_id}/messages/pins/{message_id}": {Limit: 2, Window: time.Minute, Bucket: "pins"},
		"PUT /channels/{channel_id}/pins/{message_id}":             {Limit: 2, Window: time.Minute, Bucket: "pins"},
		typingRoute: {Limit: 2, Window: time.Minute},
	}}})
	r1 := c.do("PUT", "/channels/1000/messages/pins/5", nil)
	r2 := c.do("PUT", "/channels/1000/pins/6", nil)
	is.Equal(r1.Header.Get("X-RateLimit-Bucket"), r2.Header.Get("X-RateLimit-Bucket"))              // one bucket for both routes
	is.Equal(r2.Header.Get("X-RateLimit-Remaining"), "0")                                           // counted together
	is.Equal(c.do("PUT", "/channels/1000/messages/pins/7", nil).Status, http.StatusTooManyRequests) // known route: avoidable
	is.Equal(c.do("DELETE", "/channels/1000/messages/pins/7", nil).Status, http.StatusTooManyRequests)
	st := srv.Stats().REST
	is.Equal(st.AvoidableRateLimited, 1)
	is.Equal(st.UnknownBucketRateLimited, 1) // the first DELETE could not know it shares the bucket
	r3 := c.do("POST", "/channels/1000/typing", nil)
	is.True(r3.Header.Get("X-RateLimit-Bucket") != r1.Header.Get("X-RateLimit-Bucket")) // another route, another bucket
	is.Equal(r3.Header.Get("X-RateLimit-Remaining"), "1")
}

func TestRESTWebhookMajor(t *testing.T) {
	is := is.New(t)
	_, c := newRESTTest(t, &Options{REST: RESTOptions{RateLimits: map[string]RateLimit{
		"POST /webhooks/{webhook_id}/{webhook_token}": {Limit: 1, Window: time.Minute},
	}}})
	c.auth = ""
	c.do("POST", "/webhooks/1/aaa", map[string]any{"content": "x"})
	is.Equal(c.do("POST", "/webhooks/1/aaa", map[string]any{"content": "x"}).Status, http.StatusTooManyRequests)  // same webhook and token
	is.True(c.do("POST", "/webhooks/1/bbb", map[string]any{"content": "x"}).Status != http.StatusTooManyRequests) // another token
	is.True(c.do("POST", "/webhooks/2/aaa", map[string]any{"content": "x"}).Status != http.StatusTooManyRequests) // another webhook
}

func TestRESTGlobalLimit(t *testing.T) {
	is := is.New(t)
	srv, c := newRESTTest(t, &Options{REST: RESTOptions{
		GlobalLimit:   5,
		GlobalWindow:  time.Minute,
		RateLimitFunc: func(string, RateLimit) RateLimit { return RateLimit{} },
	}})
	for i := range 5 {
		r := c.do("GET", "/channels/"+strconv.Itoa(100+i), nil)
		is.True(r.Status != http.StatusTooManyRequests)  // within the global limit
		is.Equal(r.Header.Get("X-RateLimit-Bucket"), "") // no per-route limit
	}
	r := c.do("GET", "/users/@me", nil)
	is.Equal(r.Status, http.StatusTooManyRequests)
	is.Equal(r.Header.Get("X-RateLimit-Global"), "true")
	is.Equal(r.Header.Get("X-RateLimit-Scope"), "global")
	is.Equal(r.Header.Get("X-RateLimit-Limit"), "") // no bucket headers on a global 429
	m := r.JSON()
	is.Equal(m["global"], true)
	is.True(m["retry_after"].(float64) > 0)

	// interaction callbacks and webhook tokens are exempt
	is.True(c.do("POST", "/interactions/1/tok/callback", map[string]any{"type": 1}).Status != http.StatusTooManyRequests)
	is.True(c.with("").do("POST", "/webhooks/1/tok", map[string]any{"content": "x"}).Status != http.StatusTooManyRequests)

	// the limit is per token: a bearer token has its own
	is.True(c.with("Bearer "+DefaultBearerToken).do("GET", "/users/@me", nil).Status != http.StatusTooManyRequests)

	st := srv.Stats().REST
	is.Equal(st.GlobalRateLimited, 1)
	is.Equal(st.AvoidableRateLimited, 1)
}

func TestRESTInvalidRequestBan(t *testing.T) {
	is := is.New(t)
	srv, c := newRESTTest(t, &Options{REST: RESTOptions{InvalidLimit: 4, InvalidWindow: time.Second}})
	bad := c.with("Bot wrong-token")
	for range 5 {
		r := bad.do("GET", "/users/@me", nil)
		is.Equal(r.Status, http.StatusUnauthorized)
		is.Equal(string(r.Body), `{"code":0,"message":"401: Unauthorized"}`)
	}
	st := srv.Stats().REST
	is.Equal(st.Unauthorized, 5)
	is.Equal(st.InvalidRequests, 5)

	r := c.do("GET", "/users/@me", nil)                                   // even with the right token
	is.Equal(r.Status, http.StatusTooManyRequests)                        // banned
	is.True(strings.HasPrefix(r.Header.Get("Content-Type"), "text/html")) // Cloudflare's page, not JSON
	is.True(strings.Contains(string(r.Body), "1015"))                     // error 1015
	is.True(r.Header.Get("Retry-After") != "")                            // with Retry-After
	is.Equal(srv.Stats().REST.Banned, 1)

	time.Sleep(time.Second + 50*time.Millisecond)
	r = c.do("GET", "/users/@me", nil)
	is.True(r.Status != http.StatusTooManyRequests) // the ban ends with the window
	is.Equal(srv.Stats().REST.InvalidRequests, 0)
}

func TestRESTForcedRateLimit(t *testing.T) {
	is := is.New(t)
	srv, c := newRESTTest(t, &Options{REST: RESTOptions{
		Faults: []RateLimitFault{{Route: typingRoute, Count: 2, RetryAfter: 50 * time.Millisecond}},
	}})
	for range 2 {
		r := c.do("POST", "/channels/1000/typing", nil)
		is.Equal(r.Status, http.StatusTooManyRequests)
		is.Equal(r.Header.Get("X-RateLimit-Scope"), "shared")
		m := r.JSON()
		is.Equal(m["message"], "The resource is being rate limited.")
		is.Equal(m["retry_after"], 0.05)
	}
	is.True(c.do("POST", "/channels/1000/typing", nil).Status != http.StatusTooManyRequests) // the storm is over
	is.True(c.do("GET", "/users/@me", nil).Status != http.StatusTooManyRequests)             // other routes were never hit

	srv.InjectRateLimit(RateLimitFault{Count: 1, Scope: ScopeUser})
	r := c.do("GET", "/users/@me", nil)
	is.Equal(r.Status, http.StatusTooManyRequests)
	is.Equal(r.Header.Get("X-RateLimit-Scope"), "user")
	is.Equal(r.Header.Get("Retry-After"), "1")

	srv.InjectRateLimit(RateLimitFault{Count: 1, Scope: ScopeGlobal})
	r = c.do("GET", "/users/@me", nil)
	is.Equal(r.Header.Get("X-RateLimit-Global"), "true")

	st := srv.Stats().REST
	is.Equal(st.RateLimited, 4)
	is.Equal(st.ForcedRateLimited, 4)
	is.Equal(st.SharedRateLimited, 2)
	is.Equal(st.AvoidableRateLimited, 0) // none of them was the client's fault
	is.Equal(st.GlobalRateLimited, 0)
	is.Equal(st.InvalidRequests, 2) // shared 429s are not counted against the client
}

func TestRESTFaultProbability(t *testing.T) {
	is := is.New(t)
	srv, c := newRESTTest(t, &Options{REST: RESTOptions{
		Seed:          7,
		RateLimitFunc: func(string, RateLimit) RateLimit { return RateLimit{} },
		GlobalLimit:   -1,
		Faults:        []RateLimitFault{{Probability: 0.5}},
	}})
	n := 0
	for range 60 {
		if c.do("GET", "/users/@me", nil).Status == http.StatusTooManyRequests {
			n++
		}
	}
	is.True(n > 10 && n < 50) // about half
	is.Equal(srv.Stats().REST.ForcedRateLimited, n)
}

func TestRESTAuth(t *testing.T) {
	is := is.New(t)
	_, c := newRESTTest(t, nil)
	for _, auth := range []string{"", "Bot", "Bot nope", "Bearer nope", "Basic abc", c.auth + "x"} {
		r := c.with(auth).do("GET", "/users/@me", nil)
		is.Equal(r.Status, http.StatusUnauthorized) // bad authorization
		is.Equal(r.JSON()["message"], "401: Unauthorized")
	}
	// an OAuth2-only route refuses a bot token, and takes a bearer token
	is.Equal(c.do("GET", "/users/@me/guilds/1/member", nil).Status, http.StatusUnauthorized)
	is.True(c.with("Bearer "+DefaultBearerToken).do("GET", "/users/@me/guilds/1/member", nil).Status != http.StatusUnauthorized)
	// a bot-only route refuses a bearer token
	is.Equal(c.with("Bearer "+DefaultBearerToken).do("POST", "/channels/1/typing", nil).Status, http.StatusUnauthorized)
	// webhook-token routes need none
	is.True(c.with("").do("GET", "/webhooks/1/tok", nil).Status != http.StatusUnauthorized)
}

func TestRESTUnknownRoutes(t *testing.T) {
	is := is.New(t)
	srv, c := newRESTTest(t, nil)
	r := c.do("GET", "/nothing/here", nil)
	is.Equal(r.Status, http.StatusNotFound)
	is.Equal(string(r.Body), `{"code":0,"message":"404: Not Found"}`)
	r = c.do("POST", "/users/@me", nil)
	is.Equal(r.Status, http.StatusMethodNotAllowed)
	is.Equal(r.JSON()["message"], "405: Method Not Allowed")
	is.Equal(srv.Stats().REST.NotFound, 1)
}

func TestRESTConcurrentBucket(t *testing.T) {
	is := is.New(t)
	srv, c := newRESTTest(t, &Options{REST: RESTOptions{
		GlobalLimit: -1,
		RateLimits:  map[string]RateLimit{typingRoute: {Limit: 10, Window: time.Minute}},
	}})
	const workers, each = 20, 10
	ok := make(chan int, workers)
	for range workers {
		go func() {
			n := 0
			for range each {
				if c.do("POST", "/channels/1000/typing", nil).Status != http.StatusTooManyRequests {
					n++
				}
			}
			ok <- n
		}()
	}
	admitted := 0
	for range workers {
		admitted += <-ok
	}
	is.Equal(admitted, 10) // exactly the limit, however many ask at once
	st := srv.Stats().REST
	is.Equal(st.Requests, workers*each)
	is.Equal(st.RateLimited, workers*each-10)
	is.Equal(st.AvoidableRateLimited+st.UnknownBucketRateLimited, workers*each-10)
}

func TestRESTCORS(t *testing.T) {
	is := is.New(t)
	srv, c := newRESTTest(t, nil)
	req, _ := http.NewRequest("OPTIONS", srv.URL()+"/users/@me", nil)
	req.Header.Set("Origin", "http://localhost:3000")
	req.Header.Set("Access-Control-Request-Method", "GET")
	req.Header.Set("Access-Control-Request-Headers", "authorization")
	r := c.send(req)
	is.Equal(r.Status, http.StatusNoContent) // preflight
	is.Equal(r.Header.Get("Access-Control-Allow-Origin"), "*")
	is.True(strings.Contains(r.Header.Get("Access-Control-Allow-Headers"), "Authorization"))
	c.extra = http.Header{"Origin": {"http://localhost:3000"}}
	r = c.do("GET", "/users/@me", nil)
	is.Equal(r.Status, http.StatusOK)
	is.True(strings.Contains(r.Header.Get("Access-Control-Expose-Headers"), "X-RateLimit-Bucket")) // a browser may read the limits
	is.Equal(srv.Stats().REST.Requests, 1)                                                         // preflights are not requests to the API
}
