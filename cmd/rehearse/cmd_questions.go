package main

import (
	"fmt"

	"github.com/rehearse-app/rehearse/review"
)

// cmdQuestions lists the question bank, as text or JSON.
func cmdQuestions(env *cliEnv, args []string) error {
	fl := env.newFlags("questions", "questions [--json] [--category ID]")
	asJSON := fl.Bool("json", false, "print the bank as JSON")
	category := fl.String("category", "", "only this category: strategic, technical, behavioral or reverse")
	if err := parse(fl, args); err != nil {
		return err
	}
	if fl.NArg() > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, fl.Arg(0))
	}
	bank, err := env.loadBank()
	if err != nil {
		return err
	}
	qs := bank.All()
	if *category != "" {
		if review.CategoryTitle(*category) == *category {
			return fmt.Errorf("%w: unknown category %q (want strategic, technical, behavioral or reverse)", errUsage, *category)
		}
		qs = bank.ByCategory(*category)
	}
	if *asJSON {
		if qs == nil {
			qs = []review.Question{}
		}
		return env.printJSON(qs)
	}
	tw := env.table()
	last := ""
	for _, q := range qs {
		if q.Category != last {
			if last != "" {
				fmt.Fprintln(tw)
			}
			fmt.Fprintf(tw, "%s\n", review.CategoryTitle(q.Category))
			last = q.Category
		}
		fmt.Fprintf(tw, "  %s\t%ds think, %ds answer\t%s\n", q.ID, q.ThinkSeconds, q.AnswerSeconds, q.Prompt)
	}
	return tw.Flush()
}
