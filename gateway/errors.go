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
var ErrPayloadOverLimit = errors.New("gateway: payload over the size limit")

// limitError is a compressed payload that inflates past the limit.
type limitError struct {
	comp  Compression
	limit int
}

func (e *limitError) Error() string {
	return "gateway: decompress: " + string(e.comp) + ": payload over the " + strconv.Itoa(e.limit) + "-byte limit"
}

func (e *limitError) Unwrap() []error { return []error{ErrPayloadOverLimit, ErrDecompress} }

// MaxPayload is the largest payload Discord accepts from a client.
const MaxPayload = 4096

// CloseCode is a code a gateway connection is closed with: one of
// Discord's below, or any other a server sends (a WebSocket code such as
// 1000 or 1006, or a code Discord adds later), which is kept as it is.
type CloseCode int

// Discord's gateway close codes.
const (
	CloseUnknownError         CloseCode = 4000 // resume
	CloseUnknownOpcode        CloseCode = 4001 // resume
	CloseDecodeError          CloseCode = 4002 // resume
	CloseNotAuthenticated     CloseCode = 4003 // identify again
	CloseAuthenticationFailed CloseCode = 4004 // stop: the token is wrong
	CloseAlreadyAuthenticated CloseCode = 4005 // resume
	CloseInvalidSeq           CloseCode = 4007 // identify again
	CloseRateLimited          CloseCode = 4008 // resume
	CloseSessionTimedOut      CloseCode = 4009 // identify again
	CloseInvalidShard         CloseCode = 4010 // stop
	CloseShardingRequired     CloseCode = 4011 // stop
	CloseInvalidAPIVersion    CloseCode = 4012 // stop
	CloseInvalidIntents       CloseCode = 4013 // stop
	CloseDisallowedIntents    CloseCode = 4014 // stop
)

var closeNames = map[CloseCode]string{
	1000:                      "normal closure",
	1001:                      "going away",
	1006:                      "abnormal closure",
	1011:                      "internal error",
	CloseUnknownError:         "unknown error",
	CloseUnknownOpcode:        "unknown opcode",
	CloseDecodeError:          "decode error",
	CloseNotAuthenticated:     "not authenticated",
	CloseAuthenticationFailed: "authentication failed",
	CloseAlreadyAuthenticated: "already authenticated",
	CloseInvalidSeq:           "invalid seq",
	CloseRateLimited:          "rate limited",
	CloseSessionTimedOut:      "session timed out",
	CloseInvalidShard:         "invalid shard",
	CloseShardingRequired:     "sharding required",
	CloseInvalidAPIVersion:    "invalid API version",
	CloseInvalidIntents:       "invalid intents",
	CloseDisallowedIntents:    "disallowed intents",
}

// String is the code and its name, e.g. "4004 (authentication failed)",
// or the code alone when it has none.
func (c CloseCode) String() string {
	if name, ok := closeNames[c]; ok {
		return strconv.Itoa(int(c)) + " (" + name + ")"
	}
	return strconv.Itoa(int(c))
}

// Reconnect reports whether a shard may connect again after c: Discord
// forbids it after 4004 and 4010 to 4014.
func (c CloseCode) Reconnect() bool { return fatalCodes[c] == nil }

// Resumable reports whether the session survives c: every code but
// 4003, 4007, 4009 and those after which a shard must not reconnect
// (the server answers a Resume with Invalid Session if it is gone).
func (c CloseCode) Resumable() bool {
	switch c {
	case CloseNotAuthenticated, CloseInvalidSeq, CloseSessionTimedOut:
		return false
	}
	return c.Reconnect()
}

// CloseError is the close code that ended Run: one Discord says not to
// reconnect after (4004, 4010 to 4014). errors.Is matches it to the
// code's sentinel, e.g. ErrAuthenticationFailed.
type CloseError struct {
	Code   CloseCode
	Reason string
}

func (e *CloseError) Error() string {
	s := "gateway: closed with " + e.Code.String()
	if e.Reason != "" {
		s += ": " + strconv.Quote(e.Reason)
	}
	return s
}

// Unwrap returns the code's sentinel, or nil.
func (e *CloseError) Unwrap() error { return fatalCodes[e.Code] }

var fatalCodes = map[CloseCode]error{
	CloseAuthenticationFailed: ErrAuthenticationFailed,
	CloseInvalidShard:         ErrInvalidShard,
	CloseShardingRequired:     ErrShardingRequired,
	CloseInvalidAPIVersion:    ErrInvalidAPIVersion,
	CloseInvalidIntents:       ErrInvalidIntents,
	CloseDisallowedIntents:    ErrDisallowedIntents,
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
func actionFor(code CloseCode) closeAction {
	switch {
	case !code.Reconnect():
		return closeFatal
	case !code.Resumable():
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
