package rest

import (
	"context"

	"github.com/gloamdev/gloam/model"
)

var (
	rScheduledEvents           = route("GET", "/guilds/{guild_id}/scheduled-events")
	rScheduledEvent            = route("GET", "/guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}")
	rCreateScheduledEvent      = route("POST", "/guilds/{guild_id}/scheduled-events")
	rModifyScheduledEvent      = route("PATCH", "/guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}")
	rDeleteScheduledEvent      = route("DELETE", "/guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}")
	rScheduledEventUsers       = route("GET", "/guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}/users")
	rCreateException           = route("POST", "/guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}/exceptions")
	rModifyException           = route("PATCH", "/guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}/exceptions/{exception_id}")
	rDeleteException           = route("DELETE", "/guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}/exceptions/{exception_id}")
	rScheduledEventUserCounts  = route("GET", "/guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}/users/counts")
	rScheduledEventExceptUsers = route("GET", "/guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}/{guild_scheduled_event_exception_id}/users")
)

// ScheduledEventsQuery asks for the number of interested users with each
// event.
type ScheduledEventsQuery struct {
	WithUserCount bool `query:"with_user_count"`
}

// ScheduledEvents lists a guild's scheduled events.
func (c *Client) ScheduledEvents(ctx context.Context, guild model.GuildID, q *ScheduledEventsQuery, opts ...RequestOption) ([]model.ScheduledEvent, error) {
	return list[model.ScheduledEvent](ctx, c, rScheduledEvents, path(guild), q, nil, opts)
}

// ScheduledEvent gets a scheduled event.
func (c *Client) ScheduledEvent(ctx context.Context, guild model.GuildID, id model.GuildScheduledEventID, q *ScheduledEventsQuery, opts ...RequestOption) (*model.ScheduledEvent, error) {
	return fetch[model.ScheduledEvent](ctx, c, rScheduledEvent, path(guild, id), q, nil, opts)
}

// ScheduledEventLocation is where an external scheduled event happens.
type ScheduledEventLocation struct {
	Location string `json:"location,omitempty"` // 1..100 characters
}

// ScheduledEventCreate is a new scheduled event: in a stage or voice
// channel (ChannelID), or elsewhere (EntityType external, with
// EntityMetadata and ScheduledEndTime).
type ScheduledEventCreate struct {
	ChannelID          model.ChannelID                  `json:"channel_id,omitzero"`
	EntityMetadata     *ScheduledEventLocation          `json:"entity_metadata,omitempty"`
	Name               string                           `json:"name"`
	PrivacyLevel       model.ScheduledEventPrivacyLevel `json:"privacy_level"`
	ScheduledStartTime model.Timestamp                  `json:"scheduled_start_time"`
	ScheduledEndTime   *model.Timestamp                 `json:"scheduled_end_time,omitempty"`
	Description        string                           `json:"description,omitempty"`
	EntityType         model.ScheduledEventEntityType   `json:"entity_type"`
	Image              string                           `json:"image,omitempty"` // data URI
	RecurrenceRule     *model.RecurrenceRule            `json:"recurrence_rule,omitempty"`
}

// CreateScheduledEvent creates a scheduled event. A zero PrivacyLevel is
// sent as GUILD_ONLY, the only level Discord accepts.
func (c *Client) CreateScheduledEvent(ctx context.Context, guild model.GuildID, e *ScheduledEventCreate, opts ...RequestOption) (*model.ScheduledEvent, error) {
	if e.Name == "" {
		return nil, &ValidationError{Field: "name", Reason: "empty"}
	}
	if err := tooLong("name", e.Name, 100); err != nil {
		return nil, err
	}
	if err := tooLong("description", e.Description, 1000); err != nil {
		return nil, err
	}
	if e.PrivacyLevel == 0 {
		cp := *e
		cp.PrivacyLevel = model.ScheduledEventPrivacyGuildOnly
		e = &cp
	}
	return fetch[model.ScheduledEvent](ctx, c, rCreateScheduledEvent, path(guild), nil, e, opts)
}

// ScheduledEventModify changes a scheduled event, or starts, ends or
// cancels it through Status; fields left out stay as they are, and Null
// clears the ones Discord lets a request clear (a Null ChannelID with
// EntityType external moves the event out of its channel).
type ScheduledEventModify struct {
	ChannelID          Nullable[model.ChannelID]         `json:"channel_id,omitzero"`
	EntityMetadata     Nullable[ScheduledEventLocation]  `json:"entity_metadata,omitzero"`
	Name               *string                           `json:"name,omitempty"`
	PrivacyLevel       *model.ScheduledEventPrivacyLevel `json:"privacy_level,omitempty"`
	ScheduledStartTime *model.Timestamp                  `json:"scheduled_start_time,omitempty"`
	ScheduledEndTime   Nullable[model.Timestamp]         `json:"scheduled_end_time,omitzero"`
	Description        Nullable[string]                  `json:"description,omitzero"`
	EntityType         *model.ScheduledEventEntityType   `json:"entity_type,omitempty"`
	Status             *model.ScheduledEventStatus       `json:"status,omitempty"`
	Image              Nullable[string]                  `json:"image,omitzero"` // data URI
	RecurrenceRule     Nullable[model.RecurrenceRule]    `json:"recurrence_rule,omitzero"`
}

// ModifyScheduledEvent changes a scheduled event.
func (c *Client) ModifyScheduledEvent(ctx context.Context, guild model.GuildID, id model.GuildScheduledEventID, e *ScheduledEventModify, opts ...RequestOption) (*model.ScheduledEvent, error) {
	if e.Name != nil {
		if err := tooLong("name", *e.Name, 100); err != nil {
			return nil, err
		}
	}
	if d, ok := e.Description.Get(); ok {
		if err := tooLong("description", d, 1000); err != nil {
			return nil, err
		}
	}
	return fetch[model.ScheduledEvent](ctx, c, rModifyScheduledEvent, path(guild, id), nil, e, opts)
}

// DeleteScheduledEvent deletes a scheduled event.
func (c *Client) DeleteScheduledEvent(ctx context.Context, guild model.GuildID, id model.GuildScheduledEventID, opts ...RequestOption) error {
	return c.call(ctx, rDeleteScheduledEvent, path(guild, id), nil, nil, nil, opts)
}

// ScheduledEventUsersQuery pages through the users interested in an
// event in user ID order: Before or After a user ID, Limit 1..100 (zero:
// 100), WithMember for their guild members.
type ScheduledEventUsersQuery struct {
	WithMember bool         `query:"with_member"`
	Limit      int          `query:"limit" range:"1,100"`
	Before     model.UserID `query:"before"`
	After      model.UserID `query:"after"`
}

// ScheduledEventUsers lists a page of the users interested in an event.
func (c *Client) ScheduledEventUsers(ctx context.Context, guild model.GuildID, id model.GuildScheduledEventID, q *ScheduledEventUsersQuery, opts ...RequestOption) ([]model.ScheduledEventUser, error) {
	return list[model.ScheduledEventUser](ctx, c, rScheduledEventUsers, path(guild, id), q, nil, opts)
}

// ScheduledEventExceptionUsers lists a page of the users interested in
// one occurrence of a recurring event.
func (c *Client) ScheduledEventExceptionUsers(ctx context.Context, guild model.GuildID, id model.GuildScheduledEventID, exception model.Snowflake, q *ScheduledEventUsersQuery, opts ...RequestOption) ([]model.ScheduledEventUser, error) {
	return list[model.ScheduledEventUser](ctx, c, rScheduledEventExceptUsers, path(guild, id, exception), q, nil, opts)
}

// ScheduledEventUserCountsQuery names the exceptions whose users to
// count too.
type ScheduledEventUserCountsQuery struct {
	ExceptionIDs []model.Snowflake `query:"guild_scheduled_event_exception_ids"`
}

// ScheduledEventUserCounts are the numbers of users interested in an
// event and in some of its occurrences.
type ScheduledEventUserCounts struct {
	Event      int                     `json:"guild_scheduled_event_count"`
	Exceptions map[model.Snowflake]int `json:"guild_scheduled_event_exception_counts"`
}

// ScheduledEventUserCounts counts the users interested in an event and
// in the exceptions q names.
func (c *Client) ScheduledEventUserCounts(ctx context.Context, guild model.GuildID, id model.GuildScheduledEventID, q *ScheduledEventUserCountsQuery, opts ...RequestOption) (*ScheduledEventUserCounts, error) {
	return fetch[ScheduledEventUserCounts](ctx, c, rScheduledEventUserCounts, path(guild, id), q, nil, opts)
}

// ScheduledEventExceptionCreate moves or cancels the occurrence of a
// recurring event that was to start at OriginalScheduledStartTime.
type ScheduledEventExceptionCreate struct {
	OriginalScheduledStartTime model.Timestamp  `json:"original_scheduled_start_time"`
	ScheduledStartTime         *model.Timestamp `json:"scheduled_start_time,omitempty"`
	ScheduledEndTime           *model.Timestamp `json:"scheduled_end_time,omitempty"`
	IsCanceled                 bool             `json:"is_canceled,omitempty"`
}

// CreateScheduledEventException changes one occurrence of a recurring
// event.
func (c *Client) CreateScheduledEventException(ctx context.Context, guild model.GuildID, id model.GuildScheduledEventID, e *ScheduledEventExceptionCreate, opts ...RequestOption) (*model.ScheduledEventException, error) {
	return fetch[model.ScheduledEventException](ctx, c, rCreateException, path(guild, id), nil, e, opts)
}

// ScheduledEventExceptionModify changes an exception; fields left out
// stay as they are, and Null restores the occurrence's original times.
type ScheduledEventExceptionModify struct {
	ScheduledStartTime Nullable[model.Timestamp] `json:"scheduled_start_time,omitzero"`
	ScheduledEndTime   Nullable[model.Timestamp] `json:"scheduled_end_time,omitzero"`
	IsCanceled         Nullable[bool]            `json:"is_canceled,omitzero"`
}

// ModifyScheduledEventException changes an exception of a recurring
// event.
func (c *Client) ModifyScheduledEventException(ctx context.Context, guild model.GuildID, id model.GuildScheduledEventID, exception model.Snowflake, e *ScheduledEventExceptionModify, opts ...RequestOption) (*model.ScheduledEventException, error) {
	return fetch[model.ScheduledEventException](ctx, c, rModifyException, path(guild, id, exception), nil, e, opts)
}

// DeleteScheduledEventException removes an exception of a recurring
// event: the occurrence happens as first scheduled.
func (c *Client) DeleteScheduledEventException(ctx context.Context, guild model.GuildID, id model.GuildScheduledEventID, exception model.Snowflake, opts ...RequestOption) error {
	return c.call(ctx, rDeleteException, path(guild, id, exception), nil, nil, nil, opts)
}
