package model

// Session is what resuming a gateway session takes: the gateway reports it
// (gateway.Shard.Session), the cache stores it per shard, and a shard given
// it back resumes instead of identifying. The zero value is no session.
type Session struct {
	ID        string // session_id of READY
	Seq       int64  // the sequence number of the last event received
	ResumeURL string // resume_gateway_url of READY
}

// ShardOf is the shard that receives the events of a guild when a bot runs
// count shards, as Discord assigns them: (guild_id >> 22) % count. It is 0
// when count is not positive.
func ShardOf(guild GuildID, count int) int {
	if count <= 0 {
		return 0
	}
	return int((uint64(guild) >> 22) % uint64(count))
}
