package discordtest

import (
	"maps"
	"slices"
)

// GatewayStats counts what clients did on the gateway, and what the server
// did to them. Server.Stats returns a snapshot the caller owns.
//
// Every counter changes before the client can see the server's answer (the
// ACK, the READY, the close frame, the dropped connection...), so a test
// that has seen the answer reads the count at once, without waiting.
type GatewayStats struct {
	Connections          int // WebSocket connections accepted
	ResumeURLConnections int // of which on the resume_gateway_url
	Identifies           int // sessions started by Identify
	Resumes              int // sessions resumed
	HeartbeatsReceived   int
	HeartbeatTimeouts    int // connections dropped for a missed heartbeat
	DispatchesSent       int // dispatches written to a connection, replays included
	Replayed             int // dispatches replayed on Resume

	// SessionStartsRemaining is session_start_limit.remaining.
	SessionStartsRemaining int

	// Violations of what Discord enforces.
	IdentifyConcurrencyViolations int // Identify into a taken bucket (answered by op 9)
	CommandRateViolations         int // more than 120 commands in 60 s (closed with 4008)
	PayloadTooLarge               int // a payload over 4096 bytes (closed with 4002)
	InvalidJSON                   int // a payload that is not JSON or not a gateway payload (4002)
	UnknownOpcode                 int // 4001
	NotAuthenticated              int // a command before Identify (4003)
	AlreadyAuthenticated          int // Identify or Resume twice (4005)
	AuthenticationFailed          int // a wrong token (4004)
	InvalidIntents                int // unknown intent bits (4013)
	DisallowedIntents             int // unapproved privileged intents (4014)
	InvalidShard                  int // a bad [shard_id, num_shards] (4010)
	ShardingRequired              int // too few shards (4011)
	InvalidSeq                    int // Resume from a seq the server cannot replay (4007)
	InvalidResumes                int // Resume of an unknown or ended session (op 9)
	MemberRequestsLimited         int // requests for all members too soon (RATE_LIMITED)

	// CloseCodesSent counts the close codes the server closed with.
	CloseCodesSent map[int]int
	// CloseCodesReceived counts the close codes clients closed with.
	CloseCodesReceived map[int]int
	// LastSeqAcked is, by session ID, the seq the client last reported in
	// a heartbeat.
	LastSeqAcked map[string]int64
	// Commands counts the commands clients sent, by opcode.
	Commands map[int]int
	// Panics lists the panics the server recovered from while serving a
	// connection: bugs in discordtest, which a test should report.
	Panics []string
}

func (st *GatewayStats) clone() GatewayStats {
	c := *st
	c.CloseCodesSent = maps.Clone(st.CloseCodesSent)
	c.CloseCodesReceived = maps.Clone(st.CloseCodesReceived)
	c.LastSeqAcked = maps.Clone(st.LastSeqAcked)
	c.Commands = maps.Clone(st.Commands)
	c.Panics = slices.Clone(st.Panics)
	return c
}

func newGatewayStats() GatewayStats {
	return GatewayStats{
		CloseCodesSent:     map[int]int{},
		CloseCodesReceived: map[int]int{},
		LastSeqAcked:       map[string]int64{},
		Commands:           map[int]int{},
	}
}
