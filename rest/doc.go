// Package rest is a client for the Discord REST API that keeps within
// Discord's rate limits.
//
// # Basics
//
// NewClient takes a bot token (or, with Options.Bearer, an OAuth2 access
// token) and sends nothing until a method is called. Every method takes a
// context first and returns model's objects, or a type of this package
// for what only REST answers:
//
//	c := rest.NewClient(os.Getenv("DISCORD_TOKEN"), nil)
//	m, err := c.CreateMessage(ctx, channelID, &rest.MessageCreate{Content: "Pong!"})
//
// Every method has one shape. URL parameters are an *XQuery (nil: none):
//
//	msgs, err := c.Messages(ctx, channelID, &rest.MessagesQuery{Before: id, Limit: 100})
//
// CreateX takes an *XCreate, ModifyX an *XModify. In an *XModify a nil
// pointer or a zero Nullable is left out (the field keeps its value);
// where Discord lets a request clear a field, the field is a Nullable,
// and Null sends null:
//
//	c.ModifyMember(ctx, guildID, userID, &rest.MemberModify{
//		ChannelID: rest.Null[model.ChannelID](), // disconnect from voice
//		Nick:      rest.Some("quiet"),
//	})
//
// Requests are checked against Discord's documented limits before they
// are sent (message length, embeds, components, nicknames, audit log
// reasons...) and fail with a *ValidationError. Discord's own errors are
// a *Error carrying the HTTP status, Discord's JSON code and message, and
// the field errors of a 50035 Invalid Form Body flattened to paths such
// as "embeds.0.title"; errors.Is matches an *Error with ErrUnauthorized
// (401), ErrForbidden (403), ErrNotFound (404) and ErrUnknownWebhook.
// Routes lists every endpoint the client implements; Client.Do calls any
// other with the same rate limiting.
//
// Paginated lists have an All* method that walks their pages as an
// iter.Seq2, with the right cursor and direction, stopping at a bound,
// at the first error or when ctx is done:
//
//	for m, err := range c.AllMembers(ctx, guildID, nil, 0) {
//		if err != nil {
//			return err
//		}
//		...
//	}
//
// Options applies to every request; RequestOption to one: WithReason sets
// the audit log reason, NoWait fails with a *RateLimitError instead of
// waiting for a rate limit (Options.NoWait does so for every request).
// Methods of routes Discord deprecated say so in a Deprecated paragraph.
//
// The Limiter learns each route's bucket from the X-RateLimit-Bucket
// header and keeps one queue per bucket and major parameter (channel,
// guild, or webhook with its token). Until a route's bucket is known it
// lets one request of that route through at a time. A request waits for
// its bucket's reset rather than meet a 429; a 429 that comes anyway is
// retried after its retry_after, at most Options.MaxRetries times. A
// global limit of 50 requests per second (Options.GlobalLimit) is kept
// ahead of Discord, interaction callbacks and webhook-token routes
// excepted. The limiter counts the 401, 403 and 429 answers of the last
// ten minutes (shared-scope 429s excepted) and refuses to send more past
// Options.MaxInvalidRequests (ErrInvalidRequestLimit), below the 10,000
// at which Discord bans the IP address; after a 401 it sends nothing more
// with the token (ErrUnauthorized); after an Unknown Webhook answer it
// sends nothing more to that webhook (ErrUnknownWebhook). Limiter.State
// saves what it learned, as JSON, for Options.LimiterState to restore
// after a restart. Behind a proxy that holds the limits (gloam-scale
// proxy), Options.NoLimiter turns the buckets and the global limit off;
// the refusals above stay on.
//
// What a server says is bounded before it is used: no Retry-After,
// retry_after or X-RateLimit-Reset-After makes a request wait more than
// an hour (the longest window Discord has), a later smaller Reset-After
// replaces a larger one, and a restored window that ends more than an
// hour ahead (the clock jumped) is dropped. Path arguments are escaped;
// "", "." and "..", which no escaping keeps from changing the route, fail
// with a *ValidationError before anything is sent. Printing a Client (fmt,
// log/slog) never shows its token.
//
// # Caveats
//
// The first request of a route cannot know that the route shares a bucket
// with another route already exhausted: it may meet one 429. A restored
// LimiterState avoids that after a restart.
//
// A request waiting in a queue holds no goroutine of the client's but its
// caller's: bound the wait with the context. Options.Timeout bounds each
// HTTP attempt, not the wait for a rate limit.
//
// Files are read into memory when a request is encoded, so that a retry
// sends the same bytes; Discord's upload limits keep that small.
//
// Routes' major parameters are the ones Discord documents; routes whose
// limits Discord does not report per bucket (emoji routes, for instance)
// are limited only by what their headers say.
//
// # Wasm
//
// Under GOOS=js the client works through net/http's fetch transport. The
// browser refuses to set User-Agent and may block requests to Discord
// for CORS, so a page usually talks to its own server, which BaseURL
// names. Redirects are followed by the browser itself, out of the
// client's reach.
package rest
