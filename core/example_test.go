package core_test

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"
	"time"

	"github.com/gloamdev/gloam/core"
	"github.com/gloamdev/gloam/discordtest"
	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/rest"
)

// The ping bot: on "!ping", reply "Pong!". It runs against a fake
// Discord here; against Discord, give New the bot's token and leave
// REST.BaseURL empty.
func Example() {
	srv := discordtest.NewServer(nil)
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	bot := core.New(srv.Token(), &core.Options{
		Intents: model.IntentGuilds | model.IntentGuildMessages | model.IntentMessageContent,
		REST:    &rest.Options{BaseURL: srv.URL()},
	})
	core.On(bot, func(ctx context.Context, ev core.Event, m model.MessageCreateView) {
		if m.Author().Bot() || m.Content() != "!ping" {
			return
		}
		reply, err := ev.Bot.REST().CreateMessage(ctx, m.ChannelID(), &rest.MessageCreate{Content: "Pong!"})
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println("replied:", reply.Content)
		cancel() // one is enough for an example
	})
	core.On(bot, func(ctx context.Context, ev core.Event, r model.ReadyView) {
		fmt.Println("ready")
		// A user of the fake's world says "!ping".
		g := srv.World().Guilds()[0]
		go srv.SendMessage(g.Channels[1].ID, g.Members[1].User.ID, "!ping")
	})

	if err := bot.Run(ctx); err != context.Canceled {
		fmt.Println(err)
	}
	// Output:
	// ready
	// replied: Pong!
}

// A bot written as one loop over the events of every shard.
func ExampleBot_Events() {
	srv := discordtest.NewServer(nil)
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	bot := core.New(srv.Token(), &core.Options{
		Intents: model.IntentGuilds | model.IntentGuildMessages | model.IntentMessageContent,
		REST:    &rest.Options{BaseURL: srv.URL()},
	})
	events := bot.Events(ctx, model.EventReady, model.EventMessageCreate)
	done := make(chan error, 1)
	go func() { done <- bot.Run(ctx) }()

	for ev := range events {
		switch ev.Type {
		case model.EventReady:
			g := srv.World().Guilds()[0]
			srv.SendMessage(g.Channels[1].ID, g.Members[1].User.ID, "hello")
		case model.EventMessageCreate:
			m, err := ev.MessageCreate()
			if err != nil {
				continue
			}
			fmt.Printf("shard %d: %s\n", ev.Shard, m.Content())
			cancel()
		}
	}
	<-done
	// Output:
	// shard 0: hello
}

// Middleware wraps the delivery of every event, as net/http middleware
// wraps a mux: here one keeps a panicking listener from bringing the bot
// down, and one logs events that kept their listeners long.
func ExampleBot_Use() {
	log := slog.Default()
	bot := core.New("TOKEN", nil)
	bot.Use(func(next core.Listener) core.Listener {
		return func(ctx context.Context, ev core.Event) {
			defer func() {
				if p := recover(); p != nil {
					log.Error("listener panicked", "event", ev.Name(), "shard", ev.Shard, "panic", p)
				}
			}()
			next(ctx, ev)
		}
	}, func(next core.Listener) core.Listener {
		return func(ctx context.Context, ev core.Event) {
			start := time.Now()
			next(ctx, ev)
			if d := time.Since(start); d > time.Second {
				log.Warn("slow listeners", "event", ev.Name(), "took", d)
			}
		}
	})
	core.On(bot, func(ctx context.Context, ev core.Event, b *model.GuildBanAdd) {
		log.Info("banned", "guild", b.GuildID, "user", b.User.Username)
	})
	bot.Run(context.Background())
}

// A slash command answered over the gateway: the listener gets
// INTERACTION_CREATE as a lazy view and answers through the bot's REST
// client. (Package interaction routes commands, components and modals on
// top of this.)
func ExampleOn_interaction() {
	srv := discordtest.NewServer(nil)
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	bot := core.New(srv.Token(), &core.Options{REST: &rest.Options{BaseURL: srv.URL()}})
	core.On(bot, func(ctx context.Context, ev core.Event, i model.InteractionCreateView) {
		if i.Data().Name() != "ping" {
			return
		}
		err := ev.Bot.REST().RespondInteraction(ctx, i.ID(), i.Token(), &rest.InteractionResponse{
			Type: model.CallbackMessage,
			Data: &rest.InteractionResponseData{Content: "Pong! (shard " + strconv.Itoa(ev.Shard) + ")"},
		})
		if err != nil {
			fmt.Println(err)
		}
		cancel()
	})
	var asked model.Interaction
	core.On(bot, func(ctx context.Context, ev core.Event, r model.ReadyView) {
		// A user of the fake's world runs /ping.
		g := srv.World().Guilds()[0]
		if in, err := srv.Interact(discordtest.UserInteraction{ChannelID: g.Channels[1].ID, Data: &model.InteractionData{Name: "ping"}}); err == nil {
			asked = in.Interaction
		}
	})

	bot.Run(ctx)
	for _, r := range srv.InteractionResponses(asked.ID) {
		fmt.Printf("%d %s\n", r.Type, r.Data)
	}
	// Output:
	// 4 {"content":"Pong! (shard 0)"}
}
