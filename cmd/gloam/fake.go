//go:build !js

package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/gloamdev/gloam/discordtest"
)

func cmdFake(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("gloam fake", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o discordtest.Options
	fs.StringVar(&o.Addr, "addr", "127.0.0.1:0", "the loopback address to listen on; port 0: a random port")
	fs.StringVar(&o.Token, "token", discordtest.DefaultToken, "the bot token the fake accepts")
	fs.IntVar(&o.Shards, "shards", 1, "the shard count GET /gateway/bot recommends")
	fs.IntVar(&o.RequireShards, "require-shards", 0, "the smallest shard count Identify may give (fewer: close code 4011)")
	fs.IntVar(&o.MaxConcurrency, "max-concurrency", 1, "session_start_limit.max_concurrency")
	fs.IntVar(&o.Guilds, "guilds", 2, "guilds in the world")
	fs.IntVar(&o.MembersPerGuild, "members", 10, "members per guild besides the bot")
	fs.Int64Var(&o.Seed, "seed", 0, "the world's seed; the same seed gives the same world")
	fs.DurationVar(&o.HeartbeatInterval, "heartbeat", discordtest.DefaultHeartbeatInterval, "the heartbeat interval Hello gives")
	if err := parseFlags(fs, args, "usage: gloam fake [flags]\n\nA fake Discord, gateway and REST, on loopback, until SIGINT or SIGTERM."); err != nil {
		return err
	}
	srv, err := discordtest.Listen(&o)
	if err != nil {
		return err
	}
	defer srv.Close()
	fmt.Fprintf(stdout, "REST     %s\n", srv.URL())
	fmt.Fprintf(stdout, "gateway  %s\n", srv.GatewayURL())
	fmt.Fprintf(stdout, "token    %s\n", srv.Token())
	fmt.Fprintf(stdout, "world    %d guilds, %d users\n", len(srv.World().Guilds()), len(srv.World().Users()))
	fmt.Fprintf(stdout, "\nRun a bot against it, e.g.:\n  DISCORD_TOKEN=%s DISCORD_API_URL=%s gloam run\n", srv.Token(), srv.URL())
	<-ctx.Done()
	st := srv.Stats()
	fmt.Fprintf(stdout, "fake: stopped after %d connections, %d identifies, %d resumes, %d REST requests\n",
		st.Gateway.Connections, st.Gateway.Identifies, st.Gateway.Resumes, st.REST.Requests)
	return nil
}
