package interaction_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"time"

	"github.com/gloamdev/gloam/build"
	"github.com/gloamdev/gloam/core"
	"github.com/gloamdev/gloam/discordtest"
	"github.com/gloamdev/gloam/interaction"
	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/rest"
)

// A router with a slash command whose subcommand takes options, answered
// over the gateway's INTERACTION_CREATE (here made by the fake Discord).
func ExampleRouter() {
	srv := discordtest.NewServer(&discordtest.Options{Guilds: 1, Seed: 1})
	defer srv.Close()
	client := rest.NewClient(srv.Token(), &rest.Options{BaseURL: srv.URL()})

	rt := interaction.NewRouter(client, nil)
	rt.Use(interaction.Recover())
	rt.Command("dice roll", func(ctx context.Context, r *interaction.Request) error {
		sides, err := r.Args().Int("sides")
		if err != nil {
			return err // missing or not an integer: the user gets an ephemeral error
		}
		return r.Reply(ctx, &rest.InteractionResponseData{Content: fmt.Sprintf("You rolled a d%d: 4", sides)})
	})

	// What a listener of INTERACTION_CREATE does with each interaction.
	in, _ := srv.Interact(discordtest.UserInteraction{ChannelID: textChannel(srv), Data: &model.InteractionData{
		Name: "dice", Type: model.CommandChatInput, Options: []model.CommandOption{{Name: "roll", Type: model.OptionSubCommand,
			Options: []model.CommandOption{{Name: "sides", Type: model.OptionInteger, Value: model.OptionValue("6")}}}}}})
	if err := rt.Serve(context.Background(), &in.Interaction); err != nil {
		fmt.Println(err)
	}
	var d rest.InteractionResponseData
	json.Unmarshal(srv.InteractionResponses(in.ID)[0].Data, &d)
	fmt.Println(d.Content)
	// Output: You rolled a d6: 4
}

// A bot whose interactions arrive over the gateway: a listener of
// INTERACTION_CREATE hands each to the router, which serves it on a
// goroutine of its own.
func ExampleRouter_Go() {
	srv := discordtest.NewServer(&discordtest.Options{Guilds: 1, Seed: 1})
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	bot := core.New(srv.Token(), &core.Options{REST: &rest.Options{BaseURL: srv.URL()}})
	rt := interaction.NewRouter(bot.REST(), nil)
	rt.Command("ping", func(ctx context.Context, r *interaction.Request) error {
		defer cancel() // this example stops after one command
		return r.Reply(ctx, &rest.InteractionResponseData{Content: "Pong!"})
	})
	core.On(bot, func(ctx context.Context, _ core.Event, in *model.InteractionCreate) {
		rt.Go(ctx, &in.Interaction)
	})

	var asked *discordtest.Interaction
	core.On(bot, func(ctx context.Context, _ core.Event, _ model.ReadyView) {
		// A user of the fake's world runs /ping.
		asked, _ = srv.Interact(discordtest.UserInteraction{ChannelID: textChannel(srv),
			Data: &model.InteractionData{Name: "ping", Type: model.CommandChatInput}})
	})
	bot.Run(ctx)
	rt.Wait()
	for _, r := range srv.InteractionResponses(asked.ID) {
		fmt.Printf("%d %s\n", r.Type, r.Data)
	}
	// Output: 4 {"content":"Pong!"}
}

// A handler that asks for confirmation and waits for the click: the
// collector is registered before the buttons are sent.
func ExampleRouter_Collect() {
	var rt *interaction.Router // as made by NewRouter
	handler := func(ctx context.Context, r *interaction.Request) error {
		wait, cancel := context.WithTimeout(ctx, time.Minute)
		defer cancel()
		clicks := rt.Collect(wait, interaction.ComponentOnAnswer(r.ID, r.Invoker().ID))
		comps, err := build.Components(build.Row(
			build.Button(model.ButtonDanger, "Delete", "confirm/yes"),
			build.Button(model.ButtonSecondary, "Keep", "confirm/no"),
		))
		if err != nil {
			return err
		}
		if err := r.ReplyEphemeral(ctx, &rest.InteractionResponseData{Content: "Sure?", Components: comps}); err != nil {
			return err
		}
		for click := range clicks {
			return click.Update(ctx, &rest.InteractionResponseData{Content: "You chose " + click.CustomID()})
		}
		_, err = r.EditOriginal(ctx, &rest.MessageEdit{Content: rest.Some("Too late."), Components: rest.Some([]model.Component{})})
		return err
	}
	_ = handler
}

// Buttons and select menus are routed by custom ID, whose segments may
// carry parameters.
func ExampleRouter_Component() {
	rt := interaction.NewRouter(rest.NewClient("token", nil), nil)
	rt.Component("vote/{poll}/{choice}", func(ctx context.Context, r *interaction.Request) error {
		return r.Update(ctx, &rest.InteractionResponseData{
			Content: "Voted " + r.Param("choice") + " in poll " + r.Param("poll"),
		})
	})
}

// A bot without a gateway connection: Discord (here the fake) POSTs each
// interaction to the endpoint, signed, and reads the answer from the HTTP
// response.
func ExampleEndpoint() {
	srv := discordtest.NewServer(&discordtest.Options{Guilds: 1, Seed: 1})
	defer srv.Close()
	ctx := context.Background()
	client := rest.NewClient(srv.Token(), &rest.Options{BaseURL: srv.URL()})

	rt := interaction.NewRouter(client, nil)
	rt.Command("ping", func(ctx context.Context, r *interaction.Request) error {
		return r.Reply(ctx, &rest.InteractionResponseData{Content: "Pong!"})
	})
	key, err := interaction.ParseKey(srv.PublicKey()) // the developer portal's "Public Key"
	if err != nil {
		panic(err)
	}
	hs := httptest.NewServer(&interaction.Endpoint{Router: rt, Key: key})
	defer hs.Close()
	if err := srv.SetInteractionsEndpoint(hs.URL); err != nil { // Discord checks the endpoint first
		panic(err)
	}
	app := srv.World().ApplicationID()
	if _, err := interaction.Sync(ctx, client, app, 0, []model.ApplicationCommand{{Name: "ping", Description: "Pong"}}); err != nil {
		panic(err)
	}

	in, _ := srv.UseCommand(discordtest.CommandUse{ChannelID: textChannel(srv), Name: "ping"})
	resp, err := in.Wait(ctx)
	fmt.Println(resp.Message.Content, err)
	// Output: Pong! <nil>
}

// Sync writes only what differs between the definitions and what Discord
// has.
func ExampleSync() {
	srv := discordtest.NewServer(&discordtest.Options{Guilds: 1, Seed: 1})
	defer srv.Close()
	ctx := context.Background()
	client := rest.NewClient(srv.Token(), &rest.Options{BaseURL: srv.URL()})
	app := srv.World().ApplicationID()

	defs := []model.ApplicationCommand{
		{Name: "ping", Description: "Is the bot there?"},
		{Type: model.CommandUser, Name: "Profile"},
	}
	res, _ := interaction.Sync(ctx, client, app, 0, defs)
	fmt.Println("created", len(res.Created), "changed", res.Changed())
	res, _ = interaction.Sync(ctx, client, app, 0, defs)
	fmt.Println("unchanged", res.Unchanged, "changed", res.Changed())
	defs[0].Description = "Pong?"
	res, _ = interaction.Sync(ctx, client, app, 0, defs)
	fmt.Println("updated", res.Updated[0].Name)
	// Output:
	// created 2 changed true
	// unchanged 2 changed false
	// updated ping
}

func textChannel(srv *discordtest.Server) model.ChannelID {
	for _, c := range srv.World().Guilds()[0].Channels {
		if c.Type == model.ChannelGuildText {
			return c.ID
		}
	}
	return 0
}
