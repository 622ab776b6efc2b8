package gateway

import (
	"cmp"
	"context"
	"errors"
	"slices"

	"github.com/gloamdev/gloam/transport"
)

// Why a connection ended, as Disconnect.Reason gives it.
const (
	ReasonClose          = "close"             // the server closed with Disconnect.Code
	ReasonReconnect      = "reconnect"         // the server asked to reconnect (op 7)
	ReasonInvalidSession = "invalid_session"   // the server invalidated the session (op 9)
	ReasonZombie         = "heartbeat_timeout" // no heartbeat ACK: the connection was a zombie
	ReasonNoHello        = "no_hello"          // no Hello in time, or a payload before it
	ReasonDial           = "dial"              // the connection could not be opened
	ReasonDecompress     = "decompress"        // a payload did not inflate, or past the limit
	ReasonError          = "error"             // another read or write error (a reset, EOF)
)

// Disconnect counts the connections of a shard that ended for one reason
// (and, for ReasonClose, with one close code).
type Disconnect struct {
	Reason string
	Code   CloseCode // for ReasonClose; 0 otherwise
	Count  int
}

// disconnectKey is a Disconnect without its count.
type disconnectKey struct {
	reason string
	code   CloseCode
}

// Disconnects returns why the shard's connections and attempts to
// connect have ended since NewShard, sorted by reason then code; an end
// because Run's ctx was done is not counted. Health.LastError holds the
// last one's error.
func (s *Shard) Disconnects() []Disconnect {
	s.mu.Lock()
	defer s.mu.Unlock()
	ds := make([]Disconnect, 0, len(s.ends))
	for k, n := range s.ends {
		ds = append(ds, Disconnect{Reason: k.reason, Code: k.code, Count: n})
	}
	slices.SortFunc(ds, func(a, b Disconnect) int {
		return cmp.Or(cmp.Compare(a.Reason, b.Reason), cmp.Compare(a.Code, b.Code))
	})
	return ds
}

// countEnd counts why a connection ended; s.mu is held.
func (s *Shard) countEnd(err error) {
	if err == nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return
	}
	if s.ends == nil {
		s.ends = map[disconnectKey]int{}
	}
	k := endReason(err)
	s.ends[k]++
	s.last = k.reason
}

// Reconnect counts the attempts of a shard to connect again after a
// connection (or an attempt) ended for one reason.
type Reconnect struct {
	Reason string // one of the Reason constants
	Count  int
}

// Reconnects returns the shard's attempts to connect after the first
// since NewShard, by why the connection before ended (the reason of its
// Disconnect; close codes are in Disconnects), sorted by reason. They add
// up to Health.Reconnects.
func (s *Shard) Reconnects() []Reconnect {
	s.mu.Lock()
	defer s.mu.Unlock()
	rs := make([]Reconnect, 0, len(s.again))
	for r, n := range s.again {
		rs = append(rs, Reconnect{Reason: r, Count: n})
	}
	slices.SortFunc(rs, func(a, b Reconnect) int { return cmp.Compare(a.Reason, b.Reason) })
	return rs
}

// countReconnect counts an attempt to connect again, by the reason the
// last connection ended; s.mu is held.
func (s *Shard) countReconnect() {
	if s.again == nil {
		s.again = map[string]int{}
	}
	s.again[cmp.Or(s.last, ReasonError)]++
}

// endReason classifies the error a connection ended with.
func endReason(err error) disconnectKey {
	var ce *CloseError
	var tce *transport.CloseError
	switch {
	case errors.As(err, &ce):
		return disconnectKey{ReasonClose, ce.Code}
	case errors.As(err, &tce):
		return disconnectKey{ReasonClose, CloseCode(tce.Code)}
	case errors.Is(err, errReconnect):
		return disconnectKey{reason: ReasonReconnect}
	case errors.Is(err, errInvalidSession):
		return disconnectKey{reason: ReasonInvalidSession}
	case errors.Is(err, errZombie):
		return disconnectKey{reason: ReasonZombie}
	case errors.Is(err, errHelloTimeout), errors.Is(err, errNoHello):
		return disconnectKey{reason: ReasonNoHello}
	case errors.Is(err, ErrDecompress), errors.Is(err, ErrPayloadOverLimit):
		return disconnectKey{reason: ReasonDecompress}
	}
	var de *dialError
	if errors.As(err, &de) {
		return disconnectKey{reason: ReasonDial}
	}
	return disconnectKey{reason: ReasonError}
}

// dialError is a connection that could not be opened.
type dialError struct{ err error }

func (e *dialError) Error() string { return "gateway: dial: " + e.err.Error() }
func (e *dialError) Unwrap() error { return e.err }
