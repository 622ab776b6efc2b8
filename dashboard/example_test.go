//go:build !js

package dashboard_test

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"

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
	dash := dashboard.New(bot, nil)
	defer dash.Close()
	bot.Listen(func(ctx context.Context, ev core.Event) {
		dash.Publish(ev) // every event to the browsers
	})
	// The browser app, built by the program (gloam run builds it with the
	// go command) and given once: the page waits for it.
	dash.SetApp(loadApp())
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	go http.Serve(ln, dash)
	fmt.Println("dashboard:", dash.URL(ln.Addr().String()))
	bot.Run(ctx)
}

// loadApp reads a browser app built earlier.
func loadApp() (*dashboard.App, error) {
	wasm, err := os.ReadFile("gloam.wasm")
	if err != nil {
		return nil, err
	}
	js, err := os.ReadFile(filepath.Join(runtime.GOROOT(), "lib", "wasm", "wasm_exec.js"))
	if err != nil {
		return nil, err
	}
	return &dashboard.App{Wasm: wasm, ExecJS: js}, nil
}
