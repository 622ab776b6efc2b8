package e2e

import (
	"net/http"
	"strings"
	"testing"

	"github.com/matryer/is"
)

// TestFeedKey: gloam run prints the access key in the URL's fragment
// only, and its feed refuses a plain request whatever the query says, the
// right key included (a key in a query string would sit in logs and
// histories).
func TestFeedKey(t *testing.T) {
	is := is.New(t)
	relay, _, _ := gloamRun(t)
	is.True(!strings.Contains(relay, "?"))     // nothing in the query string
	is.True(strings.Contains(relay, "/#key=")) // the key in the fragment
	base := relay[:strings.Index(relay, "/#")]
	key := relay[strings.Index(relay, "key=")+4:]
	for _, q := range []string{"", "?key=", "?key=nope", "?key=" + key[:len(key)-1], "?key=" + key} {
		resp, err := http.Get(base + "/feed" + q)
		is.NoErr(err)
		resp.Body.Close()
		is.Equal(resp.StatusCode, http.StatusUnauthorized) // refused
	}
}
