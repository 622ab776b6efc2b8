package discordtest

import (
	"slices"
	"strings"
)

// RESTRoutes lists the routes of the REST API the server implements, as
// "METHOD /template" with the spec's parameter names, e.g.
// "POST /channels/{channel_id}/messages". Every other operation of
// Discord's OpenAPI spec answers 501 with a JSON error body, and paths
// that are no operation answer 404 {"message": "404: Not Found",
// "code": 0}, as Discord does.
//
// How the REST API behaves:
//
//   - Authentication: "Authorization: Bot <token>" with Options.Token, or
//     "Bearer <token>" with one of RESTOptions.BearerTokens on the routes
//     that take OAuth2; anything else is 401 {"message": "401:
//     Unauthorized", "code": 0}. Webhook-token and interaction-callback
//     routes need none.
//   - State: messages (with reactions, pins, attachments, replies and
//     mentions), threads, bans, webhooks, application commands and
//     interactions live in the server; guilds, channels, roles, members
//     and users are the World's, and REST changes them there. Server.Messages,
//     Server.Message, Server.Attachment, Server.Commands and
//     Server.InteractionResponses read what the bot did.
//   - Events: every change is dispatched to the gateway as Discord does
//     (MESSAGE_CREATE, MESSAGE_REACTION_ADD, GUILD_MEMBER_UPDATE,
//     GUILD_ROLE_CREATE, THREAD_CREATE, CHANNEL_PINS_UPDATE...), to the
//     shard of the guild. The bot added to a thread (by itself, or by a
//     user through Server.AddThreadMember) gets THREAD_CREATE with its
//     thread member; a channel it comes to see, through an overwrite, a
//     role or a role given, brings THREAD_LIST_SYNC.
//   - Audit log: each change the bot makes to a guild writes an entry
//     (GET .../audit-logs, GUILD_AUDIT_LOG_ENTRY_CREATE) with its target,
//     its reason (X-Audit-Log-Reason), its changes as Discord's change
//     table has them (a create's new values only, a delete's old values
//     only, a member's roles as $add and $remove) and its options
//     (overwrite id and type, message channel and count, prune days and
//     members removed, stage channel). A member moved or disconnected in
//     voice is MEMBER_MOVE or MEMBER_DISCONNECT; deleting the bot's own
//     message is not logged, as on Discord.
//   - Validation: Discord's error bodies and statuses: 50035 Invalid Form
//     Body with nested field errors (content over 2000 characters, embed
//     limits, component limits, nickname length...), 50006 for an empty
//     message, 50109 for invalid JSON, 10003 Unknown Channel, 10004 Unknown
//     Guild, 10007 Unknown Member, 10008 Unknown Message, 10013 Unknown
//     User, 10014 Unknown Emoji, 10062 Unknown interaction, 40060
//     already acknowledged...
//   - Rate limits: each route has a bucket (RateLimit); routes may share
//     one. Counts are kept per bucket, per major parameter (channel_id,
//     guild_id, or webhook_id with webhook_token) and per token, in a
//     window that starts with the first request. Every answer carries
//     X-RateLimit-Limit, -Remaining, -Reset (epoch seconds with
//     milliseconds), -Reset-After (seconds with milliseconds, rounded up)
//     and -Bucket (an opaque 32-digit hash). A request to an empty bucket
//     gets 429 with X-RateLimit-Scope: user, Retry-After (whole seconds,
//     rounded up) and {"message": "You are being rate limited.",
//     "retry_after": 1.234, "global": false}. Past RESTOptions.GlobalLimit
//     requests per second (50 by default; interaction callbacks and
//     webhook-token routes exempt) the answer is a global 429
//     (X-RateLimit-Global: true, scope global, no bucket headers). Past
//     RESTOptions.InvalidLimit invalid requests (401, 403 and 429 except
//     shared-scope ones) in RESTOptions.InvalidWindow, every request gets
//     Cloudflare's HTML 429 until the window ends.
//   - Faults: RESTOptions.Faults and Server.InjectRateLimit force 429s
//     (user, shared or global scope) on a route, for a count or by chance.
//   - Counters: RESTStats counts requests and 429s per route, and tells
//     the 429s a client could have avoided (its bucket was empty, or it was
//     over the global limit) from forced ones.
//
// Tests of rate limiting use short windows (RateLimit.Window,
// RESTOptions.GlobalWindow, RESTOptions.InvalidWindow) so that they run in
// milliseconds.
func RESTRoutes() []string {
	out := make([]string, 0, len(restHandlers))
	for k := range restHandlers {
		out = append(out, k)
	}
	slices.SortFunc(out, func(a, b string) int {
		_, pa, _ := strings.Cut(a, " ")
		_, pb, _ := strings.Cut(b, " ")
		if c := strings.Compare(pa, pb); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	return out
}
