// Command gloam-scale runs a gloam bot over several processes and
// machines, joined by NATS JetStream.
//
//	gloam-scale nats      a NATS server with JetStream, for one machine
//	gloam-scale gateway   a gateway process: takes a share of the shards
//	gloam-scale worker    a worker process running the ping bot's listener
//	gloam-scale proxy     a REST proxy holding the rate limits of every client
//
// gateway, worker and proxy take -nats URL; without it, gateway and
// worker start a NATS server inside the process (on -nats-listen, storing
// in -nats-dir) for the other processes to join.
//
// Exit status: 0 when the command was stopped by SIGINT or SIGTERM, 1
// when it failed, 2 for a usage error.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/gloamdev/gloam/core"
	"github.com/gloamdev/gloam/gateway"
	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/rest"
	"github.com/gloamdev/gloam/scale"
	"github.com/nats-io/nats.go"
)

const usage = `usage: gloam-scale <command> [flags]

commands:
  nats      run a NATS server with JetStream until interrupted
  gateway   run a share of the bot's shards, publishing their events
  worker    handle events with the ping bot's listener ("!ping" → "Pong! <id>")
  proxy     serve the REST API within the rate limits shared by all clients

The token comes from -token or DISCORD_TOKEN. Run "gloam-scale <command> -h"
for a command's flags.
`

// errUsage marks errors in the way the command was called; errFlags
// those the flag package has already printed.
var (
	errUsage = errors.New("usage")
	errFlags = fmt.Errorf("%w: flags", errUsage)
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) < 1 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	var err error
	switch args[0] {
	case "nats":
		err = cmdNATS(ctx, args[1:], stdout, stderr)
	case "gateway":
		err = cmdGateway(ctx, args[1:], stdout, stderr)
	case "worker":
		err = cmdWorker(ctx, args[1:], stdout, stderr)
	case "proxy":
		err = cmdProxy(ctx, args[1:], stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "gloam-scale: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
	switch {
	case err == nil, errors.Is(err, context.Canceled) && ctx.Err() != nil:
		return 0
	case errors.Is(err, errFlags), errors.Is(err, flag.ErrHelp):
		return 2
	case errors.Is(err, errUsage):
		fmt.Fprintln(stderr, "gloam-scale:", err)
		return 2
	default:
		fmt.Fprintln(stderr, "gloam-scale:", err)
		return 1
	}
}

// natsFlags are the flags of a command that joins NATS.
type natsFlags struct {
	url, dir, listen, name string
}

func (n *natsFlags) add(fs *flag.FlagSet) {
	fs.StringVar(&n.url, "nats", "", "NATS server URL; empty: start one in this process")
	fs.StringVar(&n.dir, "nats-dir", "", "JetStream directory of the NATS server started without -nats (default: a new temporary directory)")
	fs.StringVar(&n.listen, "nats-listen", "127.0.0.1:4222", "address of the NATS server started without -nats")
	fs.StringVar(&n.name, "name", scale.DefaultName, "the bot's namespace in NATS")
}

// connect connects to -nats, or starts a server and connects to it. The
// returned function closes both.
func (n *natsFlags) connect(stdout io.Writer, who string) (*nats.Conn, func(), error) {
	var srv *scale.Server
	url := n.url
	if url == "" {
		dir := n.dir
		if dir == "" {
			d, err := os.MkdirTemp("", "gloam-nats-")
			if err != nil {
				return nil, nil, err
			}
			dir = d
		}
		var err error
		srv, err = scale.StartServer(dir, &scale.ServerOptions{Addr: n.listen})
		if err != nil {
			return nil, nil, err
		}
		url = srv.URL()
		fmt.Fprintf(stdout, "nats %s (JetStream in %s)\n", url, dir)
	}
	nc, err := scale.Connect(url, "gloam-scale "+who)
	if err != nil {
		if srv != nil {
			srv.Close()
		}
		return nil, nil, err
	}
	return nc, func() {
		nc.Drain()
		if srv != nil {
			srv.Close()
		}
	}, nil
}

// parse parses args; its errors are usage errors (the flag package has
// printed them).
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return fmt.Errorf("%w: %w", errFlags, err)
	}
	return nil
}

func newFlagSet(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("gloam-scale "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

func token(flagValue string) (string, error) {
	if flagValue != "" {
		return flagValue, nil
	}
	if t := os.Getenv("DISCORD_TOKEN"); t != "" {
		return t, nil
	}
	return "", fmt.Errorf("%w: no token: set DISCORD_TOKEN or -token", errUsage)
}

func logger(stderr io.Writer, level string) (*slog.Logger, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(level)); err != nil {
		return nil, fmt.Errorf("%w: -log %q: %w", errUsage, level, err)
	}
	return slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: l})), nil
}

func cmdNATS(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("nats", stderr)
	dir := fs.String("dir", filepath.Join(os.TempDir(), "gloam-nats"), "JetStream directory")
	listen := fs.String("listen", "127.0.0.1:4222", "client address")
	if err := parse(fs, args); err != nil {
		return err
	}
	srv, err := scale.StartServer(*dir, &scale.ServerOptions{Addr: *listen})
	if err != nil {
		return err
	}
	defer srv.Close()
	fmt.Fprintf(stdout, "nats %s (JetStream in %s)\n", srv.URL(), srv.Dir())
	<-ctx.Done()
	return ctx.Err()
}

func cmdGateway(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("gateway", stderr)
	var nf natsFlags
	nf.add(fs)
	tok := fs.String("token", "", "bot token (default: $DISCORD_TOKEN)")
	api := fs.String("api", rest.DefaultBaseURL, "REST API root (Discord, a fake, or a gloam-scale proxy)")
	proxied := fs.Bool("proxied", false, "-api is a gloam-scale proxy: the REST client's own rate limiter is off")
	id := fs.String("id", "", "name of this process among the gateway processes (default: host, pid and a random suffix)")
	shards := fs.Int("shards", 0, "total shard count (default: as recommended by GET /gateway/bot)")
	parts := fs.Int("partitions", 16, "event partitions")
	intents := fs.Uint64("intents", uint64(model.IntentGuilds|model.IntentGuildMessages|model.IntentMessageContent), "gateway intents")
	lease := fs.Duration("lease", 10*time.Second, "shard lease TTL")
	window := fs.Duration("identify-window", 5*time.Second, "identify window per max_concurrency bucket (shorter only against a fake)")
	backoff := fs.Duration("backoff", 0, "base reconnect backoff of the shards (default: the gateway's)")
	level := fs.String("log", "info", "log level")
	if err := parse(fs, args); err != nil {
		return err
	}
	t, err := token(*tok)
	if err != nil {
		return err
	}
	log, err := logger(stderr, *level)
	if err != nil {
		return err
	}
	nc, closeNATS, err := nf.connect(stdout, "gateway")
	if err != nil {
		return err
	}
	defer closeNATS()
	g := scale.NewGateway(nc, t, &scale.GatewayOptions{
		Name: nf.name, ID: *id, APIURL: *api, Proxied: *proxied, Shards: *shards, Partitions: *parts,
		Intents: model.Intents(*intents), LeaseTTL: *lease, IdentifyWindow: *window,
		Shard:  &gateway.Options{BackoffBase: *backoff},
		Logger: log,
	})
	fmt.Fprintf(stdout, "gateway %s\n", g.ID())
	return g.Run(ctx)
}

func cmdWorker(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("worker", stderr)
	var nf natsFlags
	nf.add(fs)
	tok := fs.String("token", "", "bot token (default: $DISCORD_TOKEN)")
	api := fs.String("api", rest.DefaultBaseURL, "REST API root (Discord, a fake, or a gloam-scale proxy)")
	proxied := fs.Bool("proxied", false, "-api is a gloam-scale proxy: the REST client's own rate limiter is off")
	group := fs.String("group", scale.DefaultGroup, "worker group")
	ackWait := fs.Duration("ack-wait", 10*time.Second, "how long an unacknowledged event waits before another worker gets it")
	level := fs.String("log", "info", "log level")
	if err := parse(fs, args); err != nil {
		return err
	}
	t, err := token(*tok)
	if err != nil {
		return err
	}
	log, err := logger(stderr, *level)
	if err != nil {
		return err
	}
	nc, closeNATS, err := nf.connect(stdout, "worker")
	if err != nil {
		return err
	}
	defer closeNATS()
	bot := core.New(t, &core.Options{Logger: log, REST: &rest.Options{BaseURL: *api, NoLimiter: *proxied}})
	bot.Listen(ping(log), model.EventMessageCreate)
	w := scale.NewWorker(nc, &scale.WorkerOptions{
		Name: nf.name, Group: *group, AckWait: *ackWait, Logger: log,
		Events: model.NewEventTypeSet(model.EventMessageCreate),
		Bot:    bot,
	})
	fmt.Fprintf(stdout, "worker %s\n", *group)
	return w.Run(ctx)
}

// ping is the ping bot's listener: "!ping" is answered with "Pong!" and
// the id of the message it answers. The reply's nonce is that id, with
// enforce_nonce: when a worker dies after replying but before its
// acknowledgement, the worker handling the event again gets the same
// reply back from Discord instead of sending a second one.
func ping(log *slog.Logger) core.Listener {
	return func(ctx context.Context, ev core.Event) {
		if ev.Get("author.bot").Bool() || strings.TrimSpace(ev.Get("content").Str) != "!ping" {
			return
		}
		ch := model.ChannelID(ev.Get("channel_id").Uint())
		id := ev.Get("id").Str
		if _, err := ev.Bot.REST().CreateMessage(ctx, ch, &rest.MessageCreate{Content: "Pong! " + id, Nonce: id, EnforceNonce: true}); err != nil {
			log.Warn("ping: reply", "channel", ch, "err", err)
		}
	}
}

func cmdProxy(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("proxy", stderr)
	api := fs.String("api", rest.DefaultBaseURL, "REST API root to forward to")
	listen := fs.String("listen", "127.0.0.1:8080", "HTTP address to serve on")
	level := fs.String("log", "info", "log level")
	if err := parse(fs, args); err != nil {
		return err
	}
	log, err := logger(stderr, *level)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: scale.NewProxy(&scale.ProxyOptions{APIURL: *api, Logger: log}),
		ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintf(stdout, "proxy http://%s/api/v10 -> %s\n", ln.Addr(), *api)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	srv.Shutdown(sctx)
	return ctx.Err()
}
