package discordtest_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"strings"

	"github.com/coder/websocket"
	"github.com/gloamdev/gloam/discordtest"
	"github.com/gloamdev/gloam/model"
)

// Example tests a ping bot without Discord. The bot here is written with a
// bare WebSocket and net/http, to show the protocol; a bot built on any
// Discord library connects the same way, to GatewayURL and URL.
func Example() {
	srv := discordtest.NewServer(&discordtest.Options{Guilds: 1, Seed: 7})
	defer srv.Close()
	ctx := context.Background()

	// The bot connects, reads Hello and identifies.
	ws, _, err := websocket.Dial(ctx, srv.GatewayURL()+"?v=10&encoding=json", nil)
	if err != nil {
		log.Fatal(err)
	}
	defer ws.CloseNow()
	ws.SetReadLimit(1 << 20)
	read := func() (op int, t string, d json.RawMessage) {
		_, b, err := ws.Read(ctx)
		if err != nil {
			log.Fatal(err)
		}
		var p struct {
			Op int             `json:"op"`
			T  string          `json:"t"`
			D  json.RawMessage `json:"d"`
		}
		json.Unmarshal(b, &p)
		return p.Op, p.T, p.D
	}
	read() // Hello
	intents := model.IntentGuilds | model.IntentGuildMessages | model.IntentMessageContent
	ws.Write(ctx, websocket.MessageText, fmt.Appendf(nil,
		`{"op":2,"d":{"token":%q,"intents":%d,"properties":{"os":"linux","browser":"pingbot","device":"pingbot"}}}`,
		srv.Token(), intents))
	for _, t, _ := read(); t != "GUILD_CREATE"; _, t, _ = read() {
		// READY, then the guild: the bot is ready
	}

	// The test makes a user say "!ping" in the guild's first text channel.
	guild := srv.World().Guilds()[0]
	var channel discordtest.Channel
	for _, c := range guild.Channels {
		if c.Type == model.ChannelGuildText {
			channel = c
			break
		}
	}
	user := guild.Members[1].User
	if _, err := srv.SendMessage(channel.ID, user.ID, "!ping"); err != nil {
		log.Fatal(err)
	}

	// The bot reads events until the message, and answers over REST.
	for {
		_, t, d := read()
		if t != "MESSAGE_CREATE" {
			continue
		}
		var m struct {
			ChannelID string `json:"channel_id"`
			Content   string `json:"content"`
		}
		json.Unmarshal(d, &m)
		fmt.Println("bot got:", m.Content)
		if m.Content == "!ping" {
			req, _ := http.NewRequest("POST", srv.URL()+"/channels/"+m.ChannelID+"/messages",
				strings.NewReader(`{"content":"Pong!"}`))
			req.Header.Set("Authorization", "Bot "+srv.Token())
			req.Header.Set("Content-Type", "application/json")
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				log.Fatal(err)
			}
			resp.Body.Close()
			fmt.Println("reply:", resp.Status)
			break
		}
	}

	// The test checks what the bot did.
	msgs := srv.Messages(channel.ID)
	last := msgs[len(msgs)-1]
	fmt.Println("last message:", last.Content, "by the bot:", last.Author.ID == srv.World().Bot().ID)
	fmt.Println("identifies:", srv.Stats().Gateway.Identifies)
	// Output:
	// bot got: !ping
	// reply: 200 OK
	// last message: Pong! by the bot: true
	// identifies: 1
}

// The World is the same for the same seed, so tests can rely on names and
// IDs.
func ExampleWorld() {
	srv := discordtest.NewServer(&discordtest.Options{Guilds: 2, MembersPerGuild: 5, Seed: 42})
	defer srv.Close()
	w := srv.World()
	for _, g := range w.Guilds() {
		fmt.Printf("%d members, %d roles, %d channels, shard of 2: %d\n",
			len(g.Members), len(g.Roles), len(g.Channels), (uint64(g.ID)>>22)%2)
	}
	g := w.Guilds()[0]
	everyone := g.Roles[0]
	fmt.Println(everyone.Name, uint64(everyone.ID) == uint64(g.ID))
	fmt.Println(w.Bot().Bot)
	// Output:
	// 6 members, 6 roles, 6 channels, shard of 2: 0
	// 6 members, 6 roles, 6 channels, shard of 2: 1
	// @everyone true
	// true
}

// A test makes the gateway ask the client to reconnect, and checks the
// client resumed.
func ExampleServer_Fault() {
	srv := discordtest.NewServer(nil)
	defer srv.Close()
	ctx := context.Background()
	ws, _, err := websocket.Dial(ctx, srv.GatewayURL()+"?v=10&encoding=json", nil)
	if err != nil {
		log.Fatal(err)
	}
	defer ws.CloseNow()
	ws.SetReadLimit(1 << 20)
	ws.Read(ctx) // Hello
	ws.Write(ctx, websocket.MessageText, fmt.Appendf(nil, `{"op":2,"d":{"token":%q,"intents":1}}`, srv.Token()))
	ws.Read(ctx) // READY

	if err := srv.Fault(0, discordtest.FaultReconnect{}); err != nil {
		log.Fatal(err)
	}
	for {
		_, b, err := ws.Read(ctx)
		if err != nil {
			log.Fatal(err)
		}
		if strings.Contains(string(b), `"op":7`) {
			fmt.Println("reconnect asked")
			break
		}
	}
	// A real client would now reconnect to resume_gateway_url and resume;
	// srv.Stats().Gateway.Resumes tells whether it did.
	fmt.Println("resumes so far:", srv.Stats().Gateway.Resumes)
	// Output:
	// reconnect asked
	// resumes so far: 0
}

// Listen runs a fake Discord on a fixed port, for a bot in another process
// (or another language) to connect to.
func ExampleListen() {
	srv, err := discordtest.Listen(&discordtest.Options{Addr: "127.0.0.1:8080", Seed: 1})
	if err != nil {
		log.Fatal(err) // e.g. the port is taken
	}
	defer srv.Close()
	fmt.Println("REST:   ", srv.URL())
	fmt.Println("gateway:", srv.GatewayURL())
	fmt.Println("token:  ", srv.Token())
}
