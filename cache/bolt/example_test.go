//go:build !js

package bolt_test

import (
	"errors"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/gloamdev/gloam/cache"
	"github.com/gloamdev/gloam/cache/bolt"
	"github.com/gloamdev/gloam/model"
)

// openCache opens a cache file, starting fresh when the file is of
// another version or damaged: a cache can always be rebuilt from the
// gateway.
func openCache(path string) (*bolt.Backend, error) {
	b, err := bolt.Open(path, nil)
	var schema *bolt.SchemaError
	if errors.As(err, &schema) || errors.Is(err, bolt.ErrCorrupt) {
		log.Printf("starting with an empty cache: %v", err)
		b, err = bolt.Open(path, &bolt.Options{Reset: true})
	}
	return b, err
}

func Example() {
	dir, err := os.MkdirTemp("", "gloam")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "bot.cache")

	// The first run: events arrive from the gateway.
	b, err := openCache(path)
	if err != nil {
		log.Fatal(err)
	}
	c := cache.New(b, nil)
	for _, payload := range []string{
		`{"op":0,"s":1,"t":"READY","d":{"session_id":"abc","resume_gateway_url":"wss://resume.discord.gg","user":{"id":"1","username":"bot","bot":true},"guilds":[]}}`,
		`{"op":0,"s":2,"t":"GUILD_CREATE","d":{"id":"10","name":"Gophers","owner_id":"2","members":[{"user":{"id":"2","username":"gopher"},"roles":[],"joined_at":"2024-01-01T00:00:00Z"}]}}`,
	} {
		ev, err := model.ParseEvent([]byte(payload))
		if err != nil {
			log.Fatal(err)
		}
		if err := c.Apply(0, ev); err != nil {
			log.Fatal(err)
		}
	}
	if err := b.Close(); err != nil { // writes what is left
		log.Fatal(err)
	}

	// After a restart: the cache and the session are where they were.
	b, err = openCache(path)
	if err != nil {
		log.Fatal(err)
	}
	defer b.Close()
	c = cache.New(b, nil)
	g, _ := c.Guild(10)
	u, _ := c.User(2)
	s, _ := c.Session(0)
	fmt.Println(g.Name, u.Username)
	fmt.Println("resume", s.ID, "at", s.Seq)
	// Output:
	// Gophers gopher
	// resume abc at 2
}
