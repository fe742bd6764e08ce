// Command mkdemo fills a data folder with a small demo library for
// screenshots and trying the app: a few sessions over the past weeks, each
// take spoken by espeak-ng, with transcripts whose word timings are
// estimated from the speech (sentence by sentence) and a coach's notes.
//
//	go run ./scripts/mkdemo DATA_DIR
package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/rehearse-app/rehearse/assets"
	"github.com/rehearse-app/rehearse/audio"
	"github.com/rehearse-app/rehearse/review"
	"github.com/rehearse-app/rehearse/session"
)

type demoTake struct {
	question string
	// sentences are spoken one after another with a short pause; words in
	// [brackets] are spoken but left out of the transcript, as Whisper
	// leaves out "um".
	sentences []string
	notes     []session.Note
}

type demoSession struct {
	daysAgo int
	title   string
	takes   []demoTake
}

var demo = []demoSession{
	{20, "Budget case, first try", []demoTake{{question: "budget-prioritization", sentences: []string{
		"[Um,] I'd do LinkedIn Ads.", "Like, basically we just run ads for all three departments and, you know, see what works.",
		"[Uh,] I think maybe we split it evenly."}}}},
	{12, "Stakeholder drill", []demoTake{{question: "impossible-request", sentences: []string{
		"A VP of Sales once asked for a nurture flow with twenty paths in twenty four hours.",
		"[Um,] I told him it wasn't possible.", "So, we just did what we could and it was basically fine."}}}},
	{6, "Budget case, second try", []demoTake{{question: "budget-prioritization", sentences: []string{
		"I would start by analyzing our historical attribution data.",
		"I need to know which channels have the highest velocity to revenue, not just lead volume.",
		"[Um,] I'd audit the pipeline for bottlenecks and align with sales leadership on territory needs.",
		"Then I'd allocate budget to the highest R O I channel, while reserving about ten percent for testing."},
		notes: []session.Note{{Author: "Dana (coach)", Tag: session.TagPraise, Text: "Much better: you diagnose before you pick a channel."}}}}},
	{1, "Stakeholder drill, again", []demoTake{{question: "impossible-request", sentences: []string{
		"A VP of Sales once requested a complex nurture flow with twenty paths in twenty four hours.",
		"Instead of saying no, I explained the trade-off.",
		"We can launch a simplified, linear version in twenty four hours that is completely safe, or we can build the complex version in forty eight hours to ensure accurate logic.",
		"[Uh,] by giving them agency in the decision, we kept the relationship and protected system integrity."},
		notes: []session.Note{{Author: "Dana (coach)", Tag: session.TagFix, Text: "Say what you'd recommend, too: options plus a recommendation."}}}}},
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: mkdemo DATA_DIR")
		os.Exit(2)
	}
	if err := run(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "mkdemo:", err)
		os.Exit(1)
	}
}

func run(root string) error {
	bank, errs := review.LoadBank(review.BankSource{FS: assets.Questions(), Dir: "questions", Label: "builtin"})
	if len(errs) > 0 {
		return errs[0]
	}
	rules, rerrs := review.LoadRules(review.BankSource{FS: assets.Rules(), Dir: "rules", Label: "builtin"})
	if len(rerrs) > 0 {
		return rerrs[0]
	}
	reviewer := review.New(rules)
	voice, err := audio.FindSystemVoice("")
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "mkdemo-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	for _, ds := range demo {
		when := time.Now().AddDate(0, 0, -ds.daysAgo)
		store, err := session.Open(filepath.Join(root, "library"), session.Options{Now: func() time.Time { return when }})
		if err != nil {
			return err
		}
		var qs []review.Question
		for _, t := range ds.takes {
			q, ok := bank.ByID(t.question)
			if !ok {
				return fmt.Errorf("no question %q", t.question)
			}
			qs = append(qs, q)
		}
		sess, err := store.Create(ds.title, qs)
		if err != nil {
			return err
		}
		for _, t := range ds.takes {
			takeID, path, err := store.NewTakePath(sess.ID, t.question)
			if err != nil {
				return err
			}
			tr, dur, err := speak(voice, tmp, path, t.sentences)
			if err != nil {
				return err
			}
			if err := store.AddTake(sess.ID, session.Take{ID: takeID, QuestionID: t.question, Audio: filepath.Base(path), Duration: dur, Created: when}); err != nil {
				return err
			}
			if err := store.SaveTranscript(sess.ID, takeID, tr); err != nil {
				return err
			}
			pcm, err := audio.ReadWAV(path)
			if err != nil {
				return err
			}
			q, _ := bank.ByID(t.question)
			rep := reviewer.Review(review.Input{Transcript: tr, Question: &q,
				Envelope: &review.Envelope{Hop: 0.01, RMS: audio.Envelope(pcm, 10*time.Millisecond)}})
			sum := rep.Summary()
			if err := store.SetSummary(sess.ID, takeID, &sum); err != nil {
				return err
			}
			for _, n := range t.notes {
				n.TakeID, n.Start, n.End, n.Time = takeID, -1, -1, -1
				if _, err := store.AddNote(sess.ID, n); err != nil {
					return err
				}
			}
		}
		fmt.Println("made session", sess.ID, ds.title)
	}
	return nil
}

// speak renders the sentences into one 16 kHz take at path and returns a
// transcript with estimated word timings.
func speak(voice audio.Voice, tmp, path string, sentences []string) (*review.Transcript, float64, error) {
	var all []int16
	tr := &review.Transcript{Language: "en", Words: []review.Word{}, Segments: []review.Segment{},
		Source: &review.Source{Model: "demo (espeak-ng, estimated timings)", Server: "local"}}
	var text []string
	pause := make([]int16, 16000*6/10)
	for i, s := range sentences {
		spoken := strings.NewReplacer("[", "", "]", "").Replace(s)
		f := filepath.Join(tmp, fmt.Sprintf("s%d.wav", i))
		if err := voice.Render(context.Background(), spoken, f); err != nil {
			return nil, 0, err
		}
		pcm, err := audio.ReadWAV(f)
		if err != nil {
			return nil, 0, err
		}
		if pcm, err = audio.ResamplePCM(pcm, 16000); err != nil {
			return nil, 0, err
		}
		start := float64(len(all)) / 16000
		// Trim espeak's leading and trailing silence from the estimate.
		env := audio.Envelope(pcm, 10*time.Millisecond)
		spans := audio.VoiceActivity(env, 10*time.Millisecond, audio.VADOptions{})
		vs, ve := 0.0, float64(len(pcm.Samples))/16000
		if len(spans) > 0 {
			vs, ve = spans[0].Start.Seconds(), spans[len(spans)-1].End.Seconds()
		}
		words := strings.Fields(s)
		total := 0
		for _, w := range words {
			total += len(w) + 1
		}
		at := start + vs
		var kept []string
		for _, w := range words {
			d := (ve - vs) * float64(len(w)+1) / float64(total)
			if !strings.HasPrefix(w, "[") {
				tr.Words = append(tr.Words, review.Word{Word: strings.Trim(w, ".,"), Start: round(at), End: round(at + d*0.85)})
				kept = append(kept, w)
			}
			at += d
		}
		seg := strings.Join(kept, " ")
		tr.Segments = append(tr.Segments, review.Segment{Start: round(start + vs), End: round(start + ve), Text: seg})
		text = append(text, seg)
		all = append(all, pcm.Samples...)
		all = append(all, pause...)
	}
	tr.Text = strings.Join(text, " ")
	tr.Duration = round(float64(len(all)) / 16000)
	if err := audio.WriteWAVFile(path, &audio.PCM{Rate: 16000, Channels: 1, Samples: all}); err != nil {
		return nil, 0, err
	}
	return tr, tr.Duration, nil
}

func round(x float64) float64 { return float64(int(x*100+0.5)) / 100 }
