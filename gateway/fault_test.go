package gateway_test

import (
	"context"
	"errors"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"github.com/gloamdev/gloam/discordtest"
	"github.com/gloamdev/gloam/gateway"
	"github.com/gloamdev/gloam/model"
	"github.com/matryer/is"
)

// faultMix is what the storm injects, with weights. ends marks the faults
// after which Discord wants a new session.
var faultMix = []struct {
	f      discordtest.Fault
	weight int
	ends   bool
}{
	{discordtest.FaultReconnect{}, 12, false},
	{discordtest.FaultInvalidSession{Resumable: true}, 10, false},
	{discordtest.FaultInvalidSession{Resumable: false}, 6, true},
	{discordtest.FaultDrop{}, 12, false},
	{discordtest.FaultZombie{}, 8, false},
	{discordtest.FaultRequestHeartbeat{}, 4, false},
	{discordtest.FaultClose{Code: 4000}, 6, false},
	{discordtest.FaultClose{Code: 4001}, 3, false},
	{discordtest.FaultClose{Code: 4002}, 3, false},
	{discordtest.FaultClose{Code: 4005}, 3, false},
	{discordtest.FaultClose{Code: 4008}, 3, false},
	{discordtest.FaultClose{Code: 1000}, 3, false},
	{discordtest.FaultClose{Code: 1001}, 3, false},
	{discordtest.FaultClose{Code: 1011}, 3, false},
	{discordtest.FaultClose{Code: 4003}, 2, true},
	{discordtest.FaultClose{Code: 4007}, 2, true},
	{discordtest.FaultClose{Code: 4009}, 2, true},
}

func pickFault(rng *rand.Rand) (discordtest.Fault, bool) {
	total := 0
	for _, m := range faultMix {
		total += m.weight
	}
	x := rng.IntN(total)
	for _, m := range faultMix {
		if x < m.weight {
			return m.f, m.ends
		}
		x -= m.weight
	}
	panic("unreachable")
}

// TestFaultStorm injects at least 1,000 faults (200 with -short) into
// shards on both compressions while events flow, and checks that every
// event arrives exactly once and in order, that each session's sequence
// numbers run on without a gap, that the shards identify only when the
// server ended the session, and that the server counted no identify or
// rate violation.
func TestFaultStorm(t *testing.T) {
	is := is.New(t)
	const shards = 8
	total := 1000
	if testing.Short() {
		total = 200
	}
	srv := newServer(t, &discordtest.Options{
		// Beats every 250 ms: a connection whose heartbeat ACK is late by
		// a whole interval is a zombie, and on a loaded machine under
		// -race the 100 ms of the other tests is too tight for that to
		// be the server's doing. A zombie while identifying costs a
		// second identify, which the counts below would take for a bug.
		HeartbeatInterval: 250 * time.Millisecond,
		IdentifyWindow:    10 * time.Millisecond,
		Shards:            shards,
		MaxConcurrency:    shards, // one identify bucket per shard
		Guilds:            -1,
	})
	type result struct {
		faults, ends int
		health       gateway.Health
	}
	results := make([]result, shards)
	var wg sync.WaitGroup
	for id := range shards {
		wg.Add(1)
		go func() {
			defer wg.Done()
			comp := gateway.ZlibStream
			if id%2 == 1 {
				comp = gateway.ZstdStream
			}
			f, e, h := storm(t, srv, id, shards, comp, (total+shards-1)/shards)
			results[id] = result{f, e, h}
		}()
	}
	wg.Wait()
	if t.Failed() {
		return
	}
	is = is.NewRelaxed(t) // report every count that is off
	faults, ends, identifies := 0, 0, 0
	for _, r := range results {
		faults += r.faults
		ends += r.ends
		identifies += r.health.Identifies
		is.Equal(r.health.Duplicates, 0) // the server never sent a dispatch twice
	}
	st := srv.Stats().Gateway
	t.Logf("stats: %+v", st)
	t.Logf("close codes sent %v, received %v", st.CloseCodesSent, st.CloseCodesReceived)
	t.Logf("%d faults (%d ending the session), %d connections, %d identifies, %d resumes, %d dispatches (%d replayed)",
		faults, ends, st.Connections, st.Identifies, st.Resumes, st.DispatchesSent, st.Replayed)
	is.True(faults >= total)                       // enough faults
	is.Equal(st.Identifies, shards+ends)           // identify only when the session was lost
	is.Equal(identifies, shards+ends)              // as the shards count it too
	is.Equal(st.IdentifyConcurrencyViolations, 0)  // the identify queue held
	is.Equal(st.CommandRateViolations, 0)          // the send limiter held
	is.Equal(st.PayloadTooLarge+st.InvalidJSON, 0) // every payload was good
	is.Equal(st.UnknownOpcode, 0)
	is.Equal(st.NotAuthenticated, 0)                                                               // commands only on identified connections
	is.Equal(st.AlreadyAuthenticated, 0)                                                           // one Identify or Resume per connection
	is.Equal(st.InvalidSeq, 0)                                                                     // resumed from the right seq
	is.True(waitOK(func() bool { return srv.Stats().Gateway.CloseCodesReceived[1000] == shards })) // 1000 only when the shards stopped
	is.Equal(st.CloseCodesReceived[1001], 0)
}

var presenceMu sync.Mutex

// storm runs one shard through n faults.
func storm(t *testing.T, srv *discordtest.Server, id, count int, comp gateway.Compression, n int) (faults, ends int, h gateway.Health) {
	rng := rand.New(rand.NewPCG(uint64(id), 42))
	rec := newRecorder(t)
	o := testOptions(srv, comp, rec.handle)
	// The server's identify window is 10 ms; a much wider spacing absorbs
	// the scheduling delays of a loaded machine between the queue and the
	// server.
	o.IdentifyQueue = &gateway.IdentifyLimiter{Interval: 150 * time.Millisecond}
	sh := gateway.NewShard(id, count, srv.Token(), o)
	run := running(t, sh)
	connected := func() bool { return sh.Health().State == gateway.StateConnected }
	if !waitOK(connected) {
		t.Errorf("shard %d: never connected", id)
		return
	}
	sent := 0
	delivered := func() bool { return rec.count("GLOAM_TEST") == sent }
	for faults < n {
		for k := rng.IntN(3) + 1; k > 0; k-- {
			if err := srv.Dispatch(id, "GLOAM_TEST", map[string]int{"n": sent}); err != nil {
				t.Errorf("shard %d: dispatch: %v", id, err)
				return
			}
			sent++
		}
		if faults%10 == 0 {
			// A command, seen by the server before the next fault: one
			// the fault overtook would be refused as unauthenticated. The
			// server counts commands of all shards together, so one
			// shard at a time sends them.
			//
			// The test's heartbeats (every 250 ms) fill a connection's
			// 120 sends per minute in 30 s, so a command on a
			// connection older than several seconds waits for the send
			// limiter's window; it gives up after a while, as a caller
			// with a deadline would.
			presenceMu.Lock()
			cmds := srv.Stats().Gateway.Commands[3]
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			err := sh.UpdatePresence(ctx, gateway.Presence{Status: model.StatusIdle})
			cancel()
			if err != nil && !errors.Is(err, gateway.ErrNotConnected) && !errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("shard %d: presence: %v", id, err)
			}
			if err == nil {
				waitOK(func() bool { return srv.Stats().Gateway.Commands[3] > cmds })
			}
			presenceMu.Unlock()
		}
		f, end := pickFault(rng)
		if end {
			// Events in flight when a session ends are lost, as on
			// Discord; let them land first.
			if !waitOK(delivered) {
				t.Errorf("shard %d: events not delivered before fault %d", id, faults)
				return
			}
		}
		before := sh.Health()
		oldSession := sh.Session().ID
		if err := srv.Fault(id, f); err != nil {
			if !errors.Is(err, discordtest.ErrNoConnection) {
				t.Errorf("shard %d: fault %T: %v", id, f, err)
				return
			}
			// The connection broke before the shard noticed (a server
			// heartbeat timeout under load, say); try again once it has.
			waitOK(func() bool { return srv.Fault(id, discordtest.FaultRequestHeartbeat{}) == nil })
			continue
		}
		faults++
		if end {
			ends++
		}
		if !end {
			// Events sent while the connection is dying are kept by the
			// session and replayed on Resume.
			for k := rng.IntN(3); k > 0; k-- {
				if err := srv.Dispatch(id, "GLOAM_TEST", map[string]int{"n": sent}); err != nil {
					t.Errorf("shard %d: dispatch: %v", id, err)
					return
				}
				sent++
			}
		}
		if _, ok := f.(discordtest.FaultRequestHeartbeat); ok {
			continue
		}
		// Wait until the shard has noticed, reconnected and resumed or
		// identified, so that every fault is a whole reconnection.
		ok := waitOK(func() bool {
			h := sh.Health()
			return h.Reconnects > before.Reconnects && h.State == gateway.StateConnected &&
				(!end || sh.Session().ID != oldSession)
		})
		if !ok {
			t.Errorf("shard %d: no reconnection after fault %d (%T %+v); health %+v", id, faults, f, f, sh.Health())
			return
		}
	}
	if !waitOK(delivered) {
		t.Errorf("shard %d: %d of %d events delivered", id, rec.count("GLOAM_TEST"), sent)
		return
	}
	run.stop()
	rec.mu.Lock()
	defer rec.mu.Unlock()
	if len(rec.bad) > 0 {
		t.Errorf("shard %d: sequence gaps: %v", id, rec.bad[:min(5, len(rec.bad))])
	}
	next := int64(0)
	for _, ev := range rec.events {
		if ev.Name() != "GLOAM_TEST" {
			continue
		}
		if got := ev.Get("n").Int(); got != next {
			t.Errorf("shard %d: event %d arrived where %d was due", id, got, next)
			return
		}
		next++
	}
	return faults, ends, sh.Health()
}

// waitOK polls cond for a generous while.
func waitOK(cond func() bool) bool {
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(time.Millisecond)
	}
	return true
}
