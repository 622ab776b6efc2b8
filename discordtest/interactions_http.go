package discordtest

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gloamdev/gloam/model"
)

// ErrEndpointVerification is wrapped by the error of
// SetInteractionsEndpoint when the endpoint does not pass Discord's check.
var ErrEndpointVerification = errors.New("discordtest: the interactions endpoint could not be verified")

// interactionsState signs interactions and posts them to the bot's
// interactions endpoint URL.
type interactionsState struct {
	key    ed25519.PrivateKey
	client *http.Client

	mu       sync.Mutex
	endpoint string
	closed   bool
	wg       sync.WaitGroup // deliveries in flight
}

func newInteractionsState(seed int64) *interactionsState {
	// the key pair comes from the seed, as the rest of the World does
	sum := sha256.Sum256([]byte("discordtest interactions key " + strconv.FormatInt(seed, 10)))
	return &interactionsState{
		key: ed25519.NewKeyFromSeed(sum[:]),
		client: &http.Client{
			Transport: &http.Transport{Proxy: nil, DisableKeepAlives: true},
			CheckRedirect: func(*http.Request, []*http.Request) error {
				return http.ErrUseLastResponse // Discord does not follow redirects
			},
		},
	}
}

// PublicKey is the application's public key as the developer portal shows
// it (and GET /applications/@me gives it as verify_key): 64 hex digits.
// The server signs the interactions it posts to the interactions endpoint
// with the matching private key.
func (s *Server) PublicKey() string { return hex.EncodeToString(s.ix.key.Public().(ed25519.PublicKey)) }

// Sign returns the X-Signature-Ed25519 header Discord would send with body
// at timestamp (the X-Signature-Timestamp header, Unix seconds): the
// hex Ed25519 signature of timestamp followed by body.
func (s *Server) Sign(timestamp string, body []byte) string {
	msg := make([]byte, 0, len(timestamp)+len(body))
	msg = append(append(msg, timestamp...), body...)
	return hex.EncodeToString(ed25519.Sign(s.ix.key, msg))
}

// InteractionsEndpoint is the interactions endpoint URL; empty when
// interactions arrive over the gateway.
func (s *Server) InteractionsEndpoint() string { return s.ix.endpointURL() }

func (ix *interactionsState) endpointURL() string {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	return ix.endpoint
}

// SetInteractionsEndpoint sets the application's interactions endpoint
// URL, as the developer portal (or PATCH /applications/@me with
// interactions_endpoint_url) does; from then on interactions are POSTed
// there and no longer sent over the gateway. An empty url goes back to
// the gateway.
//
// As Discord does, it first checks the endpoint: a PING with a valid
// signature must get 200 with {"type": 1}, and a PING with a bad
// signature must get 401. Otherwise it returns an error wrapping
// ErrEndpointVerification and keeps the previous URL. The URL must be on
// loopback: the server reaches no other host.
func (s *Server) SetInteractionsEndpoint(rawURL string) error {
	if rawURL != "" {
		if err := s.verifyEndpoint(rawURL); err != nil {
			return err
		}
	}
	s.ix.mu.Lock()
	s.ix.endpoint = rawURL
	s.ix.mu.Unlock()
	return nil
}

func (s *Server) verifyEndpoint(rawURL string) error {
	u, err := url.Parse(rawURL)
	if err != nil || u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return fmt.Errorf("%w: %q is not an http(s) URL", ErrEndpointVerification, rawURL)
	}
	if h := u.Hostname(); h != "localhost" {
		if ip := net.ParseIP(h); ip == nil || !ip.IsLoopback() {
			return fmt.Errorf("%w: %q: %w", ErrEndpointVerification, rawURL, ErrNotLoopback)
		}
	}
	w := s.World()
	ping := model.Interaction{
		ID: model.InteractionID(w.NewID()), ApplicationID: w.ApplicationID(), Type: model.InteractionPing,
		Token: newInteractionToken(), Version: 1, Entitlements: []model.Entitlement{},
		AuthorizingIntegrationOwners: map[model.IntegrationType]model.Snowflake{},
	}
	body, _ := json.Marshal(ping)

	// a bad signature must be refused
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	bad := []byte(s.Sign(ts, body))
	bad[0] = "0123456789abcdef"[(strings.IndexByte("0123456789abcdef", bad[0])+1)%16]
	status, _, _, err := s.ix.post(rawURL, body, ts, string(bad), 10*time.Second)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrEndpointVerification, err)
	}
	if status != http.StatusUnauthorized {
		return fmt.Errorf("%w: a PING with a bad signature got %d, not 401", ErrEndpointVerification, status)
	}

	ts = strconv.FormatInt(time.Now().Unix(), 10)
	status, ct, resp, err := s.ix.post(rawURL, body, ts, s.Sign(ts, body), 10*time.Second)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrEndpointVerification, err)
	}
	var pong struct {
		Type model.InteractionCallbackType `json:"type"`
	}
	if status != http.StatusOK || !strings.HasPrefix(ct, "application/json") || json.Unmarshal(resp, &pong) != nil || pong.Type != model.CallbackPong {
		return fmt.Errorf("%w: a PING got %d %q, not 200 {\"type\": 1}", ErrEndpointVerification, status, truncate(resp, 200))
	}
	return nil
}

func truncate(b []byte, n int) string {
	if len(b) > n {
		return string(b[:n]) + "..."
	}
	return string(b)
}

// post sends one signed interaction and reads the answer (at most 25 MiB).
func (ix *interactionsState) post(rawURL string, body []byte, ts, sig string, timeout time.Duration) (int, string, []byte, error) {
	req, err := http.NewRequest(http.MethodPost, rawURL, bytes.NewReader(body))
	if err != nil {
		return 0, "", nil, err
	}
	h := req.Header
	h.Set("Content-Type", "application/json")
	h.Set("User-Agent", "Discord-Interactions/1.0 (+https://discord.com)")
	h.Set("X-Signature-Ed25519", sig)
	h.Set("X-Signature-Timestamp", ts)
	c := *ix.client
	c.Timeout = timeout
	resp, err := c.Do(req)
	if err != nil {
		return 0, "", nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 25<<20))
	if err != nil {
		return 0, "", nil, err
	}
	return resp.StatusCode, resp.Header.Get("Content-Type"), b, nil
}

// deliver POSTs an interaction to the endpoint in the background; its
// answer, when it carries one, is the initial response.
func (ix *interactionsState) deliver(s *Server, rawURL string, h *Interaction) {
	ix.mu.Lock()
	if ix.closed {
		ix.mu.Unlock()
		s.failInteraction(h.d, errors.New("the server is closed"))
		return
	}
	ix.wg.Add(1)
	ix.mu.Unlock()
	go func() {
		defer ix.wg.Done()
		body, _ := json.Marshal(h.Interaction)
		ts := strconv.FormatInt(time.Now().Unix(), 10)
		timeout := s.rest.interactionTimeout()
		if timeout == 0 {
			timeout = time.Minute
		}
		status, ct, resp, err := ix.post(rawURL, body, ts, s.Sign(ts, body), timeout)
		switch {
		case err != nil:
			s.failInteraction(h.d, fmt.Errorf("the interactions endpoint: %w", err))
		case status == http.StatusAccepted || status == http.StatusNoContent || status == http.StatusOK && len(bytes.TrimSpace(resp)) == 0:
			// answered on the callback route instead, or will be
		case status/100 != 2:
			s.failInteraction(h.d, fmt.Errorf("the interactions endpoint answered %d %q", status, truncate(resp, 200)))
		default:
			if st, msg := s.callbackFromEndpoint(h, ct, resp); st/100 != 2 {
				s.failInteraction(h.d, fmt.Errorf("the interactions endpoint's response was refused: %d %s", st, msg))
			}
		}
	}()
}

// callbackFromEndpoint applies the body of the endpoint's answer as the
// interaction's callback, exactly as POST /interactions/{id}/{token}/callback
// would, and returns the status and body that route would have answered.
func (s *Server) callbackFromEndpoint(h *Interaction, contentType string, body []byte) (int, string) {
	rt := routeByKey["POST /interactions/{interaction_id}/{interaction_token}/callback"]
	req, _ := http.NewRequest(http.MethodPost, s.URL()+"/interactions/"+h.ID.String()+"/"+h.Token+"/callback", bytes.NewReader(body))
	if contentType == "" {
		contentType = "application/json"
	}
	req.Header.Set("Content-Type", contentType)
	rec := &recorder{header: http.Header{}}
	w := &restStatusWriter{ResponseWriter: rec}
	c := &restCall{rs: s.rest, s: s, w: w, r: req, rt: rt, vals: []string{h.ID.String(), h.Token}, now: time.Now()}
	c.interactionCallback()
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.status, rec.body.String()
}

// recorder is a ResponseWriter that keeps the answer.
type recorder struct {
	header http.Header
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header         { return r.header }
func (r *recorder) Write(b []byte) (int, error) { return r.body.Write(b) }
func (r *recorder) WriteHeader(int)             {}

// close waits for the deliveries in flight.
func (ix *interactionsState) close() {
	ix.mu.Lock()
	ix.closed = true
	ix.mu.Unlock()
	ix.wg.Wait()
	ix.client.CloseIdleConnections()
}
