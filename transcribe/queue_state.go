package transcribe

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// queueFileName is the queue's state file inside QueueConfig.Dir.
const queueFileName = "queue.json"

// queueFileVersion is the format version of the state file.
const queueFileVersion = 1

// doneKeep is how long finished jobs are remembered across restarts; the
// transcript itself lives in the session.
const doneKeep = 7 * 24 * time.Hour

// savedQueue is the JSON form of the queue state file.
type savedQueue struct {
	Version int        `json:"version"`
	Jobs    []savedJob `json:"jobs"`
}

// savedJob is one job in the state file. It holds paths and ids only:
// never a transcript, a key or audio.
type savedJob struct {
	Job
	State    State     `json:"state"`
	Reason   string    `json:"reason,omitempty"`
	Attempts int       `json:"attempts,omitempty"`
	Updated  time.Time `json:"updated"`
}

// loadQueueFile reads dir/queue.json. A missing file is an empty queue. A
// file that cannot be parsed is moved aside (queue.json.bad-TIME) so it is
// not lost, and reported as a warning.
func loadQueueFile(dir string, now time.Time) (jobs []savedJob, warning string, err error) {
	path := filepath.Join(dir, queueFileName)
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, "", nil
	}
	if err != nil {
		return nil, "", fmt.Errorf("reading the transcription queue %s: %w", path, err)
	}
	var sq savedQueue
	if err := json.Unmarshal(data, &sq); err != nil || sq.Version > queueFileVersion {
		bad := path + ".bad-" + now.UTC().Format("20060102T150405")
		if rerr := os.Rename(path, bad); rerr != nil {
			return nil, "", fmt.Errorf("the transcription queue %s is unreadable (%v) and could not be moved aside: %w", path, err, rerr)
		}
		why := "unknown format version"
		if err != nil {
			why = err.Error()
		}
		return nil, fmt.Sprintf("the transcription queue %s was unreadable (%s); it was moved to %s and the queue starts empty", path, why, filepath.Base(bad)), nil
	}
	for _, j := range sq.Jobs {
		if j.TakeID == "" || j.AudioPath == "" {
			continue
		}
		switch j.State {
		case StateTranscribing:
			j.State = StateQueued // interrupted by a restart: do it again
		case StateDone:
			if now.Sub(j.Updated) > doneKeep {
				continue
			}
		case StateQueued, StateFailed, StateNotTranscribed:
		default:
			continue
		}
		jobs = append(jobs, j)
	}
	return jobs, "", nil
}
