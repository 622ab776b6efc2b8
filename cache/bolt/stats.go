//go:build !js

package bolt

import (
	"sync/atomic"
	"time"
)

// Stats counts the backend's writes to its file since Open.
type Stats struct {
	Commits    int64         // transactions committed
	Failed     int64         // transactions that failed (their changes wait for the next)
	CommitTime time.Duration // time spent in the committed transactions, in all
	MaxCommit  time.Duration // the longest one
	Records    int64         // records (and sessions and blobs) written or deleted by them
	Size       int64         // as Size: the file's pages in use after the last write
}

// Stats returns the backend's write counts so far; safe to call at any
// time.
func (b *Backend) Stats() Stats {
	return Stats{
		Commits:    b.stats.commits.Load(),
		Failed:     b.stats.failed.Load(),
		CommitTime: time.Duration(b.stats.time.Load()),
		MaxCommit:  time.Duration(b.stats.max.Load()),
		Records:    b.stats.records.Load(),
		Size:       b.size.Load(),
	}
}

// writeStats holds the counts behind Stats.
type writeStats struct {
	commits, failed, records atomic.Int64
	time, max                atomic.Int64 // nanoseconds
}

func (s *writeStats) commit(d time.Duration, records int) {
	s.commits.Add(1)
	s.records.Add(int64(records))
	s.time.Add(int64(d))
	for {
		m := s.max.Load()
		if int64(d) <= m || s.max.CompareAndSwap(m, int64(d)) {
			return
		}
	}
}
