package discordtest

import (
	"bytes"
	"io"
	"net/http"
	"testing"
	"time"
)

// BenchmarkRESTLimiter measures the server's rate-limit decision for a
// request whose bucket has room.
func BenchmarkRESTLimiter(b *testing.B) {
	srv := NewServer(&Options{REST: RESTOptions{
		GlobalLimit: 1 << 30,
		RateLimits:  map[string]RateLimit{"POST /channels/{channel_id}/messages": {Limit: 1 << 30, Window: time.Hour}},
	}})
	defer srv.Close()
	rs := srv.rest
	rt, vals, _ := matchRoute("POST", "/channels/123456789012345678/messages")
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		rs.mu.Lock()
		res := rs.limit(time.Now(), rt, vals, "bot")
		rs.mu.Unlock()
		if res.limited {
			b.Fatal("limited")
		}
	}
}

// BenchmarkRESTRoute measures matching a path to its route.
func BenchmarkRESTRoute(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if rt, _, _ := matchRoute("PUT", "/channels/123456789012345678/messages/123456789012345679/reactions/%F0%9F%91%8D/@me"); rt == nil {
			b.Fatal("no route")
		}
	}
}

// BenchmarkRESTCreateMessage measures a whole message create over a
// loopback connection: routing, limits, validation, storage and the
// JSON answer.
func BenchmarkRESTCreateMessage(b *testing.B) {
	srv := NewServer(&Options{REST: noLimits})
	defer srv.Close()
	_, ch := textChannelOf(b, srv)
	url := srv.URL() + "/channels/" + ch.ID.String() + "/messages"
	body := []byte(`{"content":"hello, benchmark","embeds":[{"title":"t","description":"d"}]}`)
	client := &http.Client{}
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		req, _ := http.NewRequest("POST", url, bytes.NewReader(body))
		req.Header.Set("Authorization", "Bot "+srv.Token())
		req.Header.Set("Content-Type", "application/json")
		resp, err := client.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			b.Fatal(resp.Status)
		}
	}
}
