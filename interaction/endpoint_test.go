package interaction_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gloamdev/gloam/interaction"
	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/rest"
	"github.com/matryer/is"
)

func TestEndpointSignature(t *testing.T) {
	f := newFake(t)
	rt := f.router(t, nil)
	ep := newEndpoint(t, rt)
	ping := []byte(`{"id":"1","application_id":"2","type":1,"token":"t","version":1}`)
	now := time.Now()

	t.Run("ping", func(t *testing.T) {
		is := is.New(t)
		status, body := ep.post(t, ping, now)
		is.Equal(status, http.StatusOK)
		is.Equal(string(body), `{"type":1}`) // PONG
	})
	t.Run("rejected", func(t *testing.T) {
		stamp := strconv.FormatInt(now.Unix(), 10)
		good := hex.EncodeToString(ed25519.Sign(ep.priv, append([]byte(stamp), ping...)))
		_, other, _ := ed25519.GenerateKey(nil)
		for name, c := range map[string]struct {
			body        []byte
			stamp, sig  string
			signedStamp string
		}{
			"no headers":      {ping, "", "", ""},
			"no signature":    {ping, stamp, "", ""},
			"not hex":         {ping, stamp, strings.Repeat("zz", 64), ""},
			"short":           {ping, stamp, good[:100], ""},
			"other key":       {ping, stamp, hex.EncodeToString(ed25519.Sign(other, append([]byte(stamp), ping...))), ""},
			"body changed":    {append([]byte(" "), ping...), stamp, good, ""},
			"timestamp moved": {ping, strconv.FormatInt(now.Unix()+1, 10), good, ""},
		} {
			t.Run(name, func(t *testing.T) {
				is := is.New(t)
				status, _ := ep.postSigned(t, c.body, c.stamp, c.sig)
				is.Equal(status, http.StatusUnauthorized)
			})
		}
		t.Run("stale", func(t *testing.T) {
			is := is.New(t)
			status, _ := ep.post(t, ping, now.Add(-10*time.Minute)) // well signed, but old
			is.Equal(status, http.StatusUnauthorized)
			status, _ = ep.post(t, ping, now.Add(10*time.Minute))
			is.Equal(status, http.StatusUnauthorized)
		})
	})
	t.Run("not post", func(t *testing.T) {
		is := is.New(t)
		resp, err := http.Get(ep.url)
		is.NoErr(err)
		resp.Body.Close()
		is.Equal(resp.StatusCode, http.StatusMethodNotAllowed)
	})
	t.Run("bad json", func(t *testing.T) {
		is := is.New(t)
		status, _ := ep.post(t, []byte(`{"type":`), now)
		is.Equal(status, http.StatusBadRequest)
	})
}

func TestEndpointAnswers(t *testing.T) {
	f := newFake(t)
	rt := f.router(t, &interaction.Options{DeferAfter: 100 * time.Millisecond})
	ep := newEndpoint(t, rt)
	rt.Command("ping", func(ctx context.Context, r *interaction.Request) error {
		return r.Reply(ctx, &rest.InteractionResponseData{Content: "Pong!"})
	})
	told := make(chan struct{})
	slowDone := make(chan error, 1)
	rt.Command("slow", func(ctx context.Context, r *interaction.Request) error {
		<-told // the fake knows of the acknowledgement the router wrote
		err := r.Reply(ctx, &rest.InteractionResponseData{Content: "done"})
		slowDone <- err
		return err
	})
	rt.Command("file", func(ctx context.Context, r *interaction.Request) error {
		return r.Reply(ctx, &rest.InteractionResponseData{Content: "see file",
			Files: []rest.File{{Name: "a.txt", Reader: strings.NewReader("hello")}}})
	})
	ctx := context.Background()
	send := func(t *testing.T, in *model.Interaction) (int, rest.InteractionResponse) {
		t.Helper()
		b, err := json.Marshal(in)
		if err != nil {
			t.Fatal(err)
		}
		status, body := ep.post(t, b, time.Now())
		var resp rest.InteractionResponse
		if len(body) > 0 && status == http.StatusOK {
			if err := json.Unmarshal(body, &resp); err != nil {
				t.Fatalf("response %q: %v", body, err)
			}
		}
		return status, resp
	}

	t.Run("in the HTTP response", func(t *testing.T) {
		is := is.New(t)
		status, resp := send(t, f.command(t, "ping"))
		is.Equal(status, http.StatusOK)
		is.Equal(resp.Type, model.CallbackMessage)
		is.Equal(resp.Data.Content, "Pong!")
	})
	t.Run("deferred, then through REST", func(t *testing.T) {
		is := is.New(t)
		in := f.command(t, "slow")
		start := time.Now()
		status, resp := send(t, in)
		is.Equal(status, http.StatusOK)
		is.True(time.Since(start) >= 100*time.Millisecond) // DeferAfter
		is.Equal(resp.Type, model.CallbackDeferredMessage) // the router's acknowledgement
		// The fake did not see the HTTP answer: tell it, as Discord would know.
		is.NoErr(f.rc.RespondInteraction(ctx, in.ID, in.Token, &resp))
		close(told)
		is.NoErr(<-slowDone) // the reply became the edit of the original
		m, err := f.rc.OriginalResponse(ctx, in.ApplicationID, in.Token, nil)
		is.NoErr(err)
		is.Equal(m.Content, "done")
	})
	t.Run("files through the callback", func(t *testing.T) {
		is := is.New(t)
		in := f.command(t, "file")
		status, _ := send(t, in)
		is.Equal(status, http.StatusAccepted) // answered through REST
		m, err := f.rc.OriginalResponse(ctx, in.ApplicationID, in.Token, nil)
		is.NoErr(err)
		is.Equal(m.Content, "see file")
		is.Equal(len(m.Attachments), 1)
	})
	t.Run("no answer", func(t *testing.T) {
		is := is.New(t)
		rt2 := f.router(t, &interaction.Options{DeferAfter: -1})
		rt2.Command("nothing", func(ctx context.Context, r *interaction.Request) error { return nil })
		ep2 := newEndpoint(t, rt2)
		b, _ := json.Marshal(f.command(t, "nothing"))
		status, _ := ep2.post(t, b, time.Now())
		is.Equal(status, http.StatusInternalServerError) // Discord shows "This interaction failed"
	})
}

func TestVerify(t *testing.T) {
	is := is.New(t)
	pub, priv, _ := ed25519.GenerateKey(nil)
	now := time.Unix(1_700_000_000, 0)
	body := []byte(`{"type":1}`)
	sig := hex.EncodeToString(ed25519.Sign(priv, append([]byte("1700000000"), body...)))
	is.NoErr(interaction.Verify(pub, sig, "1700000000", body, now, time.Minute))
	is.Equal(interaction.Verify(pub, sig, "1700000000", body, now.Add(2*time.Minute), time.Minute), interaction.ErrStale)
	is.Equal(interaction.Verify(pub, sig, "1700000001", body, now, time.Minute), interaction.ErrBadSignature)
	is.Equal(interaction.Verify(pub, sig, "soon", body, now, time.Minute), interaction.ErrBadSignature)
	is.Equal(interaction.Verify(pub[:5], sig, "1700000000", body, now, time.Minute), interaction.ErrBadSignature)
	k, err := interaction.ParseKey(hex.EncodeToString(pub))
	is.NoErr(err)
	is.Equal(k, pub)
	_, err = interaction.ParseKey("abc")
	is.True(err != nil) // not a key
}

func FuzzEndpoint(f *testing.F) {
	pub, priv, _ := ed25519.GenerateKey(nil)
	rt := interaction.NewRouter(rest.NewClient("x", &rest.Options{BaseURL: "http://127.0.0.1:1"}), &interaction.Options{DeferAfter: -1})
	rt.Command("a", func(ctx context.Context, r *interaction.Request) error {
		a := r.Args()
		a.String("s")
		a.Int("i")
		a.Float("f")
		a.Bool("b")
		a.Member("u")
		a.Mentionable("m")
		a.Attachment("x")
		return errors.New("done")
	})
	rt.Component("c/{x}/{y...}", func(ctx context.Context, r *interaction.Request) error { return nil })
	rt.Modal("m", func(ctx context.Context, r *interaction.Request) error { r.Field("f"); return nil })
	ep := &interaction.Endpoint{Router: rt, Key: pub}
	f.Add([]byte(`{"type":1}`))
	f.Add([]byte(`{"id":"1","type":2,"token":"t","data":{"name":"a","options":[{"name":"s","type":3,"value":"x"},{"name":"i","type":4,"value":1.5}]}}`))
	f.Add([]byte(`{"id":"1","type":3,"token":"t","data":{"custom_id":"c/1/2/3","component_type":2}}`))
	f.Add([]byte(`{"id":"1","type":5,"token":"t","data":{"custom_id":"m","components":[{"type":18,"component":{"type":4}}]}}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		stamp := strconv.FormatInt(time.Now().Unix(), 10)
		req := httptest.NewRequest("POST", "/", strings.NewReader(string(body)))
		req.Header.Set("X-Signature-Timestamp", stamp)
		req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(priv, append([]byte(stamp), body...))))
		w := httptest.NewRecorder()
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		ep.ServeHTTP(w, req.WithContext(ctx))
		if w.Code == 0 {
			t.Fatal("no status")
		}
	})
}

// BenchmarkEndpoint measures an interaction through the HTTP endpoint:
// signature check, decoding, routing, option access and the reply
// written in the HTTP response.
func BenchmarkEndpoint(b *testing.B) {
	pub, priv, _ := ed25519.GenerateKey(nil)
	rt := interaction.NewRouter(rest.NewClient("x", &rest.Options{BaseURL: "http://127.0.0.1:1"}), nil)
	reply := &rest.InteractionResponseData{Content: "Pong!"}
	rt.Command("dice roll", func(ctx context.Context, r *interaction.Request) error {
		if _, err := r.Args().Int("sides"); err != nil {
			return err
		}
		return r.Reply(ctx, reply)
	})
	ep := &interaction.Endpoint{Router: rt, Key: pub}
	body := []byte(`{"id":"1300000000000000001","application_id":"1300000000000000002","type":2,"token":"tok","version":1,
		"guild_id":"1300000000000000005","channel_id":"1300000000000000006",
		"member":{"user":{"id":"1300000000000000004","username":"someone"},"roles":[],"joined_at":"2024-01-01T00:00:00Z","permissions":"2048"},
		"data":{"id":"1300000000000000003","name":"dice","type":1,"options":[{"name":"roll","type":1,"options":[{"name":"sides","type":4,"value":6}]}]}}`)
	stamp := strconv.FormatInt(time.Now().Unix(), 10)
	sig := hex.EncodeToString(ed25519.Sign(priv, append([]byte(stamp), body...)))
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		req := httptest.NewRequest("POST", "/", bytes.NewReader(body))
		req.Header.Set("X-Signature-Ed25519", sig)
		req.Header.Set("X-Signature-Timestamp", stamp)
		w := httptest.NewRecorder()
		ep.ServeHTTP(w, req)
		if w.Code != http.StatusOK {
			b.Fatal(w.Code, w.Body.String())
		}
	}
}
