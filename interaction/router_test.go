package interaction_test

import (
	"context"
	"errors"
	"testing"

	"github.com/gloamdev/gloam/discordtest"
	"github.com/gloamdev/gloam/interaction"
	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/rest"
	"github.com/matryer/is"
)

func TestSlashCommandOverGateway(t *testing.T) {
	is := is.New(t)
	f := newFake(t)
	rt := f.router(t, nil)
	done := make(chan error, 1)
	rt.Command("ping", func(ctx context.Context, r *interaction.Request) error {
		err := r.Reply(ctx, &rest.InteractionResponseData{Content: "Pong!"})
		done <- err
		return err
	})
	f.gatewayBot(t, rt)
	in := f.command(t, "ping")
	is.NoErr(<-done) // the reply went through
	resp := f.responses(in.ID)
	is.Equal(len(resp), 1)
	is.Equal(resp[0].Type, model.CallbackMessage)
	is.Equal(data(t, resp[0]).Content, "Pong!")
	m, err := f.rc.OriginalResponse(context.Background(), in.ApplicationID, in.Token, nil)
	is.NoErr(err)
	is.Equal(m.Content, "Pong!") // the fake made the message
}

func TestSubcommandArgs(t *testing.T) {
	f := newFake(t)
	rt := f.router(t, nil)
	var got struct {
		route  string
		reason string
		days   int64
		ratio  float64
		silent bool
		user   model.User
		member model.Member
		role   model.Role
		ment   interaction.Mentionable
		ch     model.Channel
		file   model.Attachment
		errs   []error
	}
	rt.Command("admin user ban", func(ctx context.Context, r *interaction.Request) error {
		a := r.Args()
		got.route = r.Route()
		var err error
		got.reason, err = a.String("reason")
		got.errs = append(got.errs, err)
		got.days, err = a.Int("days")
		got.errs = append(got.errs, err)
		got.ratio, err = a.Float("ratio")
		got.errs = append(got.errs, err)
		got.silent, err = a.Bool("silent")
		got.errs = append(got.errs, err)
		got.user, err = a.User("who")
		got.errs = append(got.errs, err)
		got.member, err = a.Member("who")
		got.errs = append(got.errs, err)
		got.role, err = a.Role("role")
		got.errs = append(got.errs, err)
		got.ment, err = a.Mentionable("either")
		got.errs = append(got.errs, err)
		got.ch, err = a.Channel("where")
		got.errs = append(got.errs, err)
		got.file, err = a.Attachment("proof")
		got.errs = append(got.errs, err)
		return r.Reply(ctx, &rest.InteractionResponseData{Content: "banned"})
	})
	rt.Command("admin user kick", func(ctx context.Context, r *interaction.Request) error {
		t.Error("kick ran for ban")
		return nil
	})
	uid := model.UserID(f.user)
	res := &model.Resolved{
		Users:       map[model.UserID]model.User{uid: {ID: uid, Username: "target"}},
		Members:     map[model.UserID]model.Member{uid: {Roles: []model.RoleID{}}},
		Roles:       map[model.RoleID]model.Role{5: {ID: 5, Name: "mods"}},
		Channels:    map[model.ChannelID]model.Channel{f.channel: {ID: f.channel, Name: "general"}},
		Attachments: map[model.AttachmentID]model.Attachment{9: {ID: 9, Filename: "proof.png"}},
	}
	in := f.interact(t, discordtest.UserInteraction{Data: &model.InteractionData{ID: 1, Name: "admin", Type: 1, Resolved: res,
		Options: []model.CommandOption{sub("user", model.OptionSubCommandGroup, sub("ban", model.OptionSubCommand,
			opt("reason", model.OptionString, "spam \"links\""),
			opt("days", model.OptionInteger, 7),
			opt("ratio", model.OptionNumber, 0.5),
			opt("silent", model.OptionBoolean, true),
			opt("who", model.OptionUser, uid.String()),
			opt("role", model.OptionRole, "5"),
			opt("either", model.OptionMentionable, "5"),
			opt("where", model.OptionChannel, f.channel.String()),
			opt("proof", model.OptionAttachment, "9"),
		))}}})
	is := is.New(t)
	is.NoErr(rt.Serve(context.Background(), in))
	for i, err := range got.errs {
		if err != nil {
			t.Errorf("option %d: %v", i, err)
		}
	}
	is.Equal(got.route, "admin user ban")
	is.Equal(got.reason, `spam "links"`) // escaped strings are decoded
	is.Equal(got.days, int64(7))
	is.Equal(got.ratio, 0.5)
	is.True(got.silent)
	is.Equal(got.user.Username, "target")
	is.Equal(got.member.User.ID, uid) // the member comes with its user
	is.Equal(got.role.Name, "mods")
	is.True(got.ment.Role != nil && got.ment.User == nil) // a mentionable naming a role
	is.Equal(got.ch.Name, "general")
	is.Equal(got.file.Filename, "proof.png")
	is.Equal(data(t, f.responses(in.ID)[0]).Content, "banned")
}

func TestArgsErrors(t *testing.T) {
	f := newFake(t)
	rt := f.router(t, nil)
	var errs [6]error
	rt.Command("roll", func(ctx context.Context, r *interaction.Request) error {
		a := r.Args()
		_, errs[0] = a.Int("sides")     // missing
		_, errs[1] = a.String("count")  // an integer
		_, errs[2] = a.Int("count")     // fine
		_, errs[3] = a.User("count")    // not a user
		_, errs[4] = a.Int("broken")    // an integer option holding a string
		_, errs[5] = a.Member("nobody") // a user not resolved
		return r.Reply(ctx, &rest.InteractionResponseData{Content: "ok"})
	})
	in := f.command(t, "roll", opt("count", model.OptionInteger, 3), opt("broken", model.OptionInteger, "x"),
		opt("nobody", model.OptionUser, "123"))
	is := is.New(t)
	is.NoErr(rt.Serve(context.Background(), in))
	var oe *interaction.OptionError
	is.True(errors.As(errs[0], &oe))
	is.Equal(oe.Name, "sides")
	is.True(errors.Is(errs[0], interaction.ErrMissingOption)) // missing
	is.True(errors.Is(errs[1], interaction.ErrOptionType))    // read as the wrong type
	is.True(errors.As(errs[1], &oe))
	is.Equal(oe.Got, model.OptionInteger)
	is.Equal(oe.Want, model.OptionString)
	is.NoErr(errs[2])
	is.True(errors.Is(errs[3], interaction.ErrOptionType))
	is.True(errors.Is(errs[4], interaction.ErrOptionValue)) // the value is not an integer
	is.True(errors.Is(errs[5], interaction.ErrOptionValue)) // nothing resolved
	is.Equal(errs[1].Error(), `interaction: option "count": option has another type: INTEGER, not STRING`)
}

func TestContextMenuCommands(t *testing.T) {
	is := is.New(t)
	f := newFake(t)
	rt := f.router(t, nil)
	uid := f.user
	var user model.User
	var member model.Member
	var msg model.Message
	rt.UserCommand("Profile", func(ctx context.Context, r *interaction.Request) error {
		var err error
		if user, err = r.TargetUser(); err != nil {
			return err
		}
		if member, err = r.TargetMember(); err != nil {
			return err
		}
		if _, err := r.TargetMessage(); !errors.Is(err, interaction.ErrNoTarget) {
			t.Errorf("TargetMessage of a user command: %v", err)
		}
		return r.ReplyEphemeral(ctx, &rest.InteractionResponseData{Content: "profile"})
	})
	rt.MessageCommand("Quote", func(ctx context.Context, r *interaction.Request) error {
		var err error
		msg, err = r.TargetMessage()
		if err != nil {
			return err
		}
		return r.Reply(ctx, &rest.InteractionResponseData{Content: "> " + msg.Content})
	})
	in := f.interact(t, discordtest.UserInteraction{Data: &model.InteractionData{ID: 2, Name: "Profile", Type: model.CommandUser,
		TargetID: model.Snowflake(uid), Resolved: &model.Resolved{
			Users:   map[model.UserID]model.User{uid: {ID: uid, Username: "someone"}},
			Members: map[model.UserID]model.Member{uid: {Roles: []model.RoleID{}}}}}})
	is.NoErr(rt.Serve(context.Background(), in))
	is.Equal(user.Username, "someone")
	is.Equal(member.User.Username, "someone")
	is.Equal(data(t, f.responses(in.ID)[0]).Flags, model.MessageEphemeral) // only the user sees it

	in = f.interact(t, discordtest.UserInteraction{Data: &model.InteractionData{ID: 3, Name: "Quote", Type: model.CommandMessage,
		TargetID: 77, Resolved: &model.Resolved{Messages: map[model.MessageID]model.Message{77: {ID: 77, Content: "wise words"}}}}})
	is.NoErr(rt.Serve(context.Background(), in))
	is.Equal(data(t, f.responses(in.ID)[0]).Content, "> wise words")
}

func TestAutocomplete(t *testing.T) {
	is := is.New(t)
	f := newFake(t)
	rt := f.router(t, nil)
	rt.Command("search", func(ctx context.Context, r *interaction.Request) error {
		t.Error("the command ran for autocomplete")
		return nil
	})
	rt.Autocomplete("search", func(ctx context.Context, r *interaction.Request) error {
		name, typed, ok := r.Args().Focused()
		if !ok || name != "query" {
			t.Errorf("focused: %q %v", name, ok)
		}
		return r.Suggest(ctx, []model.ApplicationCommandChoice{{Name: typed + "lang", Value: "go"}})
	})
	o := opt("query", model.OptionString, "go")
	o.Focused = true
	in := f.interact(t, discordtest.UserInteraction{Type: model.InteractionApplicationCommandAutocomplete,
		Data: &model.InteractionData{ID: 1, Name: "search", Type: 1, Options: []model.CommandOption{o}}})
	is.NoErr(rt.Serve(context.Background(), in))
	resp := f.responses(in.ID)
	is.Equal(resp[0].Type, model.CallbackAutocompleteResult)
	d := data(t, resp[0])
	is.Equal(len(d.Choices), 1)
	is.Equal(d.Choices[0].Name, "golang")
}

func TestComponentPatterns(t *testing.T) {
	f := newFake(t)
	rt := f.router(t, nil)
	var hits []string
	var params [][]interaction.Param
	h := func(name string) interaction.HandlerFunc {
		return func(ctx context.Context, r *interaction.Request) error {
			hits = append(hits, name+" "+r.Route())
			params = append(params, append([]interaction.Param(nil), r.Params()...))
			return r.DeferUpdate(ctx)
		}
	}
	rt.Component("vote/{poll}/{choice}", h("vote"))
	rt.Component("vote/{poll}/close", h("close"))
	rt.Component("page/{rest...}", h("page"))
	rt.Component("menu", func(ctx context.Context, r *interaction.Request) error {
		hits = append(hits, "menu "+r.Values()[1])
		return r.Update(ctx, &rest.InteractionResponseData{Content: "picked " + r.Values()[0]})
	})
	msg := f.botMessage(t, model.Component{Type: model.ComponentActionRow, Components: []model.Component{
		{Type: model.ComponentButton, Style: 1, Label: "Yes", CustomID: "vote/42/yes"}}})
	click := func(id string, typ model.ComponentType, values ...string) *model.Interaction {
		in := f.interact(t, discordtest.UserInteraction{Type: model.InteractionMessageComponent, MessageID: msg.ID,
			Data: &model.InteractionData{CustomID: id, ComponentType: typ, Values: values}})
		if err := rt.Serve(context.Background(), in); err != nil {
			t.Errorf("%s: %v", id, err)
		}
		return in
	}
	is := is.New(t)
	click("vote/42/yes", model.ComponentButton)
	click("vote/42/close", model.ComponentButton)
	click("page/3/of/9", model.ComponentButton)
	in := click("menu", model.ComponentStringSelect, "a", "b")
	is.Equal(hits, []string{"vote vote/{poll}/{choice}", "close vote/{poll}/close", "page page/{rest...}", "menu b"})
	is.Equal(params[0], []interaction.Param{{Name: "poll", Value: "42"}, {Name: "choice", Value: "yes"}})
	is.Equal(params[1], []interaction.Param{{Name: "poll", Value: "42"}}) // the literal segment won
	is.Equal(params[2], []interaction.Param{{Name: "rest", Value: "3/of/9"}})
	is.Equal(f.responses(in.ID)[0].Type, model.CallbackUpdateMessage)
	m, err := f.rc.Message(context.Background(), f.channel, msg.ID)
	is.NoErr(err)
	is.Equal(m.Content, "picked a") // the update changed the message

	// No handler: the user is told, privately.
	in = f.interact(t, discordtest.UserInteraction{Type: model.InteractionMessageComponent, MessageID: msg.ID,
		Data: &model.InteractionData{CustomID: "vote", ComponentType: model.ComponentButton}})
	var ue *interaction.UnroutedError
	is.True(errors.As(rt.Serve(context.Background(), in), &ue))
	d := data(t, f.responses(in.ID)[0])
	is.Equal(d.Flags, model.MessageEphemeral)
	is.Equal(d.Content, "Something went wrong.")
}

func TestModalSubmit(t *testing.T) {
	is := is.New(t)
	f := newFake(t)
	rt := f.router(t, nil)
	var text, missing string
	var picked []string
	var errMissing error
	rt.Command("feedback", func(ctx context.Context, r *interaction.Request) error {
		return r.Modal(ctx, &rest.InteractionResponseData{CustomID: "feedback/7", Title: "Feedback",
			Components: []model.Component{{Type: model.ComponentActionRow, Components: []model.Component{
				{Type: model.ComponentTextInput, CustomID: "text", Style: 2, Label: "Tell us"}}}}})
	})
	rt.Modal("feedback/{id}", func(ctx context.Context, r *interaction.Request) error {
		var err error
		if text, err = r.Field("text"); err != nil {
			return err
		}
		if picked, err = r.FieldValues("mood"); err != nil {
			return err
		}
		missing, errMissing = r.Field("nope")
		return r.ReplyEphemeral(ctx, &rest.InteractionResponseData{Content: "thanks #" + r.Param("id")})
	})
	in := f.command(t, "feedback")
	is.NoErr(rt.Serve(context.Background(), in))
	is.Equal(f.responses(in.ID)[0].Type, model.CallbackModal)
	is.Equal(data(t, f.responses(in.ID)[0]).Title, "Feedback")

	in = f.interact(t, discordtest.UserInteraction{Type: model.InteractionModalSubmit, Data: &model.InteractionData{
		CustomID: "feedback/7", Components: []model.Component{
			{Type: model.ComponentActionRow, Components: []model.Component{{Type: model.ComponentTextInput, CustomID: "text", Value: "great"}}},
			{Type: model.ComponentLabel, Component: &model.Component{Type: model.ComponentStringSelect, CustomID: "mood", Values: []string{"happy"}}},
		}}})
	is.NoErr(rt.Serve(context.Background(), in))
	is.Equal(text, "great")
	is.Equal(picked, []string{"happy"}) // a select in a label
	is.Equal(missing, "")
	is.True(errors.Is(errMissing, interaction.ErrNoField))
	is.Equal(data(t, f.responses(in.ID)[0]).Content, "thanks #7")
}

func TestRegisterTwicePanics(t *testing.T) {
	is := is.New(t)
	rt := interaction.NewRouter(rest.NewClient("x", nil), nil)
	rt.Command("a b", func(context.Context, *interaction.Request) error { return nil })
	for name, reg := range map[string]func(){
		"command":   func() { rt.Command("a b", func(context.Context, *interaction.Request) error { return nil }) },
		"too deep":  func() { rt.Command("a b c d", func(context.Context, *interaction.Request) error { return nil }) },
		"bad param": func() { rt.Component("x/{", func(context.Context, *interaction.Request) error { return nil }) },
		"nil":       func() { rt.Modal("m", nil) },
	} {
		func() {
			defer func() { is.True(recover() != nil) }() // a programming error panics
			reg()
			t.Errorf("%s did not panic", name)
		}()
	}
}
