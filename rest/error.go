package rest

import (
	"encoding/json"
	"errors"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Sentinel errors the limiter returns before a request is sent.
var (
	// ErrUnauthorized is returned for every request that needs the token
	// once Discord answered 401 to it: the token is invalid, and sending it
	// again would only count against the invalid-request limit.
	ErrUnauthorized = errors.New("rest: the token was rejected (401); no further requests are sent with it")

	// ErrInvalidRequestLimit is returned while the client has received
	// Options.MaxInvalidRequests responses with status 401, 403 or 429 in
	// the last ten minutes. Discord bans the IP address at 10,000.
	ErrInvalidRequestLimit = errors.New("rest: too many invalid requests in ten minutes; refusing to send more")

	// ErrUnknownWebhook is returned for every request to a webhook (by
	// its token) that Discord answered Unknown Webhook (10015) once:
	// Discord restricts clients that keep using deleted webhooks.
	ErrUnknownWebhook = errors.New("rest: the webhook is gone (10015); no further requests are sent to it")
)

// Sentinels an *Error matches with errors.Is; the client never returns
// them bare.
var (
	// ErrForbidden matches a 403: the bot lacks a permission.
	ErrForbidden = errors.New("rest: forbidden (403)")
	// ErrNotFound matches a 404: the resource does not exist, or the bot
	// cannot see it.
	ErrNotFound = errors.New("rest: not found (404)")
)

// Error is an error response from Discord: any status of 400 or more,
// except the 429s that the client handles itself.
type Error struct {
	// Route is the method and path template, e.g.
	// "POST /channels/{channel_id}/messages"; never the URL, which may
	// hold a webhook or interaction token.
	Route string
	// Status is the HTTP status code.
	Status int
	// Code is Discord's JSON error code (e.g. 10008 Unknown Message), or 0.
	Code int
	// Message is Discord's message, or the HTTP status text.
	Message string
	// Errors are the field errors of a 50035 Invalid Form Body, keyed by
	// their path in the request, e.g. "embeds.0.title"; errors about the
	// whole object have the key "".
	Errors map[string][]FieldError
}

// Is matches the sentinels that describe e: ErrUnauthorized for a 401,
// ErrForbidden for a 403, ErrNotFound for a 404, ErrUnknownWebhook for
// Discord's Unknown Webhook code (10015), so that
// errors.Is(err, rest.ErrUnauthorized) holds whether the client refused
// to send or Discord answered.
func (e *Error) Is(target error) bool {
	switch target {
	case ErrUnauthorized:
		return e.Status == 401
	case ErrForbidden:
		return e.Status == 403
	case ErrNotFound:
		return e.Status == 404
	case ErrUnknownWebhook:
		return e.Code == 10015
	}
	return false
}

// FieldError is one problem with one field of a request.
type FieldError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("rest: ")
	b.WriteString(e.Route)
	b.WriteString(": ")
	b.WriteString(strconv.Itoa(e.Status))
	if e.Message != "" {
		b.WriteByte(' ')
		b.WriteString(e.Message)
	}
	if e.Code != 0 {
		b.WriteString(" (")
		b.WriteString(strconv.Itoa(e.Code))
		b.WriteByte(')')
	}
	keys := make([]string, 0, len(e.Errors))
	for k := range e.Errors {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for i, k := range keys {
		if i == 3 {
			b.WriteString("; ...")
			break
		}
		b.WriteString("; ")
		if k != "" {
			b.WriteString(k)
			b.WriteString(": ")
		}
		for j, fe := range e.Errors[k] {
			if j > 0 {
				b.WriteString(", ")
			}
			b.WriteString(fe.Message)
		}
	}
	return b.String()
}

// parseError builds an *Error from a response body; a body that is not
// Discord's JSON error leaves only Status and the status text.
func parseError(route string, status int, statusText string, body []byte) *Error {
	e := &Error{Route: route, Status: status, Message: statusText}
	var raw struct {
		Code    int             `json:"code"`
		Message string          `json:"message"`
		Errors  json.RawMessage `json:"errors"`
	}
	if json.Unmarshal(body, &raw) != nil {
		return e
	}
	e.Code = raw.Code
	if raw.Message != "" {
		e.Message = raw.Message
	}
	if len(raw.Errors) > 0 {
		e.Errors = map[string][]FieldError{}
		flattenErrors(e.Errors, "", raw.Errors, 0)
		if len(e.Errors) == 0 {
			e.Errors = nil
		}
	}
	return e
}

// flattenErrors walks Discord's nested error object:
// {"embeds":{"0":{"title":{"_errors":[{"code":..,"message":..}]}}}}.
func flattenErrors(dst map[string][]FieldError, path string, raw json.RawMessage, depth int) {
	if depth > 32 {
		return
	}
	var obj map[string]json.RawMessage
	if json.Unmarshal(raw, &obj) != nil {
		return
	}
	for k, v := range obj {
		if k == "_errors" {
			var fes []FieldError
			if json.Unmarshal(v, &fes) == nil && len(fes) > 0 {
				dst[path] = append(dst[path], fes...)
			}
			continue
		}
		p := k
		if path != "" {
			p = path + "." + k
		}
		flattenErrors(dst, p, v, depth+1)
	}
}

// RateLimitError is returned when a request was not sent, or not sent
// successfully, because of a rate limit: either the caller asked not to
// wait (Options.NoWait or the NoWait request option) and the limiter would have waited, or
// Discord kept answering 429 after Options.MaxRetries retries.
type RateLimitError struct {
	// Route is the method and path template.
	Route string
	// Bucket is Discord's bucket hash, when known.
	Bucket string
	// RetryAfter is how long to wait before the request may succeed.
	RetryAfter time.Duration
	// Global reports the global (per bot) limit rather than a route's.
	Global bool
	// Scope is Discord's X-RateLimit-Scope ("user", "global", "shared")
	// when Discord answered 429, and "" when the limiter refused locally.
	Scope string
	// Attempts is how many times the request was sent (0 when refused
	// locally).
	Attempts int
}

func (e *RateLimitError) Error() string {
	var b strings.Builder
	b.WriteString("rest: ")
	b.WriteString(e.Route)
	if e.Attempts == 0 {
		b.WriteString(": rate limited, not waiting")
	} else {
		b.WriteString(": still rate limited (429) after ")
		b.WriteString(strconv.Itoa(e.Attempts))
		b.WriteString(" attempts")
	}
	if e.Global {
		b.WriteString(" (global)")
	} else if e.Scope != "" {
		b.WriteString(" (scope ")
		b.WriteString(e.Scope)
		b.WriteByte(')')
	}
	b.WriteString("; retry after ")
	b.WriteString(e.RetryAfter.String())
	return b.String()
}

// ValidationError is returned, before anything is sent, for a request
// that Discord would reject: too long a message, too many embeds, etc.
type ValidationError struct {
	// Field is the path of the field, e.g. "embeds.0.title".
	Field string
	// Reason says what is wrong, e.g. "longer than 256 characters".
	Reason string
}

func (e *ValidationError) Error() string {
	return "rest: invalid request: " + e.Field + ": " + e.Reason
}
