package transport_test

import (
	"bytes"
	"context"
	"errors"
	"testing"
	"time"

	"github.com/gloamdev/gloam/transport"
	"github.com/matryer/is"
)

func TestPipe(t *testing.T) {
	is := is.New(t)
	ctx := context.Background()
	a, b := transport.Pipe()
	buf := []byte("hello")
	is.NoErr(a.Write(ctx, transport.Text, buf))
	buf[0] = 'j' // the pipe copied it
	is.NoErr(a.Write(ctx, transport.Binary, []byte{1, 2}))
	is.NoErr(a.Close(4000, "bye"))

	typ, p, err := b.Read(ctx)
	is.NoErr(err)
	is.Equal(typ, transport.Text)
	is.Equal(string(p), "hello") // first message
	typ, p, err = transport.ReadInto(ctx, b, func() []byte { return []byte("x") })
	is.NoErr(err)
	is.Equal(typ, transport.Binary)
	is.Equal(p, []byte{'x', 1, 2}) // appended
	_, _, err = b.Read(ctx)
	var ce *transport.CloseError
	is.True(errors.As(err, &ce)) // the close follows the messages
	is.Equal(ce.Code, 4000)
	is.Equal(ce.Reason, "bye")

	_, _, err = a.Read(ctx)
	is.True(errors.Is(err, transport.ErrClosed)) // the closing end reads ErrClosed
	is.True(errors.Is(a.Write(ctx, transport.Text, nil), transport.ErrClosed))
	err = b.Write(ctx, transport.Text, []byte("late"))
	is.True(errors.As(err, &ce))     // writing to a closed peer fails
	is.NoErr(a.Close(1000, "again")) // Close twice is fine
}

func TestPipeReadContext(t *testing.T) {
	is := is.New(t)
	a, _ := transport.Pipe()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	_, _, err := a.Read(ctx)
	is.True(errors.Is(err, context.DeadlineExceeded)) // Read honours ctx
}

func TestPipeCloseUnblocksRead(t *testing.T) {
	is := is.New(t)
	a, b := transport.Pipe()
	done := make(chan error, 1)
	go func() {
		_, _, err := b.Read(context.Background())
		done <- err
	}()
	time.Sleep(5 * time.Millisecond)
	a.Close(4009, "")
	var ce *transport.CloseError
	is.True(errors.As(<-done, &ce)) // the blocked reader sees the close
	is.Equal(ce.Code, 4009)
}

func TestReadIntoGrows(t *testing.T) {
	is := is.New(t)
	a, b := transport.Pipe()
	big := bytes.Repeat([]byte("ab"), 5000)
	is.NoErr(a.Write(context.Background(), transport.Text, big))
	_, p, err := transport.ReadInto(context.Background(), b, func() []byte { return make([]byte, 0, 16) })
	is.NoErr(err)
	is.Equal(p, big)
}

func TestUserAgent(t *testing.T) {
	is := is.New(t)
	is.Equal(transport.UserAgent, "DiscordBot (https://github.com/gloamdev/gloam, "+transport.Version+")")
}
