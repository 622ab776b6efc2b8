//go:build !js

package transport_test

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/gloamdev/gloam/transport"
	"github.com/matryer/is"
)

// server runs handle for each WebSocket a client opens and reports the
// User-Agent it saw.
func server(t *testing.T, handle func(c *websocket.Conn)) (url string, ua chan string) {
	ua = make(chan string, 8)
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ua <- r.Header.Get("User-Agent")
		c, err := websocket.Accept(w, r, nil)
		if err != nil {
			return
		}
		c.SetReadLimit(-1)
		handle(c)
	}))
	t.Cleanup(s.Close)
	return "ws" + strings.TrimPrefix(s.URL, "http"), ua
}

func TestDialEchoAndClose(t *testing.T) {
	is := is.New(t)
	ctx := context.Background()
	got := make(chan *websocket.CloseError, 1)
	url, ua := server(t, func(c *websocket.Conn) {
		for {
			typ, p, err := c.Read(ctx)
			if err != nil {
				var ce websocket.CloseError
				if errors.As(err, &ce) {
					got <- &ce
				} else {
					got <- nil
				}
				return
			}
			if string(p) == "close me" {
				c.Close(4004, "Authentication failed.")
				return
			}
			c.Write(ctx, typ, p)
		}
	})
	d := &transport.WebSocketDialer{}
	c, err := d.Dial(ctx, url)
	is.NoErr(err)
	is.Equal(<-ua, transport.UserAgent) // the dial sends Discord's User-Agent

	is.NoErr(c.Write(ctx, transport.Text, []byte(`{"op":1}`)))
	typ, p, err := c.Read(ctx)
	is.NoErr(err)
	is.Equal(typ, transport.Text)
	is.Equal(string(p), `{"op":1}`)

	is.NoErr(c.Write(ctx, transport.Text, []byte("close me")))
	_, _, err = c.Read(ctx)
	var ce *transport.CloseError
	is.True(errors.As(err, &ce)) // the peer's close is a *CloseError
	is.Equal(ce.Code, 4004)
	is.Equal(ce.Reason, "Authentication failed.")
	c.Close(1000, "")

	// Closing from our side sends the code.
	c, err = d.Dial(ctx, url)
	is.NoErr(err)
	<-ua
	is.NoErr(c.Close(4000, "resume later"))
	sc := <-got
	is.True(sc != nil)           // the server saw a close frame
	is.Equal(int(sc.Code), 4000) // with our code
	_, _, err = c.Read(ctx)
	is.True(err != nil) // reading a closed connection fails
}

func TestCloseDoesNotWaitForDeadPeer(t *testing.T) {
	is := is.New(t)
	ctx := context.Background()
	release := make(chan struct{})
	url, _ := server(t, func(c *websocket.Conn) {
		<-release // never reads: the close frame gets no answer
		c.CloseNow()
	})
	defer close(release)
	c, err := (&transport.WebSocketDialer{}).Dial(ctx, url)
	is.NoErr(err)
	readDone := make(chan error, 1)
	go func() {
		_, _, err := c.Read(ctx)
		readDone <- err
	}()
	is.NoErr(c.Close(4000, "zombie"))
	select {
	case err := <-readDone:
		is.True(err != nil) // Close unblocked Read
	case <-time.After(10 * time.Second):
		t.Fatal("Read still blocked after Close")
	}
}

func TestReadLimit(t *testing.T) {
	is := is.New(t)
	ctx := context.Background()
	big := bytes.Repeat([]byte("x"), 5000)
	url, _ := server(t, func(c *websocket.Conn) {
		c.Write(ctx, websocket.MessageText, big)
		c.Write(ctx, websocket.MessageText, big)
		c.Read(ctx)
	})
	c, err := (&transport.WebSocketDialer{ReadLimit: 4096}).Dial(ctx, url)
	is.NoErr(err)
	defer c.Close(1000, "")
	_, _, err = c.Read(ctx)
	is.True(errors.Is(err, transport.ErrMessageTooBig)) // over the limit

	c2, err := (&transport.WebSocketDialer{}).Dial(ctx, url)
	is.NoErr(err)
	defer c2.Close(1000, "")
	_, p, err := transport.ReadInto(ctx, c2, func() []byte { return make([]byte, 0, 64) })
	is.NoErr(err)
	is.Equal(len(p), 5000) // the default limit is far larger
}

func TestDialRefused(t *testing.T) {
	is := is.New(t)
	s := httptest.NewServer(http.NotFoundHandler())
	url := "ws" + strings.TrimPrefix(s.URL, "http")
	s.Close()
	_, err := (&transport.WebSocketDialer{}).Dial(context.Background(), url)
	is.True(err != nil) // nothing listens
	is.True(strings.HasPrefix(err.Error(), "transport: dial"))
}

func TestDialRejected(t *testing.T) {
	is := is.New(t)
	s := httptest.NewServer(http.NotFoundHandler())
	defer s.Close()
	_, err := (&transport.WebSocketDialer{}).Dial(context.Background(), "ws"+strings.TrimPrefix(s.URL, "http"))
	is.True(err != nil) // a 404 is no WebSocket
	is.True(strings.HasPrefix(err.Error(), "transport: dial"))
}

// TestDialRefusesRedirect answers the handshake with a redirect to a
// WebSocket server that would accept: the dial fails with ErrRedirect
// and the other server never sees a request.
func TestDialRefusesRedirect(t *testing.T) {
	for _, code := range []int{http.StatusMovedPermanently, http.StatusFound, http.StatusTemporaryRedirect, http.StatusPermanentRedirect} {
		t.Run(http.StatusText(code), func(t *testing.T) {
			is := is.New(t)
			target, seen := server(t, func(c *websocket.Conn) { c.Close(1000, "") })
			s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				http.Redirect(w, r, "http"+strings.TrimPrefix(target, "ws")+"/elsewhere", code)
			}))
			defer s.Close()
			c, err := (&transport.WebSocketDialer{}).Dial(context.Background(), "ws"+strings.TrimPrefix(s.URL, "http"))
			if c != nil {
				c.Close(1000, "")
			}
			is.True(errors.Is(err, transport.ErrRedirect)) // refused
			is.Equal(len(seen), 0)                         // the other host was never asked
		})
	}
}
