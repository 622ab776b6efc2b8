package scale_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gloamdev/gloam/discordtest"
	"github.com/gloamdev/gloam/rest"
	"github.com/gloamdev/gloam/scale"
	"github.com/matryer/is"
)

// TestProxySharesLimits sends requests from three clients without a
// limiter of their own (plain HTTP, as from any language) through the
// proxy: together they stay inside the route's bucket and the global
// limit, so the fake sends no 429.
func TestProxySharesLimits(t *testing.T) {
	is := is.New(t)
	srv := discordtest.NewServer(&discordtest.Options{Guilds: 2, REST: discordtest.RESTOptions{
		RateLimits: map[string]discordtest.RateLimit{
			"POST /channels/{channel_id}/messages": {Limit: 5, Window: 400 * time.Millisecond},
		},
		GlobalLimit: 40,
	}})
	defer srv.Close()
	px := httptest.NewServer(scale.NewProxy(&scale.ProxyOptions{APIURL: srv.URL(), GlobalLimit: 40}))
	defer px.Close()
	_, ch, _ := textChannel(t, srv, 0)
	base := px.URL + "/api/v10"

	send := func(method, path, body string) (*http.Response, string) {
		req, err := http.NewRequest(method, base+path, strings.NewReader(body))
		if err != nil {
			t.Error(err)
			return nil, ""
		}
		req.Header.Set("Authorization", "Bot "+srv.Token())
		if body != "" {
			req.Header.Set("Content-Type", "application/json")
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Error(err)
			return nil, ""
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res, string(b)
	}

	var wg sync.WaitGroup
	var mu sync.Mutex
	statuses := map[int]int{}
	buckets := 0
	for c := range 3 {
		for n := range 8 {
			wg.Go(func() {
				res, _ := send("POST", fmt.Sprintf("/channels/%d/messages", ch), fmt.Sprintf(`{"content":"c%d n%d"}`, c, n))
				if res == nil {
					return
				}
				mu.Lock()
				statuses[res.StatusCode]++
				if res.Header.Get("X-RateLimit-Bucket") != "" {
					buckets++
				}
				mu.Unlock()
			})
		}
		for range 20 {
			wg.Go(func() {
				res, _ := send("GET", fmt.Sprintf("/channels/%d", ch), "")
				if res != nil {
					mu.Lock()
					statuses[res.StatusCode]++
					mu.Unlock()
				}
			})
		}
	}
	wg.Wait()
	is.Equal(statuses[http.StatusOK], 3*8+3*20) // every request answered 200
	st := srv.Stats().REST
	is.Equal(st.RateLimited, 0) // no 429 from the API
	is.Equal(buckets, 3*8)      // Discord's headers reach the clients
	is.Equal(len(srv.Messages(ch)), 3*8)

	// A 404 comes back as the API sent it.
	res, body := send("GET", "/channels/1", "")
	is.Equal(res.StatusCode, http.StatusNotFound)
	is.True(strings.Contains(body, `"code"`)) // Discord's error body
}

// TestProxyRESTClient points gloam's own REST client at the proxy.
func TestProxyRESTClient(t *testing.T) {
	is := is.New(t)
	srv := discordtest.NewServer(&discordtest.Options{Guilds: 1})
	defer srv.Close()
	px := httptest.NewServer(scale.NewProxy(&scale.ProxyOptions{APIURL: srv.URL()}))
	defer px.Close()
	rc := rest.NewClient(srv.Token(), &rest.Options{BaseURL: px.URL + "/api/v10", NoLimiter: true})
	_, ch, _ := textChannel(t, srv, 0)
	m, err := rc.CreateMessage(context.Background(), ch, &rest.MessageCreate{Content: "through the proxy"})
	is.NoErr(err)
	is.Equal(m.Content, "through the proxy")
	gb, err := rc.GatewayBot(context.Background())
	is.NoErr(err)
	is.Equal(gb.URL, srv.GatewayURL())

	bad := rest.NewClient("not-the-token", &rest.Options{BaseURL: px.URL + "/api/v10", NoLimiter: true})
	_, err = bad.GatewayBot(context.Background())
	is.True(err != nil) // a wrong token is refused through the proxy too
}
