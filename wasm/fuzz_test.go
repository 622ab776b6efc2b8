package main

import (
	"testing"
)

// FuzzHandle feeds the page arbitrary feed messages: nothing panics, and
// the views render whatever the cache holds.
func FuzzHandle(f *testing.F) {
	for _, s := range []string{guildMsg, health0, health1, endMsg, msgMsg, `{}`, `{"op":0}`, `{"shard":"x","op":0,"t":"READY","d":{"guilds":[{"id":"1"}]}}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, msg []byte) {
		st := newState()
		st.handle([]byte(guildMsg))
		st.handle([]byte(endMsg))
		st.handle(msg)
		v := st.view()
		shardsHTML(&v)
		guildsHTML(&v)
		feedHTML(&v)
		chartSVG(v.rate)
		for _, m := range searchMembers(v.c, 4194305, "a") {
			permissionsHTML(v.c, selection{Member: m.ID, Channel: 30})
		}
	})
}
