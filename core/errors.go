package core

import (
	"errors"
	"strconv"
)

// Sentinels for the errors Run ends with.
var (
	// ErrInvalidToken is wrapped by the error Run returns when Discord
	// rejects the token: a 401 from GET /gateway/bot or close code 4004
	// on a shard. errors.Is also finds the REST or gateway error under it.
	ErrInvalidToken = errors.New("core: the token was rejected")

	// ErrRunning is returned by Run on a Bot that is already running.
	ErrRunning = errors.New("core: bot already running")
)

// ShardError is a shard's reason to end Run: a close code after which
// Discord must not be dialled again with the same settings (4004 and 4010
// to 4014, 4011 excepted: the Bot reshards after it). errors.As finds the
// *gateway.CloseError under it, errors.Is its sentinel
// (gateway.ErrDisallowedIntents and the others).
type ShardError struct {
	Shard int
	Err   error
}

func (e *ShardError) Error() string {
	return "core: shard " + strconv.Itoa(e.Shard) + ": " + e.Err.Error()
}

func (e *ShardError) Unwrap() error { return e.Err }
