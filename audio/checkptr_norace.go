//go:build !race

package audio

// avoidCheckptrStreamIDs is only needed under -race (see checkptr_race.go).
func avoidCheckptrStreamIDs() {}
