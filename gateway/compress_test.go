package gateway

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/gloamdev/gloam/model"
	"github.com/klauspost/compress/zstd"
	"github.com/matryer/is"
)

// zlibWriter and zstdWriter compress a stream of payloads as Discord
// does: one context per connection, each payload flushed.
type streamWriter interface {
	write(p []byte) []byte
}

type zlibWriter struct {
	buf bytes.Buffer
	w   *zlib.Writer
}

func newZlibWriter() *zlibWriter {
	z := &zlibWriter{}
	z.w, _ = zlib.NewWriterLevel(&z.buf, zlib.BestSpeed)
	return z
}

func (z *zlibWriter) write(p []byte) []byte {
	z.buf.Reset()
	z.w.Write(p)
	z.w.Flush()
	return bytes.Clone(z.buf.Bytes())
}

type zstdWriter struct {
	buf bytes.Buffer
	w   *zstd.Encoder
}

func newZstdWriter() *zstdWriter {
	z := &zstdWriter{}
	z.w, _ = zstd.NewWriter(&z.buf, zstd.WithEncoderConcurrency(1), zstd.WithWindowSize(1<<20))
	return z
}

func (z *zstdWriter) write(p []byte) []byte {
	z.buf.Reset()
	z.w.Write(p)
	z.w.Flush()
	return bytes.Clone(z.buf.Bytes())
}

func newWriter(c Compression) streamWriter {
	if c == ZlibStream {
		return newZlibWriter()
	}
	return newZstdWriter()
}

// text is random words to fill payloads with, made once.
var text = func() []byte {
	rng := rand.New(rand.NewPCG(7, 8))
	chunk := make([]byte, 3000)
	for i := range chunk {
		chunk[i] = "abcdefghij0123456789 "[rng.IntN(21)]
	}
	// Repeated, so that compressing test streams stays cheap under -race.
	return bytes.Repeat(chunk, 90)
}()

// payload makes a gateway payload of about size bytes.
func payload(rng *rand.Rand, seq, size int) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, `{"op":0,"s":%d,"t":"MESSAGE_CREATE","d":{"content":"`, seq)
	size = min(size, len(text))
	off := rng.IntN(len(text) - size + 1)
	b.Write(text[off : off+size])
	b.WriteString(`"}}`)
	return b.Bytes()
}

func TestInflateStream(t *testing.T) {
	for _, c := range []Compression{ZlibStream, ZstdStream} {
		t.Run(string(c), func(t *testing.T) {
			is := is.New(t)
			rng := rand.New(rand.NewPCG(1, 2))
			w := newWriter(c)
			d := frameDecoder{inf: newInflater(c, 0)}
			defer d.close()
			total := 0
			for i := range 60 {
				// Sizes around the 32 KiB window and the 128 KiB zstd
				// block, and outputs ending on multiples of 32 KiB.
				size := rng.IntN(300)
				switch {
				case i%15 == 3:
					size = 32<<10 - total%(32<<10) - 80 + rng.IntN(4)
				case i == 50 && c == ZstdStream: // over one 128 KiB block
					size = 130<<10 + rng.IntN(20<<10)
				}
				p := payload(rng, i+1, max(size, 1))
				total += len(p)
				msg := w.write(p)
				buf := append(d.buffer(), msg...)
				got, err := d.decode(buf)
				is.NoErr(err)
				is.True(bytes.Equal(got, p)) // each payload whole
			}
		})
	}
}

// TestZlibSplitMessage feeds a zlib-stream payload in pieces, as a
// gateway may when it splits one over several WebSocket messages.
func TestZlibSplitMessage(t *testing.T) {
	is := is.New(t)
	w := newZlibWriter()
	d := frameDecoder{inf: newInflater(ZlibStream, 0)}
	defer d.close()
	p := payload(rand.New(rand.NewPCG(3, 4)), 1, 5000)
	msg := w.write(p)
	half := len(msg) / 2
	got, err := d.decode(append(d.buffer(), msg[:half]...))
	is.NoErr(err)
	is.Equal(got, nil) // not yet
	got, err = d.decode(append(d.buffer(), msg[half:]...))
	is.NoErr(err)
	is.True(bytes.Equal(got, p))
}

func TestInflateCorrupt(t *testing.T) {
	for _, c := range []Compression{ZlibStream, ZstdStream} {
		t.Run(string(c), func(t *testing.T) {
			is := is.New(t)
			w := newWriter(c)
			d := frameDecoder{inf: newInflater(c, 0)}
			defer d.close()
			msg := w.write([]byte(`{"op":10,"d":{"heartbeat_interval":41250}}`))
			bad := bytes.Clone(msg)
			for i := range bad {
				bad[i] ^= 0x5a
			}
			if c == ZlibStream {
				bad = append(bad, syncFlush...)
			}
			_, err := d.decode(append(d.buffer(), bad...))
			is.True(errors.Is(err, ErrDecompress)) // an error, not a panic
			_, err = d.decode(append(d.buffer(), msg...))
			is.True(err != nil) // the stream stays broken
		})
	}
}

// FuzzFrame runs arbitrary bytes through the frame path, decompression
// then envelope: errors are fine, panics are not. The input is split into
// messages at 0xfe bytes; the first byte picks the compression.
func FuzzFrame(f *testing.F) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, c := range []Compression{ZlibStream, ZstdStream} {
		w := newWriter(c)
		var seed []byte
		seed = append(seed, map[Compression]byte{ZlibStream: 0, ZstdStream: 1}[c])
		for i := range 3 {
			seed = append(seed, w.write(payload(rng, i+1, 200))...)
			seed = append(seed, 0xfe)
		}
		f.Add(seed)
		f.Add(seed[:len(seed)/2])
	}
	// zstd-stream whose matches reach past the first window, so that the
	// decoder starts the frame again with a larger one.
	zw := newZstdWriter()
	seed := []byte{1}
	marker := noise(rng, 300)
	for _, p := range [][]byte{marker, local(rng, 20<<10), marker} {
		seed = append(append(seed, zw.write(p)...), 0xfe)
	}
	f.Add(seed)
	f.Add([]byte{2, '{', '"', 'o', 'p', '"', ':', '0', '}'})
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) == 0 {
			return
		}
		c := []Compression{ZlibStream, ZstdStream, NoCompression}[int(data[0])%3]
		d := frameDecoder{inf: newInflater(c, 0)}
		defer d.close()
		for _, msg := range bytes.Split(data[1:], []byte{0xfe}) {
			p, err := d.decode(append(d.buffer(), msg...))
			if err != nil {
				return
			}
			if p == nil {
				continue
			}
			ev, err := model.ParseEvent(p)
			if err == nil {
				_ = ev.Get("heartbeat_interval").Int()
				_ = ev.Data() == "true"
			}
		}
	})
}

// TestZlibHistory checks the history carried from message to message:
// messages over the 32 KiB window, of exactly its size, outputs ending
// exactly on multiples of it and of the history buffer, and many small
// messages whose back-references reach far into earlier ones.
func TestZlibHistory(t *testing.T) {
	is := is.New(t)
	var buf bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&buf, zlib.BestCompression)
	d := frameDecoder{inf: newInflater(ZlibStream, 0)}
	defer d.close()
	rng := rand.New(rand.NewPCG(11, 12))
	var last []byte
	send := func(size int) {
		p := make([]byte, size)
		for i := 0; i < size; {
			off := rng.IntN(len(text) - 1)
			i += copy(p[i:], text[off:min(off+1+rng.IntN(3000), len(text))])
		}
		if size == zlibWindow && len(last) == zlibWindow {
			p = last // repeated: matches exactly a window back
		}
		last = p
		buf.Reset()
		zw.Write(p)
		zw.Flush()
		got, err := d.decode(append(d.buffer(), buf.Bytes()...))
		is.NoErr(err)
		is.True(bytes.Equal(got, p)) // each payload whole
	}
	total := 0
	to := func(mark int) { // a message that ends the output at mark
		send(mark - total)
		total = mark
	}
	for _, size := range []int{100, zlibWindow, zlibWindow, zlibWindow - 1, zlibWindow + 1, 100 << 10} {
		send(size)
		total += size
	}
	to((total/zlibWindow + 1) * zlibWindow)
	to(total + zlibWindow)
	to(total + zlibWindow/2)
	for i := range 400 {
		n := 1 + rng.IntN(700)
		if i%50 == 7 {
			n = zlibWindow - total%zlibWindow // end on the ring's end
		}
		send(n)
		total += n
	}
}

// TestZlibStreamEnd checks that a stream which ends, which zlib-stream
// never does, is an error.
func TestZlibStreamEnd(t *testing.T) {
	is := is.New(t)
	var buf bytes.Buffer
	zw := zlib.NewWriter(&buf)
	zw.Write([]byte(`{"op":11}`))
	zw.Close()
	d := frameDecoder{inf: newInflater(ZlibStream, 0)}
	defer d.close()
	_, err := d.decode(append(d.buffer(), append(buf.Bytes(), syncFlush...)...))
	is.True(errors.Is(err, ErrDecompress)) // a final block ends the stream
}

// TestZlibRemember checks that the history always holds the last 32 KiB
// of the output, whatever the sizes of the messages.
func TestZlibRemember(t *testing.T) {
	is := is.New(t)
	rng := rand.New(rand.NewPCG(13, 14))
	var z zlibInflater
	var all []byte
	for i := range 2000 {
		n := 1 + rng.IntN(900)
		switch i % 97 {
		case 5:
			n = zlibWindow - 1 + rng.IntN(3)
		case 40:
			n = zlibWindow - len(z.hist)
		case 70:
			n = zlibWindow - z.wr
		}
		p := make([]byte, max(n, 1))
		for j := range p {
			p[j] = byte(rng.Uint32())
		}
		all = append(all, p...)
		z.remember(p)
		is.True(len(z.hist) <= zlibWindow) // bounded
		w := min(len(all), zlibWindow)
		is.Equal(len(z.hist), w) // holds the window
		window := append(bytes.Clone(z.hist[z.wr:]), z.hist[:z.wr]...)
		is.True(bytes.Equal(window, all[len(all)-w:])) // the last window of the output
	}
}

// TestZstdMessageEndsMidBlock splits zstd-stream messages at random
// points inside a block: the first part yields nothing, the second the
// whole payload, and the stream goes on unharmed.
func TestZstdMessageEndsMidBlock(t *testing.T) {
	is := is.New(t)
	rng := rand.New(rand.NewPCG(21, 22))
	w := newZstdWriter()
	d := frameDecoder{inf: newInflater(ZstdStream, 0)}
	defer d.close()
	var framing zstdFraming // follows what the decoder was given
	splits := 0
	for i := range 200 {
		size := 1 + rng.IntN(2000)
		if i%40 == 20 {
			size = 130<<10 + rng.IntN(20<<10) // over one 128 KiB block
		}
		p := payload(rng, i+1, size)
		msg := w.write(p)
		cut := 0
		if i%3 != 0 && len(msg) > 2 {
			cut = 1 + rng.IntN(len(msg)-1)
			f := framing
			is.NoErr(feedAll(&f, msg[:cut]))
			if f.boundary() {
				cut = 0 // between blocks: not the case under test
			}
		}
		if cut > 0 {
			splits++
			got, err := d.decode(append(d.buffer(), msg[:cut]...))
			is.NoErr(err)
			is.Equal(got, nil) // mid-block: no payload yet
		}
		got, err := d.decode(append(d.buffer(), msg[cut:]...))
		is.NoErr(err)
		is.True(bytes.Equal(got, p)) // the whole payload once its last block is in
		is.NoErr(feedAll(&framing, msg))
		is.True(framing.boundary())
	}
	is.True(splits > 100) // most messages were split
}

// TestPayloadLimit sends, on each compression, a payload one byte over
// the limit, made of zeros so that it compresses to almost nothing: the
// decoder stops with ErrPayloadOverLimit. A payload of exactly the limit
// passes.
func TestPayloadLimit(t *testing.T) {
	const limit = 1 << 20
	for _, c := range []Compression{ZlibStream, ZstdStream, NoCompression} {
		t.Run(string(c), func(t *testing.T) {
			is := is.New(t)
			mk := func(n int) []byte {
				p := make([]byte, n)
				copy(p, `{"op":0,"s":1,"t":"X","d":"`)
				for i := 27; i < n-2; i++ {
					p[i] = '0'
				}
				copy(p[n-2:], `"}`)
				return p
			}
			var w streamWriter
			d := frameDecoder{inf: newInflater(c, limit), limit: limit}
			defer d.close()
			if c != NoCompression {
				w = newWriter(c)
			}
			enc := func(p []byte) []byte {
				if w == nil {
					return p
				}
				return w.write(p)
			}
			ok := mk(limit)
			got, err := d.decode(append(d.buffer(), enc(ok)...))
			is.NoErr(err)
			is.True(bytes.Equal(got, ok)) // the limit itself is fine
			bomb := enc(mk(4 * limit))
			if c != NoCompression {
				is.True(len(bomb) < limit/64) // small on the wire
			}
			_, err = d.decode(append(d.buffer(), bomb...))
			is.True(errors.Is(err, ErrPayloadOverLimit)) // refused
			if c != NoCompression {
				is.True(errors.Is(err, ErrDecompress))
			}
			t.Log(err)
		})
	}
}

// feedAll follows all of p, past the frame headers and ends where feed
// stops.
func feedAll(f *zstdFraming, p []byte) error {
	for len(p) > 0 {
		n, _, err := f.feed(p)
		if err != nil {
			return err
		}
		p = p[n:]
	}
	return nil
}

// keptReader reports whether the zlib-stream inflater keeps a
// decompressor between messages.
func keptReader(d *frameDecoder) bool {
	z := d.inf.(*zlibInflater)
	z.mu.Lock()
	defer z.mu.Unlock()
	return z.kept != nil
}

// TestZlibKeep checks that a busy connection keeps its decompressor from
// message to message, that it gives it back once idle, with the timer or
// when a message ends exactly where the decompressor's window wraps, and
// that the stream goes on whole either way, with matches reaching into
// the history across each change.
func TestZlibKeep(t *testing.T) {
	is := is.New(t)
	rng := rand.New(rand.NewPCG(15, 16))
	var buf bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&buf, zlib.BestCompression)
	d := frameDecoder{inf: newInflater(ZlibStream, 0)}
	defer d.close()
	z := d.inf.(*zlibInflater)
	send := func(p []byte) {
		t.Helper()
		buf.Reset()
		zw.Write(p)
		zw.Flush()
		got, err := d.decode(append(d.buffer(), buf.Bytes()...))
		is.NoErr(err)
		is.True(bytes.Equal(got, p)) // each payload whole
	}
	text := func(n int) []byte { // with matches far back into the history
		p := make([]byte, n)
		for i := 0; i < n; {
			off := rng.IntN(len(text) - 1)
			i += copy(p[i:], text[off:min(off+1+rng.IntN(3000), len(text))])
		}
		return p
	}
	for range 30 {
		send(text(200 + rng.IntN(2000)))
		is.True(keptReader(&d)) // kept while busy
	}
	// Idle: the timer's first run finds the message, the second gives the
	// decompressor back.
	z.idleCheck()
	is.True(keptReader(&d))
	z.idleCheck()
	is.True(!keptReader(&d)) // given back
	is.True(z.wr != 0)       // with a history that wrapped around its ring
	for range 30 {
		send(text(200 + rng.IntN(2000)))
		is.True(keptReader(&d)) // taken from the pool, reset, kept again
	}
	// A message that ends where the window wraps, a sync flush the
	// decompressor does not report as such: it is used up and reset.
	send(text(zlibWindow - z.pos))
	is.True(!keptReader(&d))
	send(text(300))
	is.True(keptReader(&d))
	// The timer itself gives it back.
	deadline := time.Now().Add(5 * time.Second)
	for keptReader(&d) && time.Now().Before(deadline) {
		time.Sleep(zlibIdle)
	}
	is.True(!keptReader(&d)) // given back after an idle period
	send(text(5000))
	for range 5 {
		time.Sleep(zlibIdle + zlibIdle/2) // the timer runs between messages
		send(text(100 + rng.IntN(400)))
	}
}

// FuzzZlibKeep compresses payloads taken from the input, split at 0xfe,
// as a zlib-stream at a level the first byte picks, and checks that each
// comes out whole while the decompressor is kept, given back (where a
// payload starts with 0xfd) and reset.
func FuzzZlibKeep(f *testing.F) {
	f.Add([]byte("\x01{\"op\":0}\xfe\xfd{\"op\":0,\"d\":{\"op\":0}}\xfeabcabcabcabc"))
	f.Add(append([]byte{9}, bytes.Repeat([]byte("0123456789abcdef\xfe\xfdxyz"), 3000)...))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) < 1 {
			return
		}
		var buf bytes.Buffer
		zw, err := zlib.NewWriterLevel(&buf, int(data[0])%10)
		if err != nil {
			return
		}
		d := frameDecoder{inf: newInflater(ZlibStream, 0)}
		defer d.close()
		z := d.inf.(*zlibInflater)
		for _, p := range bytes.Split(data[1:], []byte{0xfe}) {
			if len(p) > 0 && p[0] == 0xfd {
				z.idleCheck()
				z.idleCheck()
			}
			if len(p) == 0 {
				continue
			}
			buf.Reset()
			zw.Write(p)
			zw.Flush()
			got, err := d.decode(append(d.buffer(), buf.Bytes()...))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, p) {
				t.Fatalf("payload of %d bytes came out as %d others", len(p), len(got))
			}
		}
	})
}
