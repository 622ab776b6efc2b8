package discordtest_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/gloamdev/gloam/discordtest"
	"github.com/gloamdev/gloam/internal/shared"
	"github.com/matryer/is"
)

// TestEveryCloseCode closes a connection with each documented gateway
// close code and checks that the session survives exactly when the docs
// say a client may resume after it.
func TestEveryCloseCode(t *testing.T) {
	srv := discordtest.NewServer(&discordtest.Options{Guilds: 1, IdentifyWindow: -1})
	defer srv.Close()
	n := 0
	for _, row := range shared.ReadTSV(t, "close-codes.tsv") {
		if row[0] != "gateway" {
			continue
		}
		code, err := strconv.Atoi(row[1])
		if err != nil {
			continue // 1000/1001: client codes
		}
		n++
		resumable := row[4] == "true" && !strings.Contains(row[5], "new session") && !strings.Contains(row[5], "re-IDENTIFY")
		t.Run(row[1], func(t *testing.T) {
			is := is.New(t)
			c, r := connect(t, srv, "", allUnprivileged)
			c.until(0, "GUILD_CREATE")
			is.NoErr(srv.Fault(0, discordtest.FaultClose{Code: code}))
			is.Equal(c.closeCode(), code)
			c2 := dial(t, r.ResumeGatewayURL+"?v=10&encoding=json")
			c2.mustRead()
			c2.send(map[string]any{"op": 6, "d": map[string]any{"token": srv.Token(), "session_id": r.SessionID, "seq": 2}})
			p := c2.mustRead()
			if resumable {
				is.Equal(p.name(), "RESUMED") // the session survives
			} else {
				is.Equal(p.Op, 9) // the session is over
			}
		})
	}
	is.New(t).True(n >= 13) // the table was read
}
