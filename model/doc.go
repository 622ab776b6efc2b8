// Package model holds the Discord API v10 objects, enums and bitflags, typed
// snowflake IDs, and the gateway events, decoded lazily.
//
// # Basics
//
// ParseEvent reads the envelope of a gateway payload (op, s, t) in one pass
// and leaves d untouched. What happens next is the caller's choice:
//
//   - a typed view (Event.MessageCreate, Ready, GuildCreate, PresenceUpdate,
//     TypingStart, GuildMemberUpdate, MessageReactionAdd, InteractionCreate,
//     Channel, MessageDelete, GuildMemberRemove, GuildDelete,
//     VoiceStateUpdate, Hello, InvalidSession) walks the top level of d
//     once, noting where its fields lie, and each accessor reads only its
//     own field. IDs, numbers and strings without escapes cost no
//     allocation;
//   - Event.Get reads one field by gjson path;
//   - Event.Decode decodes d in full, with encoding/json, into the struct
//     of the event's type (*MessageCreate, *GuildCreate...), and gives a
//     RawEvent for events gloam does not know;
//   - an EventTypeSet lets a consumer skip what it does not want, so an
//     event nobody looks at costs only its envelope.
//
// The object types (User, Guild, Member, Role, Channel, Message,
// Component, Interaction, Presence, VoiceState...) carry Discord's JSON
// names. Snowflakes are typed by what they name (GuildID, ChannelID...);
// a zero ID or Timestamp stands for null or absent. Nullable strings whose
// absence matters (a member's nick, a user's global name) are pointers.
//
// # Caveats
//
// Unknown values are kept, never dropped: unknown enum numbers and bitflag
// bits survive a decode/encode round trip; a component or channel of an
// unknown type (or with a field of an unexpected JSON type) keeps the JSON
// it came from and encodes back to exactly that, so edits to such a value
// are not encoded; unknown dispatch names arrive as events of type
// EventUnknown with their name.
//
// An Event, and every view made from it, refers to the payload bytes it
// was parsed from: keep them unchanged while the Event is in use, and copy
// strings that must outlive the payload (strings.Clone).
//
// When d is the payload's last member and op, s and t come before it (as
// Discord sends them), ParseEvent does not walk d at all; d's structure is
// then checked by the first view, Data or Decode that reads it, and a
// malformed d gives its *PayloadError there rather than from ParseEvent.
// View accessors never fail: a field that is absent, null or of another
// JSON type reads as the zero value. Decode checks everything.
package model
