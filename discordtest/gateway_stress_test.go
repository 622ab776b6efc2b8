package discordtest_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/gloamdev/gloam/discordtest"
	"github.com/gloamdev/gloam/model"
	"github.com/matryer/is"
)

// TestStressResume streams events while faults hit the connection by
// chance, with a client that resumes whenever it may. Within each session
// the client must see every seq once, in order.
func TestStressResume(t *testing.T) {
	is := is.New(t)
	srv := discordtest.NewServer(&discordtest.Options{
		Guilds: 2, IdentifyWindow: -1,
		Faults: discordtest.FaultOptions{Reconnect: 0.004, InvalidSession: 0.002, InvalidSessionNoResume: 0.002, Drop: 0.004, Close: 0.004},
	})
	defer srv.Close()

	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	done := make(chan error, 1)
	var mu sync.Mutex
	sessions := 0
	go func() { done <- stressClient(ctx, srv, &mu, &sessions) }()

	// Wait for a session, stream, then signal the end until the client hears it.
	for !eventually(t, func() bool { mu.Lock(); defer mu.Unlock(); return sessions > 0 }) {
		t.Fatal("no session")
	}
	for sent := 0; sent < 3000; {
		n, err := srv.Stream(ctx, 0, 3000-sent, 3000)
		sent += n
		if errors.Is(err, discordtest.ErrNoConnection) {
			time.Sleep(time.Millisecond) // between sessions
			continue
		}
		is.NoErr(err)
	}
	var err error
	for waiting := true; waiting; {
		srv.Dispatch(0, "STRESS_END", map[string]any{})
		select {
		case err = <-done:
			waiting = false
		case <-time.After(20 * time.Millisecond):
		}
	}
	is.NoErr(err) // no gap, no repeat
	st := srv.Stats().Gateway
	is.Equal(len(st.Panics), 0)
	t.Logf("identifies %d, resumes %d, replayed %d, close codes sent %v", st.Identifies, st.Resumes, st.Replayed, st.CloseCodesSent)
}

func stressClient(ctx context.Context, srv *discordtest.Server, mu *sync.Mutex, sessions *int) error {
	var sessionID, resumeURL string
	var last int64
	for ctx.Err() == nil {
		url := srv.GatewayURL()
		if sessionID != "" {
			url = resumeURL
		}
		ws, _, err := websocket.Dial(ctx, url+"?v=10&encoding=json", nil)
		if err != nil {
			return err
		}
		ws.SetReadLimit(1 << 24)
		ws.Read(ctx) // Hello
		if sessionID != "" {
			b, _ := json.Marshal(map[string]any{"op": 6, "d": map[string]any{"token": srv.Token(), "session_id": sessionID, "seq": last}})
			ws.Write(ctx, websocket.MessageText, b)
		} else {
			b, _ := json.Marshal(identify(srv.Token(), int(model.IntentsAll)))
			ws.Write(ctx, websocket.MessageText, b)
		}
		for {
			_, b, err := ws.Read(ctx)
			if err != nil {
				switch websocket.CloseStatus(err) {
				case 4007, 4009, 4003:
					sessionID = ""
				}
				break
			}
			var p payload
			if err := json.Unmarshal(b, &p); err != nil {
				ws.CloseNow()
				return err
			}
			switch p.Op {
			case 0:
				if p.name() == "READY" {
					var r ready
					json.Unmarshal(p.D, &r)
					sessionID, resumeURL, last = r.SessionID, r.ResumeGatewayURL, 0
					mu.Lock()
					*sessions++
					mu.Unlock()
				}
				if p.seq() != last+1 {
					ws.CloseNow()
					return fmt.Errorf("session %s: seq %d after %d (%s)", sessionID, p.seq(), last, p.name())
				}
				last = p.seq()
				if p.name() == "STRESS_END" {
					ws.Close(websocket.StatusNormalClosure, "")
					return nil
				}
				continue
			case 7:
				ws.Close(4000, "reconnecting")
			case 9:
				if string(p.D) != "true" {
					sessionID = ""
				}
				ws.Close(4000, "invalid session")
			default:
				continue
			}
			break
		}
		ws.CloseNow()
	}
	return ctx.Err()
}
