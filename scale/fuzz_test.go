package scale_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gloamdev/gloam/scale"
)

// FuzzProxy sends the proxy requests with any method, path and query:
// it never panics, and what it forwards stays under the API root.
func FuzzProxy(f *testing.F) {
	for _, s := range []string{
		"/api/v10/channels/123/messages", "/api/v10/webhooks/1/tok/messages/@original",
		"/api/v9/guilds/1/members?limit=5", "/", "/api/v10/../../x", "/api/v10/%2e%2e/x",
		"/api/v10/interactions/1/tok/callback", "/api/v10/channels//messages",
	} {
		f.Add("GET", s)
	}
	upstream := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.URL.Path, "/api/v10") {
			w.WriteHeader(http.StatusTeapot) // forwarded outside the API root
			return
		}
		w.WriteHeader(http.StatusOK)
	}))
	defer upstream.Close()
	px := scale.NewProxy(&scale.ProxyOptions{APIURL: upstream.URL + "/api/v10"})
	f.Fuzz(func(t *testing.T, method, path string) {
		if !strings.HasPrefix(path, "/") || strings.ContainsAny(path, " \r\n\t#") || method == "" || strings.ContainsAny(method, " \r\n\t/") {
			return
		}
		req, err := http.NewRequest(method, "http://proxy"+path, nil)
		if err != nil {
			return
		}
		req.Header.Set("Authorization", "Bot x")
		rec := httptest.NewRecorder()
		px.ServeHTTP(rec, req)
		io.Copy(io.Discard, rec.Result().Body)
		if rec.Code == http.StatusTeapot {
			t.Fatalf("%s %q was forwarded outside the API root", method, path)
		}
	})
}
