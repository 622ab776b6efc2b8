//go:build !js

// Package bolt is a cache backend in one bbolt file that survives
// restarts: a bot that restarts finds its guilds, members, messages and
// gateway sessions where it left them, and resumes instead of identifying
// again.
//
// # Basics
//
// Open the file and put a cache.Cache over it:
//
//	b, err := bolt.Open("bot.cache", nil)
//	if err != nil { ... }
//	defer b.Close()
//	c := cache.New(b, nil)
//	if s, ok := c.Session(shard); ok { /* resume s.ID at s.Seq on s.ResumeURL */ }
//
// Open loads what the file holds into memory, as the compact encoded
// records the file stores, copied without decoding them (a record is
// decoded when it is read), so the cache answers at once: a file holding
// a 25,000-member guild opens in about 10 ms. Reads never touch the disk:
// a Get is a map lookup and a decode, several times quicker than a bbolt
// read transaction.
//
// Writes use group commit. Update changes the state in memory, which
// every read sees once Update returns, and marks what changed; a
// background flusher, started by Open and stopped by Close, writes the
// changes of all the Updates since its last write in one bbolt
// transaction every Options.FlushInterval (250 ms by default), or sooner
// when Options.FlushRecords records are waiting. Each write holds whole
// Updates, in order, with the gateway sessions and blobs they set: after a
// crash, the file holds the state after some prefix of the Updates, and
// the session stored for each shard is exactly where the cached state
// stands. Flush writes at once and returns when the changes are on disk;
// Close writes what is left.
//
// Options.ReadOnly opens a file to inspect it: it is never created, grown
// or written, and the Backend refuses Update with ErrReadOnly.
//
// The file records the version of its layout and of the record encoding.
// Open returns *SchemaError for a file of another version, ErrCorrupt for
// a damaged file or one that is not a cache, and ErrLocked when another
// process has it open; Options.Reset starts fresh.
//
// # Caveats
//
// The loss window: a crash of the process or the machine loses the
// Updates of the last FlushInterval, plus those of a write in progress
// (FlushInterval plus the time of one write, in all). Updates that
// returned before a Flush that returned nil are never lost.
//
// Memory: every record is held in memory as well as in the file, in its
// encoded form (about the size of the file's data); Open reads the whole
// file.
//
// One process: bbolt locks the file, and a second process (or a second
// Open in the same process) waits Options.Timeout for it, then fails with
// ErrLocked.
//
// Bytes: bbolt's bytes are valid only inside its transactions; this
// package copies what it keeps, and the records Get and Scan give are
// decoded copies the caller may keep. A Record yielded by Scan is reused
// for the next step.
//
// Damage: bbolt checks its meta pages but not its data pages. Before
// bbolt reads a page, Open checks the file's length and its page tree
// (every page id below the high-water mark, each page reached once, the
// tree's depth bounded, element counts within their pages, the freelist
// within its page); then it checks every record's key and version, and
// turns faults on a file changed meanwhile into ErrCorrupt. Bytes changed
// inside a record by a failing disk may still go unnoticed.
//
// bbolt does not build for GOOS=js; neither does this package.
package bolt
