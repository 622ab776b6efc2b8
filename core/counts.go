package core

import "github.com/gloamdev/gloam/model"

// EventCount is how many dispatches of one type a shard has read.
type EventCount struct {
	Shard int
	Type  model.EventType // model.EventUnknown counts every type gloam does not know
	Count int64
}

// EventCounts returns, for each shard of the current run by id, the
// dispatches it has read since Run started it, by type (the types read at
// least once, in model.EventType order). They add up to
// ShardHealth.Events, and are counted whether or not a listener wants the
// type. Like Health, it has no side effect.
func (b *Bot) EventCounts() []EventCount {
	b.mu.Lock()
	runs := b.shards
	b.mu.Unlock()
	var cs []EventCount
	for _, sr := range runs {
		for t := range sr.byType {
			if n := sr.byType[t].Load(); n > 0 {
				cs = append(cs, EventCount{Shard: sr.id, Type: model.EventType(t), Count: n})
			}
		}
	}
	return cs
}
