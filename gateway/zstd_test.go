package gateway

import (
	"bytes"
	"errors"
	"io"
	"math/rand/v2"
	"testing"

	"github.com/klauspost/compress/zstd"
	"github.com/matryer/is"
)

// noise is n random bytes: incompressible, so the encoder has to send
// them and later copies of them are long-distance matches.
func noise(rng *rand.Rand, n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(rng.Uint32())
	}
	return b
}

// zstdState is the window the inflater tells the decoder, the window the
// frame declares and whether the frame's bytes are kept: read between
// messages, when the decoding goroutine waits.
func zstdState(d *frameDecoder) (win, real int, keeping bool) {
	z := d.inf.(*zstdInflater)
	return z.win, z.real, z.kept != nil
}

// local is n bytes that compress to almost nothing with matches that
// reach back only within themselves: a short random pattern repeated.
func local(rng *rand.Rand, n int) []byte {
	pat := noise(rng, 8+rng.IntN(24))
	b := make([]byte, n)
	for i := 0; i < n; i += copy(b[i:], pat) {
	}
	return b
}

// TestZstdWindowGrows sends a stream whose matches reach back less than
// the first window, then past it, then far into the declared window
// (1 MiB), between payloads that compress well, so that the window grows
// because the decoder fails, not because the kept bytes outgrow it.
// Every payload comes out whole, the window grows only when a match
// reaches past it, and the kept bytes go once it is the declared one.
func TestZstdWindowGrows(t *testing.T) {
	is := is.New(t)
	rng := rand.New(rand.NewPCG(31, 32))
	w := newZstdWriter() // a 1 MiB window
	d := frameDecoder{inf: newInflater(ZstdStream, 0)}
	defer d.close()
	send := func(p []byte) {
		t.Helper()
		got, err := d.decode(append(d.buffer(), w.write(p)...))
		is.NoErr(err)
		is.True(bytes.Equal(got, p)) // each payload whole
	}
	marker := noise(rng, 2000)
	send(marker)
	win, real, keeping := zstdState(&d)
	is.Equal(real, 1<<20) // the declared window
	is.Equal(win, 16<<10) // decoded with the first window
	is.True(keeping)      // and the frame kept
	total := len(marker)
	for _, reach := range []int{12 << 10, 40 << 10, 200 << 10, 900 << 10} {
		// Filler up to reach, then the marker again: a match reaching
		// back about reach bytes.
		for total < reach {
			p := local(rng, min(reach-total, 500+rng.IntN(3000)))
			send(p)
			total += len(p)
		}
		before, _, _ := zstdState(&d)
		send(marker)
		total += len(marker)
		win, _, keeping = zstdState(&d)
		t.Logf("match back %d KiB: window %d KiB before, %d KiB after, keeping %v", reach>>10, before>>10, win>>10, keeping)
		if reach < zstdFirstWindow {
			is.Equal(win, zstdFirstWindow) // no need to grow
		}
		is.True(win >= reach)         // grown to reach the match
		is.Equal(keeping, win < real) // kept only while smaller
		marker = noise(rng, 2000)
		send(marker)
		total += len(marker)
	}
	win, _, keeping = zstdState(&d)
	is.Equal(win, 1<<20) // the declared window at last
	is.True(!keeping)    // nothing kept once there
	big := noise(rng, 100<<10)
	send(big) // blocks as large as blocks go
	send(big) // and matches a block long
}

// TestZstdBigFirstBlock starts a stream with a block larger than the
// first window.
func TestZstdBigFirstBlock(t *testing.T) {
	is := is.New(t)
	rng := rand.New(rand.NewPCG(33, 34))
	w := newZstdWriter()
	d := frameDecoder{inf: newInflater(ZstdStream, 0)}
	defer d.close()
	for _, n := range []int{100 << 10, 300, 130 << 10, 70 << 10} {
		p := noise(rng, n)
		got, err := d.decode(append(d.buffer(), w.write(p)...))
		is.NoErr(err)
		is.True(bytes.Equal(got, p)) // whole
	}
}

// TestZstdDeclaredWindow sends a match reaching past the window the
// frame declares: at the declared window that is the stream's error, a
// typed one, even though the decoder started smaller and grew.
func TestZstdDeclaredWindow(t *testing.T) {
	is := is.New(t)
	rng := rand.New(rand.NewPCG(35, 36))
	var buf bytes.Buffer
	// The encoder uses a 256 KiB window; the header is made to declare
	// 64 KiB.
	enc, _ := zstd.NewWriter(&buf, zstd.WithEncoderConcurrency(1), zstd.WithWindowSize(256<<10))
	write := func(p []byte) []byte {
		buf.Reset()
		enc.Write(p)
		enc.Flush()
		return bytes.Clone(buf.Bytes())
	}
	d := frameDecoder{inf: newInflater(ZstdStream, 0)}
	defer d.close()
	marker := noise(rng, 3000)
	first := write(marker)
	is.Equal(first[4]&0x20, byte(0)) // a window descriptor follows
	is.Equal(first[5], byte(8<<3))   // of 256 KiB
	first[5] = 6 << 3                // now 64 KiB
	got, err := d.decode(append(d.buffer(), first...))
	is.NoErr(err)
	is.True(bytes.Equal(got, marker))
	for total := 0; total < 150<<10; {
		p := noise(rng, 4000)
		got, err := d.decode(append(d.buffer(), write(p)...))
		is.NoErr(err)
		is.True(bytes.Equal(got, p))
		total += len(p)
	}
	_, err = d.decode(append(d.buffer(), write(marker)...))
	is.True(errors.Is(err, ErrDecompress)) // a match beyond the declared window
	win, real, _ := zstdState(&d)
	is.Equal(win, real) // tried at the declared window before failing
}

// TestZstdCorrupt breaks the stream while the window is still small and
// once it is the declared one: both end in ErrDecompress, the first after
// the window grew to the declared one.
func TestZstdCorrupt(t *testing.T) {
	for _, grown := range []bool{false, true} {
		t.Run(map[bool]string{false: "small", true: "declared"}[grown], func(t *testing.T) {
			is := is.New(t)
			rng := rand.New(rand.NewPCG(37, 38))
			w := newZstdWriter()
			d := frameDecoder{inf: newInflater(ZstdStream, 0)}
			defer d.close()
			p := payload(rng, 1, 3000)
			_, err := d.decode(append(d.buffer(), w.write(p)...))
			is.NoErr(err)
			if grown {
				for range 8 {
					p := noise(rng, 128<<10)
					_, err := d.decode(append(d.buffer(), w.write(p)...))
					is.NoErr(err)
				}
				win, real, _ := zstdState(&d)
				is.Equal(win, real) // at the declared window
			}
			// A compressed block whose literals, raw, are longer than the
			// block.
			bad := []byte{2<<3 | 2<<1, 0, 0, 31 << 3, 0}
			_, err = d.decode(append(d.buffer(), bad...))
			is.True(errors.Is(err, ErrDecompress)) // typed
			t.Log(err)
			win, real, _ := zstdState(&d)
			is.Equal(win, real) // tried at the declared window before failing
			_, err = d.decode(append(d.buffer(), w.write(p)...))
			is.True(errors.Is(err, ErrDecompress)) // and the stream stays broken
		})
	}
}

// TestZstdHostileHeader sends frame headers that declare windows over the
// limit, with a window descriptor and as single-segment content sizes,
// and a single-segment frame within it, which decodes with a small
// window.
func TestZstdHostileHeader(t *testing.T) {
	magic := []byte{0x28, 0xb5, 0x2f, 0xfd}
	block := []byte{0x01, 0x00, 0x00} // an empty last raw block
	for _, tc := range []struct {
		name string
		hdr  []byte
	}{
		{"descriptor 3.75 TiB", []byte{0x00, 0xff}},
		{"descriptor 64 MiB", []byte{0x00, 16 << 3}},
		{"single 1 TiB", []byte{0x20 | 3<<6, 0, 0, 0, 0, 0, 1, 0, 0}},
		{"single 4 GiB", []byte{0x20 | 2<<6, 0xff, 0xff, 0xff, 0xff}},
		{"dictionary", []byte{0x01, 10 << 3, 7}},
		{"reserved bit", []byte{0x08, 10 << 3}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			is := is.New(t)
			d := frameDecoder{inf: newInflater(ZstdStream, 0)}
			defer d.close()
			msg := append(append(append([]byte{}, magic...), tc.hdr...), block...)
			_, err := d.decode(append(d.buffer(), msg...))
			is.True(errors.Is(err, ErrDecompress)) // refused
			t.Log(err)
		})
	}
	t.Run("single 8 MiB", func(t *testing.T) {
		is := is.New(t)
		rng := rand.New(rand.NewPCG(39, 40))
		p := payload(rng, 1, 3000)
		enc, _ := zstd.NewWriter(nil, zstd.WithEncoderConcurrency(1), zstd.WithSingleSegment(true), zstd.WithEncoderCRC(false))
		frame := enc.EncodeAll(p, nil)
		is.True(frame[4]&0x20 != 0) // single-segment
		// The content size field made to declare 8 MiB, and the frame cut
		// before its last block: the decoder sees a frame whose window is
		// 8 MiB, and decodes the first message with a small one.
		hdr := []byte{0x20 | 2<<6, 0, 0, 0x80, 0}
		body := frame[4+1+2:] // after magic, descriptor and 2-byte size
		msg := append(append(append([]byte{}, magic...), hdr...), body...)
		msg[len(magic)+len(hdr)] &^= 1 // not the last block
		d := frameDecoder{inf: newInflater(ZstdStream, 0)}
		defer d.close()
		got, err := d.decode(append(d.buffer(), msg...))
		is.NoErr(err)
		is.True(bytes.Equal(got, p))
		win, real, _ := zstdState(&d)
		is.Equal(real, 8<<20)
		is.Equal(win, zstdFirstWindow)
	})
}

// TestZstdFrames sends a skippable frame and then a stream of frames, one
// per payload, each with its content size: each starts again with the
// first window.
func TestZstdFrames(t *testing.T) {
	is := is.New(t)
	rng := rand.New(rand.NewPCG(41, 42))
	enc, _ := zstd.NewWriter(nil, zstd.WithEncoderConcurrency(1), zstd.WithWindowSize(1<<20))
	d := frameDecoder{inf: newInflater(ZstdStream, 0)}
	defer d.close()
	skippable := []byte{0x50, 0x2a, 0x4d, 0x18, 3, 0, 0, 0, 1, 2, 3}
	got, err := d.decode(append(d.buffer(), skippable...))
	is.NoErr(err)
	is.Equal(len(got), 0)
	for i, n := range []int{300, 100 << 10, 5000, 200 << 10, 40} {
		p := noise(rng, n)
		if i%2 == 0 {
			p = payload(rng, i, n)
		}
		got, err := d.decode(append(d.buffer(), enc.EncodeAll(p, nil)...))
		is.NoErr(err)
		is.True(bytes.Equal(got, p)) // whole
	}
}

// FuzzZstdWindow checks the window growth against a plain decoder: the
// input is a zstd stream, cut into messages at lengths drawn from its
// first byte. What the shard delivers must be what a decoder told the
// declared window decodes, up to where either stops; when the shard takes
// every message and the stream ends between blocks, all of it.
func FuzzZstdWindow(f *testing.F) {
	rng := rand.New(rand.NewPCG(43, 44))
	for _, window := range []int{1 << 20, 64 << 10} {
		var buf bytes.Buffer
		enc, _ := zstd.NewWriter(&buf, zstd.WithEncoderConcurrency(1), zstd.WithWindowSize(window))
		marker := noise(rng, 300)
		for _, p := range [][]byte{marker, local(rng, 20<<10), marker, local(rng, 60<<10), marker, noise(rng, 300)} {
			enc.Write(p)
			enc.Flush()
		}
		f.Add(append([]byte{byte(window >> 10)}, buf.Bytes()...))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) < 2 {
			return
		}
		stream := data[1:]
		ref, _ := zstd.NewReader(bytes.NewReader(stream), zstdOptions...)
		const most = 4 << 20 // decoding more takes the fuzzer too long
		want, _ := io.ReadAll(io.LimitReader(ref, most+1))
		ref.Close()
		cut := rand.New(rand.NewPCG(uint64(data[0]), 0))
		d := frameDecoder{inf: newInflater(ZstdStream, most)}
		defer d.close()
		var got []byte
		var err error
		for rest := stream; len(rest) > 0 && err == nil && len(got) <= most; {
			n := min(len(rest), 1+cut.IntN(3000))
			var p []byte
			p, err = d.decode(append(d.buffer(), rest[:n]...))
			got = append(got, p...)
			rest = rest[n:]
		}
		if !bytes.HasPrefix(want, got) {
			t.Fatalf("delivered %d bytes that are not the %d the stream decodes to", len(got), len(want))
		}
		if err == nil && len(want) <= most && d.inf.(*zstdInflater).framing.boundary() && len(got) != len(want) {
			t.Fatalf("delivered %d bytes of the %d the stream decodes to", len(got), len(want))
		}
	})
}
