package discordtest

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/gloamdev/gloam/model"
)

// Session describes a gateway session the server holds.
type Session struct {
	ID        string
	Shard     [2]int // [shard_id, num_shards]
	Intents   model.Intents
	Seq       int64 // the last seq sent
	Connected bool  // false while waiting for a Resume
}

// Sessions returns the sessions that can still receive dispatches,
// connected or waiting for a Resume, sorted by shard and then ID.
func (s *Server) Sessions() []Session {
	ss, err := s.gw.sessionsWhere(func(*session) bool { return true })
	if err != nil {
		return nil
	}
	now := time.Now()
	out := make([]Session, 0, len(ss))
	for _, x := range ss {
		x.mu.Lock()
		if x.resumable(now) {
			out = append(out, Session{
				ID: x.id, Shard: [2]int{x.shardID, x.numShards}, Intents: x.intents,
				Seq: x.seq, Connected: x.conn != nil && !x.conn.zombie.Load(),
			})
		}
		x.mu.Unlock()
	}
	slices.SortFunc(out, func(a, b Session) int {
		if a.Shard[0] != b.Shard[0] {
			return a.Shard[0] - b.Shard[0]
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out
}

// WaitSession waits until a session of the shard is connected (READY or
// RESUMED has been sent) and returns it, or returns ctx's error.
func (s *Server) WaitSession(ctx context.Context, shard int) (Session, error) {
	t := time.NewTicker(5 * time.Millisecond)
	defer t.Stop()
	for {
		for _, x := range s.Sessions() {
			if x.Shard[0] == shard && x.Connected {
				return x, nil
			}
		}
		select {
		case <-ctx.Done():
			return Session{}, ctx.Err()
		case <-t.C:
		}
	}
}
