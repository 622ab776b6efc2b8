package gateway

import (
	"errors"
	"fmt"

	"github.com/klauspost/compress/zstd"
)

// zstdMaxWindow bounds the window a zstd-stream may declare: the decoder
// grows to it when the stream uses it, so a hostile stream must not
// choose it freely.
const zstdMaxWindow = 32 << 20

// zstdFirstWindow is the window a frame is first decoded with, whatever
// its header declares, until the stream shows it needs more.
const zstdFirstWindow = 16 << 10

// zstdLastStep is the largest window the decoder grows to before the
// declared one.
var zstdLastStep = 256 << 10

// zstdOptions are the decoder's options, the same for every connection.
var zstdOptions = []zstd.DOption{
	zstd.WithDecoderConcurrency(1), // synchronous: no goroutines of its own
	zstd.WithDecoderLowmem(true),
	zstd.WithDecoderMaxWindow(zstdMaxWindow),
	zstd.WithDecoderMaxMemory(1 << 30),
}

// zstdInflater is zstd-stream: one zstd frame for the connection's life,
// each WebSocket message a whole payload in one or more blocks.
//
// The decoder is a plain streaming zstd.Decoder reading from the
// inflater, running on a goroutine of its own: its Read of the input
// blocks, between messages, until the next message arrives, so nothing
// depends on how the decoder keeps its state. The inflater hands each
// message over and waits until the decoder asks for input past its end;
// by then it has written all it could decode. Whether that is a whole
// payload is known from the framing, which Read follows (zstdFraming): a
// message that ends mid-block leaves its output pending until a later one
// ends on a block boundary.
//
// The decoder allocates, at a frame's first block, a history as large as
// the window the frame header declares (a MiB from Discord), however
// little of it the stream uses. So Read hands the decoder a frame header
// that declares a smaller window, zstdFirstWindow, and keeps the frame's
// compressed bytes meanwhile. Decoding with a window smaller than the
// encoder's gives the same bytes or fails, never other bytes: a match
// reaching further back than the window, a block or literals larger than
// it, are errors (RFC 8878: Window_Descriptor, Block_Maximum_Size). When
// the decoder fails, or the kept bytes outgrow the window, the decoder
// starts the frame again from the kept bytes with the declared window;
// the output it repeats, up to what was written before, is dropped, and
// the kept bytes go. From then on an error is the stream's own. A quiet
// connection whose stream never reaches further back than the first
// window holds that window's history, not the declared one.
type zstdInflater struct {
	limit int // the largest payload
	err   error

	// Shared with the decoding goroutine, which touches them only
	// between receiving from in and sending to done.
	in   chan []byte // the next message; closed to stop the decoder
	done chan error  // nil: the message is decoded; else the decoder failed
	cur  []byte      // the unread rest of the message
	out  []byte      // the caller's buffer, the payload appended from base
	base int
	dec  *zstd.Decoder

	// The decoding goroutine's own.
	framing zstdFraming             // follows the bytes Read has taken from messages
	pre     []byte                  // given to the decoder before cur: a frame header
	replay  []byte                  // given after pre: the kept bytes of the frame
	hdr     [4 + zstdMaxHeader]byte // backs pre
	win     int                     // the window the decoder is told: zstdFirstWindow or real
	real    int                     // the window the frame declares
	kept    []byte                  // the frame's bytes after its header, while win < real
	pos     int                     // output of the frame from the decoder since it started it
	have    int                     // output of the frame written to out
	grow    bool                    // Read stopped the decoder to grow the window
	final   error                   // Read or Write failed: not the window's doing
	stopped bool                    // the inflater is closed

	pend []byte // the start of a payload whose message ended mid-block

	exited chan struct{} // closed when the decoding goroutine returns
}

// errStopped ends the decoding goroutine of a closed inflater; errGrow
// stops the decoder to start the frame again with the declared window.
var (
	errStopped = errors.New("zstd-stream closed")
	errGrow    = errors.New("zstd-stream window grows")
)

func (z *zstdInflater) complete([]byte) bool { return true }

func (z *zstdInflater) inflate(out, msg []byte) ([]byte, error) {
	if z.err != nil {
		return out, z.err
	}
	if len(msg) == 0 {
		return out, z.fail(errors.New("empty message"))
	}
	z.base = len(out)
	z.out = append(out, z.pend...)
	z.pend = z.pend[:0]
	if z.exited == nil {
		dec, err := zstd.NewReader(nil, zstdOptions...)
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
	for {
		err := z.dec.Reset(z)
		if err == nil {
			_, err = z.dec.WriteTo(z)
		}
		switch {
		case z.stopped:
			return
		case z.final != nil:
			err = z.final
		case z.grow || z.win < z.real:
			// The window may be what failed: start the frame again
			// with the declared one.
			z.widen()
			continue
		case err == nil:
			err = errors.New("stream ended") // zstd-stream never ends
		}
		z.done <- err
		return
	}
}

// widen sets the window to the declared one and Read to give the decoder
// the frame from its start again.
//
// One step, not several: each costs decoding again what the frame has
// output so far, which is about the window it grows from. Growing
// fourfold from 16 KiB to 1 MiB would decode some 340 KiB twice, half
// again the work of a connection's first 650 KiB; one step decodes about
// 16 KiB twice.
func (z *zstdInflater) widen() {
	z.grow = false
	z.win = z.real
	z.pre = z.header()
	z.replay = z.kept
	z.kept = nil
	z.pos = 0
}

// Read gives the decoder the stream: the frame header it is told, the
// frame's kept bytes when it starts the frame again, then the messages.
// Past a message's end it reports the message done and waits for the
// next.
func (z *zstdInflater) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	for {
		if len(z.pre) > 0 {
			n := copy(p, z.pre)
			z.pre = z.pre[n:]
			return n, nil
		}
		if len(z.replay) > 0 {
			n := copy(p, z.replay)
			z.replay = z.replay[n:]
			if len(z.replay) == 0 {
				z.replay = nil // let go of what is no longer kept
			}
			return n, nil
		}
		if len(z.cur) == 0 {
			z.cur = nil // the caller's buffer, no longer read
			z.done <- nil
			msg, ok := <-z.in
			if !ok {
				z.stopped = true
				return 0, errStopped
			}
			z.cur = msg
			continue
		}
		if !z.framing.inFrame() {
			// A frame header, or a skippable frame: taken here, not
			// given to the decoder as it is.
			n, hdr, err := z.framing.feed(z.cur)
			z.cur = z.cur[n:]
			if err == nil && hdr {
				err = z.startFrame()
			}
			if err != nil {
				z.final = err
				return 0, err
			}
			continue
		}
		m := min(len(p), len(z.cur))
		if z.win < z.real && len(z.kept)+m > z.win {
			// Keeping more than a window of input: grow now rather
			// than hold it.
			z.grow = true
			return 0, errGrow
		}
		n, _, err := z.framing.feed(z.cur[:m]) // stops at the frame's end
		if err != nil {
			z.final = err
			return 0, err
		}
		copy(p, z.cur[:n])
		if z.win < z.real {
			z.kept = append(z.kept, z.cur[:n]...)
		}
		z.cur = z.cur[n:]
		return n, nil
	}
}

// startFrame reads the frame header the framing has gathered and sets the
// header the decoder is told.
func (z *zstdInflater) startFrame() error {
	window, err := z.framing.window()
	if err != nil {
		return err
	}
	z.real = window
	z.win = min(zstdFirstWindow, z.real)
	z.pos, z.have = 0, 0
	z.kept = z.kept[:0]
	if z.win == z.real {
		z.kept = nil
	}
	z.pre = z.header()
	return nil
}

// header returns the frame header the decoder is told: the frame's own at
// its declared window, else one declaring z.win, a power of two.
func (z *zstdInflater) header() []byte {
	f := &z.framing
	b := append(z.hdr[:0], 0x28, 0xb5, 0x2f, 0xfd)
	if z.win == z.real {
		return append(b, f.hdr[:f.hdrLen]...)
	}
	desc := f.hdr[0]
	fields := f.hdr[1:f.hdrLen]
	if desc&0x20 == 0 {
		fields = fields[1:] // the frame's window descriptor
	}
	exp := 0
	for 1<<(exp+10) < z.win {
		exp++
	}
	b = append(b, desc&^0x20, byte(exp<<3)) // not single-segment; the window
	return append(b, fields...)
}

// Write takes the decoder's output, up to the payload limit; output the
// decoder repeats after the window grew is dropped.
func (z *zstdInflater) Write(p []byte) (int, error) {
	n := len(p)
	z.pos += n
	if dup := z.have - (z.pos - n); dup > 0 {
		p = p[min(dup, n):]
	}
	if len(z.out)-z.base+len(p) > z.limit {
		z.final = overLimit(ZstdStream, z.limit)
		return 0, z.final
	}
	z.out = append(z.out, p...)
	z.have = max(z.have, z.pos)
	return n, nil
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
	z.dec, z.out, z.cur, z.pend, z.kept, z.replay = nil, nil, nil, nil, nil, nil
}

// zstdMaxHeader is the longest frame header after the magic number:
// descriptor, window descriptor, dictionary id and content size.
const zstdMaxHeader = 1 + 1 + 4 + 8

// zstdFraming follows the frames and blocks of a zstd stream by their
// headers alone (RFC 8878, section 3.1): it gathers each frame header,
// skips skippable frames, and tells whether the input so far ends
// between two blocks.
type zstdFraming struct {
	state   int                 // what the next bytes are
	need    int                 // how many of them are still to come
	hdr     [zstdMaxHeader]byte // the frame header, from its descriptor on
	hdrLen  int                 // its length, once known
	word    [4]byte             // a magic number, size or block header being gathered
	got     int                 // bytes gathered so far
	frame   bool                // the next bytes are a frame's blocks or checksum
	last    bool                // the block is the frame's last
	sum     bool                // the frame ends with a checksum
	afterIt int                 // the state after a skip
}

const (
	zfMagic    = iota // gathering 4 bytes: a frame's magic number
	zfDesc            // gathering 1: the frame header descriptor
	zfHeader          // gathering the rest of the frame header
	zfBlock           // gathering 3: a block header
	zfSkipSize        // gathering 4: a skippable frame's size
	zfSkip            // skipping need bytes, then afterIt
)

// boundary reports whether the input so far ends between blocks or
// frames.
func (f *zstdFraming) boundary() bool {
	return f.got == 0 && (f.state == zfBlock || f.state == zfMagic)
}

// inFrame reports whether the next bytes are a frame's blocks (or its
// checksum), not a frame header or a skippable frame.
func (f *zstdFraming) inFrame() bool { return f.frame }

// gather sets the next header to read, n bytes.
func (f *zstdFraming) gather(state, n int) { f.state, f.need, f.got = state, n, 0 }

// skip sets n bytes to skip before then, zfMagic or zfBlock.
func (f *zstdFraming) skip(n, then int) {
	if n > 0 {
		f.state, f.need, f.afterIt = zfSkip, n, then
		return
	}
	if then == zfBlock {
		f.gather(zfBlock, 3)
		return
	}
	f.gather(zfMagic, 4)
	f.frame = false
}

// window reads the window the frame header gathered last declares.
func (f *zstdFraming) window() (int, error) {
	desc := f.hdr[0]
	fields := f.hdr[1:f.hdrLen]
	single := desc&0x20 != 0
	var window uint64
	if !single {
		wd := fields[0]
		fields = fields[1:]
		base := uint64(1) << (10 + wd>>3)
		window = base + base/8*uint64(wd&7)
	}
	n := [4]int{0, 1, 2, 4}[desc&3]
	if le(fields[:n]) != 0 {
		return 0, errors.New("frame needs a dictionary")
	}
	fields = fields[n:]
	if single {
		// The window is the content size.
		size := le(fields)
		if len(fields) == 2 {
			size += 256
		}
		window = max(size, 1<<10)
	}
	if window > zstdMaxWindow {
		return 0, fmt.Errorf("window of %d bytes, over %d", window, zstdMaxWindow)
	}
	return int(window), nil
}

// le reads a little-endian number of up to 8 bytes.
func le(b []byte) uint64 {
	var v uint64
	for i := len(b) - 1; i >= 0; i-- {
		v = v<<8 | uint64(b[i])
	}
	return v
}

// feed follows p, returning how much of it it took: all of it, or up to
// the end of a frame header (hdr is then true) or of a frame.
func (f *zstdFraming) feed(p []byte) (n int, hdr bool, err error) {
	if f.need == 0 && f.state == zfMagic {
		f.gather(zfMagic, 4)
	}
	inFrame := f.frame
	for n < len(p) {
		if f.state == zfSkip {
			k := min(f.need, len(p)-n)
			n, f.need = n+k, f.need-k
			if f.need == 0 {
				f.skip(0, f.afterIt)
			}
		} else if n, err = f.gatherFrom(p, n); err != nil {
			return n, false, err
		}
		if f.frame != inFrame {
			return n, f.frame, nil // a frame header or a frame ends
		}
	}
	return n, false, nil
}

// gatherFrom gathers the header under way from p[n:] and, once it is
// whole, acts on it.
func (f *zstdFraming) gatherFrom(p []byte, n int) (int, error) {
	var dst []byte
	if f.state == zfDesc || f.state == zfHeader {
		dst = f.hdr[f.got : f.got+f.need]
	} else {
		dst = f.word[f.got : f.got+f.need]
	}
	k := copy(dst, p[n:])
	n, f.got, f.need = n+k, f.got+k, f.need-k
	if f.need > 0 {
		return n, nil
	}
	w := f.word
	switch f.state {
	case zfMagic:
		switch m := uint32(le(w[:])); {
		case m == 0xFD2FB528:
			f.gather(zfDesc, 1)
		case m&0xFFFFFFF0 == 0x184D2A50:
			f.gather(zfSkipSize, 4)
		default:
			return n, fmt.Errorf("bad frame magic %#x", m)
		}
	case zfSkipSize:
		f.skip(int(le(w[:])), zfMagic)
	case zfDesc:
		d := f.hdr[0]
		if d&0x08 != 0 {
			return n, errors.New("reserved bit set in frame header")
		}
		single := d&0x20 != 0
		f.sum = d&0x04 != 0
		k := [4]int{0, 1, 2, 4}[d&3] // dictionary id
		if !single {
			k++ // window descriptor
		}
		switch d >> 6 { // frame content size
		case 0:
			if single {
				k++
			}
		case 1:
			k += 2
		case 2:
			k += 4
		case 3:
			k += 8
		}
		f.hdrLen = 1 + k
		if k == 0 {
			f.gather(zfBlock, 3)
			f.frame = true
			break
		}
		f.state, f.need, f.got = zfHeader, k, 1
	case zfHeader:
		f.gather(zfBlock, 3)
		f.frame = true
	case zfBlock:
		v := int(le(w[:3]))
		f.last = v&1 != 0
		body := v >> 3
		switch (v >> 1) & 3 {
		case 0, 2: // raw, compressed
			if body > 128<<10 {
				return n, fmt.Errorf("block of %d bytes", body)
			}
		case 1: // RLE: one byte, repeated
			body = 1
		default:
			return n, errors.New("reserved block type")
		}
		if f.last && f.sum {
			body += 4 // the frame's checksum follows its last block
		}
		next := zfBlock
		if f.last {
			next = zfMagic
		}
		f.skip(body, next)
	}
	return n, nil
}
