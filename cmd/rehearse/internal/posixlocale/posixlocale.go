// Package posixlocale keeps Fyne quiet under the C locale written with a
// codeset, such as LANG=C.UTF-8 in containers and CI.
//
// Fyne's lang package reads the user's locale in its package init, so in
// every program that links Fyne, even one that never opens a window. Its
// locale reader (github.com/jeandeaual/go-locale) knows "C" and "POSIX" but
// not "C.UTF-8", which it hands on as the language "C", and Fyne logs
// "Error parsing user locale C" on stderr. Importing this package (for its
// init, from package main) names the language that locale already means,
// English, in LANGUAGE before Fyne looks; it changes nothing for any other
// locale, nor when LANGUAGE is set.
//
// Go initialises a package after the packages it imports and, among those
// ready, in import-path order; this package imports only os, which Fyne's
// lang package needs too through golang.org/x/text, whose path sorts after
// this one, so this init runs first. The command-line tests check it.
package posixlocale

import "os"

// set records that init set LANGUAGE, so Restore can undo it.
var set bool

func init() {
	if os.Getenv("LANGUAGE") != "" {
		return
	}
	loc := os.Getenv("LC_ALL")
	if loc == "" {
		loc = os.Getenv("LC_MESSAGES")
	}
	if loc == "" {
		loc = os.Getenv("LANG")
	}
	if loc == "C" || loc == "POSIX" || !IsPOSIX(loc) {
		return // go-locale understands the plain names
	}
	if os.Setenv("LANGUAGE", "en") == nil {
		set = true
	}
}

// IsPOSIX reports whether loc names the C (POSIX) locale, with or without a
// codeset or modifier: "C", "C.UTF-8", "C.utf8", "POSIX", "C@euro".
func IsPOSIX(loc string) bool {
	for i := 0; i < len(loc); i++ {
		if loc[i] == '.' || loc[i] == '@' {
			loc = loc[:i]
			break
		}
	}
	return loc == "C" || loc == "POSIX"
}

// Restore unsets LANGUAGE again if init set it, so programs started from
// here (a speech engine, say) see the environment the user gave. Call it
// once Fyne's packages are initialised, where no window will open.
func Restore() {
	if set {
		os.Unsetenv("LANGUAGE")
		set = false
	}
}
