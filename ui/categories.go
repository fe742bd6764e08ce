package ui

import "github.com/rehearse-app/rehearse/review"

// allCategories is the category picker's choice of every category.
const allCategories = "All categories"

// categoryOptions lists the category picker's choices: every category,
// then each one by its title.
func categoryOptions() []string {
	opts := []string{allCategories}
	for _, c := range review.Categories {
		opts = append(opts, review.CategoryTitle(c))
	}
	return opts
}

// categoryOf returns the id of the category titled title, "" for every
// category (or a title that is none).
func categoryOf(title string) string {
	for _, c := range review.Categories {
		if review.CategoryTitle(c) == title {
			return c
		}
	}
	return ""
}
