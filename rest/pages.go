package rest

import (
	"cmp"
	"context"
	"iter"
	"slices"
	"time"

	"github.com/gloamdev/gloam/model"
)

// The All* methods walk every page of a paginated list. Each takes the
// query of its one-page method: its cursor (Before or After) is where
// the walk starts and sets its direction, its Limit is the page size
// (zero: the largest Discord allows). most bounds the number of items
// yielded (zero: no bound), and the last page asks for no more than it
// needs. The walk stops at the first error, which it yields, when ctx is
// done, when Discord has no more, or when the loop breaks; every page is
// an ordinary request, within the rate limits.

// walk yields the items of the pages page returns, asking each for at
// most limit items, until page says there are no more.
func walk[T any](ctx context.Context, most, pageSize int, page func(limit int) ([]T, bool, error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		n := 0
		for {
			if err := ctx.Err(); err != nil {
				yield(zero, err)
				return
			}
			limit := pageSize
			if most > 0 && most-n < limit {
				limit = most - n
			}
			items, more, err := page(limit)
			if err != nil {
				yield(zero, err)
				return
			}
			for _, it := range items {
				if !yield(it, nil) {
					return
				}
				if n++; most > 0 && n >= most {
					return
				}
			}
			if !more || len(items) == 0 {
				return
			}
		}
	}
}

// order sorts a page by key, ascending or descending, drops the items
// that are not past from (the cursor the page was asked from; zero: none)
// so that a server that ignores the cursor cannot make a walk repeat
// itself or loop, and returns the key of the last item: the cursor of the
// next page (from again when nothing is left).
func order[T any, K cmp.Ordered](items *[]T, key func(*T) K, ascending bool, from K) K {
	var zero K
	s := *items
	if from != zero {
		s = slices.DeleteFunc(s, func(it T) bool {
			k := key(&it)
			return (ascending && k <= from) || (!ascending && k >= from)
		})
	}
	slices.SortFunc(s, func(a, b T) int {
		if ascending {
			return cmp.Compare(key(&a), key(&b))
		}
		return cmp.Compare(key(&b), key(&a))
	})
	*items = s
	if len(s) == 0 {
		return from
	}
	return key(&s[len(s)-1])
}

// advance orders a page of a walk that runs forward from *after or
// backward from *before, and moves that cursor past the page.
func advance[T any, K cmp.Ordered](items *[]T, key func(*T) K, forward bool, after, before *K) {
	if forward {
		*after = order(items, key, true, *after)
	} else {
		*before = order(items, key, false, *before)
	}
}

// backInTime orders a page of a walk that runs back in time from *before,
// most recent first by key (Unix nanoseconds), and moves *before to the
// time of the page's last item.
func backInTime[T any](items *[]T, key func(*T) int64, before *time.Time) {
	last := order(items, key, false, nanos(*before))
	if len(*items) > 0 {
		*before = timeOfNanos(last)
	}
}

func nanos(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixNano()
}

func pageSize(limit, largest int) int {
	if limit <= 0 || limit > largest {
		return largest
	}
	return limit
}

// AllMembers walks a guild's members in user ID order, from q.After.
func (c *Client) AllMembers(ctx context.Context, guild model.GuildID, q *MembersQuery, most int, opts ...RequestOption) iter.Seq2[model.Member, error] {
	var p MembersQuery
	if q != nil {
		p = *q
	}
	return walk(ctx, most, pageSize(p.Limit, 1000), func(limit int) ([]model.Member, bool, error) {
		p.Limit = limit
		items, err := c.Members(ctx, guild, &p, opts...)
		if err != nil {
			return nil, false, err
		}
		p.After = order(&items, func(m *model.Member) model.UserID { return m.User.ID }, true, p.After)
		return items, len(items) == limit, nil
	})
}

// AllMessages walks a channel's messages: from q.After toward the newest,
// oldest first; otherwise from q.Before (zero: the newest) toward the
// oldest, newest first. q.Around is not a walk and is refused.
func (c *Client) AllMessages(ctx context.Context, channel model.ChannelID, q *MessagesQuery, most int, opts ...RequestOption) iter.Seq2[model.Message, error] {
	var p MessagesQuery
	if q != nil {
		p = *q
	}
	if !p.Around.IsZero() || (!p.Before.IsZero() && !p.After.IsZero()) {
		return walk(ctx, most, 1, func(int) ([]model.Message, bool, error) {
			return nil, false, &ValidationError{Field: "around", Reason: "a walk goes from one of before and after"}
		})
	}
	forward := !p.After.IsZero()
	return walk(ctx, most, pageSize(p.Limit, 100), func(limit int) ([]model.Message, bool, error) {
		p.Limit = limit
		items, err := c.Messages(ctx, channel, &p, opts...)
		if err != nil {
			return nil, false, err
		}
		advance(&items, func(m *model.Message) model.MessageID { return m.ID }, forward, &p.After, &p.Before)
		return items, len(items) == limit, nil
	})
}

// AllBans walks a guild's bans in user ID order: from q.After upward,
// or from q.Before downward.
func (c *Client) AllBans(ctx context.Context, guild model.GuildID, q *BansQuery, most int, opts ...RequestOption) iter.Seq2[model.Ban, error] {
	var p BansQuery
	if q != nil {
		p = *q
	}
	backward := !p.Before.IsZero() && p.After.IsZero()
	return walk(ctx, most, pageSize(p.Limit, 1000), func(limit int) ([]model.Ban, bool, error) {
		p.Limit = limit
		items, err := c.Bans(ctx, guild, &p, opts...)
		if err != nil {
			return nil, false, err
		}
		advance(&items, func(b *model.Ban) model.UserID { return b.User.ID }, !backward, &p.After, &p.Before)
		return items, len(items) == limit, nil
	})
}

// AllAuditLogEntries walks a guild's audit log with q's filters: from
// q.Before (zero: the newest) toward the oldest, newest first, or from
// q.After toward the newest, oldest first.
func (c *Client) AllAuditLogEntries(ctx context.Context, guild model.GuildID, q *AuditLogQuery, most int, opts ...RequestOption) iter.Seq2[model.AuditLogEntry, error] {
	var p AuditLogQuery
	if q != nil {
		p = *q
	}
	forward := !p.After.IsZero() && p.Before.IsZero()
	return walk(ctx, most, pageSize(p.Limit, 100), func(limit int) ([]model.AuditLogEntry, bool, error) {
		p.Limit = limit
		log, err := c.AuditLog(ctx, guild, &p, opts...)
		if err != nil {
			return nil, false, err
		}
		items := log.AuditLogEntries
		advance(&items, func(e *model.AuditLogEntry) model.AuditLogEntryID { return e.ID }, forward, &p.After, &p.Before)
		return items, len(items) == limit, nil
	})
}

// AllReactions walks the users who reacted with emoji, in user ID
// order, from q.After.
func (c *Client) AllReactions(ctx context.Context, channel model.ChannelID, msg model.MessageID, emoji string, q *ReactionsQuery, most int, opts ...RequestOption) iter.Seq2[model.User, error] {
	var p ReactionsQuery
	if q != nil {
		p = *q
	}
	return walk(ctx, most, pageSize(p.Limit, 100), func(limit int) ([]model.User, bool, error) {
		p.Limit = limit
		items, err := c.Reactions(ctx, channel, msg, emoji, &p, opts...)
		if err != nil {
			return nil, false, err
		}
		p.After = order(&items, func(u *model.User) model.UserID { return u.ID }, true, p.After)
		return items, len(items) == limit, nil
	})
}

// AllPollVoters walks the users who voted for an answer, in user ID
// order, from q.After.
func (c *Client) AllPollVoters(ctx context.Context, channel model.ChannelID, msg model.MessageID, answer int, q *PollVotersQuery, most int, opts ...RequestOption) iter.Seq2[model.User, error] {
	var p PollVotersQuery
	if q != nil {
		p = *q
	}
	return walk(ctx, most, pageSize(p.Limit, 100), func(limit int) ([]model.User, bool, error) {
		p.Limit = limit
		items, err := c.PollVoters(ctx, channel, msg, answer, &p, opts...)
		if err != nil {
			return nil, false, err
		}
		p.After = order(&items, func(u *model.User) model.UserID { return u.ID }, true, p.After)
		return items, len(items) == limit, nil
	})
}

// AllThreadMembers walks a thread's members in user ID order, from
// q.After, each with its guild member: the walk always asks with
// with_member=true, whatever q.WithMember says, since Discord (before API
// v11) pages thread members only then and otherwise answers every member
// at once, past q.Limit and most.
func (c *Client) AllThreadMembers(ctx context.Context, thread model.ChannelID, q *ThreadMembersQuery, most int, opts ...RequestOption) iter.Seq2[model.ThreadMember, error] {
	var p ThreadMembersQuery
	if q != nil {
		p = *q
	}
	p.WithMember = true
	return walk(ctx, most, pageSize(p.Limit, 100), func(limit int) ([]model.ThreadMember, bool, error) {
		p.Limit = limit
		items, err := c.ThreadMembers(ctx, thread, &p, opts...)
		if err != nil {
			return nil, false, err
		}
		p.After = order(&items, func(m *model.ThreadMember) model.UserID { return m.UserID }, true, p.After)
		return items, len(items) == limit, nil
	})
}

// archivedWalk walks archived threads through page, most recently
// archived first.
func archivedWalk(ctx context.Context, q *ArchivedThreadsQuery, most int, page func(*ArchivedThreadsQuery) (*ThreadList, error)) iter.Seq2[model.Channel, error] {
	var p ArchivedThreadsQuery
	if q != nil {
		p = *q
	}
	return walk(ctx, most, pageSize(p.Limit, 100), func(limit int) ([]model.Channel, bool, error) {
		p.Limit = max(limit, 2) // Discord's least
		l, err := page(&p)
		if err != nil {
			return nil, false, err
		}
		items := l.Threads
		backInTime(&items, func(ch *model.Channel) int64 {
			if ch.ThreadMetadata == nil {
				return 0
			}
			return ch.ThreadMetadata.ArchiveTimestamp.UnixNano()
		}, &p.Before)
		return items, l.HasMore && len(items) > 0, nil
	})
}

// AllPublicArchivedThreads walks a channel's archived public threads,
// most recently archived first, from q.Before.
func (c *Client) AllPublicArchivedThreads(ctx context.Context, channel model.ChannelID, q *ArchivedThreadsQuery, most int, opts ...RequestOption) iter.Seq2[model.Channel, error] {
	return archivedWalk(ctx, q, most, func(p *ArchivedThreadsQuery) (*ThreadList, error) {
		return c.PublicArchivedThreads(ctx, channel, p, opts...)
	})
}

// AllPrivateArchivedThreads walks a channel's archived private threads,
// most recently archived first, from q.Before.
func (c *Client) AllPrivateArchivedThreads(ctx context.Context, channel model.ChannelID, q *ArchivedThreadsQuery, most int, opts ...RequestOption) iter.Seq2[model.Channel, error] {
	return archivedWalk(ctx, q, most, func(p *ArchivedThreadsQuery) (*ThreadList, error) {
		return c.PrivateArchivedThreads(ctx, channel, p, opts...)
	})
}

// AllJoinedPrivateArchivedThreads walks the archived private threads the
// bot has joined, newest thread first, from q.Before.
func (c *Client) AllJoinedPrivateArchivedThreads(ctx context.Context, channel model.ChannelID, q *JoinedArchivedThreadsQuery, most int, opts ...RequestOption) iter.Seq2[model.Channel, error] {
	var p JoinedArchivedThreadsQuery
	if q != nil {
		p = *q
	}
	return walk(ctx, most, pageSize(p.Limit, 100), func(limit int) ([]model.Channel, bool, error) {
		p.Limit = max(limit, 2)
		l, err := c.JoinedPrivateArchivedThreads(ctx, channel, &p, opts...)
		if err != nil {
			return nil, false, err
		}
		items := l.Threads
		p.Before = order(&items, func(ch *model.Channel) model.ChannelID { return ch.ID }, false, p.Before)
		return items, l.HasMore && len(items) > 0, nil
	})
}

// AllEntitlements walks an application's entitlements with q's filters,
// in ID order: from q.After upward, or from q.Before downward.
func (c *Client) AllEntitlements(ctx context.Context, app model.ApplicationID, q *EntitlementsQuery, most int, opts ...RequestOption) iter.Seq2[model.Entitlement, error] {
	var p EntitlementsQuery
	if q != nil {
		p = *q
	}
	backward := !p.Before.IsZero() && p.After.IsZero()
	return walk(ctx, most, pageSize(p.Limit, 100), func(limit int) ([]model.Entitlement, bool, error) {
		p.Limit = limit
		items, err := c.Entitlements(ctx, app, &p, opts...)
		if err != nil {
			return nil, false, err
		}
		advance(&items, func(e *model.Entitlement) model.EntitlementID { return e.ID }, !backward, &p.After, &p.Before)
		return items, len(items) == limit, nil
	})
}

// AllSKUSubscriptions walks the subscriptions to a SKU in ID order: from
// q.After upward, or from q.Before downward.
func (c *Client) AllSKUSubscriptions(ctx context.Context, sku model.SKUID, q *SubscriptionsQuery, most int, opts ...RequestOption) iter.Seq2[model.Subscription, error] {
	var p SubscriptionsQuery
	if q != nil {
		p = *q
	}
	backward := !p.Before.IsZero() && p.After.IsZero()
	return walk(ctx, most, pageSize(p.Limit, 100), func(limit int) ([]model.Subscription, bool, error) {
		p.Limit = limit
		items, err := c.SKUSubscriptions(ctx, sku, &p, opts...)
		if err != nil {
			return nil, false, err
		}
		advance(&items, func(s *model.Subscription) model.Snowflake { return s.ID }, !backward, &p.After, &p.Before)
		return items, len(items) == limit, nil
	})
}

// AllScheduledEventUsers walks the users interested in an event in user
// ID order: from q.After upward, or from q.Before downward.
func (c *Client) AllScheduledEventUsers(ctx context.Context, guild model.GuildID, id model.GuildScheduledEventID, q *ScheduledEventUsersQuery, most int, opts ...RequestOption) iter.Seq2[model.ScheduledEventUser, error] {
	var p ScheduledEventUsersQuery
	if q != nil {
		p = *q
	}
	backward := !p.Before.IsZero() && p.After.IsZero()
	return walk(ctx, most, pageSize(p.Limit, 100), func(limit int) ([]model.ScheduledEventUser, bool, error) {
		p.Limit = limit
		items, err := c.ScheduledEventUsers(ctx, guild, id, &p, opts...)
		if err != nil {
			return nil, false, err
		}
		advance(&items, func(u *model.ScheduledEventUser) model.UserID { return u.User.ID }, !backward, &p.After, &p.Before)
		return items, len(items) == limit, nil
	})
}

// AllMyGuilds walks the guilds of the token's user in guild ID order:
// from q.After upward, or from q.Before downward.
func (c *Client) AllMyGuilds(ctx context.Context, q *GuildsQuery, most int, opts ...RequestOption) iter.Seq2[model.PartialGuild, error] {
	var p GuildsQuery
	if q != nil {
		p = *q
	}
	backward := !p.Before.IsZero() && p.After.IsZero()
	return walk(ctx, most, pageSize(p.Limit, 200), func(limit int) ([]model.PartialGuild, bool, error) {
		p.Limit = limit
		items, err := c.MyGuilds(ctx, &p, opts...)
		if err != nil {
			return nil, false, err
		}
		advance(&items, func(g *model.PartialGuild) model.GuildID { return g.ID }, !backward, &p.After, &p.Before)
		return items, len(items) == limit, nil
	})
}

// AllPins walks a channel's pinned messages, most recently pinned first,
// from q.Before.
func (c *Client) AllPins(ctx context.Context, channel model.ChannelID, q *PinsQuery, most int, opts ...RequestOption) iter.Seq2[Pin, error] {
	var p PinsQuery
	if q != nil {
		p = *q
	}
	return walk(ctx, most, pageSize(p.Limit, 50), func(limit int) ([]Pin, bool, error) {
		p.Limit = limit
		l, err := c.ListPins(ctx, channel, &p, opts...)
		if err != nil {
			return nil, false, err
		}
		items := l.Items
		backInTime(&items, func(pin *Pin) int64 { return pin.PinnedAt.UnixNano() }, &p.Before)
		return items, l.HasMore && len(items) > 0, nil
	})
}

func timeOfNanos(n int64) time.Time { return time.Unix(0, n).UTC() }
