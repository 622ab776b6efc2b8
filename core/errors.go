package core

import (
	"errors"
	"net/url"
	"strconv"

	"github.com/gloamdev/gloam/rest"
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

// GatewayBotError reports an answer of GET /gateway/bot the Bot will not
// act on: a shard count that is not positive or is beyond any bot's, a
// max_concurrency below 1, or a gateway URL that is not ws or wss.
type GatewayBotError struct {
	Field  string // the field at fault, e.g. "shards"
	Value  string // its value as received
	Reason string
}

func (e *GatewayBotError) Error() string {
	return "core: GET /gateway/bot: " + e.Field + " " + e.Value + ": " + e.Reason
}

// maxShards bounds the shard counts the Bot believes: Discord puts up to
// 2,500 guilds on a shard, so this many shards hold far more guilds than
// Discord has.
const maxShards = 1 << 16

// checkGatewayBot rejects values of GET /gateway/bot that cannot be
// Discord's.
func checkGatewayBot(gb *rest.GatewayBot) error {
	switch {
	case gb.Shards < 1:
		return &GatewayBotError{Field: "shards", Value: strconv.Itoa(gb.Shards), Reason: "not positive"}
	case gb.Shards > maxShards:
		return &GatewayBotError{Field: "shards", Value: strconv.Itoa(gb.Shards), Reason: "more than " + strconv.Itoa(maxShards)}
	case gb.SessionStartLimit.MaxConcurrency < 1 || gb.SessionStartLimit.MaxConcurrency > maxShards:
		return &GatewayBotError{Field: "max_concurrency", Value: strconv.Itoa(gb.SessionStartLimit.MaxConcurrency), Reason: "out of range"}
	}
	u, err := url.Parse(gb.URL)
	if err != nil || (u.Scheme != "ws" && u.Scheme != "wss") || u.Host == "" {
		return &GatewayBotError{Field: "url", Value: strconv.Quote(gb.URL), Reason: "not a ws or wss URL"}
	}
	return nil
}
