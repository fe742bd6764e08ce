package session

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/gofrs/flock"
)

// Environment of the child process of TestLockAcrossProcesses: the store
// root and the session id it locks.
const (
	lockChildRoot = "REHEARSE_TEST_LOCK_CHILD_ROOT"
	lockChildID   = "REHEARSE_TEST_LOCK_CHILD_ID"
)

// TestLockAcrossProcesses runs the test binary again as a second process
// that updates a session and holds its lock until told to let go. While it
// holds it, this process can neither take the lock file nor finish an
// Update of that session; once it lets go, the waiting Update goes ahead on
// top of the child's change, so neither write is lost.
func TestLockAcrossProcesses(t *testing.T) {
	if root := os.Getenv(lockChildRoot); root != "" {
		lockChild(t, root, os.Getenv(lockChildID))
		return
	}
	st := newTestStore(t)
	s, err := st.Create("start", testQuestions())
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestLockAcrossProcesses$", "-test.count=1")
	cmd.Env = append(os.Environ(), lockChildRoot+"="+st.Root(), lockChildID+"="+s.ID)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	release, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	childDone := false
	defer func() {
		if !childDone {
			cmd.Process.Kill()
			cmd.Wait()
		}
	}()

	// Wait for the child to say it holds the lock.
	locked := make(chan error, 1)
	var childOut bytes.Buffer
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			fmt.Fprintln(&childOut, sc.Text())
			if sc.Text() == "locked" {
				locked <- nil
				io.Copy(io.Discard, out)
				return
			}
		}
		locked <- fmt.Errorf("child ended without taking the lock: %v", sc.Err())
	}()
	select {
	case err := <-locked:
		if err != nil {
			cmd.Wait()
			t.Fatalf("%v\nstdout:\n%s\nstderr:\n%s", err, childOut.String(), stderr.String())
		}
	case <-time.After(60 * time.Second):
		t.Fatal("the child did not take the lock within a minute")
	}

	// The lock file is held by the other process.
	fl := flock.New(filepath.Join(st.Dir(s.ID), lockName))
	if ok, err := fl.TryLock(); err != nil || ok {
		fl.Unlock()
		t.Fatalf("TryLock while the child holds the lock = %v, %v; want false, nil", ok, err)
	}

	// A writer here waits for the child.
	done := make(chan error, 1)
	go func() {
		done <- st.Update(s.ID, func(sess *Session) error {
			sess.Title += " + parent"
			return nil
		})
	}()
	select {
	case err := <-done:
		t.Fatalf("Update finished (err %v) while another process held the session's lock", err)
	case <-time.After(500 * time.Millisecond):
	}

	// Let the child go: its update is saved, then ours.
	release.Close()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Update after the child let go: %v", err)
		}
	case <-time.After(60 * time.Second):
		t.Fatal("Update still waiting a minute after the child let go")
	}
	err = cmd.Wait()
	childDone = true
	if err != nil {
		t.Fatalf("child: %v\nstderr:\n%s", err, stderr.String())
	}
	got, err := st.Get(s.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Title != "start + child + parent" {
		t.Errorf("title %q, want both updates in order: %q", got.Title, "start + child + parent")
	}
	if ok, err := fl.TryLock(); err != nil || !ok {
		t.Errorf("TryLock once both let go = %v, %v; want true, nil", ok, err)
	}
	fl.Unlock()
}

// lockChild is the child side of TestLockAcrossProcesses: it updates
// session id under root, saying "locked" on stdout once it holds the lock,
// and keeps the lock until its stdin is closed.
func lockChild(t *testing.T, root, id string) {
	st, err := Open(root, Options{})
	if err != nil {
		t.Fatal(err)
	}
	err = st.Update(id, func(sess *Session) error {
		fmt.Println("locked")
		io.Copy(io.Discard, os.Stdin) // until the parent closes it
		sess.Title += " + child"
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
