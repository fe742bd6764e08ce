// Package atomicfile writes files so that a crash or a power cut leaves
// either the old file or the whole new one, never a part: the new content
// goes to a temporary file beside the destination, which is synced and
// renamed over it, and the folder is synced so the rename lasts.
//
// It imports nothing but the standard library, so every package of the app
// (audio and review included) may use it.
package atomicfile
