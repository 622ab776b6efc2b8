package gateway_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/gloamdev/gloam/gateway"
	"github.com/matryer/is"
)

// TestShardHidesToken prints a shard every way fmt and log/slog can, idle
// and connected: the token never shows.
func TestShardHidesToken(t *testing.T) {
	is := is.New(t)
	srv := newServer(t, nil)
	token := srv.Token()
	sh := gateway.NewShard(0, 1, token, testOptions(srv, gateway.ZlibStream, nil))
	check := func(when string) {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%x", "%q", "%d"} {
			out := fmt.Sprintf(verb, sh)
			is.True(!strings.Contains(out, token)) // fmt
		}
		var buf bytes.Buffer
		slog.New(slog.NewTextHandler(&buf, nil)).Info("x", slog.Any("shard", sh))
		slog.New(slog.NewJSONHandler(&buf, nil)).Info("x", slog.Any("shard", sh), "health", sh.Health())
		is.True(!strings.Contains(buf.String(), token))       // slog
		is.True(strings.Contains(buf.String(), "shard.id=0")) // the shard still says which it is
		j, err := json.Marshal(sh)
		is.NoErr(err)
		is.True(!bytes.Contains(j, []byte(token))) // encoding/json
		t.Logf("%s: %+v", when, sh)
	}
	check("idle")
	running(t, sh)
	waitFor(t, "READY", func() bool { return sh.Health().State == gateway.StateConnected })
	check("connected")
}
