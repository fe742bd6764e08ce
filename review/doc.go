// Package review is the domain core of Rehearse: the transcript model, the
// question bank, the review rules, metrics and scores.
//
// It imports no other package of this module and no GUI or audio library, so
// it can be used and tested on its own. Data that comes from elsewhere (the
// recording's energy envelope, rule and question files) is handed in.
package review
