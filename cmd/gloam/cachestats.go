//go:build !js

package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strconv"
	"text/tabwriter"
	"time"

	"github.com/gloamdev/gloam/cache"
	"github.com/gloamdev/gloam/cache/bolt"
)

const cacheUsage = "usage: gloam cache stats PATH"

func cmdCache(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "stats" {
		return usageError("%s", cacheUsage)
	}
	if len(args) != 2 {
		return usageError("%s", cacheUsage)
	}
	return cacheStats(args[1], stdout)
}

// cacheStats prints what the bolt cache file at path holds. It opens the
// file read-only: it never creates, grows or writes it.
func cacheStats(path string, w io.Writer) error {
	fi, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%s: no such file", path)
	}
	if err != nil {
		return err
	}
	if fi.IsDir() {
		return fmt.Errorf("%s: is a directory, not a cache file", path)
	}
	b, err := bolt.Open(path, &bolt.Options{ReadOnly: true, Timeout: 2 * time.Second})
	switch {
	case errors.Is(err, bolt.ErrLocked):
		return fmt.Errorf("%s: in use by another process (a running gloam?); stop it first", path)
	case errors.Is(err, bolt.ErrCorrupt):
		return fmt.Errorf("%s: not a gloam cache file, or damaged: %w", path, err)
	case err != nil:
		return fmt.Errorf("%s: %w", path, err)
	}
	defer b.Close()
	c := cache.New(b, nil)
	st := c.Stats()
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "file\t%s (%d bytes)\n", path, fi.Size())
	if u, ok := c.CurrentUser(); ok {
		fmt.Fprintf(tw, "bot\t%s (%d)\n", u.Username, u.ID)
	}
	for _, r := range []struct {
		name string
		n    int
	}{
		{"guilds", st.Guilds}, {"channels", st.Channels}, {"threads", st.Threads}, {"roles", st.Roles},
		{"members", st.Members}, {"users", st.Users}, {"presences", st.Presences},
		{"voice states", st.VoiceStates}, {"emojis", st.Emojis}, {"stickers", st.Stickers},
		{"messages", st.Messages},
	} {
		fmt.Fprintf(tw, "%s\t%d\n", r.name, r.n)
	}
	tw.Flush()

	// Sessions: the shard count the bot stored beside them says how many
	// to look for.
	n, err := strconv.Atoi(string(c.Blob("core.shards")))
	if err != nil || n <= 0 {
		n = 256
	}
	fmt.Fprintln(w, "sessions")
	found := 0
	for id := range n {
		s, ok := c.Session(id)
		if !ok || s.ID == "" {
			continue
		}
		found++
		fmt.Fprintf(w, "  shard %d: session %s seq %d\n", id, s.ID, s.Seq)
	}
	if found == 0 {
		fmt.Fprintln(w, "  none (the next start identifies every shard)")
	}
	return nil
}
