package insights

import (
	"fmt"
	"image"
	"math"

	"kindred/journal"
)

// ChartKind is one of the charts Kindred draws.
type ChartKind int

const (
	// ChartCloseness is closeness over time: every rating as a point, the
	// smoothed trend as a line, the IOS scale (1-7) on the vertical axis.
	ChartCloseness ChartKind = iota
	// ChartMoments is moments per month, stacked by kind in the kinds' colours.
	ChartMoments
	// ChartBalance is deep moments against light ones, per month.
	ChartBalance
	// ChartHeatMap is a calendar of evenings, one row of weeks per year.
	ChartHeatMap
)

// ChartKinds lists every chart in the order they are shown.
var ChartKinds = []ChartKind{ChartCloseness, ChartMoments, ChartBalance, ChartHeatMap}

// String is the chart's title.
func (k ChartKind) String() string {
	switch k {
	case ChartCloseness:
		return "Closeness over time"
	case ChartMoments:
		return "Moments per month"
	case ChartBalance:
		return "Depth and lightness"
	case ChartHeatMap:
		return "Evenings"
	}
	return fmt.Sprintf("chart %d", int(k))
}

// Theme is the palette a chart is drawn in.
type Theme int

const (
	ThemeLight Theme = iota
	ThemeDark
)

// ChartData is what the charts draw. PersonInsights.ChartData and
// JournalInsights.ChartData fill it; a chart whose data is empty draws a
// quiet "nothing to show yet" rather than failing.
type ChartData struct {
	Closeness ClosenessSeries
	Months    []MonthMoments
	Balance   []BalanceMonth
	HeatMap   []DayCount
	Kinds     []journal.MomentKind // labels and colours of the moment kinds
	// Range is the span the time axes cover; open ends follow the data.
	Range Range
}

// ChartData is the data of the person's charts.
func (p *PersonInsights) ChartData() ChartData {
	return ChartData{Closeness: p.Closeness, Months: p.Ledger.Months, Balance: p.Balance.Months,
		HeatMap: p.HeatMap, Kinds: p.Kinds, Range: p.Range}
}

// ChartData is the data of the journal-wide charts (it has no closeness).
func (j *JournalInsights) ChartData() ChartData {
	return ChartData{Months: j.Months, Balance: j.Balance.Months, HeatMap: j.HeatMap, Kinds: j.Kinds, Range: j.Range}
}

// MaxChartSide bounds a chart's width and height in pixels.
const MaxChartSide = 8192

// RenderChart draws a chart at exactly widthPx x heightPx pixels, with
// text sized for a 96 dpi screen. The same function feeds the app and the PDF
// report; RenderChartScaled draws the same chart for a denser display.
func RenderChart(kind ChartKind, data ChartData, widthPx, heightPx int, th Theme) (image.Image, error) {
	return RenderChartScaled(kind, data, widthPx, heightPx, th, 1)
}

// RenderChartScaled draws a chart at widthPx x heightPx pixels for a display
// with scale device pixels per 1/96 inch (Fyne's canvas scale; 2 for a
// HiDPI screen, about 3 for print), so that text and lines keep their size.
func RenderChartScaled(kind ChartKind, data ChartData, widthPx, heightPx int, th Theme, scale float64) (image.Image, error) {
	if widthPx <= 0 || heightPx <= 0 || widthPx > MaxChartSide || heightPx > MaxChartSide {
		return nil, fmt.Errorf("render %s: size %dx%d is outside 1-%d pixels", kind, widthPx, heightPx, MaxChartSide)
	}
	scale = sanitizeScale(scale)
	switch kind {
	case ChartCloseness:
		return drawCloseness(data, widthPx, heightPx, th, scale), nil
	case ChartMoments:
		return drawMoments(data, widthPx, heightPx, th, scale), nil
	case ChartBalance:
		return drawBalance(data, widthPx, heightPx, th, scale), nil
	case ChartHeatMap:
		return drawHeatMap(data, widthPx, heightPx, th, scale), nil
	}
	return nil, fmt.Errorf("render chart: unknown chart kind %d", int(kind))
}

// sanitizeScale keeps a display scale within what makes sense.
func sanitizeScale(s float64) float64 {
	if math.IsNaN(s) || s <= 0 {
		return 1
	}
	return math.Min(8, math.Max(0.25, s))
}
