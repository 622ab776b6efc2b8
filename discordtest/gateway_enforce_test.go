package discordtest_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/coder/websocket"
	"github.com/gloamdev/gloam/discordtest"
	"github.com/gloamdev/gloam/model"
	"github.com/matryer/is"
)

// TestCloseCodes checks each rule the gateway enforces, with the close code
// it answers and the counter it bumps.
func TestCloseCodes(t *testing.T) {
	long := `{"op":1,"d":null,"pad":"` + strings.Repeat("x", 4100) + `"}`
	cases := []struct {
		name    string
		opts    *discordtest.Options
		query   string
		before  bool     // send before identifying
		sends   []string // raw payloads
		code    int
		counter func(discordtest.GatewayStats) int
	}{
		{"unknown opcode", nil, "", false, []string{`{"op":5,"d":null}`}, 4001,
			func(s discordtest.GatewayStats) int { return s.UnknownOpcode }},
		{"invalid JSON", nil, "", false, []string{`{"op":1,`}, 4002,
			func(s discordtest.GatewayStats) int { return s.InvalidJSON }},
		{"no op", nil, "", false, []string{`{"d":1}`}, 4002,
			func(s discordtest.GatewayStats) int { return s.InvalidJSON }},
		{"payload too large", nil, "", false, []string{long}, 4002,
			func(s discordtest.GatewayStats) int { return s.PayloadTooLarge }},
		{"not authenticated", nil, "", true, []string{`{"op":8,"d":{"guild_id":"1","query":"","limit":0}}`}, 4003,
			func(s discordtest.GatewayStats) int { return s.NotAuthenticated }},
		{"authentication failed", nil, "", true, []string{`{"op":2,"d":{"token":"nope","intents":1,"properties":{}}}`}, 4004,
			func(s discordtest.GatewayStats) int { return s.AuthenticationFailed }},
		{"already authenticated", nil, "", false, []string{`{"op":2,"d":{"token":"` + discordtest.DefaultToken + `","intents":1}}`}, 4005,
			func(s discordtest.GatewayStats) int { return s.AlreadyAuthenticated }},
		{"invalid shard", nil, "", true, []string{`{"op":2,"d":{"token":"` + discordtest.DefaultToken + `","intents":1,"shard":[2,2]}}`}, 4010,
			func(s discordtest.GatewayStats) int { return s.InvalidShard }},
		{"sharding required", &discordtest.Options{RequireShards: 2}, "", true, []string{`{"op":2,"d":{"token":"` + discordtest.DefaultToken + `","intents":1}}`}, 4011,
			func(s discordtest.GatewayStats) int { return s.ShardingRequired }},
		{"invalid API version", nil, "&v=8", true, nil, 4012, nil},
		{"invalid intents", nil, "", true, []string{`{"op":2,"d":{"token":"` + discordtest.DefaultToken + `","intents":1073741824}}`}, 4013,
			func(s discordtest.GatewayStats) int { return s.InvalidIntents }},
		{"disallowed intents", &discordtest.Options{UnapprovedIntents: model.IntentsAll.Privileged()}, "", true,
			[]string{`{"op":2,"d":{"token":"` + discordtest.DefaultToken + `","intents":32768}}`}, 4014,
			func(s discordtest.GatewayStats) int { return s.DisallowedIntents }},
		{"partly disallowed intents", &discordtest.Options{UnapprovedIntents: model.IntentsAll.Privileged() &^ model.IntentGuildMembers}, "", true,
			[]string{`{"op":2,"d":{"token":"` + discordtest.DefaultToken + `","intents":258}}`}, 4014,
			func(s discordtest.GatewayStats) int { return s.DisallowedIntents }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			is := is.New(t)
			srv := discordtest.NewServer(tc.opts)
			defer srv.Close()
			var c *client
			if tc.before {
				url := srv.GatewayURL() + "?encoding=json"
				if tc.query == "" {
					url += "&v=10"
				}
				c = dial(t, url+tc.query)
			} else {
				c, _ = connect(t, srv, tc.query, allUnprivileged)
			}
			for _, s := range tc.sends {
				c.sendRaw([]byte(s))
			}
			is.Equal(c.closeCode(), tc.code) // the close code
			st := srv.Stats().Gateway
			is.Equal(st.CloseCodesSent[tc.code], 1)
			if tc.counter != nil {
				is.Equal(tc.counter(st), 1) // the counter
			}
			is.Equal(len(st.Panics), 0)
		})
	}
}

func TestCommandRateLimit(t *testing.T) {
	is := is.New(t)
	srv := discordtest.NewServer(nil)
	defer srv.Close()
	c, _ := connect(t, srv, "", allUnprivileged)
	for range 119 { // the Identify was the first of 120
		c.send(map[string]any{"op": 1, "d": nil})
	}
	for range 119 {
		c.until(11, "")
	}
	c.send(map[string]any{"op": 1, "d": nil}) // the 121st command
	is.Equal(c.closeCode(), 4008)
	st := srv.Stats().Gateway
	is.Equal(st.CommandRateViolations, 1)
	is.Equal(st.HeartbeatsReceived, 119)
	is.Equal(st.Commands[2], 1)
}

func TestIdentifyConcurrency(t *testing.T) {
	is := is.New(t)
	srv := discordtest.NewServer(&discordtest.Options{MaxConcurrency: 2, Guilds: 4})
	defer srv.Close()
	// Shards 0 and 1 are in different buckets: both may identify at once.
	connect(t, srv, "", allUnprivileged, 0, 4)
	connect(t, srv, "", allUnprivileged, 1, 4)
	// Shard 2 shares bucket 0 with shard 0: refused with op 9 false.
	c := dial(t, srv.GatewayURL()+"?v=10&encoding=json")
	c.mustRead()
	c.send(identify(srv.Token(), allUnprivileged, 2, 4))
	p := c.mustRead()
	is.Equal(p.Op, 9)
	is.Equal(string(p.D), "false")
	st := srv.Stats().Gateway
	is.Equal(st.IdentifyConcurrencyViolations, 1)
	is.Equal(st.Identifies, 2)
	is.Equal(st.SessionStartsRemaining, 998)
}

func TestIdentifyWindowDisabled(t *testing.T) {
	is := is.New(t)
	srv := discordtest.NewServer(&discordtest.Options{IdentifyWindow: -1})
	defer srv.Close()
	for range 3 {
		connect(t, srv, "", allUnprivileged)
	}
	is.Equal(srv.Stats().Gateway.IdentifyConcurrencyViolations, 0)
}

func TestSessionStartLimit(t *testing.T) {
	is := is.New(t)
	srv := discordtest.NewServer(&discordtest.Options{SessionStartLimit: 1, IdentifyWindow: -1})
	defer srv.Close()
	connect(t, srv, "", allUnprivileged)
	c := dial(t, srv.GatewayURL()+"?v=10&encoding=json")
	c.mustRead()
	c.send(identify(srv.Token(), allUnprivileged))
	is.Equal(c.closeCode(), 4004) // the token is "reset"
	is.Equal(srv.Stats().Gateway.SessionStartsRemaining, 0)
}

func TestCloseCodesReceived(t *testing.T) {
	is := is.New(t)
	srv := discordtest.NewServer(&discordtest.Options{IdentifyWindow: -1})
	defer srv.Close()
	c, r := connect(t, srv, "", allUnprivileged)
	is.NoErr(c.ws.Close(websocket.StatusNormalClosure, "bye"))
	// Counted by the time the close handshake is over.
	is.Equal(srv.Stats().Gateway.CloseCodesReceived[1000], 1)
	// 1000 ends the session: it cannot be resumed.
	c2 := dial(t, r.ResumeGatewayURL+"?v=10&encoding=json")
	c2.mustRead()
	c2.send(map[string]any{"op": 6, "d": map[string]any{"token": srv.Token(), "session_id": r.SessionID, "seq": 1}})
	p := c2.mustRead()
	is.Equal(p.Op, 9)
	is.Equal(srv.Stats().Gateway.InvalidResumes, 1)

	// Another code leaves the session resumable.
	c, r = connect(t, srv, "", allUnprivileged)
	is.NoErr(c.ws.Close(4321, ""))
	is.Equal(srv.Stats().Gateway.CloseCodesReceived[4321], 1)
	c2 = dial(t, r.ResumeGatewayURL+"?v=10&encoding=json")
	c2.mustRead()
	c2.send(map[string]any{"op": 6, "d": map[string]any{"token": srv.Token(), "session_id": r.SessionID, "seq": 1}})
	is.Equal(c2.until(0, "RESUMED").Op, 0)
	is.Equal(len(srv.Stats().Gateway.CloseCodesSent), 0) // the server closed nothing
}

func TestIntentsFilterDispatches(t *testing.T) {
	is := is.New(t)
	srv := discordtest.NewServer(&discordtest.Options{Guilds: 1, IdentifyWindow: -1})
	defer srv.Close()
	g := srv.World().Guilds()[0]
	author := g.Members[1].User
	var ch model.ChannelID
	for _, c := range g.Channels {
		if c.Type == model.ChannelGuildText {
			ch = c.ID
			break
		}
	}

	plain, _ := connect(t, srv, "", int(model.IntentGuilds|model.IntentGuildMessages))
	full, _ := connect(t, srv, "", int(model.IntentGuilds|model.IntentGuildMessages|model.IntentMessageContent|model.IntentGuildPresences))
	plain.until(0, "GUILD_CREATE")
	full.until(0, "GUILD_CREATE")

	is.NoErr(srv.DispatchGuild(g.ID, "PRESENCE_UPDATE", map[string]any{"user": map[string]any{"id": author.ID}, "guild_id": g.ID, "status": "idle"}))
	is.NoErr(srv.DispatchGuild(g.ID, "SOME_FUTURE_EVENT", json.RawMessage(`{"guild_id":"`+g.ID.String()+`"}`)))
	_, err := srv.SendMessage(ch, author.ID, "hello there")
	is.NoErr(err)
	_, err = srv.SendMessage(ch, author.ID, "hi <@"+srv.World().Bot().ID.String()+">")
	is.NoErr(err)

	content := func(p payload) string {
		var m struct {
			Content string `json:"content"`
		}
		is.NoErr(json.Unmarshal(p.D, &m))
		return m.Content
	}
	// Without GUILD_PRESENCES and MESSAGE_CONTENT.
	is.Equal(plain.mustRead().name(), "SOME_FUTURE_EVENT") // unknown events always pass
	p := plain.mustRead()
	is.Equal(p.name(), "MESSAGE_CREATE")
	is.Equal(content(p), "") // content needs MESSAGE_CONTENT
	p = plain.mustRead()
	is.True(strings.HasPrefix(content(p), "hi <@")) // unless the bot is mentioned

	is.Equal(full.mustRead().name(), "PRESENCE_UPDATE")
	is.Equal(full.mustRead().name(), "SOME_FUTURE_EVENT")
	is.Equal(content(full.mustRead()), "hello there")

	is.True(srv.Dispatch(0, "X", json.RawMessage(`{`)) != nil) // d must be JSON
}

func TestRequestGuildMembers(t *testing.T) {
	is := is.New(t)
	srv := discordtest.NewServer(&discordtest.Options{Guilds: 1, MembersPerGuild: 30})
	defer srv.Close()
	g := srv.World().Guilds()[0]
	c, _ := connect(t, srv, "", int(model.IntentGuilds|model.IntentGuildMembers))
	c.until(0, "GUILD_CREATE")
	c.send(map[string]any{"op": 8, "d": map[string]any{"guild_id": g.ID, "query": "", "limit": 0, "nonce": "n1"}})
	p := c.until(0, "GUILD_MEMBERS_CHUNK")
	var chunk struct {
		GuildID    string            `json:"guild_id"`
		Members    []json.RawMessage `json:"members"`
		ChunkIndex int               `json:"chunk_index"`
		ChunkCount int               `json:"chunk_count"`
		Nonce      string            `json:"nonce"`
		NotFound   []string          `json:"not_found"`
	}
	is.NoErr(json.Unmarshal(p.D, &chunk))
	is.Equal(chunk.GuildID, g.ID.String())
	is.Equal(len(chunk.Members), 31)
	is.Equal(chunk.ChunkCount, 1)
	is.Equal(chunk.Nonce, "n1")

	c.send(map[string]any{"op": 8, "d": map[string]any{"guild_id": g.ID, "user_ids": []string{g.Members[3].User.ID.String(), "1"}}})
	p = c.until(0, "GUILD_MEMBERS_CHUNK")
	chunk.NotFound = nil
	is.NoErr(json.Unmarshal(p.D, &chunk))
	is.Equal(len(chunk.Members), 1)
	is.Equal(chunk.NotFound, []string{"1"})

	// All members again, within 30 s: RATE_LIMITED.
	c.send(map[string]any{"op": 8, "d": map[string]any{"guild_id": g.ID, "query": "", "limit": 0, "nonce": "n2"}})
	p = c.until(0, "RATE_LIMITED")
	var rl struct {
		Opcode     int     `json:"opcode"`
		RetryAfter float64 `json:"retry_after"`
		Meta       struct {
			GuildID string `json:"guild_id"`
			Nonce   string `json:"nonce"`
		} `json:"meta"`
	}
	is.NoErr(json.Unmarshal(p.D, &rl))
	is.Equal(rl.Opcode, 8)
	is.True(rl.RetryAfter > 0 && rl.RetryAfter <= 30)
	is.Equal(rl.Meta.GuildID, g.ID.String())
	is.Equal(rl.Meta.Nonce, "n2")
	is.Equal(srv.Stats().Gateway.MemberRequestsLimited, 1)
}

func TestRequestAllMembersNeedsIntent(t *testing.T) {
	is := is.New(t)
	srv := discordtest.NewServer(&discordtest.Options{Guilds: 1})
	defer srv.Close()
	g := srv.World().Guilds()[0]
	c, _ := connect(t, srv, "", int(model.IntentGuilds))
	c.until(0, "GUILD_CREATE")
	c.send(map[string]any{"op": 8, "d": map[string]any{"guild_id": g.ID, "query": "", "limit": 0}})
	is.Equal(c.closeCode(), 4013) // GUILD_MEMBERS is needed for every member
}

func TestVersionAndEncoding(t *testing.T) {
	is := is.New(t)
	srv := discordtest.NewServer(nil)
	defer srv.Close()
	c := dial(t, srv.GatewayURL()+"?v=10&encoding=etf")
	is.Equal(c.closeCode(), 4002)                       // only JSON is served
	c = dial(t, srv.GatewayURL()+"/?v=9&encoding=json") // a trailing slash, as some clients add
	is.Equal(c.mustRead().Op, 10)
}

func TestVoiceStateUpdate(t *testing.T) {
	is := is.New(t)
	srv := discordtest.NewServer(&discordtest.Options{Guilds: 1})
	defer srv.Close()
	g := srv.World().Guilds()[0]
	var voice model.ChannelID
	for _, c := range g.Channels {
		if c.Type == model.ChannelGuildVoice {
			voice = c.ID
		}
	}
	c, r := connect(t, srv, "", int(model.IntentGuilds|model.IntentGuildVoiceStates))
	c.until(0, "GUILD_CREATE")
	c.send(map[string]any{"op": 4, "d": map[string]any{"guild_id": g.ID, "channel_id": voice, "self_mute": false, "self_deaf": true}})
	p := c.until(0, "VOICE_STATE_UPDATE")
	var vs struct {
		ChannelID string `json:"channel_id"`
		SessionID string `json:"session_id"`
		SelfDeaf  bool   `json:"self_deaf"`
	}
	is.NoErr(json.Unmarshal(p.D, &vs))
	is.Equal(vs.ChannelID, voice.String())
	is.Equal(vs.SessionID, r.SessionID)
	is.True(vs.SelfDeaf)
	p = c.until(0, "VOICE_SERVER_UPDATE")
	is.True(strings.Contains(string(p.D), `"endpoint":null`)) // no voice server
}

func TestShardingRequiredOver2500Guilds(t *testing.T) {
	is := is.New(t)
	srv := discordtest.NewServer(&discordtest.Options{Guilds: 2501, MembersPerGuild: -1, ChannelsPerGuild: -1, RolesPerGuild: -1, IdentifyWindow: -1})
	defer srv.Close()
	c := dial(t, srv.GatewayURL()+"?v=10&encoding=json")
	c.mustRead()
	c.send(identify(srv.Token(), 1))
	is.Equal(c.closeCode(), 4011) // 2501 guilds on one shard
	_, r := connect(t, srv, "", 1, 0, 3)
	is.Equal(len(r.Guilds), 834) // with three shards it is fine

	req, _ := http.NewRequest("GET", srv.URL()+"/gateway/bot", nil)
	req.Header.Set("Authorization", "Bot "+srv.Token())
	resp, err := http.DefaultClient.Do(req)
	is.NoErr(err)
	defer resp.Body.Close()
	var gb struct{ Shards int }
	is.NoErr(json.NewDecoder(resp.Body).Decode(&gb))
	is.Equal(gb.Shards, 3) // one shard per 1000 guilds
}
