package discordtest

import (
	"strconv"
	"strings"
	"testing"

	"github.com/gloamdev/gloam/internal/shared"
	"github.com/gloamdev/gloam/model"
	"github.com/matryer/is"
)

// TestEventIntentsMatchDocs checks the server's intent filter against the
// docs' table of which intents bring which events.
func TestEventIntentsMatchDocs(t *testing.T) {
	is := is.New(t)
	bits := map[string]model.Intents{}
	for _, row := range shared.ReadTSV(t, "intents.tsv") {
		v, err := strconv.ParseUint(row[2], 10, 64)
		is.NoErr(err) // intent value
		bits[row[0]] = model.Intents(v)
	}
	n := 0
	for _, row := range shared.ReadTSV(t, "gateway-events.tsv") {
		name, op, col := row[0], row[1], row[2]
		if op != "0" || name == "READY" || name == "RESUMED" {
			continue
		}
		t.Run(name, func(t *testing.T) {
			is := is.New(t)
			withGuild := []byte(`{"guild_id":"1","user":{"id":"5"},"author":{"id":"5"}}`)
			withoutGuild := []byte(`{"user":{"id":"5"},"author":{"id":"5"}}`)
			s := &session{bot: 9}
			if strings.HasPrefix(col, "(none") {
				ok, _ := s.wants(name, withGuild)
				is.True(ok) // sent without intents
				return
			}
			var need model.Intents
			for _, in := range strings.Split(col, "|") {
				b, ok := bits[in]
				is.True(ok) // a known intent name
				need |= b
			}
			ok, _ := s.wants(name, withGuild)
			is.True(!ok) // not sent without its intent
			s.intents = need
			ok, _ = s.wants(name, withGuild)
			is.True(ok) // sent with its intents
			s.intents = model.IntentsAll &^ need
			ok, _ = s.wants(name, withGuild)
			is.True(!ok) // other intents do not bring it
			s.intents = need
			ok, _ = s.wants(name, withoutGuild)
			if strings.Contains(col, "DIRECT_") || !strings.HasPrefix(name, "GUILD_") {
				is.True(ok) // the DM form comes too
			}
		})
		n++
	}
	is.True(n > 60) // the table was read
}
