package lesson

import (
	"strings"

	"github.com/cachepit/cachepit/run"
)

// Term is a word the lessons use that a newcomer may not know.
type Term struct {
	Word    string   // as the glossary lists it
	Meaning string   // one sentence
	Forms   []string // how the lessons write it, matched as whole words, case aside
}

// Terms is the glossary, in the order it lists them.
var Terms = []Term{
	{"lru_cache", "Python's in-process cache decorator: it keeps the most recently used answers, up to maxsize, and drops the least recently used one to make room.",
		[]string{"lru_cache"}},
	{"worker", "one of the processes a pre-fork server such as gunicorn starts; each has its own memory, so its own lru_cache.",
		[]string{"worker", "workers"}},
	{"hit ratio", "the share of reads a cache answered; the rest went to the database.",
		[]string{"hit ratio", "hit ratios"}},
	{"warm-up", "the first requests after a start or restart, while a cache is still empty and misses most keys; hit ratios settle after it.",
		[]string{"warm-up", "warm up", "warms up", "warming up"}},
	{"Zipf", "a popularity curve where a few keys get most requests: the k-th most popular key is asked about 1/k^alpha as often as the first.",
		[]string{"zipf"}},
	{"p99", "the 99th percentile latency: 99 requests in 100 are at least this fast, 1 in 100 is slower.",
		[]string{"p99"}},
	{"Che's approximation", "a formula that predicts the long-run hit ratio of an LRU cache of a given size from the keys' popularity.",
		[]string{"che's"}},
	{"key hash", "a load balancer that sends every request for a key to the same worker, chosen by hashing the key, so each worker caches only its share.",
		[]string{"keyhash", "key hash", "hash", "hashes", "hashing"}},
	{"TTL", "time to live: how long an entry may be served after it was stored (30s, 5m) before it is dropped and fetched again, which bounds how stale it can get.",
		[]string{"ttl", "ttls"}},
	{"stale read", "a read answered with an old value: another worker wrote a newer one to the database after this cache took its copy.",
		[]string{"stale"}},
}

// Glossary is the Terms lesson l uses, in the glossary's order: those its
// page's text (Words) and its worker cards (cardText) write, the
// what-to-notice lines at its end included.
// Those lines come from playing the lesson, which a page should not do to
// draw a glossary, so they are read once, by a test, into glossaryWords.
func (l Lesson) Glossary() []Term {
	words, ok := glossaryWords[l.Slug]
	if !ok { // a lesson the table does not have yet: its text without the lines
		words = WordsIn(l.Words() + "\n" + l.cardText())
	}
	var out []Term
	for _, t := range Terms {
		for _, w := range words {
			if w == t.Word {
				out = append(out, t)
			}
		}
	}
	return out
}

// Words is the text of lesson l that does not depend on its run: title,
// prose, settings, moments, question and answer.
func (l Lesson) Words() string {
	parts := append([]string{l.Title}, l.Text()...)
	for _, m := range l.Marks {
		parts = append(parts, m.Text)
	}
	return strings.Join(append(parts, l.Question, l.Answer), "\n")
}

// cardText is what every worker card of lesson l writes whatever the run
// (web/worker-card.go): "worker N", its stale reads, and a card with a
// cache of its own that cache's hit ratio. web's TestGlossaryHasCardWords
// holds it to the cards drawn.
func (l Lesson) cardText() string {
	text := "worker, stale reads"
	c := l.Config()
	if c.HasLocal() || l.Compare && run.Partner(c).HasLocal() {
		text += ", hit ratio"
	}
	return text
}

// WordsIn lists the Terms text uses, by their Word.
func WordsIn(text string) []string {
	text = strings.ToLower(text)
	var out []string
	for _, t := range Terms {
		for _, f := range t.Forms {
			if hasWord(text, f) {
				out = append(out, t.Word)
				break
			}
		}
	}
	return out
}

// hasWord reports whether text holds w with no letter or digit either
// side ("ttl" is not in "settled").
func hasWord(text, w string) bool {
	for i := 0; ; {
		j := strings.Index(text[i:], w)
		if j < 0 {
			return false
		}
		j += i
		end := j + len(w)
		if (j == 0 || !wordByte(text[j-1])) && (end == len(text) || !wordByte(text[end])) {
			return true
		}
		i = j + 1
	}
}

func wordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '_'
}
