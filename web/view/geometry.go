package view

import (
	"strconv"
	"strings"
)

// ChartData is a chart's title and lines, all sharing one y axis from 0.
type ChartData struct {
	ID    string
	Title string
	Note  string  // what to notice, one short sentence
	Unit  string  // "pct", "us" or "" for counts
	Floor float64 // the y axis's top is never below this, so that a lone event draws small
	Lines []Line
}

// Line is one series; Class picks its colour and dash pattern.
type Line struct {
	Label  string
	Class  string
	Values []float64
}

const ChartW, ChartH = 320.0, 110.0

func Points(vals []float64, top float64) string {
	if len(vals) == 0 || top <= 0 {
		return ""
	}
	var b strings.Builder
	dx := ChartW / float64(max(len(vals)-1, 1))
	for i, v := range vals {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(ftoa(float64(i) * dx))
		b.WriteByte(',')
		b.WriteString(ftoa(ChartH - v/top*(ChartH-4)))
	}
	return b.String()
}

func ftoa(f float64) string { return strconv.FormatFloat(f, 'f', 1, 64) }

// NiceCeil rounds v up to 1, 2 or 5 times a power of ten, so axis labels read well.
func NiceCeil(v float64) float64 {
	if v <= 0 {
		return 1
	}
	p := 1.0
	for p*10 <= v {
		p *= 10
	}
	for p > v {
		p /= 10
	}
	for _, m := range []float64{1, 2, 5, 10} {
		if m*p >= v {
			return m * p
		}
	}
	return 10 * p
}

// Top is the y axis's top for d: 100% for a ratio, so that the axis does
// not rescale between 50% and 100% as a run plays; otherwise its highest
// value, or its floor, rounded up by NiceCeil.
func (d ChartData) Top() float64 {
	if d.Unit == "pct" {
		return 1
	}
	top := d.Floor
	for _, l := range d.Lines {
		for _, v := range l.Values {
			top = max(top, v)
		}
	}
	return NiceCeil(top)
}

func Unit(u string) func(float64) string {
	switch u {
	case "pct":
		return Pct
	case "us":
		return func(v float64) string { return Micros(int(v)) }
	}
	return func(v float64) string {
		if v != float64(int64(v)) { // a half-way tick of a small axis: 0.5, not 0
			return strconv.FormatFloat(v, 'f', -1, 64)
		}
		return Count(int64(v))
	}
}
