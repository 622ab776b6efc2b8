package rest

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// FuzzParseError reads error bodies from the network: it must never
// panic, whatever Discord (or a proxy) answers.
func FuzzParseError(f *testing.F) {
	f.Add([]byte(`{"code":50035,"message":"Invalid Form Body","errors":{"embeds":{"0":{"title":{"_errors":[{"code":"BASE_TYPE_MAX_LENGTH","message":"Must be 256 or fewer in length."}]}}}}}`))
	f.Add([]byte(`{"code":10008,"message":"Unknown Message"}`))
	f.Add([]byte(`<html>502 Bad Gateway</html>`))
	f.Add([]byte(`{"errors":{"_errors":[{"code":"x","message":"y"}],"a":[1,2]}}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		e := parseError("GET /x", 400, "Bad Request", body)
		_ = e.Error()
	})
}

// FuzzRateLimitHeaders feeds the limiter arbitrary rate-limit headers and
// 429 bodies: it must never panic nor wedge a bucket for long.
func FuzzRateLimitHeaders(f *testing.F) {
	f.Add("abc", "5", "4", "1.5", "1470173023.123", 200, []byte(`{}`))
	f.Add("abc", "5", "0", "64.57", "", 429, []byte(`{"retry_after":0.01,"global":false}`))
	f.Add("", "", "", "", "", 429, []byte(`{"retry_after":-1,"global":true}`))
	f.Add("h", "-3", "-9", "NaN", "Inf", 429, []byte(`not json`))
	f.Add("h", "1", "0", "1e300", "1e300", 429, []byte(`{"retry_after":1e300,"global":true}`))
	f.Fuzz(func(t *testing.T, bucket, limit, remaining, resetAfter, reset string, status int, body []byte) {
		l := newLimiter(limiterConfig{globalLimit: -1})
		r := NewRoute("GET", "/channels/{channel_id}")
		tk, err := l.acquire(t.Context(), r, "1", true)
		if err != nil {
			t.Fatal(err)
		}
		h := http.Header{}
		for k, v := range map[string]string{hBucket: bucket, hLimit: limit, hRemaining: remaining, hResetAfter: resetAfter, hReset: reset} {
			if v != "" {
				h.Set(k, v)
			}
		}
		o := &outcome{status: status, header: h}
		if status == 429 {
			o.retryAfter, o.global, o.scope = parse429(h, body)
			if o.retryAfter < 0 {
				t.Fatalf("negative retry_after %v", o.retryAfter)
			}
		}
		if o.retryAfter > maxWait {
			t.Fatalf("retry_after %v is more than an hour", o.retryAfter)
		}
		l.done(tk, o)
		_ = l.State()
		horizon := time.Now().Add(maxWait + time.Second)
		l.mu.Lock()
		defer l.mu.Unlock()
		for _, b := range l.buckets {
			if b.resetAt.After(horizon) || b.paused.After(horizon) {
				t.Fatalf("a bucket waits until %v, more than an hour ahead", b.wakeAt())
			}
		}
		if l.globalUntil.After(horizon) {
			t.Fatalf("the global limit waits until %v", l.globalUntil)
		}
	})
}

// FuzzRoute makes routes of any method and path and builds them with
// arguments: neither may panic, and a built path has the route's
// segments.
func FuzzRoute(f *testing.F) {
	f.Add("GET", "/", "1")
	f.Add("GET", "", "")
	f.Add("POST", "/channels/{channel_id}/messages", "123")
	f.Add("GET", "/a//{b}//", "..")
	f.Add("POST", "/webhooks/{webhook_id}/{webhook_token}", "x/y")
	f.Add("GET", "/{}/{/}", "%")
	f.Fuzz(func(t *testing.T, method, path, arg string) {
		r := NewRoute(method, path)
		_ = r.String()
		args := make([]string, r.params)
		for i := range args {
			args[i] = arg
		}
		if r.checkArgs(args) != nil {
			return
		}
		var b strings.Builder
		r.build(&b, args)
		if got, want := strings.Count(b.String(), "/"), len(r.parts); got < want {
			t.Fatalf("%q built %q: %d segments, want %d", path, b.String(), got, want)
		}
	})
}
