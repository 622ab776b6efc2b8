package scale_test

import (
	"context"
	"testing"
	"time"

	"github.com/gloamdev/gloam/discordtest"
	"github.com/gloamdev/gloam/internal/leaktest"
	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/scale"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// TestMain fails the run when a test leaves goroutines (of a shard, a
// worker, NATS) behind.
func TestMain(m *testing.M) { leaktest.Main(m, &leaktest.Options{Wait: 20 * time.Second}) }

// startNATS starts an embedded NATS server on a temporary directory,
// stopped when the test ends.
func startNATS(t testing.TB) *scale.Server {
	t.Helper()
	srv, err := scale.StartServer(t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	return srv
}

// connect connects to url as one process of the bot would, closed when
// the test ends.
func connect(t testing.TB, url string) (*nats.Conn, jetstream.JetStream) {
	t.Helper()
	nc, err := scale.Connect(url, t.Name())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(nc.Close)
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	return nc, js
}

// eventually polls cond every 20 ms until it holds or d has passed.
func eventually(t testing.TB, d time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("after %s: %s", d, what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// waitReady waits until every shard of count has a ready session.
func waitReady(t testing.TB, srv *discordtest.Server, count int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for id := range count {
		if _, err := srv.WaitSession(ctx, id); err != nil {
			t.Fatalf("shard %d: %v", id, err)
		}
	}
}

// textChannel is a text channel of the world's guild i and a member who
// may write in it.
func textChannel(t testing.TB, srv *discordtest.Server, i int) (model.GuildID, model.ChannelID, model.UserID) {
	t.Helper()
	g := srv.World().Guilds()[i]
	for _, c := range g.Channels {
		if c.Type == model.ChannelGuildText {
			return g.ID, c.ID, g.Members[1].User.ID
		}
	}
	t.Fatalf("guild %d has no text channel", i)
	return 0, 0, 0
}
