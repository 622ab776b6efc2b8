package cache

import (
	"iter"

	"github.com/gloamdev/gloam/model"
)

// Kind names a kind of cached record.
type Kind uint8

// The kinds of records, with the key each is stored under. Parent is the
// guild for guild resources and the channel for messages; it is 0 for
// guilds, users and the current user.
const (
	KindGuild           Kind = iota + 1 // *Guild; Key{KindGuild, 0, guild}
	KindChannel                         // *Channel (not a thread); Key{KindChannel, guild, channel}
	KindThread                          // *Channel (a thread); Key{KindThread, guild, thread}
	KindRole                            // *Role; Key{KindRole, guild, role}
	KindMember                          // *Member; Key{KindMember, guild, user}
	KindUser                            // *User; Key{KindUser, 0, user}
	KindPresence                        // *Presence; Key{KindPresence, guild, user}
	KindVoiceState                      // *VoiceState; Key{KindVoiceState, guild, user}
	KindEmoji                           // *Emoji; Key{KindEmoji, guild, emoji}
	KindSticker                         // *Sticker; Key{KindSticker, guild, sticker}
	KindMessage                         // *Message; Key{KindMessage, channel, message}
	KindCurrentUser                     // *User; Key{KindCurrentUser, 0, 0}: the bot's own user, from READY
	KindStageInstance                   // *StageInstance; Key{KindStageInstance, guild, stage instance}
	KindScheduledEvent                  // *ScheduledEvent; Key{KindScheduledEvent, guild, event}
	KindSoundboardSound                 // *SoundboardSound; Key{KindSoundboardSound, guild, sound}
	KindPrivateChannel                  // *Channel (a DM or group DM); Key{KindPrivateChannel, 0, channel}
	KindIntegration                     // *Integration; Key{KindIntegration, guild, integration}
	KindThreadMember                    // *ThreadMember; Key{KindThreadMember, thread, user}
	kindCount
)

// Kinds lists every kind, in order.
func Kinds() []Kind {
	ks := make([]Kind, 0, kindCount-1)
	for k := Kind(1); k < kindCount; k++ {
		ks = append(ks, k)
	}
	return ks
}

var kindNames = [kindCount]string{
	"", "guild", "channel", "thread", "role", "member", "user", "presence",
	"voice state", "emoji", "sticker", "message", "current user", "stage instance",
	"scheduled event", "soundboard sound",
	"private channel", "integration",
	"thread member",
}

// String is the kind's name, e.g. "member".
func (k Kind) String() string {
	if k >= kindCount {
		return "Kind(" + itoa(int(k)) + ")"
	}
	return kindNames[k]
}

// Key identifies one record: its kind, its parent (the guild, or the
// channel for messages; 0 for guilds, users and the current user) and its
// own ID (the user's ID for members, presences and voice states).
type Key struct {
	Kind   Kind
	Parent uint64
	ID     uint64
}

// Record is one cached value: *Guild, *Channel, *Role, *Member, *User,
// *Presence, *VoiceState, *Emoji, *Sticker, *Message, *StageInstance, *ScheduledEvent, *SoundboardSound, *Integration or *ThreadMember. Every Record
// encodes itself compactly with AppendBinary and decodes with
// UnmarshalBinary, so a backend that stores bytes needs no codec of its
// own. The set is closed: only this package defines Records.
type Record interface {
	AppendBinary(b []byte) ([]byte, error)
	UnmarshalBinary(data []byte) error
	record()
}

// Reader is the read side of a Backend, and of a Tx.
//
// Get, Scan and Count are called by the Cache only; they look up records
// by key and do nothing else (no cascades, no reference counting).
type Reader interface {
	// Get copies the record stored under k into dst, which has the type
	// listed for k.Kind, and reports whether there was one. For KindChannel
	// and KindThread, k.Parent may be 0: the record is found by ID alone.
	// Strings and slices set in dst may be shared with the backend; the
	// Cache never modifies them, and they stay valid after Get returns.
	// An empty slice may be given as nil. Get overwrites every field of
	// dst when it reports true; when it reports false, dst is unspecified.
	Get(k Key, dst Record) bool

	// Scan yields the records of one kind under one parent (parent 0: all
	// records of that kind). Messages come in ascending ID order (oldest
	// first); other kinds in any order. The yielded Record may be reused
	// for the next step: it is valid only until the loop body returns.
	//
	// Scan must not hold a lock while it yields: the loop body may call any
	// Reader method, and outside a Tx, Update may run concurrently. A record
	// changed during the scan may or may not be yielded (in its old or new
	// form), but is never yielded torn or twice.
	Scan(kind Kind, parent uint64) iter.Seq[Record]

	// Count is the number of records of one kind under one parent
	// (parent 0: all records of that kind).
	Count(kind Kind, parent uint64) int

	// Session is the session stored for a shard by Tx.SetSession.
	Session(shard int) (model.Session, bool)

	// Blob is the opaque value stored under name by Tx.SetBlob, or nil.
	// The caller owns the returned bytes.
	Blob(name string) []byte

	// Size is an estimate of the bytes the backend holds: heap for an
	// in-memory backend, the file for one on disk.
	Size() int64
}

// Tx is a write transaction, valid only inside the function passed to
// Backend.Update and only on that function's goroutine. Its reads see its
// own writes.
//
// Ownership: everything a Record passed to Put refers to (strings, slices)
// is valid only during that call; strings usually point into the gateway
// frame the event came in. A backend that keeps them must copy them.
type Tx interface {
	Reader

	// Put stores r under k, replacing any record there. r has the type
	// listed for k.Kind, and k.Parent is always set (for channels and
	// threads, to their guild).
	Put(k Key, r Record)

	// Delete removes the record under k, if any. For KindChannel and
	// KindThread, k.Parent may be 0.
	Delete(k Key)

	// DeleteAll removes every record of one kind under one parent (never 0).
	DeleteAll(kind Kind, parent uint64)

	// TrimMessages removes the oldest messages of a channel (the lowest
	// IDs) until at most keep (≥ 1) are left, whatever order they were put
	// in. The Cache calls it after every MESSAGE_CREATE, so it must cost
	// little when there is nothing or one message to remove: it must not
	// decode or copy out the records it keeps.
	TrimMessages(channel uint64, keep int)

	// SetSession stores the gateway session of a shard.
	SetSession(shard int, s model.Session)

	// SetBlob stores an opaque value under name (nil or empty deletes it),
	// for state kept beside the cache: the REST limiter's buckets, the
	// identify budget. data is valid only during the call.
	SetBlob(name string, data []byte)
}

// Reserver is an optional interface of a Tx. Before putting many records
// of one kind under one parent (the members of a GUILD_CREATE), the Cache
// calls Reserve with their number, so that the backend can size its
// storage once instead of growing it step by step. It is only a hint.
type Reserver interface {
	Reserve(kind Kind, parent uint64, n int)
}

// Backend stores what the Cache keeps. The Cache holds all the policy
// (what to store, reference counts of users, cascades, the message ring);
// a Backend is a keyed store of Records with transactions. Implementations
// must pass cachetest.Run.
//
// # Concurrency
//
// Every method may be called from many goroutines at once. Update calls
// are serialized: the backend runs one at a time (the Cache relies on this
// for read-modify-write inside a transaction). Readers outside a Tx may run
// while an Update runs; they see each Update wholly or not at all.
//
// # Durability
//
// When Update returns nil, its changes are visible to every later read. A
// persistent backend may write them to disk later (group commit), but
// must keep each Update whole and in order: after a crash, the stored
// state is that after some prefix of the Updates, sessions and blobs
// included. A backend documents how long that window may be.
//
// Durable tells which of the two a backend is: false for one whose state
// ends with the process (memory), true for one that a later process can
// open again and find the same records, sessions and blobs in (bolt). A
// bot resumes its gateway sessions after a restart only from a durable
// backend.
type Backend interface {
	Reader

	// Durable reports whether what the backend stores outlives the
	// process. The answer never changes over the backend's life.
	Durable() bool

	// Update runs fn in a transaction, calling it exactly once (fn is not
	// idempotent: it must not be retried). If fn returns an error, Update
	// returns it; the backend discards fn's changes if it can (the Cache
	// returns errors from fn only before it has changed anything). Update
	// returns an error of its own when the changes cannot be stored.
	Update(fn func(tx Tx) error) error
}

func itoa(v int) string {
	if v == 0 {
		return "0"
	}
	neg := v < 0
	if neg {
		v = -v
	}
	var b [20]byte
	i := len(b)
	for v > 0 {
		i--
		b[i] = byte('0' + v%10)
		v /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}
