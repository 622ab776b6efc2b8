package interaction

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/rest"
)

// Endpoint is the http.Handler of an application's Interactions Endpoint
// URL: Discord POSTs each interaction to it, signed, and reads the initial
// response from the HTTP response. With it a bot needs no gateway
// connection at all.
//
// It checks the Ed25519 signature (X-Signature-Ed25519 over
// X-Signature-Timestamp and the body) against Key and rejects a bad
// signature or a timestamp further than MaxAge from now with 401,
// answers PING itself, and routes everything else through Router. The
// handler's initial response is written as the HTTP response while the
// request is open; an answer with files goes through the REST callback
// instead (Discord takes multipart HTTP responses unreliably), and the
// HTTP response is then 202 with no body. ServeHTTP returns when the
// handler has.
type Endpoint struct {
	// Router routes the interactions. Required.
	Router *Router
	// Key is the application's public key, from the developer portal
	// (ParseKey reads its hex form). Required.
	Key ed25519.PublicKey
	// MaxAge is how far the signed timestamp may be from now. Zero: 5
	// minutes.
	MaxAge time.Duration
	// MaxBody bounds the body read. Zero: 4 MiB.
	MaxBody int64
}

// ParseKey reads a public key in the hex form the developer portal shows.
func ParseKey(s string) (ed25519.PublicKey, error) {
	b, err := hex.DecodeString(s)
	if err != nil || len(b) != ed25519.PublicKeySize {
		return nil, errors.New("interaction: public key: want 64 hex digits")
	}
	return ed25519.PublicKey(b), nil
}

// Errors of Verify.
var (
	ErrBadSignature = errors.New("interaction: bad signature")
	ErrStale        = errors.New("interaction: timestamp too far from now")
)

// Verify checks a request's signature as Discord makes it: sig (the hex
// X-Signature-Ed25519 header) over ts (the X-Signature-Timestamp header,
// Unix seconds) followed by body, and that ts is within maxAge of now.
func Verify(key ed25519.PublicKey, sig, ts string, body []byte, now time.Time, maxAge time.Duration) error {
	var s [ed25519.SignatureSize]byte
	if len(sig) != 2*len(s) || len(key) != ed25519.PublicKeySize {
		return ErrBadSignature
	}
	if _, err := hex.Decode(s[:], []byte(sig)); err != nil {
		return ErrBadSignature
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return ErrBadSignature
	}
	if d := now.Sub(time.Unix(sec, 0)); d > maxAge || d < -maxAge {
		return ErrStale
	}
	msg := make([]byte, 0, len(ts)+len(body))
	msg = append(append(msg, ts...), body...)
	if !ed25519.Verify(key, msg, s[:]) {
		return ErrBadSignature
	}
	return nil
}

// ServeHTTP handles one interaction POSTed by Discord.
func (e *Endpoint) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	if req.Method != http.MethodPost {
		w.Header().Set("Allow", "POST")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	max := e.MaxBody
	if max == 0 {
		max = 4 << 20
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, req.Body, max))
	if err != nil {
		http.Error(w, "body too large", http.StatusRequestEntityTooLarge)
		return
	}
	maxAge := e.MaxAge
	if maxAge == 0 {
		maxAge = 5 * time.Minute
	}
	if err := Verify(e.Key, req.Header.Get("X-Signature-Ed25519"), req.Header.Get("X-Signature-Timestamp"), body, time.Now(), maxAge); err != nil {
		http.Error(w, "invalid request signature", http.StatusUnauthorized)
		return
	}
	in := new(model.Interaction)
	if err := json.Unmarshal(body, in); err != nil {
		http.Error(w, "bad interaction", http.StatusBadRequest)
		return
	}
	if in.Type == model.InteractionPing {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"type":1}`)
		return
	}
	// The handler may follow up for 15 minutes, after Discord has its
	// answer and may have closed the connection.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(req.Context()), TokenLifetime)
	defer cancel()
	sink := &httpSink{w: w}
	r := e.Router.t.newRequest(in, sink)
	e.Router.t.serve(ctx, r)
	r.mu.Lock()
	answered := r.answered
	r.mu.Unlock()
	sink.close(answered)
}

// httpSink is the HTTP response of an interaction, written once.
type httpSink struct {
	mu     sync.Mutex
	w      http.ResponseWriter
	wrote  bool
	closed bool
}

// write sends resp as the HTTP response, if that is still possible and
// resp has no files; it reports whether it did.
func (s *httpSink) write(resp *rest.InteractionResponse) bool {
	if resp.Data != nil && len(resp.Data.Files) > 0 {
		return false
	}
	b, err := json.Marshal(resp)
	if err != nil {
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed || s.wrote {
		return false
	}
	s.wrote = true
	h := s.w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Content-Length", strconv.Itoa(len(b)))
	s.w.WriteHeader(http.StatusOK)
	s.w.Write(b)
	if f, ok := s.w.(http.Flusher); ok {
		f.Flush()
	}
	return true
}

// close ends the HTTP response: 202 when the interaction was answered
// through REST, 500 (Discord's "This interaction failed") when it was
// not answered at all.
func (s *httpSink) close(answered bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return
	}
	s.closed = true
	if s.wrote {
		return
	}
	if answered {
		s.w.Header().Set("Content-Length", "0")
		s.w.WriteHeader(http.StatusAccepted)
		if f, ok := s.w.(http.Flusher); ok {
			f.Flush()
		}
		return
	}
	http.Error(s.w, "interaction not answered", http.StatusInternalServerError)
}
