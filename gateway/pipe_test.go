package gateway_test

import (
	"context"
	"testing"
	"time"

	"github.com/gloamdev/gloam/gateway"
	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/transport"
	"github.com/matryer/is"
)

// pipeDialer connects shards to a fake gateway over transport.Pipe: each
// Dial hands the server end to the test.
type pipeDialer struct {
	urls  chan string
	conns chan transport.Conn
}

func (d *pipeDialer) Dial(ctx context.Context, url string) (transport.Conn, error) {
	a, b := transport.Pipe()
	d.urls <- url
	d.conns <- b
	return a, nil
}

func TestResumeGivesUpAfterMaxAttempts(t *testing.T) {
	is := is.New(t)
	d := &pipeDialer{urls: make(chan string, 8), conns: make(chan transport.Conn, 8)}
	sh := gateway.NewShard(0, 1, "tok", &gateway.Options{
		URL:               "ws://gateway.discord.test/",
		Dialer:            d,
		Compression:       gateway.NoCompression,
		Session:           model.Session{ID: "old", Seq: 41, ResumeURL: "ws://gateway-us-east1-b.discord.test/"},
		MaxResumeAttempts: 2,
		IdentifyQueue:     noQueue{},
		BackoffBase:       time.Millisecond,
		BackoffMax:        time.Millisecond,
	})
	running(t, sh)
	ctx := context.Background()
	var ops []int
	for range 3 {
		url := <-d.urls
		c := <-d.conns
		is.NoErr(c.Write(ctx, transport.Text, []byte(`{"op":10,"d":{"heartbeat_interval":45000}}`)))
		var ev model.Event
		for {
			_, p, err := c.Read(ctx)
			is.NoErr(err)
			ev, err = model.ParseEvent(p)
			is.NoErr(err)
			if ev.Op != model.OpHeartbeat {
				break
			}
		}
		ops = append(ops, int(ev.Op))
		if ev.Op == model.OpResume {
			is.Equal(url, "ws://gateway-us-east1-b.discord.test/?encoding=json&v=10") // resume_gateway_url
			is.Equal(ev.Get("session_id").Str, "old")                                 // the session given back
			is.Equal(ev.Get("seq").Int(), int64(41))
			c.Close(4000, "") // fail the resume
			continue
		}
		is.Equal(url, "ws://gateway.discord.test/?encoding=json&v=10") // identify on the gateway URL
		is.Equal(ev.Get("shard").Raw, "[0,1]")
		is.NoErr(c.Write(ctx, transport.Text, []byte(`{"op":0,"s":1,"t":"READY","d":{"session_id":"new","resume_gateway_url":"ws://gateway-us-west1-a.discord.test/"}}`)))
	}
	is.Equal(ops, []int{6, 6, 2}) // two failed resumes, then a new session
	waitFor(t, "READY", func() bool { return sh.Session().ID == "new" })
	is.Equal(sh.Session(), model.Session{ID: "new", Seq: 1, ResumeURL: "ws://gateway-us-west1-a.discord.test/"})
}

func TestReconnectBeforeHello(t *testing.T) {
	is := is.New(t)
	d := &pipeDialer{urls: make(chan string, 8), conns: make(chan transport.Conn, 8)}
	sh := gateway.NewShard(0, 1, "tok", &gateway.Options{
		URL: "ws://gateway.discord.test/", Dialer: d, Compression: gateway.NoCompression,
		IdentifyQueue: noQueue{}, BackoffBase: time.Millisecond, BackoffMax: time.Millisecond,
	})
	running(t, sh)
	ctx := context.Background()
	<-d.urls
	c := <-d.conns
	is.NoErr(c.Write(ctx, transport.Text, []byte(`{"op":7,"d":null}`))) // op 7 may come first
	_, _, err := c.Read(ctx)
	is.True(err != nil) // the shard closed the connection
	<-d.urls
	c = <-d.conns // and dialled again
	is.NoErr(c.Write(ctx, transport.Text, []byte(`{"op":10,"d":{"heartbeat_interval":45000}}`)))
	for {
		_, p, err := c.Read(ctx)
		is.NoErr(err)
		ev, err := model.ParseEvent(p)
		is.NoErr(err)
		if ev.Op == model.OpIdentify {
			break
		}
	}
}
