package core_test

import (
	"context"
	"fmt"

	"github.com/gloamdev/gloam/core"
	"github.com/gloamdev/gloam/discordtest"
	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/parser"
	"github.com/gloamdev/gloam/rest"
)

// The ping bot: on "!ping", reply "Pong!". It runs against a fake
// Discord here; against Discord, give New the bot's token and leave
// APIURL empty.
func Example() {
	srv := discordtest.NewServer(nil)
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	p, err := parser.New(&parser.Config{Prefixes: []string{"!"}, Commands: []string{"ping"}, IgnoreBots: true})
	if err != nil {
		panic(err)
	}
	ready := make(chan struct{}, 1)
	var bot *core.Bot
	bot = core.New(srv.Token(), &core.Options{
		Intents: model.IntentGuilds | model.IntentGuildMessages | model.IntentMessageContent,
		APIURL:  srv.URL(),
		Handler: func(ctx context.Context, ev core.Event) {
			if ev.Type == model.EventReady {
				ready <- struct{}{}
			}
			cmd, err := p.ParseEvent(ev.Event)
			if err != nil || cmd.Name != "ping" {
				return
			}
			m, err := ev.MessageCreate()
			if err != nil {
				return
			}
			reply, err := bot.REST().CreateMessage(ctx, m.ChannelID(), &rest.MessageCreate{Content: "Pong!"})
			if err != nil {
				fmt.Println(err)
				return
			}
			fmt.Println("replied:", reply.Content)
			cancel() // one is enough for an example
		},
	})

	go func() {
		<-ready
		fmt.Println("ready")
		// A user of the fake's world says "!ping".
		g := srv.World().Guilds()[0]
		srv.SendMessage(g.Channels[1].ID, g.Members[1].User.ID, "!ping")
	}()
	if err := bot.Run(ctx); err != context.Canceled {
		fmt.Println(err)
	}
	// Output:
	// ready
	// replied: Pong!
}
