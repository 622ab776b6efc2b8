package discordtest

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// FuzzREST sends random requests to the REST handler: they may get any
// error, but never a panic, a 500 or an answer that is not JSON.
func FuzzREST(f *testing.F) {
	srv := NewServer(&Options{REST: RESTOptions{
		GlobalLimit: -1, InvalidLimit: -1,
		RateLimitFunc: func(string, RateLimit) RateLimit { return RateLimit{} },
	}})
	defer srv.Close()
	g := srv.World().Guilds()[0]
	ch := g.Channels[1].ID.String()
	gid := g.ID.String()
	uid := g.Members[1].User.ID.String()
	app := srv.World().ApplicationID().String()

	seeds := []struct {
		method, path, body string
		multipart          bool
	}{
		{"POST", "/channels/" + ch + "/messages", `{"content":"hi","embeds":[{"title":"t","fields":[{"name":"a","value":"b"}]}]}`, false},
		{"POST", "/channels/" + ch + "/messages", `{"content":"x","message_reference":{"message_id":"1"},"allowed_mentions":{"parse":["users"],"users":["1"]}}`, false},
		{"POST", "/channels/" + ch + "/messages", "--B\r\nContent-Disposition: form-data; name=\"payload_json\"\r\n\r\n{\"content\":\"f\"}\r\n--B\r\nContent-Disposition: form-data; name=\"files[0]\"; filename=\"a\"\r\n\r\nabc\r\n--B--\r\n", true},
		{"GET", "/channels/" + ch + "/messages?limit=5&around=1", "", false},
		{"PATCH", "/channels/" + ch, `{"name":"n","topic":null,"permission_overwrites":[{"id":"1","type":0,"allow":"8"}]}`, false},
		{"PUT", "/channels/" + ch + "/messages/1/reactions/%F0%9F%91%8D/@me", "", false},
		{"PATCH", "/guilds/" + gid + "/members/" + uid, `{"nick":"n","roles":["1"],"communication_disabled_until":"2030-01-01T00:00:00Z"}`, false},
		{"POST", "/guilds/" + gid + "/roles", `{"name":"r","permissions":"8","color":5}`, false},
		{"PUT", "/guilds/" + gid + "/bans/" + uid, `{"delete_message_seconds":60}`, false},
		{"PUT", "/applications/" + app + "/commands", `[{"name":"a","description":"b","options":[{"type":3,"name":"c","description":"d"}]}]`, false},
		{"POST", "/interactions/1/tok/callback", `{"type":4,"data":{"content":"x"}}`, false},
		{"POST", "/channels/" + ch + "/threads", `{"name":"t","type":11}`, false},
		{"POST", "/webhooks/1/tok?wait=true", `{"content":"x"}`, false},
		{"GET", "/guilds/" + gid + "/members/search?query=a&limit=1000", "", false},
		{"DELETE", "/users/@me/../../channels/%ZZ", "", false},
	}
	for _, s := range seeds {
		f.Add(s.method, s.path, []byte(s.body), s.multipart)
	}
	f.Fuzz(func(t *testing.T, method, path string, body []byte, multipart bool) {
		u, err := url.Parse("http://127.0.0.1/api/v10" + path)
		if err != nil || len(method) == 0 || len(method) > 10 || strings.ContainsAny(method, " \r\n\t") {
			return
		}
		req := &http.Request{
			Method: method, URL: u, Header: http.Header{}, Host: "127.0.0.1",
			Body: io.NopCloser(bytes.NewReader(body)), ContentLength: int64(len(body)),
		}
		req.Header.Set("Authorization", "Bot "+srv.Token())
		if multipart {
			req.Header.Set("Content-Type", "multipart/form-data; boundary=B")
		} else {
			req.Header.Set("Content-Type", "application/json")
		}
		rec := httptest.NewRecorder()
		srv.rest.ServeHTTP(rec, req)
		if rec.Code >= 500 && rec.Code != http.StatusNotImplemented {
			srv.rest.mu.Lock()
			p := srv.rest.lastPanic
			srv.rest.mu.Unlock()
			t.Fatalf("%s %s: status %d: %s\n%s", method, path, rec.Code, rec.Body.Bytes(), p)
		}
		if rec.Code != http.StatusNoContent && !json.Valid(rec.Body.Bytes()) {
			t.Fatalf("%s %s: status %d: not JSON: %.200q", method, path, rec.Code, rec.Body.Bytes())
		}
	})
}
