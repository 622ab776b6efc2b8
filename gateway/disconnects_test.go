package gateway_test

import (
	"context"
	"errors"

	"testing"

	"github.com/gloamdev/gloam/discordtest"
	"github.com/gloamdev/gloam/gateway"
	"github.com/matryer/is"
)

// TestDisconnects counts why connections ended: by close code, op 7 and
// a dropped connection, and not the end Run's ctx asked for; and the
// connections opened again, by the same reasons.
func TestDisconnects(t *testing.T) {
	is := is.New(t)
	s := newServer(t, nil)
	rec := newRecorder(t)
	sh := gateway.NewShard(0, 1, s.Token(), testOptions(s, gateway.ZlibStream, rec.handle))
	run := running(t, sh)
	up := func(n int) func() bool {
		return func() bool {
			return sh.Health().State == gateway.StateConnected && rec.count("READY")+rec.count("RESUMED") == n
		}
	}
	waitFor(t, "connected", up(1))
	is.Equal(len(sh.Disconnects()), 0) // none yet
	for i, f := range []discordtest.Fault{
		discordtest.FaultClose{Code: 4000}, discordtest.FaultReconnect{},
		discordtest.FaultClose{Code: 4000}, discordtest.FaultDrop{},
	} {
		is.NoErr(s.Fault(0, f))
		waitFor(t, "back after a fault", up(i+2))
	}
	is.True(errors.Is(run.stop(), context.Canceled))
	is.Equal(sh.Disconnects(), []gateway.Disconnect{
		{Reason: gateway.ReasonClose, Code: 4000, Count: 2},
		{Reason: gateway.ReasonError, Count: 1},
		{Reason: gateway.ReasonReconnect, Count: 1},
	}) // by reason and code, and not the stop
	is.Equal(sh.Reconnects(), []gateway.Reconnect{
		{Reason: gateway.ReasonClose, Count: 2},
		{Reason: gateway.ReasonError, Count: 1},
		{Reason: gateway.ReasonReconnect, Count: 1},
	}) // each attempt after the first, by why the one before ended
	h := sh.Health()
	is.Equal(h.Reconnects, 4) // the sum of Reconnects
	is.Equal(h.Connects, 5)   // the first connection and one after each fault
}
