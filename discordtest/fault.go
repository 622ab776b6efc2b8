package discordtest

import (
	"errors"
	"time"
)

// Fault is something going wrong on purpose, given to Server.Fault. The
// faults are FaultReconnect, FaultInvalidSession, FaultDrop, FaultClose,
// FaultZombie, FaultSlowHello and FaultRequestHeartbeat.
type Fault interface{ fault() }

// FaultReconnect sends Reconnect (op 7). If the client has not closed the
// connection ReconnectGrace later, the server drops it.
type FaultReconnect struct{}

// FaultInvalidSession sends Invalid Session (op 9) with d set to
// Resumable. When Resumable is false the session ends, so a later Resume
// gets op 9 again. Either way the connection is no longer identified: the
// client may Identify (or Resume) again on it or reconnect.
type FaultInvalidSession struct{ Resumable bool }

// FaultDrop closes the TCP connection without a close frame. The session
// stays resumable.
type FaultDrop struct{}

// FaultClose closes the connection with a close frame. Codes after which
// Discord wants a new session (4003, 4004, 4007, 4009 to 4014) end the
// session; other codes leave it resumable. Reason zero: Discord's
// description of the code.
type FaultClose struct {
	Code   int
	Reason string
}

// FaultZombie turns the connection into a zombie: the server keeps it open
// but stops answering heartbeats and stops writing. Dispatches are still
// buffered in the session, so a client that notices and resumes gets them.
type FaultZombie struct{}

// FaultSlowHello delays Hello on the next connection to the server (any
// shard: the shard is not known before Identify) by Delay. Delay zero: the
// heartbeat interval.
type FaultSlowHello struct{ Delay time.Duration }

// FaultRequestHeartbeat sends Heartbeat (op 1) to the client, which must
// answer with a heartbeat at once.
type FaultRequestHeartbeat struct{}

// FaultMemberChunks cuts short the answer to the next Request Guild
// Members (op 8) the shard's session answers with chunks: the server sends
// its first After chunks, then applies Then (nil: none) to the connection
// the request came on, and never sends the chunks after them, as Discord
// loses the chunks it has not sent when the connection goes. Server.Fault
// queues it, connected or not; each queued one cuts one answer, in order.
// Then may not be a FaultSlowHello or a FaultMemberChunks.
type FaultMemberChunks struct {
	After int
	Then  Fault
}

func (FaultReconnect) fault()        {}
func (FaultInvalidSession) fault()   {}
func (FaultDrop) fault()             {}
func (FaultClose) fault()            {}
func (FaultZombie) fault()           {}
func (FaultSlowHello) fault()        {}
func (FaultRequestHeartbeat) fault() {}
func (FaultMemberChunks) fault()     {}

// ReconnectGrace is how long after FaultReconnect the server waits for the
// client to close before it drops the connection.
const ReconnectGrace = 5 * time.Second

// FaultOptions are the chances, from 0 to 1, that a fault follows each
// dispatch a Stream sends, on the connection of the stream's shard.
type FaultOptions struct {
	Reconnect              float64 // FaultReconnect
	InvalidSession         float64 // FaultInvalidSession{Resumable: true}
	InvalidSessionNoResume float64 // FaultInvalidSession{Resumable: false}
	Drop                   float64 // FaultDrop
	Close                  float64 // FaultClose{Code: 4000}
	Zombie                 float64 // FaultZombie
}

// ErrNoConnection is returned by Server.Fault when no client is connected
// on the shard.
var ErrNoConnection = errors.New("discordtest: no connection on the shard")

// ErrClosed is returned by Server methods called after Close.
var ErrClosed = errors.New("discordtest: server closed")

// FaultError reports a Fault the server cannot apply.
type FaultError struct {
	Fault  Fault
	Reason string
}

func (e *FaultError) Error() string { return "discordtest: fault: " + e.Reason }
