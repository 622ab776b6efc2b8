package interaction

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/rest"
)

// Discord's windows for answering an interaction.
const (
	// Deadline is how long after an interaction Discord accepts its
	// initial response.
	Deadline = 3 * time.Second
	// TokenLifetime is how long an interaction's token works for
	// follow-ups and edits.
	TokenLifetime = 15 * time.Minute
)

// Errors an AnswerError wraps, for errors.Is.
var (
	// ErrAnswered: the interaction already has its initial response.
	ErrAnswered = errors.New("already answered")
	// ErrExpired: Discord's window for this answer has closed (3 s for
	// the initial response, 15 min for the rest).
	ErrExpired = errors.New("too late to answer")
	// ErrNotAnswered: a follow-up or edit needs an initial response first.
	ErrNotAnswered = errors.New("not answered yet")
)

// AnswerError is returned when an answer is not allowed: twice, too late,
// or a follow-up before the initial response. Nothing was sent.
type AnswerError struct {
	Op    string        // what was tried: "reply", "defer", "update", "modal", "suggest", "followup", "edit"
	Prior string        // for ErrAnswered, how the interaction was answered
	Age   time.Duration // how long after the interaction arrived
	Err   error         // ErrAnswered, ErrExpired or ErrNotAnswered
}

func (e *AnswerError) Error() string {
	s := "interaction: " + e.Op + ": " + e.Err.Error()
	if e.Prior != "" {
		s += " (" + e.Prior + ")"
	}
	return s + fmt.Sprintf(" %.1fs after it arrived", e.Age.Seconds())
}

// Unwrap returns Err.
func (e *AnswerError) Unwrap() error { return e.Err }

var callbackNames = map[model.InteractionCallbackType]string{
	model.CallbackMessage: "with a message", model.CallbackDeferredMessage: "deferred",
	model.CallbackDeferredUpdate: "deferred update", model.CallbackUpdateMessage: "with an update",
	model.CallbackAutocompleteResult: "with suggestions", model.CallbackModal: "with a modal",
}

// Reply answers with a message. If the router has already acknowledged
// the interaction (Options.DeferAfter), the message replaces the
// "thinking..." one, or, when its visibility differs or the interaction
// came from a component, is sent as a follow-up: the user sees the same
// message either way. d.Files are uploaded with it.
func (r *Request) Reply(ctx context.Context, d *rest.InteractionResponseData) error {
	return r.respond(ctx, "reply", &rest.InteractionResponse{Type: model.CallbackMessage, Data: d})
}

// ReplyEphemeral answers with a message only the user sees.
func (r *Request) ReplyEphemeral(ctx context.Context, d *rest.InteractionResponseData) error {
	cp := *d
	cp.Flags |= model.MessageEphemeral
	return r.Reply(ctx, &cp)
}

// Defer acknowledges the interaction now and answers later, within 15
// minutes, with EditOriginal; the user sees "thinking...". For a
// component, DeferUpdate is usually what is wanted. Defer after the
// router's own acknowledgement does nothing.
func (r *Request) Defer(ctx context.Context) error {
	return r.respond(ctx, "defer", &rest.InteractionResponse{Type: model.CallbackDeferredMessage})
}

// DeferEphemeral is Defer with an answer only the user will see.
func (r *Request) DeferEphemeral(ctx context.Context) error {
	return r.respond(ctx, "defer", &rest.InteractionResponse{Type: model.CallbackDeferredMessage,
		Data: &rest.InteractionResponseData{Flags: model.MessageEphemeral}})
}

// DeferUpdate acknowledges a component or modal interaction without
// showing anything; the message may be changed later with EditOriginal.
func (r *Request) DeferUpdate(ctx context.Context) error {
	return r.respond(ctx, "defer", &rest.InteractionResponse{Type: model.CallbackDeferredUpdate})
}

// Update changes the message whose component was used.
func (r *Request) Update(ctx context.Context, d *rest.InteractionResponseData) error {
	return r.respond(ctx, "update", &rest.InteractionResponse{Type: model.CallbackUpdateMessage, Data: d})
}

// Modal answers with a modal for the user to fill in: d has its CustomID,
// Title and Components (labels or action rows holding text inputs and
// selects). A modal cannot follow a deferral, and cannot answer a modal
// submit.
func (r *Request) Modal(ctx context.Context, d *rest.InteractionResponseData) error {
	return r.respond(ctx, "modal", &rest.InteractionResponse{Type: model.CallbackModal, Data: d})
}

// Suggest answers an autocomplete request with up to 25 choices.
func (r *Request) Suggest(ctx context.Context, choices []model.ApplicationCommandChoice) error {
	if choices == nil {
		choices = []model.ApplicationCommandChoice{}
	}
	return r.respond(ctx, "suggest", &rest.InteractionResponse{Type: model.CallbackAutocompleteResult,
		Data: &rest.InteractionResponseData{Choices: choices}})
}

// Answered reports whether the interaction has its initial response (or
// one is being sent).
func (r *Request) Answered() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.answered
}

// respond sends an initial response, or turns it into what fits after the
// router's automatic one.
func (r *Request) respond(ctx context.Context, op string, resp *rest.InteractionResponse) error {
	if err := resp.Validate(); err != nil {
		return fmt.Errorf("interaction: %s: %w", op, err)
	}
	for {
		r.mu.Lock()
		age := time.Since(r.received)
		if !r.answered {
			if age > Deadline {
				r.mu.Unlock()
				return &AnswerError{Op: op, Age: age, Err: ErrExpired}
			}
			break
		}
		auto, initial, ephemeral, done := r.auto, r.initial, r.ephemeral, r.done
		r.mu.Unlock()
		if !auto {
			return &AnswerError{Op: op, Prior: "answered " + callbackNames[initial], Age: age, Err: ErrAnswered}
		}
		select {
		case <-done:
		default:
			// The router's acknowledgement is on its way: see how it ends.
			if err := wait(ctx, done); err != nil {
				return err
			}
			continue
		}
		if err := r.afterAuto(ctx, resp, initial, ephemeral); err != errNoConversion {
			return err
		}
		return &AnswerError{Op: op, Prior: "answered " + callbackNames[initial] + " automatically", Age: age, Err: ErrAnswered}
	}
	r.claim(resp, false)
	r.mu.Unlock()
	return r.send(ctx, resp)
}

// claim records resp as the initial response; r.mu is held.
func (r *Request) claim(resp *rest.InteractionResponse, auto bool) {
	r.answered, r.auto, r.initial = true, auto, resp.Type
	r.ephemeral = resp.Data != nil && resp.Data.Flags.Has(model.MessageEphemeral)
	r.done = make(chan struct{})
	if !r.wasClaimed {
		r.wasClaimed = true
		close(r.claimed)
	}
	if r.timer != nil && !auto {
		r.timer.Stop()
	}
}

// send delivers the claimed initial response: in the HTTP response when
// the interaction came over HTTP and it is still open, else through REST.
func (r *Request) send(ctx context.Context, resp *rest.InteractionResponse) error {
	var err error
	inHTTP := r.sink != nil && r.sink.write(resp)
	if !inHTTP {
		err = r.t.rest.RespondInteraction(ctx, r.ID, r.Token, resp)
		if err == nil && r.sink != nil {
			r.sink.close(true) // Discord has its answer: end its request now
		}
	}
	r.mu.Lock()
	if err != nil {
		r.answered, r.auto = false, false // nothing was answered: let a retry, or the error path, try
	}
	if inHTTP {
		r.httpAt = time.Now()
	}
	close(r.done)
	r.mu.Unlock()
	return err
}

var errNoConversion = errors.New("no conversion")

// afterAuto sends, after the router's acknowledgement, what the handler
// meant to send as the initial response.
func (r *Request) afterAuto(ctx context.Context, resp *rest.InteractionResponse, initial model.InteractionCallbackType, ephemeral bool) error {
	switch resp.Type {
	case model.CallbackDeferredMessage, model.CallbackDeferredUpdate:
		return nil // already acknowledged
	case model.CallbackUpdateMessage:
		if initial == model.CallbackDeferredUpdate {
			_, err := r.EditOriginal(ctx, editOf(resp.Data))
			return err
		}
	case model.CallbackMessage:
		wantEphemeral := resp.Data.Flags.Has(model.MessageEphemeral)
		if initial == model.CallbackDeferredMessage && wantEphemeral == ephemeral {
			_, err := r.EditOriginal(ctx, editOf(resp.Data))
			return err
		}
		if initial == model.CallbackDeferredMessage {
			// The "thinking..." message has the other visibility: it
			// goes, and the answer comes as a follow-up of its own.
			if err := r.DeleteOriginal(ctx); err != nil {
				return err
			}
		}
		_, err := r.Followup(ctx, followupOf(resp.Data))
		return err
	}
	return errNoConversion
}

func wait(ctx context.Context, done chan struct{}) error {
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// ready waits for the initial response and checks the token's lifetime.
func (r *Request) ready(ctx context.Context, op string) error {
	r.mu.Lock()
	answered, done := r.answered, r.done
	r.mu.Unlock()
	age := time.Since(r.received)
	if !answered {
		return &AnswerError{Op: op, Age: age, Err: ErrNotAnswered}
	}
	if age > TokenLifetime {
		return &AnswerError{Op: op, Age: age, Err: ErrExpired}
	}
	if err := wait(ctx, done); err != nil {
		return err
	}
	r.mu.Lock()
	answered = r.answered
	r.mu.Unlock()
	if !answered {
		return &AnswerError{Op: op, Age: age, Err: ErrNotAnswered} // the initial response failed
	}
	return nil
}

func (r *Request) markFollowed() {
	r.mu.Lock()
	r.followed = true
	r.mu.Unlock()
}

// httpSettle is how long after an initial response written in the HTTP
// response Discord may not know of it yet: until it has read and applied
// it, the webhook routes answer Unknown Webhook or Unknown Message.
const httpSettle = 2 * time.Second

// retryUnknown runs call, and again with a short backoff while it fails
// with Unknown Webhook (10015) or Unknown Message (10008) just after the
// initial response went out in the HTTP response.
func (r *Request) retryUnknown(ctx context.Context, call func() error) error {
	r.mu.Lock()
	at := r.httpAt
	r.mu.Unlock()
	wait := 25 * time.Millisecond
	for {
		err := call()
		var re *rest.Error
		if err == nil || at.IsZero() || time.Since(at) > httpSettle ||
			!errors.As(err, &re) || re.Code != 10015 && re.Code != 10008 {
			return err
		}
		select {
		case <-time.After(wait):
		case <-ctx.Done():
			return err
		}
		wait *= 2
	}
}

// Followup sends another message about the interaction, after the initial
// response; m.Flags may make it ephemeral.
func (r *Request) Followup(ctx context.Context, m *rest.WebhookExecute) (*model.Message, error) {
	if err := r.ready(ctx, "followup"); err != nil {
		return nil, err
	}
	var msg *model.Message
	err := r.retryUnknown(ctx, func() (err error) {
		msg, err = r.t.rest.CreateFollowup(ctx, r.ApplicationID, r.Token, m)
		return err
	})
	if err == nil {
		r.markFollowed()
	}
	return msg, err
}

// EditOriginal changes the message of the initial response, or, after a
// Defer, sends it. After DeferUpdate it changes the component's message.
func (r *Request) EditOriginal(ctx context.Context, m *rest.MessageEdit) (*model.Message, error) {
	if err := r.ready(ctx, "edit"); err != nil {
		return nil, err
	}
	var msg *model.Message
	err := r.retryUnknown(ctx, func() (err error) {
		msg, err = r.t.rest.EditOriginalResponse(ctx, r.ApplicationID, r.Token, m, nil)
		return err
	})
	if err == nil {
		r.markFollowed()
	}
	return msg, err
}

// DeleteOriginal deletes the message of the initial response.
func (r *Request) DeleteOriginal(ctx context.Context) error {
	if err := r.ready(ctx, "delete"); err != nil {
		return err
	}
	err := r.retryUnknown(ctx, func() error {
		return r.t.rest.DeleteOriginalResponse(ctx, r.ApplicationID, r.Token, nil)
	})
	if err == nil {
		r.markFollowed()
	}
	return err
}

// Fail tells the user, privately, that handling the interaction failed,
// in the way that fits what has been answered so far: an ephemeral reply,
// the deferred answer, or an ephemeral follow-up. The router's error path
// calls it; middleware may too.
func (r *Request) Fail(ctx context.Context, msg string) {
	r.mu.Lock()
	answered, initial, followed := r.answered, r.initial, r.followed
	r.mu.Unlock()
	var err error
	switch {
	case r.Type == model.InteractionApplicationCommandAutocomplete:
		if !answered {
			err = r.Suggest(ctx, nil)
		}
	case !answered:
		err = r.ReplyEphemeral(ctx, &rest.InteractionResponseData{Content: msg})
	case initial == model.CallbackDeferredMessage && !followed:
		_, err = r.EditOriginal(ctx, &rest.MessageEdit{Content: rest.Some(msg)})
	case initial != model.CallbackModal:
		_, err = r.Followup(ctx, &rest.WebhookExecute{Content: msg, Flags: model.MessageEphemeral})
	}
	if err != nil {
		r.t.o.Logger.WarnContext(ctx, "interaction: telling the user it failed", "id", r.ID, "err", err)
	}
}

// editOf is the edit that makes a deferred message into d.
func editOf(d *rest.InteractionResponseData) *rest.MessageEdit {
	if d == nil {
		return &rest.MessageEdit{}
	}
	e := &rest.MessageEdit{Content: rest.Some(d.Content), Files: d.Files}
	if d.AllowedMentions != nil {
		e.AllowedMentions = rest.Some(*d.AllowedMentions)
	}
	if d.Embeds != nil {
		e.Embeds = rest.Some(d.Embeds)
	}
	if d.Components != nil {
		e.Components = rest.Some(d.Components)
	}
	if d.Attachments != nil {
		e.Attachments = rest.Some(d.Attachments)
	}
	if f := d.Flags &^ model.MessageEphemeral; f != 0 {
		e.Flags = rest.Some(f)
	}
	return e
}

// followupOf is the follow-up that sends d.
func followupOf(d *rest.InteractionResponseData) *rest.WebhookExecute {
	return &rest.WebhookExecute{Content: d.Content, TTS: d.TTS, Embeds: d.Embeds, AllowedMentions: d.AllowedMentions,
		Components: d.Components, Attachments: d.Attachments, Flags: d.Flags, Poll: d.Poll, Files: d.Files}
}

// startTimer arranges the automatic acknowledgement.
func (r *Request) startTimer(ctx context.Context) {
	after := r.t.o.DeferAfter
	if after < 0 || r.Type == model.InteractionApplicationCommandAutocomplete {
		return
	}
	r.mu.Lock()
	r.timer = time.AfterFunc(after-time.Since(r.received), func() { r.autoDefer(ctx) })
	r.mu.Unlock()
}

func (r *Request) stopTimer() {
	r.mu.Lock()
	r.stopped = true
	if r.timer != nil {
		r.timer.Stop()
	}
	r.mu.Unlock()
}

// autoDefer acknowledges an interaction its handler has not answered.
func (r *Request) autoDefer(ctx context.Context) {
	resp := &rest.InteractionResponse{Type: model.CallbackDeferredMessage}
	if r.Type == model.InteractionMessageComponent || (r.Type == model.InteractionModalSubmit && r.Message != nil) {
		resp.Type = model.CallbackDeferredUpdate
	} else if r.t.o.DeferEphemeral {
		resp.Data = &rest.InteractionResponseData{Flags: model.MessageEphemeral}
	}
	r.mu.Lock()
	if r.answered || r.stopped {
		r.mu.Unlock()
		return
	}
	r.claim(resp, true)
	r.mu.Unlock()
	if err := r.send(ctx, resp); err != nil {
		r.t.o.Logger.WarnContext(ctx, "interaction: automatic defer failed", "id", r.ID, "err", err)
	}
}

// settle finishes an interaction whose handler returned without error: a
// component or modal left unanswered is acknowledged without a change, a
// "thinking..." message the router put up and nobody answered goes.
func (r *Request) settle(ctx context.Context) {
	r.mu.Lock()
	answered, auto, initial, followed, done := r.answered, r.auto, r.initial, r.followed, r.done
	r.mu.Unlock()
	switch {
	case !answered && (r.Type == model.InteractionMessageComponent || r.Type == model.InteractionModalSubmit):
		if err := r.DeferUpdate(ctx); err != nil {
			r.t.o.Logger.WarnContext(ctx, "interaction: acknowledging", "id", r.ID, "err", err)
		}
	case !answered:
		r.t.o.Logger.WarnContext(ctx, "interaction: handler returned without answering", "id", r.ID, "route", r.route)
	case auto && initial == model.CallbackDeferredMessage && !followed:
		if wait(ctx, done) == nil {
			r.t.o.Logger.WarnContext(ctx, "interaction: handler returned without answering after the automatic defer", "id", r.ID, "route", r.route)
			r.DeleteOriginal(ctx)
		}
	}
}
