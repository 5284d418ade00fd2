package lesson

import "slices"

// Short is the post's story in five lessons, for a class with less time than
// all of them take: two workers giving two answers (1), every worker missing
// every key (2), a write reaching one worker (4), the shared cache as the fix
// (5), and when a per-worker cache is fine (7), which is the post's own advice.
var Short = []string{"the-post", "cold-misses", "stale-data", "shared-cache", "immutable-data"}

// InShort tells whether the lesson named slug is on the short path.
func InShort(slug string) bool { return slices.Contains(Short, slug) }
