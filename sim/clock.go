package sim

// The engine's time is an integer count of microseconds since New. Events
// wait in a queue ordered by time, then by the order they were scheduled, so
// two events at the same microsecond always run in the same order. They
// form a binary min-heap, except two kinds that wait in slots of their own:
// the open stream's next arrival, always pending with Poisson arrivals, and
// a request's end scheduled when nothing else is pending (one closed
// client's every request), which the engine takes without a push or a pop;
// any push moves that end into the heap first, so it keeps its place. The
// heap is written out (as in container/heap's example) rather than used
// through heap.Interface, which would box every event.

// Kinds of event.
const (
	evArrive  = iota // a connection arrives; who is the client, or -1 for the open stream
	evDone           // a request's service ends; who is the request
	evFetch          // a request reaches the origin; who is the request
	evBoot           // a replacement worker is ready to accept; who is the worker
	evTimeout        // a request has run for the timeout; who is the request

	kindBits = 3 // an event's kind takes the low bits of its seq
)

// event is 24 bytes: the heap moves it whole.
type event struct {
	at  int64  // when, in µs
	seq uint64 // scheduling order, then the kind in the low kindBits: the order breaks ties
	who int32
	tag uint32 // a request's tag when scheduled: a later tag makes the event stale
}

func (e *event) kind() uint8 { return uint8(e.seq & (1<<kindBits - 1)) }

// before reports whether a comes before b.
func (a *event) before(b *event) bool {
	return a.at < b.at || (a.at == b.at && a.seq < b.seq)
}

type queue struct {
	evs     []event // a heap
	open    event   // the open stream's next arrival, when hasOpen
	hasOpen bool
	order   uint64
	end     int32 // the request whose end is the only event pending, +1; 0 when none
	endAt   int64
	endTag  uint32
}

func (q *queue) len() int {
	n := len(q.evs)
	if q.hasOpen {
		n++
	}
	if q.end != 0 {
		n++
	}
	return n
}

func (q *queue) push(at int64, kind uint8, who int32) { q.pushTag(at, kind, who, 0) }

// pushEnd schedules request ri's end (evDone) at at: in the end slot when
// nothing else is pending.
func (q *queue) pushEnd(at int64, ri int32, tag uint32) {
	if len(q.evs) == 0 && !q.hasOpen && q.end == 0 {
		q.end, q.endAt, q.endTag = ri+1, at, tag
		return
	}
	q.pushTag(at, evDone, ri, tag)
}

// takeEnd returns the request whose end is the only event pending, and when
// it ends, or -1.
func (q *queue) takeEnd() (ri int32, at int64) {
	ri = q.end - 1
	if ri >= 0 {
		q.end = 0
	}
	return ri, q.endAt
}

func (q *queue) pushTag(at int64, kind uint8, who int32, tag uint32) {
	if q.end != 0 { // it was pending alone, so it goes first
		q.order++
		q.evs = append(q.evs, event{at: q.endAt, seq: q.order<<kindBits | evDone, who: q.end - 1, tag: q.endTag})
		q.end = 0
	}
	q.order++
	e := event{at: at, seq: q.order<<kindBits | uint64(kind), who: who, tag: tag}
	if kind == evArrive && who < 0 { // the open stream has one arrival pending at a time
		q.open, q.hasOpen = e, true
		return
	}
	q.evs = append(q.evs, e)
	q.up(len(q.evs)-1, e)
}

// pop removes the earliest event; the queue must not be empty.
func (q *queue) pop() event {
	if ri, at := q.takeEnd(); ri >= 0 {
		return event{at: at, seq: evDone, who: ri, tag: q.endTag}
	}
	n := len(q.evs) - 1
	if q.hasOpen && (n < 0 || q.open.before(&q.evs[0])) {
		q.hasOpen = false
		return q.open
	}
	top := q.evs[0]
	last := q.evs[n]
	q.evs = q.evs[:n]
	if n > 0 {
		q.down(last)
	}
	return top
}

// up moves e, at j, towards the root: parents move down into the hole
// until e's place is found, one copy a level rather than a swap.
func (q *queue) up(j int, e event) {
	evs := q.evs
	for j > 0 {
		i := (j - 1) / 2
		if !e.before(&evs[i]) {
			break
		}
		evs[j] = evs[i]
		j = i
	}
	evs[j] = e
}

// down puts e in the hole at the root and moves it down to its place.
func (q *queue) down(e event) {
	evs := q.evs
	n := len(evs)
	i := 0
	for {
		j := 2*i + 1
		if j >= n {
			break
		}
		if r := j + 1; r < n && evs[r].before(&evs[j]) {
			j = r
		}
		if !evs[j].before(&e) {
			break
		}
		evs[i] = evs[j]
		i = j
	}
	evs[i] = e
}

// fifo is a growable ring of request indices: a listen socket's backlog or a
// queue of fetches waiting for an origin connection.
type fifo struct {
	buf  []int32
	head int
	n    int
}

func (f *fifo) len() int { return f.n }

func (f *fifo) push(x int32) {
	if f.n == len(f.buf) {
		grown := make([]int32, max(8, 2*len(f.buf)))
		for i := range f.n {
			grown[i] = f.buf[(f.head+i)%len(f.buf)]
		}
		f.buf, f.head = grown, 0
	}
	f.buf[(f.head+f.n)%len(f.buf)] = x
	f.n++
}

// remove drops x wherever it waits (rare: a killed request's fetch).
func (f *fifo) remove(x int32) {
	k := 0
	for i := range f.n {
		if y := f.buf[(f.head+i)%len(f.buf)]; y != x {
			f.buf[(f.head+k)%len(f.buf)] = y
			k++
		}
	}
	f.n = k
}

// pop removes the oldest entry; the fifo must not be empty.
func (f *fifo) pop() int32 {
	x := f.buf[f.head]
	f.head++
	if f.head == len(f.buf) {
		f.head = 0
	}
	f.n--
	return x
}
