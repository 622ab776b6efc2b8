package gateway

import (
	"strconv"

	"context"
	"errors"
	"github.com/gloamdev/gloam/internal/shared"
	"testing"
	"time"

	"github.com/matryer/is"
)

func TestSendLimiterReserve(t *testing.T) {
	is := is.New(t)
	l := newSendLimiter(41250 * time.Millisecond)
	ctx := context.Background()
	is.Equal(l.reserve, 4) // two beats a minute, one asked for, one Identify or Resume
	for range sendLimit - l.reserve {
		is.NoErr(l.take(ctx, false))
	}
	short, cancel := context.WithTimeout(ctx, 20*time.Millisecond)
	defer cancel()
	err := l.take(short, false)
	is.True(errors.Is(err, context.DeadlineExceeded)) // commands wait once their share is used
	for range l.reserve {
		is.NoErr(l.take(ctx, true)) // heartbeats still go
	}
	is.Equal(l.count(), sendLimit)
	short2, cancel2 := context.WithTimeout(ctx, 20*time.Millisecond)
	defer cancel2()
	is.True(errors.Is(l.take(short2, true), context.DeadlineExceeded)) // never more than 120
}

func TestSendLimiterWindowSlides(t *testing.T) {
	is := is.New(t)
	l := newSendLimiter(time.Minute)
	now := clock()
	// 120 sends a minute ago, bar the last ten, which are recent.
	for i := range sendLimit {
		at := now - sendWindow - time.Second
		if i >= sendLimit-10 {
			at = now
		}
		l.sent[i] = int64(at)
	}
	l.n = sendLimit
	is.Equal(l.count(), 10) // the old ones left the window
	is.NoErr(l.take(context.Background(), false))
}

func TestBackoff(t *testing.T) {
	is := is.New(t)
	is.Equal(backoff(time.Second, time.Minute, 0), time.Duration(0)) // first retry at once
	for n := 1; n < 12; n++ {
		d := backoff(time.Second, time.Minute, n)
		hi := min(time.Second<<(n-1), time.Minute)
		is.True(d >= hi/2 && d <= hi) // jittered in the upper half
	}
}

func TestGatewayURL(t *testing.T) {
	is := is.New(t)
	u, err := gatewayURL("wss://gateway.discord.gg/?v=9&x=1", ZstdStream)
	is.NoErr(err)
	is.Equal(u, "wss://gateway.discord.gg/?compress=zstd-stream&encoding=json&v=10&x=1")
	u, err = gatewayURL("wss://resume.discord.gg", NoCompression)
	is.NoErr(err)
	is.Equal(u, "wss://resume.discord.gg?encoding=json&v=10")
}

func TestActionFor(t *testing.T) {
	is := is.New(t)
	for _, code := range []CloseCode{4004, 4010, 4011, 4012, 4013, 4014} {
		is.Equal(actionFor(code), closeFatal)
	}
	for _, code := range []CloseCode{4003, 4007, 4009} {
		is.Equal(actionFor(code), closeNewSession)
	}
	for _, code := range []CloseCode{1000, 1001, 1006, 1011, 4000, 4001, 4002, 4005, 4008, 4999} {
		is.Equal(actionFor(code), closeResume)
	}
}

// TestCloseCodesTable checks actionFor against Discord's table: codes it
// says not to reconnect after are fatal, the others are not.
func TestCloseCodesTable(t *testing.T) {
	is := is.New(t)
	n := 0
	for _, row := range shared.ReadTSV(t, "close-codes.tsv") {
		if len(row) < 5 || row[0] != "gateway" {
			continue
		}
		code, err := strconv.Atoi(row[1])
		if err != nil {
			continue // 1000/1001
		}
		switch row[4] {
		case "false":
			is.Equal(actionFor(CloseCode(code)), closeFatal) // must not reconnect
		case "true":
			is.True(actionFor(CloseCode(code)) != closeFatal) // reconnects
		}
		n++
	}
	is.True(n >= 13) // the table was read
}
