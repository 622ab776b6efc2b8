// Package bench compares gloam with other Go Discord libraries on the same
// gateway payloads: decoding (BenchmarkDecode) and caching
// (BenchmarkCache*), and measures what no other library does, the bolt
// cache persisting and reopening the corpus (BenchmarkPersist*,
// BenchmarkOpenGuild25000). It is a module of its own, so that users of
// gloam never download the libraries it compares against.
//
// # Basics
//
// The payloads come from the corpus generator in ../shared/corpus: the
// benchmarks read the corpus from the directory named by $GLOAM_CORPUS, or
// generate it into a temporary directory first (with `go run ./gencorpus`
// in $GLOAM_SHARED/corpus, by default ../../shared/corpus).
//
//	go test -run '^$' -bench . -count 6 | tee new.txt
//	go run golang.org/x/perf/cmd/benchstat@latest -col /lib new.txt
//
// # Caveats
//
// Benchmarks on a shared machine are noisy: compare runs made together,
// with benchstat, and read ratios rather than absolute figures. The
// package's TestMain removes a generated corpus; test files added here
// must not declare their own.
package bench
