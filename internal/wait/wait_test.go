package wait_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/gloamdev/gloam/internal/wait"
	"github.com/matryer/is"
)

func TestSleep(t *testing.T) {
	is := is.New(t)
	is.NoErr(wait.Sleep(context.Background(), time.Millisecond)) // the timer fires
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	is.True(errors.Is(wait.Sleep(ctx, time.Hour), context.Canceled)) // a done ctx ends the wait
	is.True(errors.Is(wait.Sleep(ctx, 0), context.Canceled))         // even with nothing to wait
	is.NoErr(wait.Sleep(context.Background(), -time.Second))         // nothing to wait
}
