package gateway

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/klauspost/compress/flate" // faster than compress/flate on a bytes.Reader
	"github.com/klauspost/compress/zstd"
)

// Compression is the transport compression a shard asks the gateway for.
type Compression string

// Transport compressions. All are pure Go and behave the same natively and
// in the browser.
const (
	ZlibStream    Compression = "zlib-stream"
	ZstdStream    Compression = "zstd-stream"
	NoCompression Compression = "none"
)

// syncFlush ends every message of a zlib stream.
var syncFlush = []byte{0x00, 0x00, 0xff, 0xff}

// DefaultMaxPayloadSize is the largest payload a shard accepts, after
// decompression, when Options.MaxPayloadSize is zero: room for the
// GUILD_CREATE of a very large guild.
const DefaultMaxPayloadSize = 64 << 20

// inflater undoes the transport compression of one connection. A new one
// is made for every connection, and closed when it ends.
type inflater interface {
	// complete reports whether msg, the bytes received so far, ends a
	// gateway payload.
	complete(msg []byte) bool
	// inflate appends the payload in msg to out; when msg holds no
	// whole payload yet it keeps what it decoded and appends nothing.
	// After an error the inflater is unusable and the connection must be
	// dropped.
	inflate(out, msg []byte) ([]byte, error)
	// close releases what the inflater holds.
	close()
}

// newInflater returns the inflater for c, which refuses payloads over
// limit bytes (DefaultMaxPayloadSize when limit <= 0), or nil when c is
// NoCompression.
func newInflater(c Compression, limit int) inflater {
	if limit <= 0 {
		limit = DefaultMaxPayloadSize
	}
	switch c {
	case ZlibStream:
		return &zlibInflater{limit: limit}
	case ZstdStream:
		return &zstdInflater{limit: limit}
	}
	return nil
}

// overLimit is the error of a payload that inflates past limit bytes.
func overLimit(c Compression, limit int) error { return &limitError{comp: c, limit: limit} }

// zlibWindow is the deflate window: a back-reference reaches at most this
// far into the output before it.
const zlibWindow = 32 << 10

// zlibHistMax bounds the history buffer: the last zlibWindow bytes are
// moved to its front only when it fills, so each output byte is copied
// about four more times on average, not once per message; an idle
// connection that has been busy keeps 40 KiB, not twice the window.
const zlibHistMax = zlibWindow + 8<<10

// zlibInflater is zlib-stream: one deflate stream for the connection's
// life after a two-byte zlib header, each message ending with a sync
// flush (an empty stored block, 00 00 ff ff). The adler-32 trailer comes
// only at the end of a stream, which never ends, so raw deflate is read
// and no checksum is checked.
//
// A sync flush ends a message on a deflate block boundary, so all the
// next message needs of the past is the output's last 32 KiB, which
// back-references may reach into. Each message is decoded by resetting
// the decompressor onto that message's bytes with this history as its
// dictionary, and reading until it runs out of input. Running out exactly
// at the end of the bytes, after a sync flush, is the normal end of a
// message; the decoder's state needs no keeping across the boundary, so
// decompressors are shared by all connections (flatePool) and each keeps
// only its history.
type zlibInflater struct {
	limit   int    // the largest payload
	hist    []byte // the output so far; its last zlibWindow bytes matter
	started bool
	err     error
}

// flateReader is a deflate decompressor over the bytes of one message.
type flateReader struct {
	br bytes.Reader
	fr io.ReadCloser
}

// flatePool holds the decompressors of zlib-stream, about 40 KiB each
// (their own copy of the window, and Huffman tables), shared by all
// connections since none keeps state between messages.
var flatePool sync.Pool

func (z *zlibInflater) complete(msg []byte) bool { return bytes.HasSuffix(msg, syncFlush) }

func (z *zlibInflater) close() { z.hist = nil }

func (z *zlibInflater) inflate(out, msg []byte) ([]byte, error) {
	if z.err != nil {
		return out, z.err
	}
	if !z.complete(msg) {
		return out, z.fail("zlib-stream message without sync flush", nil)
	}
	if !z.started {
		if len(msg) < 2 || msg[0]&0x0f != 8 || msg[0]>>4 > 7 || (uint16(msg[0])<<8|uint16(msg[1]))%31 != 0 || msg[1]&0x20 != 0 {
			return out, z.fail("bad zlib header", nil)
		}
		msg = msg[2:]
		z.started = true
	}
	dict := z.hist[max(0, len(z.hist)-zlibWindow):]
	r, _ := flatePool.Get().(*flateReader)
	if r == nil {
		r = &flateReader{}
		r.br.Reset(msg)
		r.fr = flate.NewReaderDict(&r.br, dict)
	} else {
		r.br.Reset(msg)
		if err := r.fr.(flate.Resetter).Reset(&r.br, dict); err != nil {
			return out, z.fail("zlib-stream", err)
		}
	}
	defer func() {
		r.br.Reset(nil)
		flatePool.Put(r)
	}()
	n := len(out)
	for {
		if len(out) == cap(out) {
			out = append(out, 0)[:len(out)]
		}
		m, err := r.fr.Read(out[len(out):min(cap(out), n+z.limit+1)])
		out = out[:len(out)+m]
		if len(out)-n > z.limit {
			z.err = overLimit(ZlibStream, z.limit)
			z.hist = nil
			return out[:n], z.err
		}
		if err == nil {
			continue
		}
		if err == io.EOF {
			// A final block: the stream is over, yet it never ends.
			return out, z.fail("zlib-stream ended", nil)
		}
		if err != io.ErrUnexpectedEOF || r.br.Len() != 0 {
			return out, z.fail("zlib-stream", err)
		}
		break // out of input: the message is whole
	}
	if len(out) == n {
		return out, z.fail("zlib-stream: message without payload", nil)
	}
	z.remember(out[n:])
	return out, nil
}

// remember adds p, a message's output, to the history.
func (z *zlibInflater) remember(p []byte) {
	if len(p) >= zlibWindow {
		z.hist = append(z.hist[:0], p[len(p)-zlibWindow:]...)
		return
	}
	if len(z.hist)+len(p) > zlibHistMax {
		keep := zlibWindow - len(p)
		z.hist = z.hist[:copy(z.hist, z.hist[len(z.hist)-keep:])]
	}
	if need := len(z.hist) + len(p); need > cap(z.hist) {
		// Grown by doubling up to its bound: a quiet connection keeps
		// a small one.
		h := make([]byte, len(z.hist), min(zlibHistMax, max(2*need, 4<<10)))
		copy(h, z.hist)
		z.hist = h
	}
	z.hist = append(z.hist, p...)
}

// fail makes the inflater unusable with a decompression error.
func (z *zlibInflater) fail(what string, err error) error {
	if err != nil {
		z.err = fmt.Errorf("%w: %s: %v", ErrDecompress, what, err)
	} else {
		z.err = fmt.Errorf("%w: %s", ErrDecompress, what)
	}
	z.hist = nil
	return z.err
}

// zstdMaxWindow bounds the window a zstd-stream may ask for: the decoder
// allocates it, so a hostile stream must not choose it freely.
const zstdMaxWindow = 32 << 20

// zstdInflater is zstd-stream: one zstd frame for the connection's life,
// each WebSocket message a whole payload in one or more blocks.
//
// The decoder is a plain streaming zstd.Decoder reading from the
// inflater, running on a goroutine of its own: its Read of the input
// blocks, between messages, until the next message arrives, so nothing
// depends on how the decoder keeps its state. The inflater hands each
// message over and waits until the decoder asks for input past its end;
// by then it has written all it could decode. Whether that is a whole
// payload is known from the framing, which the inflater follows itself
// (zstdFraming): a message that ends mid-block leaves its output pending
// until a later one ends on a block boundary.
type zstdInflater struct {
	limit   int // the largest payload
	framing zstdFraming
	err     error

	// Shared with the decoding goroutine, which touches them only
	// between receiving from in and sending to done.
	in   chan []byte // the next message; closed to stop the decoder
	done chan error  // nil: the message is decoded; else the decoder failed
	cur  []byte      // the unread rest of the message
	out  []byte      // the caller's buffer, the payload appended from base
	base int
	dec  *zstd.Decoder

	pend []byte // the start of a payload whose message ended mid-block

	exited chan struct{} // closed when the decoding goroutine returns
}

// errStopped ends the decoding goroutine of a closed inflater.
var errStopped = errors.New("zstd-stream closed")

func (z *zstdInflater) complete([]byte) bool { return true }

func (z *zstdInflater) inflate(out, msg []byte) ([]byte, error) {
	if z.err != nil {
		return out, z.err
	}
	if len(msg) == 0 {
		return out, z.fail(errors.New("empty message"))
	}
	if err := z.framing.feed(msg); err != nil {
		return out, z.fail(err)
	}
	z.base = len(out)
	z.out = append(out, z.pend...)
	z.pend = z.pend[:0]
	if z.exited == nil {
		dec, err := zstd.NewReader(nil,
			zstd.WithDecoderConcurrency(1), // synchronous: no goroutines of its own
			zstd.WithDecoderLowmem(true),
			zstd.WithDecoderMaxWindow(zstdMaxWindow),
			zstd.WithDecoderMaxMemory(1<<30),
		)
		if err != nil {
			return out, z.fail(err)
		}
		z.dec = dec
		z.in = make(chan []byte)
		z.done = make(chan error, 1)
		z.exited = make(chan struct{})
		z.cur = msg
		go z.decode()
	} else {
		z.in <- msg
	}
	err := <-z.done
	out, z.out = z.out, nil
	if err != nil {
		return out[:z.base], z.fail(err)
	}
	if !z.framing.boundary() {
		// The payload goes on in the next message; rare, so its start
		// is kept in a buffer of its own.
		z.pend = append(z.pend, out[z.base:]...)
		return out[:z.base], nil
	}
	if cap(z.pend) > 64<<10 {
		z.pend = nil
	}
	return out, nil
}

// decode is the decoding goroutine: it decodes the stream into z.out, a
// payload at a time, until the inflater closes or the stream breaks.
func (z *zstdInflater) decode() {
	defer close(z.exited)
	defer func() {
		// A bug of the decoder on hostile input must not take the
		// process down: it ends the connection like any bad input.
		if v := recover(); v != nil {
			z.done <- fmt.Errorf("decoder failed: %v", v)
		}
	}()
	if err := z.dec.Reset(z); err != nil {
		z.done <- err
		return
	}
	_, err := z.dec.WriteTo(z)
	if err == errStopped {
		return
	}
	if err == nil {
		err = errors.New("stream ended") // zstd-stream never ends
	}
	z.done <- err
}

// Read gives the decoder the message's bytes; past its end it reports
// the message done and waits for the next.
func (z *zstdInflater) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	for len(z.cur) == 0 {
		z.done <- nil
		msg, ok := <-z.in
		if !ok {
			return 0, errStopped
		}
		z.cur = msg
	}
	n := copy(p, z.cur)
	z.cur = z.cur[n:]
	return n, nil
}

// Write takes the decoder's output, up to the payload limit.
func (z *zstdInflater) Write(p []byte) (int, error) {
	if len(z.out)-z.base+len(p) > z.limit {
		return 0, overLimit(ZstdStream, z.limit)
	}
	z.out = append(z.out, p...)
	return len(p), nil
}

// fail makes the inflater unusable with a decompression error.
func (z *zstdInflater) fail(err error) error {
	if !errors.Is(err, ErrDecompress) {
		err = fmt.Errorf("%w: zstd-stream: %w", ErrDecompress, err)
	}
	z.err = err
	z.close()
	return err
}

// close stops the decoding goroutine and waits for it.
func (z *zstdInflater) close() {
	if z.dec == nil {
		return // never started, or closed
	}
	select {
	case <-z.exited: // it failed
	default:
		close(z.in)
		<-z.exited
	}
	z.dec.Close()
	z.dec, z.out, z.cur, z.pend = nil, nil, nil, nil
}

// zstdFraming follows the frames and blocks of a zstd stream by their
// headers alone (RFC 8878, section 3.1), to tell whether the input so
// far ends between two blocks.
type zstdFraming struct {
	state   int     // what the next bytes are
	need    int     // how many of them are still to come
	hdr     [4]byte // a header being gathered
	got     int     // bytes of it so far
	last    bool    // the block is the frame's last
	sum     bool    // the frame ends with a checksum
	afterIt int     // the state after a skip
}

const (
	zfMagic    = iota // gathering 4 bytes: a frame's magic number
	zfDesc            // gathering 1: the frame header descriptor
	zfBlock           // gathering 3: a block header
	zfSkipSize        // gathering 4: a skippable frame's size
	zfSkip            // skipping need bytes, then afterIt
)

// boundary reports whether the input so far ends between blocks or
// frames.
func (f *zstdFraming) boundary() bool {
	return f.got == 0 && (f.state == zfBlock || f.state == zfMagic)
}

// gather sets the next header to read, n bytes.
func (f *zstdFraming) gather(state, n int) { f.state, f.need, f.got = state, n, 0 }

// skip sets n bytes to skip before then, zfMagic or zfBlock.
func (f *zstdFraming) skip(n, then int) {
	if n == 0 {
		hdr := 4 // a frame's magic number
		if then == zfBlock {
			hdr = 3 // a block header
		}
		f.gather(then, hdr)
		return
	}
	f.state, f.need, f.afterIt = zfSkip, n, then
}

// afterBlock is where the framing goes once a block's body is past.
func (f *zstdFraming) afterBlock() int {
	if f.last {
		return zfMagic
	}
	return zfBlock
}

func (f *zstdFraming) feed(p []byte) error {
	if f.need == 0 && f.state == zfMagic {
		f.gather(zfMagic, 4)
	}
	for len(p) > 0 {
		if f.state == zfSkip {
			n := min(f.need, len(p))
			p, f.need = p[n:], f.need-n
			if f.need == 0 {
				f.skip(0, f.afterIt)
			}
			continue
		}
		n := copy(f.hdr[f.got:f.got+f.need], p)
		p, f.got, f.need = p[n:], f.got+n, f.need-n
		if f.need > 0 {
			continue
		}
		h := f.hdr
		switch f.state {
		case zfMagic:
			switch m := uint32(h[0]) | uint32(h[1])<<8 | uint32(h[2])<<16 | uint32(h[3])<<24; {
			case m == 0xFD2FB528:
				f.gather(zfDesc, 1)
			case m&0xFFFFFFF0 == 0x184D2A50:
				f.gather(zfSkipSize, 4)
			default:
				return fmt.Errorf("bad frame magic %#x", m)
			}
		case zfSkipSize:
			f.skip(int(uint32(h[0])|uint32(h[1])<<8|uint32(h[2])<<16|uint32(h[3])<<24), zfMagic)
		case zfDesc:
			d := h[0]
			if d&0x08 != 0 {
				return errors.New("reserved bit set in frame header")
			}
			single := d&0x20 != 0
			f.sum = d&0x04 != 0
			n := [4]int{0, 1, 2, 4}[d&3] // dictionary id
			if !single {
				n++ // window descriptor
			}
			switch d >> 6 { // frame content size
			case 0:
				if single {
					n++
				}
			case 1:
				n += 2
			case 2:
				n += 4
			case 3:
				n += 8
			}
			f.skip(n, zfBlock)
		case zfBlock:
			v := int(h[0]) | int(h[1])<<8 | int(h[2])<<16
			f.last = v&1 != 0
			body := v >> 3
			switch (v >> 1) & 3 {
			case 0, 2: // raw, compressed
				if body > 128<<10 {
					return fmt.Errorf("block of %d bytes", body)
				}
			case 1: // RLE: one byte, repeated
				body = 1
			default:
				return errors.New("reserved block type")
			}
			if f.last && f.sum {
				body += 4 // the frame's checksum follows its last block
			}
			f.skip(body, f.afterBlock())
		}
	}
	return nil
}

var errUnknownCompression = errors.New("gateway: unknown compression")
