package gateway

import "time"

// SetMinHeartbeat lowers the smallest heartbeat interval a shard accepts
// from Hello, for tests whose fake gateway beats every few milliseconds,
// and returns a function that restores it. Call it only while no shard
// runs.
func SetMinHeartbeat(d time.Duration) (restore func()) {
	old := minHeartbeat
	minHeartbeat = d
	return func() { minHeartbeat = old }
}
