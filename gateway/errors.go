package gateway

import (
	"errors"
	"strconv"
)

// Sentinels for the close codes after which Discord must not be dialled
// again with the same settings. A *CloseError with one of these codes
// matches its sentinel under errors.Is.
var (
	ErrAuthenticationFailed = errors.New("gateway: authentication failed") // 4004
	ErrInvalidShard         = errors.New("gateway: invalid shard")         // 4010
	ErrShardingRequired     = errors.New("gateway: sharding required")     // 4011
	ErrInvalidAPIVersion    = errors.New("gateway: invalid API version")   // 4012
	ErrInvalidIntents       = errors.New("gateway: invalid intents")       // 4013
	ErrDisallowedIntents    = errors.New("gateway: disallowed intents")    // 4014
)

// ErrRunning is returned by Run on a shard that is already running.
var ErrRunning = errors.New("gateway: shard already running")

// ErrNotConnected is returned by commands sent while the shard has no
// identified connection.
var ErrNotConnected = errors.New("gateway: shard not connected")

// ErrPayloadTooLarge is wrapped by the error a command returns when its
// payload is over MaxPayload bytes; Discord would close the connection.
var ErrPayloadTooLarge = errors.New("gateway: payload too large")

// ErrDecompress is wrapped by errors of the transport decompression.
var ErrDecompress = errors.New("gateway: decompress")

// ErrPayloadOverLimit is wrapped, with ErrDecompress, by the error that
// ends a connection whose payload is over Options.MaxPayloadSize: with
// compression, once that much has been decoded of it.
var ErrPayloadOverLimit = errors.New("payload over the size limit")

// MaxPayload is the largest payload Discord accepts from a client.
const MaxPayload = 4096

// CloseError is the close code that ended Run: one Discord says not to
// reconnect after (4004, 4010 to 4014). errors.Is matches it to the
// code's sentinel, e.g. ErrAuthenticationFailed.
type CloseError struct {
	Code   int
	Reason string
}

func (e *CloseError) Error() string {
	s := "gateway: closed with " + strconv.Itoa(e.Code)
	if name := closeName(e.Code); name != "" {
		s += " (" + name + ")"
	}
	if e.Reason != "" {
		s += ": " + strconv.Quote(e.Reason)
	}
	return s
}

// Unwrap returns the code's sentinel, or nil.
func (e *CloseError) Unwrap() error { return fatalCodes[e.Code] }

var fatalCodes = map[int]error{
	4004: ErrAuthenticationFailed,
	4010: ErrInvalidShard,
	4011: ErrShardingRequired,
	4012: ErrInvalidAPIVersion,
	4013: ErrInvalidIntents,
	4014: ErrDisallowedIntents,
}

func closeName(code int) string {
	switch code {
	case 4000:
		return "unknown error"
	case 4001:
		return "unknown opcode"
	case 4002:
		return "decode error"
	case 4003:
		return "not authenticated"
	case 4004:
		return "authentication failed"
	case 4005:
		return "already authenticated"
	case 4007:
		return "invalid seq"
	case 4008:
		return "rate limited"
	case 4009:
		return "session timed out"
	case 4010:
		return "invalid shard"
	case 4011:
		return "sharding required"
	case 4012:
		return "invalid API version"
	case 4013:
		return "invalid intents"
	case 4014:
		return "disallowed intents"
	}
	return ""
}

// closeAction is what a close code from the server asks of the shard.
type closeAction int

const (
	closeResume     closeAction = iota // reconnect and resume
	closeNewSession                    // reconnect and identify
	closeFatal                         // stop
)

// actionFor follows Discord's table of close codes: 4004 and 4010-4014
// are fatal; 4003 (the session was invalidated), 4007 and 4009 need a new
// session; every other code, known or not, is worth a resume (the server
// answers op 9 if the session is gone).
func actionFor(code int) closeAction {
	if fatalCodes[code] != nil {
		return closeFatal
	}
	switch code {
	case 4003, 4007, 4009:
		return closeNewSession
	}
	return closeResume
}

// PayloadError reports a command that cannot be sent as given.
type PayloadError struct {
	Op     int
	Size   int // bytes, when too large
	Reason string
	Err    error
}

func (e *PayloadError) Error() string {
	return "gateway: op " + strconv.Itoa(e.Op) + ": " + e.Reason
}

func (e *PayloadError) Unwrap() error { return e.Err }
