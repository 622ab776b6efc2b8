package scale_test

import (
	"context"
	"log"
	"net/http"
	"os"
	"os/signal"

	"github.com/gloamdev/gloam/core"
	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/rest"
	"github.com/gloamdev/gloam/scale"
)

// A gateway process: it takes its share of the bot's shards and publishes
// their events. Run as many as you like, on any machines.
func ExampleGateway() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	nc, err := scale.Connect("nats://127.0.0.1:4222", "gateway")
	if err != nil {
		log.Fatal(err)
	}
	defer nc.Drain()
	g := scale.NewGateway(nc, os.Getenv("DISCORD_TOKEN"), &scale.GatewayOptions{
		Intents: model.IntentGuilds | model.IntentGuildMessages | model.IntentMessageContent,
		APIURL:  "http://127.0.0.1:8081/api/v10", // a gloam-scale proxy
	})
	if err := g.Run(ctx); err != nil && ctx.Err() == nil {
		log.Fatal(err)
	}
}

// A worker process: the listeners of a single-process bot, fed by the
// gateway processes. Its Bot is never run: it gives the listeners a REST
// client (through the proxy) and a cache fed from the event stream.
func ExampleWorker() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	nc, err := scale.Connect("nats://127.0.0.1:4222", "worker")
	if err != nil {
		log.Fatal(err)
	}
	defer nc.Drain()
	bot := core.New(os.Getenv("DISCORD_TOKEN"), &core.Options{
		REST: &rest.Options{BaseURL: "http://127.0.0.1:8081/api/v10", NoLimiter: true}, // a gloam-scale proxy
	})
	core.On(bot, func(ctx context.Context, ev core.Event, m model.MessageCreateView) {
		if m.Content() == "!ping" {
			id := m.ID().String()
			// The nonce makes the reply happen once even if the event is
			// handled again after a worker died.
			ev.Bot.REST().CreateMessage(ctx, m.ChannelID(), &rest.MessageCreate{Content: "Pong!", Nonce: id, EnforceNonce: true})
		}
	})
	w := scale.NewWorker(nc, &scale.WorkerOptions{
		Bot:    bot, // its listeners, REST client and cache; never run
		Events: model.NewEventTypeSet(model.EventMessageCreate),
	})
	if err := w.Run(ctx); err != nil && ctx.Err() == nil {
		log.Fatal(err)
	}
}

// A REST proxy for every process of the bot, in any language.
func ExampleProxy() {
	px := scale.NewProxy(nil) // to Discord's API
	log.Fatal(http.ListenAndServe("127.0.0.1:8081", px))
}
