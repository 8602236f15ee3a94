package insights

import (
	"fmt"
	"image"

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

// RenderChart draws a chart at exactly widthPx x heightPx pixels. The same
// function feeds the app (at the widget's pixel size, in its theme) and the
// PDF report (light, at print resolution).
func RenderChart(kind ChartKind, data ChartData, widthPx, heightPx int, th Theme) (image.Image, error) {
	if widthPx <= 0 || heightPx <= 0 || widthPx > MaxChartSide || heightPx > MaxChartSide {
		return nil, fmt.Errorf("render %s: size %dx%d is outside 1-%d pixels", kind, widthPx, heightPx, MaxChartSide)
	}
	return nil, fmt.Errorf("render %s: not drawn yet", kind)
}

// ClosenessPointAt finds the rated evening drawn nearest to pixel (x, y) of
// a closeness chart rendered at widthPx x heightPx, within a few pixels; it
// is how a click on the chart opens the evening behind a point.
func ClosenessPointAt(data ChartData, widthPx, heightPx int, x, y float64) (ClosenessPoint, bool) {
	return ClosenessPoint{}, false
}
