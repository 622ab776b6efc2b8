package parser_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gloamdev/gloam/internal/shared"
	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/parser"
	"github.com/matryer/is"
)

// TestReferenceMessages runs ParseEvent on the MESSAGE_CREATE payloads of
// the reference fixtures (a plain message, a reply carrying the message it
// answers, a pin notice) and checks it reads the message's own content and
// author, as a full decode does.
func TestReferenceMessages(t *testing.T) {
	dir := shared.Dir(t)
	every := mustNew(t, &parser.Config{Prefixes: []string{""}})
	noBots := mustNew(t, &parser.Config{Prefixes: []string{""}, IgnoreBots: true})
	n := 0
	for _, row := range shared.ReadTSV(t, "fixtures/fixtures.tsv") {
		if len(row) < 8 || row[7] != "gateway MESSAGE_CREATE" {
			continue
		}
		n++
		t.Run(row[0], func(t *testing.T) {
			is := is.New(t)
			b, err := os.ReadFile(filepath.Join(dir, "discord-api", "fixtures", row[0]))
			is.NoErr(err)
			ev, err := model.ParseEvent(b)
			is.NoErr(err)
			var d struct {
				Content string `json:"content"`
				Author  struct {
					Bot bool `json:"bot"`
				} `json:"author"`
			}
			is.NoErr(ev.DecodeData(&d))

			cmd, err := every.ParseEvent(ev)
			want, wantErr := every.Parse(d.Content)
			is.Equal(err, wantErr)
			is.Equal(cmd.Typed, want.Typed)
			is.Equal(cmd.Rest(), want.Rest())
			if d.Content != "" {
				is.Equal(cmd.Typed, strings.Fields(d.Content)[0]) // the first word
			}

			v, err := ev.MessageCreate()
			is.NoErr(err) // the view
			viaView, err := every.ParseMessage(v)
			is.Equal(err, wantErr)
			is.Equal(viaView, cmd) // ParseMessage agrees
			_, viewErr := noBots.ParseMessage(v)

			_, err = noBots.ParseEvent(ev)
			is.Equal(viewErr, err) // ParseMessage agrees on bots
			if d.Author.Bot {
				is.Equal(err, parser.ErrNotCommand) // a bot's message
			} else {
				is.Equal(err, wantErr)
			}
		})
	}
	is.New(t).True(n >= 3) // the fixtures were found
}
