package discordtest_test

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gloamdev/gloam/discordtest"
	"github.com/gloamdev/gloam/model"
	"github.com/matryer/is"
)

func TestHelloIdentifyReady(t *testing.T) {
	is := is.New(t)
	srv := discordtest.NewServer(&discordtest.Options{HeartbeatInterval: 30 * time.Second, Guilds: 4})
	defer srv.Close()

	c := dial(t, srv.GatewayURL()+"?v=10&encoding=json")
	hello := c.mustRead()
	is.Equal(hello.Op, 10) // Hello first
	var h struct {
		HeartbeatInterval int `json:"heartbeat_interval"`
	}
	is.NoErr(json.Unmarshal(hello.D, &h))
	is.Equal(h.HeartbeatInterval, 30000)

	c.send(identify(srv.Token(), allUnprivileged|int(model.IntentGuildMembers), 0, 2))
	p := c.mustRead()
	is.Equal(p.name(), "READY")
	is.Equal(p.seq(), int64(1))
	var r ready
	is.NoErr(json.Unmarshal(p.D, &r))
	is.Equal(r.V, 10)
	is.True(len(r.SessionID) == 32)
	is.Equal(r.ResumeGatewayURL, srv.ResumeGatewayURL())
	is.Equal(r.Shard, [2]int{0, 2})
	is.Equal(r.User.ID, srv.World().Bot().ID.String())
	is.True(r.User.Bot)
	is.Equal(len(r.Guilds), 2) // 4 guilds spread over 2 shards
	for i, g := range r.Guilds {
		is.True(g.Unavailable)
		id, _ := strconv.ParseUint(g.ID, 10, 64)
		is.Equal((id>>22)%2, uint64(0)) // guild of shard 0

		gc := c.mustRead()
		is.Equal(gc.name(), "GUILD_CREATE")
		is.Equal(gc.seq(), int64(2+i))
		var guild struct {
			ID          string            `json:"id"`
			Name        string            `json:"name"`
			MemberCount int               `json:"member_count"`
			Members     []json.RawMessage `json:"members"`
			Channels    []struct {
				ID   string `json:"id"`
				Type int    `json:"type"`
			} `json:"channels"`
			Roles []struct {
				ID string `json:"id"`
			} `json:"roles"`
		}
		is.NoErr(json.Unmarshal(gc.D, &guild))
		is.Equal(guild.ID, g.ID)
		is.True(guild.Name != "")
		is.Equal(guild.MemberCount, 11)   // ten members and the bot
		is.Equal(len(guild.Members), 1)   // without GUILD_PRESENCES only the bot
		is.Equal(len(guild.Channels), 6)  // the default channel count
		is.Equal(guild.Roles[0].ID, g.ID) // @everyone has the guild's ID
	}
	st := srv.Stats().Gateway
	is.Equal(st.Identifies, 1)
	is.Equal(st.Connections, 1)
	is.Equal(st.DispatchesSent, 3)
}

func TestHeartbeatACK(t *testing.T) {
	is := is.New(t)
	srv := discordtest.NewServer(nil)
	defer srv.Close()
	c, r := connect(t, srv, "", allUnprivileged)
	c.send(map[string]any{"op": 1, "d": 3})
	p := c.until(11, "")
	is.Equal(p.Op, 11)
	st := srv.Stats().Gateway
	is.Equal(st.HeartbeatsReceived, 1)
	is.Equal(st.LastSeqAcked[r.SessionID], int64(3))

	c.send(map[string]any{"op": 1, "d": nil}) // null before any dispatch is fine
	c.until(11, "")
}

func TestHeartbeatTimeoutDrops(t *testing.T) {
	is := is.New(t)
	srv := discordtest.NewServer(&discordtest.Options{HeartbeatInterval: 50 * time.Millisecond, HeartbeatTimeout: 100 * time.Millisecond})
	defer srv.Close()
	c := dial(t, srv.GatewayURL()+"?v=10&encoding=json")
	is.Equal(c.mustRead().Op, 10)
	is.Equal(c.closeCode(), -1)                        // dropped without a close frame
	is.Equal(srv.Stats().Gateway.HeartbeatTimeouts, 1) // counted before the drop
}

func TestDispatchAndResume(t *testing.T) {
	is := is.New(t)
	var logs []string
	var mu sync.Mutex
	srv := discordtest.NewServer(&discordtest.Options{Guilds: 1, Logf: func(f string, args ...any) {
		mu.Lock()
		logs = append(logs, fmt.Sprintf(f, args...))
		mu.Unlock()
	}})
	defer srv.Close()
	c, r := connect(t, srv, "", allUnprivileged)
	gc := c.until(0, "GUILD_CREATE")
	is.Equal(gc.seq(), int64(2))

	is.NoErr(srv.Dispatch(0, "TYPING_START", map[string]any{"channel_id": "1", "user_id": "2", "guild_id": "3", "timestamp": 1}))
	is.Equal(c.until(0, "TYPING_START").seq(), int64(3))

	// Drop the connection; dispatches while away are kept.
	c.ws.CloseNow()
	g := srv.World().Guilds()[0]
	var ch model.ChannelID
	for _, x := range g.Channels {
		if x.Type == model.ChannelGuildText {
			ch = x.ID
			break
		}
	}
	var sent []model.MessageID
	for i := range 3 {
		id, err := srv.SendMessage(ch, g.Members[1].User.ID, "hello "+strconv.Itoa(i))
		is.NoErr(err)
		sent = append(sent, id)
	}

	c2 := dial(t, r.ResumeGatewayURL+"?v=10&encoding=json")
	is.Equal(c2.mustRead().Op, 10)
	c2.send(map[string]any{"op": 6, "d": map[string]any{"token": srv.Token(), "session_id": r.SessionID, "seq": 3}})
	for i := range 3 {
		p := c2.mustRead()
		is.Equal(p.name(), "MESSAGE_CREATE")
		is.Equal(p.seq(), int64(4+i)) // replayed in order
		var m struct {
			ID      string `json:"id"`
			Content string `json:"content"`
		}
		is.NoErr(json.Unmarshal(p.D, &m))
		is.Equal(m.ID, sent[i].String())
		is.Equal(m.Content, "") // no MESSAGE_CONTENT intent
	}
	p := c2.mustRead()
	is.Equal(p.name(), "RESUMED")
	is.Equal(p.seq(), int64(7))
	st := srv.Stats().Gateway
	is.Equal(st.Resumes, 1)
	is.Equal(st.Replayed, 3)
	is.Equal(st.ResumeURLConnections, 1)

	// A resume of an unknown session gets op 9 false.
	c3 := dial(t, srv.GatewayURL()+"?v=10")
	c3.mustRead()
	c3.send(map[string]any{"op": 6, "d": map[string]any{"token": srv.Token(), "session_id": "nope", "seq": 1}})
	p = c3.mustRead()
	is.Equal(p.Op, 9)
	is.Equal(string(p.D), "false")

	// A resume from the future is an invalid seq.
	c2.ws.CloseNow()
	c4 := dial(t, r.ResumeGatewayURL+"?v=10")
	c4.mustRead()
	c4.send(map[string]any{"op": 6, "d": map[string]any{"token": srv.Token(), "session_id": r.SessionID, "seq": 100}})
	is.Equal(c4.closeCode(), 4007)
	is.Equal(srv.Stats().Gateway.CloseCodesSent[4007], 1)
	is.Equal(srv.Stats().Gateway.InvalidSeq, 1)

	mu.Lock()
	all := strings.Join(logs, "\n")
	mu.Unlock()
	is.True(strings.Contains(all, "discordtest: gateway: session "+r.SessionID+" identified")) // logged
	is.True(strings.Contains(all, "resumed from seq 3: 3 to replay"))
	is.True(strings.Contains(all, "closing with 4007"))
}
