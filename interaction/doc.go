// Package interaction routes Discord interactions (slash commands,
// context menu commands, autocomplete, buttons, select menus and modal
// submits) to handlers, and answers them, over the gateway or over HTTP.
//
// # Basics
//
// A Router holds the handlers; NewRouter takes the REST client it answers
// through. Handlers are registered by what they answer:
//
//	rt := interaction.NewRouter(client, nil)
//	rt.Use(interaction.Logger(slog.Default()), interaction.Recover())
//	rt.Command("ping", func(ctx context.Context, r *interaction.Request) error {
//		return r.Reply(ctx, &rest.InteractionResponseData{Content: "Pong!"})
//	})
//	rt.Command("admin user ban", ban)          // a subcommand in a group
//	rt.Component("vote/{poll}/{choice}", vote) // r.Param("poll")
//	rt.Modal("feedback", feedback)             // r.Field("text")
//
// A slash command's handler reads its options with Request.Args, typed:
// Args.String, Int, Float, Bool, User, Member, Channel, Role, Mentionable
// and Attachment return the value (with the object Discord resolved) or
// an *OptionError saying whether the option is missing
// (ErrMissingOption) or of another type (ErrOptionType).
//
// Interactions arrive in one of two ways. Over the gateway, a listener of
// INTERACTION_CREATE passes each to Router.Go (or Serve, to run the
// handler on the listener's goroutine):
//
//	core.On(bot, func(ctx context.Context, _ core.Event, in *model.InteractionCreate) {
//		rt.Go(ctx, &in.Interaction)
//	})
//
// Over HTTP, an Endpoint (an http.Handler) checks Discord's Ed25519
// signature, answers PING and routes the rest; such a bot needs no
// gateway connection. The same Router serves both.
//
// A handler answers once, within 3 seconds: Reply, ReplyEphemeral, Defer,
// DeferEphemeral, DeferUpdate, Update, Modal or Suggest (autocomplete).
// It may then follow up, edit or delete the answer for 15 minutes. When a
// handler has not answered 2.5 seconds in (Options.DeferAfter), the
// router acknowledges the interaction for it, and the handler's later
// Reply or Update becomes the edit or follow-up that shows the same thing.
// Answering twice, or too late, returns an *AnswerError (ErrAnswered,
// ErrExpired) and sends nothing.
//
// Middleware wraps handlers as in net/http: Logger, Recover (a panic
// becomes an ephemeral error reply) and Cooldown (per user and route) are
// provided; Router.Use adds middleware to every handler registered after
// it, Router.With to a group.
//
// A handler can wait for what the user does next: Router.Collect and Next
// take the interactions a predicate matches (ComponentOn,
// ComponentOnAnswer, ModalSubmit) away from their routes, over the
// gateway or HTTP, with a timeout or ctx, and leave nothing registered
// afterwards.
//
// Sync makes the commands Discord has, globally or in a guild, those
// defined in code, writing only what differs, after checking them with
// Validate; Router.Check tells which definitions lack a handler and which
// handlers lack a definition.
//
// # Caveats
//
// Serve runs the handler on the calling goroutine: over the gateway, a
// slow handler holds up its shard's events, and one that waits with a
// collector waits for events that cannot come until it returns. Go avoids
// both; call Wait after the bot's Run to let handlers finish.
//
// Strings read from Args (and Param) share memory with the interaction:
// they stay valid and unchanged as long as the interaction is not decoded
// into again, which the router never does.
//
// Over HTTP, an answer with files is sent through the REST callback,
// since Discord does not reliably take multipart HTTP responses; the
// client's default allowed mentions are not applied to answers written in
// the HTTP response.
//
// A handler that returns without answering a command leaves it to fail
// on Discord's side ("This interaction failed"), and the router logs it;
// an unanswered component or modal submit is acknowledged silently.
package interaction
