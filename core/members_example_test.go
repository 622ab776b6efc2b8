package core_test

import (
	"context"
	"fmt"
	"time"

	"github.com/gloamdev/gloam/core"
	"github.com/gloamdev/gloam/discordtest"
	"github.com/gloamdev/gloam/gateway"
	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/rest"
)

// Every member of a guild, chunk by chunk, as Discord sends them.
func ExampleBot_RequestGuildMembers() {
	srv := discordtest.NewServer(&discordtest.Options{Guilds: 1, MembersPerGuild: 2500})
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	bot := core.New(srv.Token(), &core.Options{
		Intents: model.IntentGuilds | model.IntentGuildMembers,
		REST:    &rest.Options{BaseURL: srv.URL()},
	})
	ready := make(chan model.GuildID, 1)
	core.On(bot, func(ctx context.Context, ev core.Event, g model.GuildCreateView) {
		select {
		case ready <- g.ID():
		default:
		}
	})
	done := make(chan error, 1)
	go func() { done <- bot.Run(ctx) }()
	guild := <-ready

	all := ""
	for c, err := range bot.RequestGuildMembers(ctx, 30*time.Second, gateway.RequestGuildMembers{GuildID: guild, Query: &all}) {
		if err != nil {
			fmt.Println(err)
			break
		}
		fmt.Printf("chunk %d of %d: %d members\n", c.ChunkIndex+1, c.ChunkCount, len(c.Members))
	}
	cancel()
	<-done
	// Output:
	// chunk 1 of 3: 1000 members
	// chunk 2 of 3: 1000 members
	// chunk 3 of 3: 501 members
}
