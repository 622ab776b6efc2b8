package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/matryer/is"
)

// TestUsage checks the exit codes and messages of bad command lines.
func TestUsage(t *testing.T) {
	is := is.New(t)
	t.Setenv("DISCORD_TOKEN", "")
	for _, c := range []struct {
		args []string
		code int
		say  string
	}{
		{nil, 2, "usage: gloam-scale"},
		{[]string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{[]string{"help"}, 0, "commands:"},
		{[]string{"gateway", "-nats", "nats://127.0.0.1:1"}, 2, "no token"},
		{[]string{"worker", "-log", "loud", "-token", "x"}, 2, ""},     // a bad log level
		{[]string{"proxy", "-listen", "not an address"}, 1, "listen"},  // cannot listen
		{[]string{"gateway", "-no-such-flag"}, 2, "flag provided but"}, // an unknown flag
	} {
		var out, errb bytes.Buffer
		code := run(c.args, &out, &errb)
		is.Equal(code, c.code) // exit code
		is.True(strings.Contains(out.String()+errb.String(), c.say))
	}
}
