package e2e

import (
	"net/http"
	"strings"
	"testing"

	"github.com/matryer/is"
)

// TestFeedKey asks gloam run's feed without and with a wrong key: 401.
func TestFeedKey(t *testing.T) {
	is := is.New(t)
	relay, _, _ := gloamRun(t)
	base := relay[:strings.Index(relay, "/?")]
	key := relay[strings.Index(relay, "key=")+4:]
	for _, q := range []string{"", "?key=", "?key=nope", "?key=" + key[:len(key)-1]} {
		resp, err := http.Get(base + "/feed" + q)
		is.NoErr(err)
		resp.Body.Close()
		is.Equal(resp.StatusCode, http.StatusUnauthorized) // refused
	}
	resp, err := http.Get(base + "/feed?key=" + key)
	is.NoErr(err)
	resp.Body.Close()
	is.True(resp.StatusCode != http.StatusUnauthorized) // the key is accepted (only a WebSocket is served)
}
