//go:build !js

package dashboard_test

import (
	"context"
	"fmt"
	"net"
	"net/http"

	"github.com/gloamdev/gloam/core"
	"github.com/gloamdev/gloam/dashboard"
	"github.com/gloamdev/gloam/model"
)

// A bot with its live dashboard on a loopback port.
func Example() {
	ctx := context.Background()
	bot := core.New("TOKEN", &core.Options{
		Intents: model.IntentGuilds | model.IntentGuildMembers,
	})
	dash := dashboard.New(bot, &dashboard.Options{
		// Built with the go command when the page is first opened.
		Build: func(ctx context.Context) (*dashboard.App, error) { return dashboard.Build(ctx, nil) },
	})
	defer dash.Close()
	bot.Listen(func(ctx context.Context, ev core.Event) {
		dash.Publish(ev) // every event to the browsers
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	go http.Serve(ln, dash)
	fmt.Println("dashboard:", dash.URL(ln.Addr().String()))
	bot.Run(ctx)
}
