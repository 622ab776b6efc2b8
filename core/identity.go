package core

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"

	"github.com/gloamdev/gloam/cache"
	"github.com/gloamdev/gloam/model"
)

// identityBlob is the cache blob that says whose the stored sessions,
// limiter state and identify budget are.
const identityBlob = "core.identity"

// identity names a bot without its token: the REST API it talks to and
// the first 16 bytes of the token's SHA-256.
type identity struct {
	API   string `json:"api"`
	Token string `json:"token_sha256"`
}

func newIdentity(api, token string) identity {
	sum := sha256.Sum256([]byte(token))
	return identity{API: strings.TrimSuffix(api, "/"), Token: hex.EncodeToString(sum[:16])}
}

// checkIdentity tells why the state stored in the cache is not this
// bot's, or "" when it is (or when there is none).
func (b *Bot) checkIdentity() string {
	data := b.cache.Blob(identityBlob)
	if len(data) == 0 {
		if b.storedCount() == 0 && len(b.cache.Blob(limiterBlob)) == 0 && len(b.cache.Blob(identifyBlob)) == 0 {
			return ""
		}
		return "it names no bot"
	}
	var old identity
	switch {
	case json.Unmarshal(data, &old) != nil:
		return "its owner does not read"
	case old.API != b.id.API:
		return "it belongs to a bot of another API (" + old.API + ")"
	case old.Token != b.id.Token:
		return "it belongs to another token"
	}
	return ""
}

// claimStoredState drops the state another bot left in the cache, and
// marks the cache as this bot's.
func (b *Bot) claimStoredState() {
	if b.stale == "" {
		b.stale = b.checkIdentity() // the cache may have changed since New
	}
	data, _ := json.Marshal(b.id)
	if b.stale == "" {
		if string(b.cache.Blob(identityBlob)) != string(data) {
			if err := b.cache.SetBlob(identityBlob, data); err != nil {
				b.log.Error("core: mark the stored state", "err", err)
			}
		}
		return
	}
	b.log.Info("core: dropping the stored sessions, REST limiter state and identify budget: "+b.stale,
		"api", b.id.API)
	n := b.storedCount()
	err := b.cache.Backend().Update(func(tx cache.Tx) error {
		for id := range n {
			if s, ok := tx.Session(id); ok && s != (model.Session{}) {
				tx.SetSession(id, model.Session{})
			}
		}
		for _, name := range []string{shardsBlob, limiterBlob, identifyBlob} {
			tx.SetBlob(name, nil)
		}
		tx.SetBlob(identityBlob, data)
		return nil
	})
	if err != nil {
		b.log.Error("core: drop the stored state", "err", err)
		return
	}
	b.stale = ""
	if st := b.cache.Stats(); st.Guilds > 0 || st.Users > 0 {
		// The records are the other bot's too, but the backend has no
		// way to empty it; the gateway refreshes what this bot sees.
		b.log.Warn("core: the cache holds another bot's records; open it empty (e.g. bolt.Options.Reset) for a clean start",
			"guilds", st.Guilds, "users", st.Users)
	}
}

// secret holds the token behind a pointer: fmt prints a pointer in a
// struct as its address, and every way of printing a secret itself
// shows redacted.
type secret struct{ s string }

const redacted = "[redacted]"

func (*secret) String() string             { return redacted }
func (*secret) GoString() string           { return redacted }
func (*secret) Format(f fmt.State, _ rune) { f.Write([]byte(redacted)) }
func (*secret) LogValue() slog.Value       { return slog.StringValue(redacted) }

// Format prints the Bot without its token, whatever the verb.
func (b *Bot) Format(f fmt.State, _ rune) {
	h := b.Health()
	fmt.Fprintf(f, "core.Bot{api: %s, token: %s, shards: %d of %d, running: %t}",
		b.id.API, redacted, len(h.Shards), h.ShardCount, b.running.Load())
}

// LogValue logs the Bot without its token.
func (b *Bot) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("api", b.id.API),
		slog.String("token", redacted),
		slog.Int("shard_count", b.Health().ShardCount),
		slog.Bool("running", b.running.Load()),
	)
}
