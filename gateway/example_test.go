package gateway_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/gloamdev/gloam/discordtest"
	"github.com/gloamdev/gloam/gateway"
	"github.com/gloamdev/gloam/model"
)

// A shard connected to a fake Discord: it identifies, gets READY and
// hands every dispatch to the handler.
func Example() {
	srv := discordtest.NewServer(&discordtest.Options{Guilds: -1})
	defer srv.Close()

	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan struct{})
	done := make(chan struct{})
	sh := gateway.NewShard(0, 1, srv.Token(), &gateway.Options{
		URL:     srv.GatewayURL(), // Discord's by default
		Intents: model.IntentGuilds | model.IntentGuildMessages | model.IntentMessageContent,
		Handler: func(ev model.Event) {
			switch ev.Type {
			case model.EventReady:
				fmt.Println("ready")
				close(ready)
			case model.EventMessageCreate:
				fmt.Println("message:", ev.Get("content").Str)
				close(done)
			}
		},
	})
	errc := make(chan error, 1)
	go func() { errc <- sh.Run(ctx) }()

	<-ready
	srv.Dispatch(0, "MESSAGE_CREATE", map[string]any{
		"id": "2", "channel_id": "1", "guild_id": "4", "content": "hello", "author": map[string]any{"id": "3", "username": "a"},
	})
	select {
	case <-done:
	case <-time.After(10 * time.Second):
	}
	cancel()
	fmt.Println(<-errc)
	// Output:
	// ready
	// message: hello
	// context canceled
}

// Run ends with a *CloseError when Discord closes with a code after which
// a shard must not reconnect; its Code names the reason.
func ExampleCloseError() {
	srv := discordtest.NewServer(&discordtest.Options{Guilds: -1})
	defer srv.Close()

	sh := gateway.NewShard(0, 1, "not the token", &gateway.Options{
		URL:           srv.GatewayURL(),
		IdentifyQueue: &gateway.IdentifyLimiter{}, // its own: the first identify goes at once
	})
	err := sh.Run(context.Background())

	var ce *gateway.CloseError
	if errors.As(err, &ce) {
		fmt.Println(ce.Code, ce.Code == gateway.CloseAuthenticationFailed)
		fmt.Println("reconnect:", ce.Code.Reconnect())
	}
	fmt.Println(errors.Is(err, gateway.ErrAuthenticationFailed))
	// Output:
	// 4004 (authentication failed) true
	// reconnect: false
	// true
}
