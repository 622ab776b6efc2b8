package discordtest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/gloamdev/gloam/model"
)

// ErrInteractionFailed is wrapped by the error of an interaction the bot
// did not answer in time, or answered wrongly: what the user sees as
// "This interaction failed" in Discord's client.
var ErrInteractionFailed = errors.New("discordtest: this interaction failed")

// DefaultInteractionTimeout is how long after an interaction is created
// its initial response is accepted, as on Discord.
const DefaultInteractionTimeout = 3 * time.Second

// DefaultInteractionTokenLifetime is how long an interaction token works
// for follow-ups and for editing or deleting the original response, as
// on Discord.
const DefaultInteractionTokenLifetime = 15 * time.Minute

// Interaction is an interaction a simulated user made: what the bot
// received (the embedded model.Interaction) and, as it comes, what the
// bot answered. Its methods are safe for concurrent use.
type Interaction struct {
	model.Interaction
	s *Server
	d *interactionData
}

// InteractionResponse is the initial response of the bot to an
// interaction, from the callback route or from the HTTP endpoint's
// answer.
type InteractionResponse struct {
	Type model.InteractionCallbackType
	Data json.RawMessage // the callback's data as sent; nil when none
	At   time.Time       // when the answer came

	// Message is the message the response made or updated (types 4, 5
	// and 7); nil otherwise.
	Message *model.Message

	// Choices are the choices of an autocomplete result (type 8).
	Choices []model.ApplicationCommandChoice

	// Modal is the modal the bot opened (type 9); nil otherwise.
	Modal *Modal
}

// Modal is a modal the bot opened in answer to an interaction.
type Modal struct {
	CustomID   string            `json:"custom_id"`
	Title      string            `json:"title"`
	Components []model.Component `json:"components"`
}

// InteractionState is what the user sees of an interaction at one moment.
type InteractionState struct {
	// Response is the initial response; nil before there is one.
	Response *InteractionResponse

	// Original is the response message as it is now (with its edits);
	// nil when there is none or it was deleted.
	Original *model.Message

	// Edits are the original message after each edit, in order: edits of
	// @original through the webhook routes, and of a deferred response.
	Edits []model.Message

	// Followups are the follow-up messages as they are now, in the order
	// they were sent; deleted ones are left out.
	Followups []model.Message

	// Err wraps ErrInteractionFailed once the interaction failed: no
	// initial response within the deadline, or an HTTP endpoint that
	// answered with an error or an invalid response. Nil otherwise.
	Err error
}

// interactionData is an interaction the server made, with its answers.
// Its fields are guarded by restData.mu.
type interactionData struct {
	in        model.Interaction
	created   time.Time
	responses []InteractionResponse
	original  model.MessageID // the response message, once there is one
	origChan  model.ChannelID
	followups []msgRef
	edits     []model.Message
	failed    error
	deadline  *time.Timer
	changed   chan struct{} // closed and replaced on each change
	submitted bool          // its modal was submitted
	answering bool          // a callback is being carried out
}

// msgRef locates a stored message.
type msgRef struct {
	channel model.ChannelID
	id      model.MessageID
}

// changedLocked wakes the waiters; d.mu is held.
func (in *interactionData) changedLocked() {
	close(in.changed)
	in.changed = make(chan struct{})
}

// State returns what the user sees of the interaction now.
func (i *Interaction) State() InteractionState {
	d := i.s.rest.data
	d.mu.Lock()
	defer d.mu.Unlock()
	return i.stateLocked()
}

func (i *Interaction) stateLocked() InteractionState {
	d := i.s.rest.data
	in := i.d
	bot := i.s.World().Bot().ID
	var st InteractionState
	if len(in.responses) > 0 {
		r := in.responses[0]
		st.Response = &r
	}
	get := func(ch model.ChannelID, id model.MessageID) *model.Message {
		if cd := d.channels[ch]; cd != nil {
			if md := cd.byID[id]; md != nil {
				m := md.view(bot)
				return &m
			}
		}
		return nil
	}
	if in.original != 0 {
		st.Original = get(in.origChan, in.original)
	}
	st.Edits = slices.Clone(in.edits)
	for _, f := range in.followups {
		if m := get(f.channel, f.id); m != nil {
			st.Followups = append(st.Followups, *m)
		}
	}
	st.Err = in.failed
	return st
}

// WaitUntil waits until cond holds for the interaction's state, and
// returns that state. It returns early with the state and ctx's error
// when ctx is done.
func (i *Interaction) WaitUntil(ctx context.Context, cond func(InteractionState) bool) (InteractionState, error) {
	d := i.s.rest.data
	for {
		d.mu.Lock()
		st := i.stateLocked()
		ch := i.d.changed
		d.mu.Unlock()
		if cond(st) {
			return st, nil
		}
		select {
		case <-ctx.Done():
			return st, ctx.Err()
		case <-ch:
		}
	}
}

// Wait waits for the initial response. It returns an error wrapping
// ErrInteractionFailed when the interaction failed (no response within
// RESTOptions.InteractionTimeout, or a bad answer of the HTTP endpoint),
// and ctx's error when ctx is done first.
func (i *Interaction) Wait(ctx context.Context) (InteractionResponse, error) {
	st, err := i.WaitUntil(ctx, func(st InteractionState) bool { return st.Response != nil || st.Err != nil })
	switch {
	case err != nil:
		return InteractionResponse{}, err
	case st.Response != nil:
		return *st.Response, nil
	}
	return InteractionResponse{}, st.Err
}

// WaitFollowups waits until the bot has sent at least n follow-ups and
// returns them.
func (i *Interaction) WaitFollowups(ctx context.Context, n int) ([]model.Message, error) {
	d := i.s.rest.data
	st, err := i.WaitUntil(ctx, func(st InteractionState) bool {
		d.mu.Lock() // cond runs without the lock
		sent := len(i.d.followups)
		d.mu.Unlock()
		return sent >= n || st.Err != nil && st.Response == nil
	})
	if err == nil && st.Err != nil && st.Response == nil {
		err = st.Err
	}
	return st.Followups, err
}

// WaitEdit waits until the original response was edited at least n times
// and returns it as it is then.
func (i *Interaction) WaitEdit(ctx context.Context, n int) (model.Message, error) {
	st, err := i.WaitUntil(ctx, func(st InteractionState) bool {
		return len(st.Edits) >= n || st.Err != nil && st.Response == nil
	})
	if err == nil && st.Err != nil && len(st.Edits) < n {
		err = st.Err
	}
	if len(st.Edits) == 0 {
		return model.Message{}, err
	}
	return st.Edits[len(st.Edits)-1], err
}

// Interaction returns the interaction of that ID, or nil when the server
// made none.
func (s *Server) Interaction(id model.InteractionID) *Interaction {
	d := s.rest.data
	d.mu.Lock()
	defer d.mu.Unlock()
	in := d.interactions[id]
	if in == nil {
		return nil
	}
	return &Interaction{Interaction: in.in, s: s, d: in}
}

// InteractionResponses returns what the bot answered to an interaction:
// its initial response, or nil before there is one.
func (s *Server) InteractionResponses(id model.InteractionID) []InteractionResponse {
	d := s.rest.data
	d.mu.Lock()
	defer d.mu.Unlock()
	in := d.interactions[id]
	if in == nil {
		return nil
	}
	return slices.Clone(in.responses)
}

// interactionTimeout is the deadline of initial responses; 0: none.
func (rs *restState) interactionTimeout() time.Duration {
	switch t := rs.opts.InteractionTimeout; {
	case t == 0:
		return DefaultInteractionTimeout
	case t < 0:
		return 0
	default:
		return t
	}
}

// tokenLifetime is how long interaction tokens work.
func (rs *restState) tokenLifetime() time.Duration {
	if t := rs.opts.InteractionTokenLifetime; t > 0 {
		return t
	}
	return DefaultInteractionTokenLifetime
}

// start records a new interaction, arms its deadline and delivers it to
// the bot: to the HTTP interactions endpoint when one is set, else as
// INTERACTION_CREATE on the gateway.
func (s *Server) start(in model.Interaction) (*Interaction, error) {
	d := s.rest.data
	id := &interactionData{in: in, created: time.Now(), changed: make(chan struct{})}
	d.mu.Lock()
	d.interactions[in.ID] = id
	d.byToken[in.Token] = id
	if t := s.rest.interactionTimeout(); t > 0 {
		id.deadline = time.AfterFunc(t, func() {
			d.mu.Lock()
			defer d.mu.Unlock()
			if len(id.responses) == 0 && id.failed == nil {
				id.failed = fmt.Errorf("%w: no response within %v", ErrInteractionFailed, t)
				id.changedLocked()
			}
		})
	}
	d.mu.Unlock()
	h := &Interaction{Interaction: in, s: s, d: id}
	if url := s.ix.endpointURL(); url != "" {
		s.ix.deliver(s, url, h)
		return h, nil
	}
	var err error
	if in.GuildID != 0 {
		err = s.DispatchGuild(in.GuildID, "INTERACTION_CREATE", in)
	} else {
		err = s.Dispatch(0, "INTERACTION_CREATE", in)
	}
	return h, err
}

// fail marks an interaction as failed, once.
func (s *Server) failInteraction(id *interactionData, err error) {
	d := s.rest.data
	d.mu.Lock()
	defer d.mu.Unlock()
	if id.failed == nil && len(id.responses) == 0 {
		id.failed = fmt.Errorf("%w: %w", ErrInteractionFailed, err)
		id.changedLocked()
	}
}

// stopInteractions stops the deadline timers, for Close.
func (s *Server) stopInteractions() {
	d := s.rest.data
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, in := range d.interactions {
		if in.deadline != nil {
			in.deadline.Stop()
		}
	}
}
