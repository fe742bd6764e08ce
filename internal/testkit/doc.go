// Package testkit holds helpers shared by the tests and benchmarks of
// several packages, kept out of production code: CPU time for benchmarks,
// golden-file comparison, a canonical WAV file and hostile markup. This package imports
// nothing but the standard library, so the tests of any package (review
// and audio included) can use it without an import cycle; helpers that
// need the app's own packages live in its sub-packages (benchlib: a large
// library written straight to disk).
package testkit
