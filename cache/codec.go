package cache

import (
	"encoding/binary"
	"errors"
	"math"
	"time"

	"github.com/gloamdev/gloam/model"
)

// ErrCorrupt is returned by UnmarshalBinary for bytes that are not a
// record AppendBinary wrote.
var ErrCorrupt = errors.New("cache: corrupt record")

// codecVersion is the first byte of every encoded record. A change of
// layout bumps it; decoders reject versions they do not know.
const codecVersion = 5 // 2: channels keep their recipients; 3: messages their embeds, components, stickers; 4: attachments and references whole; 5: forwarded messages' snapshots

type enc struct{ b []byte }

func (e *enc) u(v uint64) { e.b = binary.AppendUvarint(e.b, v) }
func (e *enc) i(v int64)  { e.b = binary.AppendVarint(e.b, v) }
func (e *enc) s(v string) { e.u(uint64(len(v))); e.b = append(e.b, v...) }
func (e *enc) t(v time.Time) {
	if v.IsZero() {
		e.i(0)
		return
	}
	e.i(v.UnixMicro())
}
func (e *enc) bools(vs ...bool) {
	var x uint64
	for i, v := range vs {
		if v {
			x |= 1 << i
		}
	}
	e.u(x)
}
func (e *enc) h(v Hash) {
	if !v.Set {
		e.b = append(e.b, 0)
		return
	}
	f := byte(1)
	if v.Animated {
		f = 3
	}
	e.b = append(e.b, f)
	e.b = append(e.b, v.Sum[:]...)
}

// ids writes a list of snowflakes, which dec.ids reads.
func ids[T ~uint64](e *enc, vs []T) {
	e.u(uint64(len(vs)))
	for _, v := range vs {
		e.u(uint64(v))
	}
}

// strs writes a list of strings, which dec.strs reads.
func (e *enc) strs(vs []string) {
	e.u(uint64(len(vs)))
	for _, v := range vs {
		e.s(v)
	}
}

type dec struct {
	b   []byte
	err bool
}

func newDec(b []byte) *dec {
	d := &dec{b: b}
	if len(b) == 0 || b[0] != codecVersion {
		d.err = true
		d.b = nil
		return d
	}
	d.b = b[1:]
	return d
}

func (d *dec) u() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.err = true
		d.b = nil
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *dec) i() int64 {
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.err = true
		d.b = nil
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *dec) s() string {
	n := d.u()
	if n > uint64(len(d.b)) {
		d.err = true
		d.b = nil
		return ""
	}
	v := string(d.b[:n])
	d.b = d.b[n:]
	return v
}

func (d *dec) t() time.Time {
	v := d.i()
	if v == 0 {
		return time.Time{}
	}
	return time.UnixMicro(v).UTC()
}

func (d *dec) bools(vs ...*bool) {
	x := d.u()
	for i, v := range vs {
		*v = x&(1<<i) != 0
	}
}

func (d *dec) h() Hash {
	if len(d.b) == 0 {
		d.err = true
		return Hash{}
	}
	f := d.b[0]
	d.b = d.b[1:]
	if f == 0 {
		return Hash{}
	}
	if len(d.b) < 16 || f&^3 != 0 {
		d.err = true
		d.b = nil
		return Hash{}
	}
	var h Hash
	copy(h.Sum[:], d.b)
	d.b = d.b[16:]
	h.Set, h.Animated = true, f&2 != 0
	return h
}

// n reads a slice length, bounded by the bytes left (each element takes
// at least one byte), so corrupt input cannot make a huge allocation.
func (d *dec) n() int {
	v := d.u()
	if v > uint64(len(d.b)) {
		d.err = true
		d.b = nil
		return 0
	}
	return int(v)
}

// decIDs reads what ids wrote; an empty list is nil.
func decIDs[T ~uint64](d *dec) []T {
	n := d.n()
	if n == 0 {
		return nil
	}
	vs := make([]T, n)
	for i := range vs {
		vs[i] = T(d.u())
	}
	return vs
}

// strs reads what enc.strs wrote; an empty list is nil.
func (d *dec) strs() []string {
	n := d.n()
	if n == 0 {
		return nil
	}
	vs := make([]string, n)
	for i := range vs {
		vs[i] = d.s()
	}
	return vs
}

func (d *dec) done() error {
	if d.err || len(d.b) != 0 {
		return ErrCorrupt
	}
	return nil
}

func start(b []byte) *enc { return &enc{b: append(b, codecVersion)} }

// AppendBinary appends the record's binary form to b.
func (u *User) AppendBinary(b []byte) ([]byte, error) {
	e := start(b)
	e.u(uint64(u.ID))
	e.s(u.Username)
	e.s(u.GlobalName)
	e.u(uint64(u.Discriminator))
	e.h(u.Avatar)
	e.bools(u.Bot, u.System)
	e.u(uint64(u.PublicFlags))
	e.i(int64(u.Guilds))
	return e.b, nil
}

// UnmarshalBinary decodes what AppendBinary wrote.
func (u *User) UnmarshalBinary(b []byte) error {
	d := newDec(b)
	u.ID = model.UserID(d.u())
	u.Username = d.s()
	u.GlobalName = d.s()
	u.Discriminator = uint16(d.u())
	u.Avatar = d.h()
	d.bools(&u.Bot, &u.System)
	u.PublicFlags = model.UserFlags(d.u())
	u.Guilds = int32(d.i())
	return d.done()
}

// AppendBinary appends the record's binary form to b.
func (m *Member) AppendBinary(b []byte) ([]byte, error) {
	e := start(b)
	e.u(uint64(m.GuildID))
	e.u(uint64(m.UserID))
	e.s(m.Nick)
	e.h(m.Avatar)
	e.h(m.Banner)
	ids(e, m.Roles)
	e.t(m.JoinedAt)
	e.t(m.PremiumSince)
	e.t(m.CommunicationDisabledUntil)
	e.u(uint64(m.Flags))
	e.bools(m.Deaf, m.Mute, m.Pending)
	return e.b, nil
}

// UnmarshalBinary decodes what AppendBinary wrote.
func (m *Member) UnmarshalBinary(b []byte) error {
	d := newDec(b)
	m.GuildID = model.GuildID(d.u())
	m.UserID = model.UserID(d.u())
	m.Nick = d.s()
	m.Avatar = d.h()
	m.Banner = d.h()
	m.Roles = decIDs[model.RoleID](d)
	m.JoinedAt = d.t()
	m.PremiumSince = d.t()
	m.CommunicationDisabledUntil = d.t()
	m.Flags = model.MemberFlags(d.u())
	d.bools(&m.Deaf, &m.Mute, &m.Pending)
	return d.done()
}

// AppendBinary appends the record's binary form to b.
func (g *Guild) AppendBinary(b []byte) ([]byte, error) {
	e := start(b)
	e.u(uint64(g.ID))
	e.s(g.Name)
	e.h(g.Icon)
	e.h(g.Splash)
	e.h(g.DiscoverySplash)
	e.h(g.Banner)
	e.u(uint64(g.OwnerID))
	e.u(uint64(g.ApplicationID))
	e.u(uint64(g.AFKChannelID))
	e.i(int64(g.AFKTimeout))
	e.u(uint64(g.WidgetChannelID))
	e.u(uint64(g.SystemChannelID))
	e.u(uint64(g.SystemChannelFlags))
	e.u(uint64(g.RulesChannelID))
	e.u(uint64(g.PublicUpdatesChannelID))
	e.u(uint64(g.SafetyAlertsChannelID))
	e.i(int64(g.VerificationLevel))
	e.i(int64(g.DefaultMessageNotifications))
	e.i(int64(g.ExplicitContentFilter))
	e.i(int64(g.MFALevel))
	e.i(int64(g.NSFWLevel))
	e.i(int64(g.PremiumTier))
	e.i(int64(g.PremiumSubscriptionCount))
	e.strs(g.Features)
	e.s(g.PreferredLocale)
	e.s(g.Description)
	e.s(g.VanityURLCode)
	e.i(int64(g.MaxMembers))
	e.i(int64(g.MemberCount))
	e.t(g.JoinedAt)
	e.bools(g.WidgetEnabled, g.PremiumProgressBarEnabled, g.Large, g.Unavailable)
	return e.b, nil
}

// UnmarshalBinary decodes what AppendBinary wrote.
func (g *Guild) UnmarshalBinary(b []byte) error {
	d := newDec(b)
	g.ID = model.GuildID(d.u())
	g.Name = d.s()
	g.Icon = d.h()
	g.Splash = d.h()
	g.DiscoverySplash = d.h()
	g.Banner = d.h()
	g.OwnerID = model.UserID(d.u())
	g.ApplicationID = model.ApplicationID(d.u())
	g.AFKChannelID = model.ChannelID(d.u())
	g.AFKTimeout = int32(d.i())
	g.WidgetChannelID = model.ChannelID(d.u())
	g.SystemChannelID = model.ChannelID(d.u())
	g.SystemChannelFlags = model.SystemChannelFlags(d.u())
	g.RulesChannelID = model.ChannelID(d.u())
	g.PublicUpdatesChannelID = model.ChannelID(d.u())
	g.SafetyAlertsChannelID = model.ChannelID(d.u())
	g.VerificationLevel = model.VerificationLevel(d.i())
	g.DefaultMessageNotifications = model.NotificationLevel(d.i())
	g.ExplicitContentFilter = model.ExplicitContentFilter(d.i())
	g.MFALevel = model.MFALevel(d.i())
	g.NSFWLevel = model.NSFWLevel(d.i())
	g.PremiumTier = model.PremiumTier(d.i())
	g.PremiumSubscriptionCount = int32(d.i())
	g.Features = d.strs()
	g.PreferredLocale = d.s()
	g.Description = d.s()
	g.VanityURLCode = d.s()
	g.MaxMembers = int32(d.i())
	g.MemberCount = int32(d.i())
	g.JoinedAt = d.t()
	d.bools(&g.WidgetEnabled, &g.PremiumProgressBarEnabled, &g.Large, &g.Unavailable)
	return d.done()
}

// AppendBinary appends the record's binary form to b.
func (c *Channel) AppendBinary(b []byte) ([]byte, error) {
	e := start(b)
	e.u(uint64(c.ID))
	e.u(uint64(c.GuildID))
	e.i(int64(c.Type))
	e.s(c.Name)
	e.s(c.Topic)
	e.i(int64(c.Position))
	e.u(uint64(c.ParentID))
	e.i(int64(c.RateLimitPerUser))
	e.i(int64(c.Bitrate))
	e.i(int64(c.UserLimit))
	e.s(c.RTCRegion)
	e.u(uint64(c.Flags))
	e.u(uint64(c.LastMessageID))
	e.t(c.LastPinTimestamp)
	e.u(uint64(len(c.PermissionOverwrites)))
	for _, o := range c.PermissionOverwrites {
		e.u(uint64(o.ID))
		e.i(int64(o.Type))
		e.u(uint64(o.Allow))
		e.u(uint64(o.Deny))
	}
	e.u(uint64(c.OwnerID))
	e.i(int64(c.MessageCount))
	e.i(int64(c.MemberCount))
	e.i(int64(c.TotalMessageSent))
	e.i(int64(c.AutoArchiveDuration))
	e.t(c.ArchiveTimestamp)
	e.t(c.CreateTimestamp)
	ids(e, c.AppliedTags)
	e.bools(c.NSFW, c.Archived, c.Locked, c.Invitable)
	ids(e, c.Recipients)
	return e.b, nil
}

// UnmarshalBinary decodes what AppendBinary wrote.
func (c *Channel) UnmarshalBinary(b []byte) error {
	d := newDec(b)
	c.ID = model.ChannelID(d.u())
	c.GuildID = model.GuildID(d.u())
	c.Type = model.ChannelType(d.i())
	c.Name = d.s()
	c.Topic = d.s()
	c.Position = int32(d.i())
	c.ParentID = model.ChannelID(d.u())
	c.RateLimitPerUser = int32(d.i())
	c.Bitrate = int32(d.i())
	c.UserLimit = int32(d.i())
	c.RTCRegion = d.s()
	c.Flags = model.ChannelFlags(d.u())
	c.LastMessageID = model.MessageID(d.u())
	c.LastPinTimestamp = d.t()
	c.PermissionOverwrites = nil
	if n := d.n(); n > 0 {
		c.PermissionOverwrites = make([]model.PermissionOverwrite, n)
		for i := range c.PermissionOverwrites {
			o := &c.PermissionOverwrites[i]
			o.ID = model.Snowflake(d.u())
			o.Type = model.OverwriteType(d.i())
			o.Allow = model.Permissions(d.u())
			o.Deny = model.Permissions(d.u())
		}
	}
	c.OwnerID = model.UserID(d.u())
	c.MessageCount = int32(d.i())
	c.MemberCount = int32(d.i())
	c.TotalMessageSent = int32(d.i())
	c.AutoArchiveDuration = int32(d.i())
	c.ArchiveTimestamp = d.t()
	c.CreateTimestamp = d.t()
	c.AppliedTags = decIDs[uint64](d)
	d.bools(&c.NSFW, &c.Archived, &c.Locked, &c.Invitable)
	c.Recipients = decIDs[model.UserID](d)
	return d.done()
}

// AppendBinary appends the record's binary form to b.
func (r *Role) AppendBinary(b []byte) ([]byte, error) {
	e := start(b)
	e.u(uint64(r.ID))
	e.u(uint64(r.GuildID))
	e.s(r.Name)
	e.u(uint64(r.Color))
	e.h(r.Icon)
	e.s(r.UnicodeEmoji)
	e.i(int64(r.Position))
	e.u(uint64(r.Permissions))
	e.u(uint64(r.Flags))
	e.u(uint64(r.BotID))
	e.u(uint64(r.IntegrationID))
	e.bools(r.Hoist, r.Managed, r.Mentionable, r.PremiumSubscriber)
	return e.b, nil
}

// UnmarshalBinary decodes what AppendBinary wrote.
func (r *Role) UnmarshalBinary(b []byte) error {
	d := newDec(b)
	r.ID = model.RoleID(d.u())
	r.GuildID = model.GuildID(d.u())
	r.Name = d.s()
	r.Color = uint32(d.u())
	r.Icon = d.h()
	r.UnicodeEmoji = d.s()
	r.Position = int32(d.i())
	r.Permissions = model.Permissions(d.u())
	r.Flags = model.RoleFlags(d.u())
	r.BotID = model.UserID(d.u())
	r.IntegrationID = model.IntegrationID(d.u())
	d.bools(&r.Hoist, &r.Managed, &r.Mentionable, &r.PremiumSubscriber)
	return d.done()
}

// AppendBinary appends the record's binary form to b.
func (m *Emoji) AppendBinary(b []byte) ([]byte, error) {
	e := start(b)
	e.u(uint64(m.ID))
	e.u(uint64(m.GuildID))
	e.s(m.Name)
	ids(e, m.Roles)
	e.u(uint64(m.CreatorID))
	e.bools(m.RequireColons, m.Managed, m.Animated, m.Available)
	return e.b, nil
}

// UnmarshalBinary decodes what AppendBinary wrote.
func (m *Emoji) UnmarshalBinary(b []byte) error {
	d := newDec(b)
	m.ID = model.EmojiID(d.u())
	m.GuildID = model.GuildID(d.u())
	m.Name = d.s()
	m.Roles = decIDs[model.RoleID](d)
	m.CreatorID = model.UserID(d.u())
	d.bools(&m.RequireColons, &m.Managed, &m.Animated, &m.Available)
	return d.done()
}

// AppendBinary appends the record's binary form to b.
func (s *Sticker) AppendBinary(b []byte) ([]byte, error) {
	e := start(b)
	e.u(uint64(s.ID))
	e.u(uint64(s.GuildID))
	e.s(s.Name)
	e.s(s.Description)
	e.s(s.Tags)
	e.i(int64(s.Type))
	e.i(int64(s.FormatType))
	e.u(uint64(s.CreatorID))
	e.bools(s.Available)
	return e.b, nil
}

// AppendBinary appends the record's binary form to b.
func (s *ScheduledEvent) AppendBinary(b []byte) ([]byte, error) {
	e := start(b)
	e.u(uint64(s.ID))
	e.u(uint64(s.GuildID))
	e.u(uint64(s.ChannelID))
	e.u(uint64(s.CreatorID))
	e.s(s.Name)
	e.s(s.Description)
	e.t(s.ScheduledStartTime)
	e.t(s.ScheduledEndTime)
	e.i(int64(s.PrivacyLevel))
	e.i(int64(s.Status))
	e.i(int64(s.EntityType))
	e.u(uint64(s.EntityID))
	e.s(s.Location)
	e.h(s.Image)
	e.i(int64(s.UserCount))
	return e.b, nil
}

// UnmarshalBinary decodes what AppendBinary wrote.
func (s *ScheduledEvent) UnmarshalBinary(b []byte) error {
	d := newDec(b)
	s.ID = model.GuildScheduledEventID(d.u())
	s.GuildID = model.GuildID(d.u())
	s.ChannelID = model.ChannelID(d.u())
	s.CreatorID = model.UserID(d.u())
	s.Name = d.s()
	s.Description = d.s()
	s.ScheduledStartTime = d.t()
	s.ScheduledEndTime = d.t()
	s.PrivacyLevel = model.ScheduledEventPrivacyLevel(d.i())
	s.Status = model.ScheduledEventStatus(d.i())
	s.EntityType = model.ScheduledEventEntityType(d.i())
	s.EntityID = model.Snowflake(d.u())
	s.Location = d.s()
	s.Image = d.h()
	s.UserCount = int(d.i())
	return d.done()
}

// AppendBinary appends the record's binary form to b.
func (s *SoundboardSound) AppendBinary(b []byte) ([]byte, error) {
	e := start(b)
	e.u(uint64(s.SoundID))
	e.u(uint64(s.GuildID))
	e.s(s.Name)
	e.u(math.Float64bits(s.Volume))
	e.u(uint64(s.EmojiID))
	e.s(s.EmojiName)
	e.bools(s.Available)
	e.u(uint64(s.UserID))
	return e.b, nil
}

// UnmarshalBinary decodes what AppendBinary wrote.
func (s *SoundboardSound) UnmarshalBinary(b []byte) error {
	d := newDec(b)
	s.SoundID = model.SoundID(d.u())
	s.GuildID = model.GuildID(d.u())
	s.Name = d.s()
	s.Volume = math.Float64frombits(d.u())
	s.EmojiID = model.EmojiID(d.u())
	s.EmojiName = d.s()
	d.bools(&s.Available)
	s.UserID = model.UserID(d.u())
	return d.done()
}

// AppendBinary appends the record's binary form to b.
func (in *Integration) AppendBinary(b []byte) ([]byte, error) {
	e := start(b)
	e.u(uint64(in.ID))
	e.u(uint64(in.GuildID))
	e.s(in.Name)
	e.s(in.Type)
	e.u(uint64(in.RoleID))
	e.i(int64(in.ExpireBehavior))
	e.i(int64(in.ExpireGracePeriod))
	e.u(uint64(in.UserID))
	e.s(in.AccountID)
	e.s(in.AccountName)
	e.t(in.SyncedAt)
	e.i(int64(in.SubscriberCount))
	e.u(uint64(in.ApplicationID))
	e.strs(in.Scopes)
	e.bools(in.Enabled, in.Syncing, in.EnableEmoticons, in.Revoked)
	return e.b, nil
}

// UnmarshalBinary decodes what AppendBinary wrote.
func (in *Integration) UnmarshalBinary(b []byte) error {
	d := newDec(b)
	in.ID = model.IntegrationID(d.u())
	in.GuildID = model.GuildID(d.u())
	in.Name = d.s()
	in.Type = d.s()
	in.RoleID = model.RoleID(d.u())
	in.ExpireBehavior = int32(d.i())
	in.ExpireGracePeriod = int32(d.i())
	in.UserID = model.UserID(d.u())
	in.AccountID = d.s()
	in.AccountName = d.s()
	in.SyncedAt = d.t()
	in.SubscriberCount = int32(d.i())
	in.ApplicationID = model.ApplicationID(d.u())
	in.Scopes = d.strs()
	d.bools(&in.Enabled, &in.Syncing, &in.EnableEmoticons, &in.Revoked)
	return d.done()
}

// AppendBinary appends the record's binary form to b.
func (m *ThreadMember) AppendBinary(b []byte) ([]byte, error) {
	e := start(b)
	e.u(uint64(m.ThreadID))
	e.u(uint64(m.UserID))
	e.t(m.JoinTimestamp)
	e.i(int64(m.Flags))
	return e.b, nil
}

// UnmarshalBinary decodes what AppendBinary wrote.
func (m *ThreadMember) UnmarshalBinary(b []byte) error {
	d := newDec(b)
	m.ThreadID = model.ChannelID(d.u())
	m.UserID = model.UserID(d.u())
	m.JoinTimestamp = d.t()
	m.Flags = int32(d.i())
	return d.done()
}

// AppendBinary appends the record's binary form to b.
func (s *StageInstance) AppendBinary(b []byte) ([]byte, error) {
	e := start(b)
	e.u(uint64(s.ID))
	e.u(uint64(s.GuildID))
	e.u(uint64(s.ChannelID))
	e.s(s.Topic)
	e.i(int64(s.PrivacyLevel))
	e.u(uint64(s.GuildScheduledEventID))
	return e.b, nil
}

// UnmarshalBinary decodes what AppendBinary wrote.
func (s *StageInstance) UnmarshalBinary(b []byte) error {
	d := newDec(b)
	s.ID = model.StageInstanceID(d.u())
	s.GuildID = model.GuildID(d.u())
	s.ChannelID = model.ChannelID(d.u())
	s.Topic = d.s()
	s.PrivacyLevel = model.StagePrivacyLevel(d.i())
	s.GuildScheduledEventID = model.GuildScheduledEventID(d.u())
	return d.done()
}

// UnmarshalBinary decodes what AppendBinary wrote.
func (s *Sticker) UnmarshalBinary(b []byte) error {
	d := newDec(b)
	s.ID = model.StickerID(d.u())
	s.GuildID = model.GuildID(d.u())
	s.Name = d.s()
	s.Description = d.s()
	s.Tags = d.s()
	s.Type = model.StickerType(d.i())
	s.FormatType = model.StickerFormat(d.i())
	s.CreatorID = model.UserID(d.u())
	d.bools(&s.Available)
	return d.done()
}

// AppendBinary appends the record's binary form to b.
func (p *Presence) AppendBinary(b []byte) ([]byte, error) {
	e := start(b)
	e.u(uint64(p.GuildID))
	e.u(uint64(p.UserID))
	e.s(string(p.Status))
	e.s(string(p.ClientStatus.Desktop))
	e.s(string(p.ClientStatus.Mobile))
	e.s(string(p.ClientStatus.Web))
	e.u(uint64(len(p.Activities)))
	for i := range p.Activities {
		a := &p.Activities[i]
		e.s(a.Name)
		e.i(int64(a.Type))
		e.s(a.URL)
		e.s(a.State)
		e.s(a.Details)
		e.u(uint64(a.ApplicationID))
		e.t(a.CreatedAt)
		e.t(a.Start)
		e.t(a.End)
		e.s(a.EmojiName)
		e.u(uint64(a.EmojiID))
		e.u(uint64(a.Flags))
		e.bools(a.EmojiAnimated)
	}
	return e.b, nil
}

// UnmarshalBinary decodes what AppendBinary wrote.
func (p *Presence) UnmarshalBinary(b []byte) error {
	d := newDec(b)
	p.GuildID = model.GuildID(d.u())
	p.UserID = model.UserID(d.u())
	p.Status = model.Status(d.s())
	p.ClientStatus.Desktop = model.Status(d.s())
	p.ClientStatus.Mobile = model.Status(d.s())
	p.ClientStatus.Web = model.Status(d.s())
	p.Activities = nil
	if n := d.n(); n > 0 {
		p.Activities = make([]Activity, n)
		for i := range p.Activities {
			a := &p.Activities[i]
			a.Name = d.s()
			a.Type = model.ActivityType(d.i())
			a.URL = d.s()
			a.State = d.s()
			a.Details = d.s()
			a.ApplicationID = model.ApplicationID(d.u())
			a.CreatedAt = d.t()
			a.Start = d.t()
			a.End = d.t()
			a.EmojiName = d.s()
			a.EmojiID = model.EmojiID(d.u())
			a.Flags = model.ActivityFlags(d.u())
			d.bools(&a.EmojiAnimated)
		}
	}
	return d.done()
}

// AppendBinary appends the record's binary form to b.
func (v *VoiceState) AppendBinary(b []byte) ([]byte, error) {
	e := start(b)
	e.u(uint64(v.GuildID))
	e.u(uint64(v.UserID))
	e.u(uint64(v.ChannelID))
	e.s(v.SessionID)
	e.t(v.RequestToSpeakTimestamp)
	e.bools(v.Deaf, v.Mute, v.SelfDeaf, v.SelfMute, v.SelfStream, v.SelfVideo, v.Suppress)
	return e.b, nil
}

// UnmarshalBinary decodes what AppendBinary wrote.
func (v *VoiceState) UnmarshalBinary(b []byte) error {
	d := newDec(b)
	v.GuildID = model.GuildID(d.u())
	v.UserID = model.UserID(d.u())
	v.ChannelID = model.ChannelID(d.u())
	v.SessionID = d.s()
	v.RequestToSpeakTimestamp = d.t()
	d.bools(&v.Deaf, &v.Mute, &v.SelfDeaf, &v.SelfMute, &v.SelfStream, &v.SelfVideo, &v.Suppress)
	return d.done()
}

// AppendBinary appends the record's binary form to b.
func (m *Message) AppendBinary(b []byte) ([]byte, error) {
	e := start(b)
	e.u(uint64(m.ID))
	e.u(uint64(m.ChannelID))
	e.u(uint64(m.GuildID))
	a, _ := m.Author.AppendBinary(nil)
	e.s(string(a))
	e.u(uint64(m.WebhookID))
	e.i(int64(m.Type))
	e.s(m.Content)
	e.t(m.Timestamp)
	e.t(m.EditedTimestamp)
	e.u(uint64(m.Flags))
	ids(e, m.Mentions)
	ids(e, m.MentionRoles)
	e.u(uint64(len(m.Attachments)))
	for i := range m.Attachments {
		at := &m.Attachments[i]
		e.u(uint64(at.ID))
		e.s(at.Filename)
		e.s(at.Title)
		e.s(at.Description)
		e.s(at.ContentType)
		e.i(at.Size)
		e.s(at.URL)
		e.s(at.ProxyURL)
		e.i(int64(at.Height))
		e.i(int64(at.Width))
		e.s(at.Placeholder)
		e.i(int64(at.PlaceholderVersion))
		e.bools(at.Ephemeral)
		e.u(math.Float64bits(at.DurationSecs))
		e.s(at.Waveform)
		e.u(uint64(at.Flags))
		e.t(at.ClipCreatedAt)
		ids(e, at.ClipParticipants)
		e.u(uint64(at.ApplicationID))
	}
	e.i(int64(m.Embeds))
	e.u(uint64(len(m.Reactions)))
	for _, r := range m.Reactions {
		e.u(uint64(r.EmojiID))
		e.s(r.EmojiName)
		e.i(int64(r.Count))
		e.bools(r.Me)
	}
	e.i(int64(m.Reference.Type))
	e.u(uint64(m.Reference.MessageID))
	e.u(uint64(m.Reference.ChannelID))
	e.u(uint64(m.Reference.GuildID))
	e.bools(m.Reference.FailIfNotExists)
	e.bools(m.TTS, m.MentionEveryone, m.Pinned)
	e.s(m.EmbedsJSON)
	e.s(m.ComponentsJSON)
	e.s(m.StickersJSON)
	e.s(m.SnapshotsJSON)
	return e.b, nil
}

// UnmarshalBinary decodes what AppendBinary wrote.
func (m *Message) UnmarshalBinary(b []byte) error {
	d := newDec(b)
	m.ID = model.MessageID(d.u())
	m.ChannelID = model.ChannelID(d.u())
	m.GuildID = model.GuildID(d.u())
	if err := m.Author.UnmarshalBinary([]byte(d.s())); err != nil {
		return ErrCorrupt
	}
	m.WebhookID = model.WebhookID(d.u())
	m.Type = model.MessageType(d.i())
	m.Content = d.s()
	m.Timestamp = d.t()
	m.EditedTimestamp = d.t()
	m.Flags = model.MessageFlags(d.u())
	m.Mentions = decIDs[model.UserID](d)
	m.MentionRoles = decIDs[model.RoleID](d)
	m.Attachments = nil
	if n := d.n(); n > 0 {
		m.Attachments = make([]Attachment, n)
		for i := range m.Attachments {
			at := &m.Attachments[i]
			at.ID = model.AttachmentID(d.u())
			at.Filename = d.s()
			at.Title = d.s()
			at.Description = d.s()
			at.ContentType = d.s()
			at.Size = d.i()
			at.URL = d.s()
			at.ProxyURL = d.s()
			at.Height = int32(d.i())
			at.Width = int32(d.i())
			at.Placeholder = d.s()
			at.PlaceholderVersion = int32(d.i())
			d.bools(&at.Ephemeral)
			at.DurationSecs = math.Float64frombits(d.u())
			at.Waveform = d.s()
			at.Flags = model.AttachmentFlags(d.u())
			at.ClipCreatedAt = d.t()
			at.ClipParticipants = decIDs[model.UserID](d)
			at.ApplicationID = model.ApplicationID(d.u())
		}
	}
	m.Embeds = int32(d.i())
	m.Reactions = nil
	if n := d.n(); n > 0 {
		m.Reactions = make([]Reaction, n)
		for i := range m.Reactions {
			r := &m.Reactions[i]
			r.EmojiID = model.EmojiID(d.u())
			r.EmojiName = d.s()
			r.Count = int32(d.i())
			d.bools(&r.Me)
		}
	}
	m.Reference.Type = model.MessageReferenceType(d.i())
	m.Reference.MessageID = model.MessageID(d.u())
	m.Reference.ChannelID = model.ChannelID(d.u())
	m.Reference.GuildID = model.GuildID(d.u())
	d.bools(&m.Reference.FailIfNotExists)
	d.bools(&m.TTS, &m.MentionEveryone, &m.Pinned)
	m.EmbedsJSON = d.s()
	m.ComponentsJSON = d.s()
	m.StickersJSON = d.s()
	m.SnapshotsJSON = d.s()
	return d.done()
}
