package gateway_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gloamdev/gloam/discordtest"
	"github.com/gloamdev/gloam/gateway"
	"github.com/gloamdev/gloam/model"
	"github.com/matryer/is"
)

const testIntents = model.IntentGuilds | model.IntentGuildMessages | model.IntentGuildMembers |
	model.IntentGuildMessageTyping | model.IntentDirectMessageTyping

func newServer(t testing.TB, o *discordtest.Options) *discordtest.Server {
	if o == nil {
		o = &discordtest.Options{}
	}
	if o.HeartbeatInterval == 0 {
		o.HeartbeatInterval = 100 * time.Millisecond
	}
	if o.IdentifyWindow == 0 {
		o.IdentifyWindow = 20 * time.Millisecond
	}
	s := discordtest.NewServer(o)
	t.Cleanup(s.Close)
	return s
}

// recorder is a Handler that keeps what it got and checks, as events
// arrive, that each session's sequence numbers run on without a gap or a
// repeat.
type recorder struct {
	mu      sync.Mutex
	t       testing.TB
	events  []model.Event
	session string
	seq     int64
	bad     []string
	got     chan struct{}
}

func newRecorder(t testing.TB) *recorder { return &recorder{t: t, got: make(chan struct{}, 1)} }

func (r *recorder) handle(ev model.Event) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if ev.Type == model.EventReady {
		r.session = ev.Get("session_id").String()
		r.seq = 0
	}
	if ev.Seq != 0 {
		if ev.Seq != r.seq+1 {
			r.bad = append(r.bad, ev.Name()+": seq "+itoa(ev.Seq)+" after "+itoa(r.seq))
		}
		r.seq = ev.Seq
	}
	r.events = append(r.events, ev)
	select {
	case r.got <- struct{}{}:
	default:
	}
}

func itoa(n int64) string { return string(appendInt(nil, n)) }

func appendInt(b []byte, n int64) []byte {
	if n < 0 {
		b = append(b, '-')
		n = -n
	}
	if n >= 10 {
		b = appendInt(b, n/10)
	}
	return append(b, byte('0'+n%10))
}

// waitFor polls cond until it holds, failing the test after a generous
// time: for liveness, not speed.
func waitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

func (r *recorder) count(name string) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := 0
	for _, ev := range r.events {
		if ev.Name() == name {
			n++
		}
	}
	return n
}

func testOptions(s *discordtest.Server, c gateway.Compression, h func(model.Event)) *gateway.Options {
	return &gateway.Options{
		URL:                s.GatewayURL(),
		Compression:        c,
		Intents:            testIntents,
		Handler:            h,
		IdentifyQueue:      &gateway.IdentifyLimiter{Interval: 30 * time.Millisecond},
		BackoffBase:        2 * time.Millisecond,
		BackoffMax:         20 * time.Millisecond,
		InvalidSessionWait: func() time.Duration { return time.Millisecond },
	}
}

// runner runs a shard in the background for one test.
type runner struct {
	t      testing.TB
	cancel context.CancelFunc
	ch     chan error
	mu     sync.Mutex
	got    bool
	err    error
}

// running runs a shard until the test ends.
func running(t testing.TB, sh *gateway.Shard) *runner {
	ctx, cancel := context.WithCancel(context.Background())
	r := &runner{t: t, cancel: cancel, ch: make(chan error, 1)}
	go func() { r.ch <- sh.Run(ctx) }()
	t.Cleanup(func() { r.stop() })
	return r
}

// wait returns Run's error, failing the test if Run goes on for long.
func (r *runner) wait() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.got {
		select {
		case r.err = <-r.ch:
			r.got = true
		case <-time.After(30 * time.Second):
			r.t.Errorf("Run did not return")
			r.got = true
		}
	}
	return r.err
}

// stop cancels Run and returns its error.
func (r *runner) stop() error {
	r.cancel()
	return r.wait()
}

var compressions = []gateway.Compression{gateway.ZlibStream, gateway.ZstdStream, gateway.NoCompression}

func TestConnectAndReceive(t *testing.T) {
	for _, comp := range compressions {
		t.Run(string(comp), func(t *testing.T) {
			is := is.New(t)
			srv := newServer(t, &discordtest.Options{Guilds: 4, Shards: 2})
			rec := newRecorder(t)
			sh := gateway.NewShard(1, 2, srv.Token(), testOptions(srv, comp, rec.handle))
			run := running(t, sh)
			waitFor(t, "READY", func() bool { return sh.Health().State == gateway.StateConnected })
			for i := range 50 {
				is.NoErr(srv.Dispatch(1, "GLOAM_TEST", map[string]int{"n": i}))
			}
			waitFor(t, "50 events", func() bool { return rec.count("GLOAM_TEST") == 50 })
			is.True(errors.Is(run.stop(), context.Canceled)) // Run returns ctx's error

			rec.mu.Lock()
			defer rec.mu.Unlock()
			is.Equal(rec.bad, nil)                  // sequence numbers run on
			is.Equal(rec.events[0].Name(), "READY") // READY first
			is.Equal(rec.events[1].Name(), "GUILD_CREATE")
			n := 0
			for _, ev := range rec.events {
				if ev.Name() == "GLOAM_TEST" {
					is.Equal(ev.Get("n").Int(), int64(n)) // in order
					n++
				}
			}
			st := srv.Stats().Gateway
			is.Equal(st.Identifies, 1)
			is.Equal(st.CloseCodesReceived[1000], 1) // shutdown closes with 1000
			is.Equal(sh.Session().ID, "")            // and the session is over
			is.Equal(sh.Health().State, gateway.StateStopped)
		})
	}
}

func TestEventFilter(t *testing.T) {
	is := is.New(t)
	srv := newServer(t, nil)
	rec := newRecorder(t)
	o := testOptions(srv, gateway.ZlibStream, rec.handle)
	o.Events = model.NewEventTypeSet(model.EventTypingStart)
	sh := gateway.NewShard(0, 1, srv.Token(), o)
	running(t, sh)
	waitFor(t, "READY", func() bool { return sh.Health().State == gateway.StateConnected })
	is.NoErr(srv.Dispatch(0, "GLOAM_TEST", map[string]int{"n": 1}))
	is.NoErr(srv.Dispatch(0, "TYPING_START", map[string]any{"channel_id": "1", "user_id": "2", "timestamp": 1}))
	waitFor(t, "TYPING_START", func() bool { return rec.count("TYPING_START") == 1 })
	seq := sh.Session().Seq
	is.Equal(rec.count("GLOAM_TEST"), 0) // filtered out
	is.Equal(rec.count("READY"), 0)      // READY too, though the shard read it
	is.True(seq >= 3)                    // every dispatch still counts
}

func TestFatalCloseCodes(t *testing.T) {
	sentinels := map[int]error{
		4004: gateway.ErrAuthenticationFailed,
		4010: gateway.ErrInvalidShard,
		4011: gateway.ErrShardingRequired,
		4012: gateway.ErrInvalidAPIVersion,
		4013: gateway.ErrInvalidIntents,
		4014: gateway.ErrDisallowedIntents,
	}
	for code, sentinel := range sentinels {
		t.Run(itoa(int64(code)), func(t *testing.T) {
			is := is.New(t)
			srv := newServer(t, nil)
			sh := gateway.NewShard(0, 1, srv.Token(), testOptions(srv, gateway.ZlibStream, nil))
			run := running(t, sh)
			waitFor(t, "READY", func() bool { return sh.Health().State == gateway.StateConnected })
			is.NoErr(srv.Fault(0, discordtest.FaultClose{Code: code}))
			err := run.wait()
			var ce *gateway.CloseError
			is.True(errors.As(err, &ce)) // a *gateway.CloseError
			is.Equal(ce.Code, gateway.CloseCode(code))
			is.True(!ce.Code.Reconnect())
			is.True(strings.Contains(err.Error(), strings.TrimPrefix(sentinel.Error(), "gateway: "))) // named
			is.True(errors.Is(err, sentinel))                                                         // matching its sentinel
			is.Equal(srv.Stats().Gateway.Connections, 1)                                              // no retry
			is.Equal(sh.Health().State, gateway.StateStopped)
		})
	}
}

func TestCloseCodeNames(t *testing.T) {
	is := is.New(t)
	is.Equal(gateway.CloseAuthenticationFailed.String(), "4004 (authentication failed)")
	is.Equal(gateway.CloseCode(4999).String(), "4999") // an unknown code is kept
	is.Equal((&gateway.CloseError{Code: gateway.CloseDisallowedIntents, Reason: "Disallowed intent(s)."}).Error(),
		`gateway: closed with 4014 (disallowed intents): "Disallowed intent(s)."`)
	for _, tc := range []struct {
		code                 gateway.CloseCode
		reconnect, resumable bool
	}{
		{gateway.CloseUnknownError, true, true},
		{gateway.CloseRateLimited, true, true},
		{gateway.CloseNotAuthenticated, true, false},
		{gateway.CloseInvalidSeq, true, false},
		{gateway.CloseSessionTimedOut, true, false},
		{gateway.CloseAuthenticationFailed, false, false},
		{gateway.CloseInvalidShard, false, false},
		{gateway.CloseDisallowedIntents, false, false},
		{1000, true, true},
		{4999, true, true}, // unknown: worth a resume
	} {
		is.Equal(tc.code.Reconnect(), tc.reconnect) // Reconnect
		is.Equal(tc.code.Resumable(), tc.resumable) // Resumable
	}
}

func TestWrongTokenStops(t *testing.T) {
	is := is.New(t)
	srv := newServer(t, nil)
	sh := gateway.NewShard(0, 1, "not-the-token", testOptions(srv, gateway.ZstdStream, nil))
	err := sh.Run(context.Background())
	is.True(errors.Is(err, gateway.ErrAuthenticationFailed)) // 4004 ends Run
	is.Equal(srv.Stats().Gateway.Connections, 1)             // within one attempt
}

func TestShardingRequired(t *testing.T) {
	is := is.New(t)
	srv := newServer(t, &discordtest.Options{RequireShards: 2})
	sh := gateway.NewShard(0, 1, srv.Token(), testOptions(srv, gateway.NoCompression, nil))
	err := sh.Run(context.Background())
	is.True(errors.Is(err, gateway.ErrShardingRequired))
	is.Equal(srv.Stats().Gateway.Connections, 1)
}

func TestRunTwice(t *testing.T) {
	is := is.New(t)
	srv := newServer(t, nil)
	sh := gateway.NewShard(0, 1, srv.Token(), testOptions(srv, gateway.ZlibStream, nil))
	running(t, sh)
	waitFor(t, "READY", func() bool { return sh.Health().State == gateway.StateConnected })
	is.Equal(sh.Run(context.Background()), gateway.ErrRunning) // one Run at a time
}

func TestResumableAndNewSessionCodes(t *testing.T) {
	for _, tc := range []struct {
		code       int
		newSession bool
	}{
		{4000, false}, {4001, false}, {4002, false}, {4005, false}, {4008, false}, {1000, false}, {1001, false},
		{4003, true}, {4007, true}, {4009, true},
	} {
		t.Run(itoa(int64(tc.code)), func(t *testing.T) {
			is := is.New(t)
			srv := newServer(t, nil)
			rec := newRecorder(t)
			sh := gateway.NewShard(0, 1, srv.Token(), testOptions(srv, gateway.ZlibStream, rec.handle))
			running(t, sh)
			waitFor(t, "READY", func() bool { return sh.Health().State == gateway.StateConnected })
			first := sh.Session().ID
			is.NoErr(srv.Fault(0, discordtest.FaultClose{Code: tc.code}))
			waitFor(t, "reconnect", func() bool {
				return srv.Stats().Gateway.Connections == 2 && sh.Health().State == gateway.StateConnected
			})
			st := srv.Stats().Gateway
			if tc.newSession {
				is.Equal(st.Identifies, 2) // a new session
				is.Equal(st.Resumes, 0)
				is.True(sh.Session().ID != first)
			} else {
				is.Equal(st.Identifies, 1) // the session resumed
				is.Equal(st.Resumes, 1)
				is.Equal(st.ResumeURLConnections, 1) // on resume_gateway_url
				is.Equal(sh.Session().ID, first)
			}
			rec.mu.Lock()
			is.Equal(rec.bad, nil)
			rec.mu.Unlock()
		})
	}
}

func TestServerRequestsHeartbeat(t *testing.T) {
	is := is.New(t)
	srv := newServer(t, &discordtest.Options{HeartbeatInterval: 30 * time.Second})
	sh := gateway.NewShard(0, 1, srv.Token(), testOptions(srv, gateway.ZlibStream, nil))
	running(t, sh)
	waitFor(t, "READY", func() bool { return sh.Health().State == gateway.StateConnected })
	before := srv.Stats().Gateway.HeartbeatsReceived
	is.NoErr(srv.Fault(0, discordtest.FaultRequestHeartbeat{}))
	waitFor(t, "heartbeat", func() bool { return srv.Stats().Gateway.HeartbeatsReceived == before+1 })
	waitFor(t, "latency", func() bool { return sh.Health().Latency > 0 })
}

func TestZombieResumes(t *testing.T) {
	is := is.New(t)
	srv := newServer(t, nil)
	rec := newRecorder(t)
	sh := gateway.NewShard(0, 1, srv.Token(), testOptions(srv, gateway.ZstdStream, rec.handle))
	running(t, sh)
	waitFor(t, "READY", func() bool { return sh.Health().State == gateway.StateConnected })
	is.NoErr(srv.Fault(0, discordtest.FaultZombie{}))
	for i := range 5 {
		is.NoErr(srv.Dispatch(0, "GLOAM_TEST", map[string]int{"n": i}))
	}
	waitFor(t, "replayed events", func() bool { return rec.count("GLOAM_TEST") == 5 })
	st := srv.Stats().Gateway
	is.Equal(st.Identifies, 1)
	is.Equal(st.Resumes, 1)                   // the zombie was resumed
	is.True(st.CloseCodesReceived[1000] == 0) // never closed with 1000
	is.True(sh.Health().LastError != nil)     // why it reconnected is kept
}

func TestKeepSessionResumesAfterRestart(t *testing.T) {
	is := is.New(t)
	srv := newServer(t, nil)
	rec := newRecorder(t)
	o := testOptions(srv, gateway.ZlibStream, rec.handle)
	o.KeepSession = true
	sh := gateway.NewShard(0, 1, srv.Token(), o)
	run := running(t, sh)
	waitFor(t, "READY", func() bool { return sh.Health().State == gateway.StateConnected })
	run.stop()
	saved := sh.Session()
	is.True(saved.ID != "") // the session outlives Run
	waitFor(t, "the close", func() bool { return srv.Stats().Gateway.CloseCodesReceived[4000] == 1 })

	is.NoErr(srv.Dispatch(0, "GLOAM_TEST", map[string]int{"n": 1})) // while away

	o2 := testOptions(srv, gateway.ZlibStream, rec.handle)
	o2.Session = saved
	sh2 := gateway.NewShard(0, 1, srv.Token(), o2)
	running(t, sh2)
	waitFor(t, "the missed event", func() bool { return rec.count("GLOAM_TEST") == 1 })
	st := srv.Stats().Gateway
	is.Equal(st.Identifies, 1) // resumed, not identified
	is.Equal(st.Resumes, 1)
	is.Equal(sh2.Session().ID, saved.ID)
}

func TestCommands(t *testing.T) {
	is := is.New(t)
	srv := newServer(t, nil)
	sh := gateway.NewShard(0, 1, srv.Token(), testOptions(srv, gateway.ZlibStream, nil))
	ctx := context.Background()
	err := sh.UpdatePresence(ctx, gateway.Presence{Status: model.StatusIdle})
	is.True(errors.Is(err, gateway.ErrNotConnected)) // before Run
	running(t, sh)
	waitFor(t, "READY", func() bool { return sh.Health().State == gateway.StateConnected })

	is.NoErr(sh.UpdatePresence(ctx, gateway.Presence{Status: model.StatusDND, Activities: []model.Activity{{Name: "tests"}}}))
	ch := model.ChannelID(5)
	is.NoErr(sh.UpdateVoiceState(ctx, gateway.VoiceState{GuildID: 1, ChannelID: &ch}))
	q := ""
	is.NoErr(sh.RequestGuildMembers(ctx, gateway.RequestGuildMembers{GuildID: 1, Query: &q}))
	is.NoErr(sh.RequestSoundboardSounds(ctx, gateway.RequestSoundboardSounds{GuildIDs: []model.GuildID{1}}))
	is.NoErr(sh.RequestChannelInfo(ctx, gateway.RequestChannelInfo{GuildID: 1, Fields: []string{"status"}}))

	err = sh.RequestGuildMembers(ctx, gateway.RequestGuildMembers{GuildID: 1})
	var pe *gateway.PayloadError
	is.True(errors.As(err, &pe)) // query or user_ids is required

	ids := make([]model.UserID, 300)
	for i := range ids {
		ids[i] = model.UserID(1 << 60)
	}
	err = sh.RequestGuildMembers(ctx, gateway.RequestGuildMembers{GuildID: 1, UserIDs: ids})
	is.True(errors.Is(err, gateway.ErrPayloadTooLarge)) // refused before sending
	is.True(errors.As(err, &pe))
	is.True(pe.Size > gateway.MaxPayload)

	waitFor(t, "commands", func() bool {
		c := srv.Stats().Gateway.Commands
		return c[3] == 1 && c[4] == 1 && c[8] == 1 && c[31] == 1 && c[43] == 1
	})
	st := srv.Stats().Gateway
	is.Equal(st.PayloadTooLarge, 0)
	is.Equal(st.CommandRateViolations, 0)
	is.Equal(sh.Health().State, gateway.StateConnected) // still connected
}

func TestSlowHelloTimesOut(t *testing.T) {
	is := is.New(t)
	srv := newServer(t, nil)
	o := testOptions(srv, gateway.ZlibStream, nil)
	o.HelloTimeout = 200 * time.Millisecond
	is.NoErr(srv.Fault(0, discordtest.FaultSlowHello{Delay: 3 * time.Second}))
	sh := gateway.NewShard(0, 1, srv.Token(), o)
	running(t, sh)
	waitFor(t, "READY", func() bool { return sh.Health().State == gateway.StateConnected })
	st := srv.Stats().Gateway
	is.Equal(st.Connections, 2) // gave up on the silent one
	is.Equal(st.Identifies, 1)
}

func TestDialFailureBacksOff(t *testing.T) {
	is := is.New(t)
	srv := newServer(t, nil)
	url := srv.GatewayURL()
	srv.Close() // nothing listens any more
	o := testOptions(srv, gateway.ZlibStream, nil)
	o.URL = url
	sh := gateway.NewShard(0, 1, "x", o)
	run := running(t, sh)
	waitFor(t, "retries", func() bool { return sh.Health().Reconnects >= 3 })
	is.True(sh.Health().LastError != nil) // the dial error is kept
	is.True(errors.Is(run.stop(), context.Canceled))
}

// TestSlowHandlerIsNotZombie blocks the handler for several heartbeat
// intervals: heartbeats go on, and the unread ACKs behind the blocked
// handler are not taken for a zombie connection.
func TestSlowHandlerIsNotZombie(t *testing.T) {
	is := is.New(t)
	srv := newServer(t, &discordtest.Options{HeartbeatInterval: 50 * time.Millisecond})
	rec := newRecorder(t)
	slow := func(ev model.Event) {
		if ev.Name() == "GLOAM_SLOW" {
			time.Sleep(400 * time.Millisecond)
		}
		rec.handle(ev)
	}
	sh := gateway.NewShard(0, 1, srv.Token(), testOptions(srv, gateway.ZlibStream, slow))
	running(t, sh)
	waitFor(t, "READY", func() bool { return sh.Health().State == gateway.StateConnected })
	beats := srv.Stats().Gateway.HeartbeatsReceived
	is.NoErr(srv.Dispatch(0, "GLOAM_SLOW", map[string]int{}))
	is.NoErr(srv.Dispatch(0, "GLOAM_TEST", map[string]int{}))
	waitFor(t, "both events", func() bool { return rec.count("GLOAM_TEST") == 1 })
	st := srv.Stats().Gateway
	is.True(st.HeartbeatsReceived > beats+3) // heartbeats went on meanwhile
	is.Equal(sh.Health().Reconnects, 0)      // and the connection was kept
	is.Equal(st.Connections, 1)
}

// TestPayloadOverLimitReconnects dispatches an event over
// Options.MaxPayloadSize: the shard drops the connection with
// ErrPayloadOverLimit instead of reading it, and reconnects.
func TestPayloadOverLimitReconnects(t *testing.T) {
	for _, comp := range compressions {
		t.Run(string(comp), func(t *testing.T) {
			is := is.New(t)
			srv := newServer(t, nil)
			o := testOptions(srv, comp, nil)
			o.MaxPayloadSize = 64 << 10
			sh := gateway.NewShard(0, 1, srv.Token(), o)
			running(t, sh)
			waitFor(t, "READY", func() bool { return sh.Health().State == gateway.StateConnected })
			is.NoErr(srv.Dispatch(0, "GLOAM_TEST", map[string]string{"pad": strings.Repeat("0", 256<<10)}))
			waitFor(t, "the refusal", func() bool { return errors.Is(sh.Health().LastError, gateway.ErrPayloadOverLimit) })
			waitFor(t, "a reconnect", func() bool { return srv.Stats().Gateway.Connections >= 2 })
		})
	}
}
