// Package arch holds no code: its test checks the import arrows of
// DESIGN.md ("The house") against what the packages really import.
package arch
