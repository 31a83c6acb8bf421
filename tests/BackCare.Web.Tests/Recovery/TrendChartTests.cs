using AngleSharp.Html.Parser;
using BackCare.Web.Today;

namespace BackCare.Web.Tests.Recovery;

public sealed class TrendChartTests
{
    private static readonly TrendChartText Text = new("Chart of pain & function", "Pain", "Function", "Days", "{0}", "No entries yet");

    [Theory]
    [InlineData(0, TrendChart.PainBottom)]
    [InlineData(5, (TrendChart.PainTop + TrendChart.PainBottom) / 2)]
    [InlineData(10, TrendChart.PainTop)]
    [InlineData(14, TrendChart.PainTop)]
    [InlineData(-3, TrendChart.PainBottom)]
    public void Given_a_pain_score_When_laid_out_Then_it_sits_at_its_share_of_the_pain_panel_and_never_outside_it(int pain, double expectedY)
    {
        var point = TrendChart.Layout([new TrendDay(3, pain, 4)]).Single();

        point.PainY.ShouldBe(expectedY, 0.001);
    }

    [Theory]
    [InlineData(0, TrendChart.FunctionBottom)]
    [InlineData(4, (TrendChart.FunctionTop + TrendChart.FunctionBottom) / 2)]
    [InlineData(8, TrendChart.FunctionTop)]
    public void Given_a_function_score_When_laid_out_Then_it_sits_at_its_share_of_the_function_panel(int function, double expectedY)
    {
        TrendChart.Layout([new TrendDay(3, 5, function)]).Single().FunctionY!.Value.ShouldBe(expectedY, 0.001);
    }

    [Theory]
    [InlineData(new[] { 2, 3, 4 }, new[] { TrendChart.PlotLeft, (TrendChart.PlotLeft + TrendChart.PlotRight) / 2, TrendChart.PlotRight })]
    [InlineData(new[] { 10, 2, 4 }, new[] { TrendChart.PlotLeft, TrendChart.PlotLeft + (TrendChart.PlotRight - TrendChart.PlotLeft) / 4, TrendChart.PlotRight })]
    [InlineData(new[] { 7 }, new[] { (TrendChart.PlotLeft + TrendChart.PlotRight) / 2 })]
    public void Given_days_When_laid_out_Then_they_run_in_day_order_from_the_left_edge_to_the_right_spaced_by_days(int[] days, double[] expectedX)
    {
        var points = TrendChart.Layout([.. days.Select(d => new TrendDay(d, 5, null))]);

        points.Select(p => p.Day).ShouldBe(days.Order());
        points.Select(p => p.X).ShouldBe(expectedX, tolerance: 0.001);
        points.ShouldAllBe(p => p.FunctionY == null);
    }

    [Fact]
    public void Given_three_days_When_rendered_Then_each_series_is_a_line_through_marks_at_the_laid_out_points()
    {
        TrendDay[] days = [new(1, 8, 2), new(2, 6, 4), new(4, 3, 7)];
        var svg = Parse(TrendChart.Render(days, Text));
        var layout = TrendChart.Layout(days);

        svg.GetAttribute("role").ShouldBe("img");
        svg.GetAttribute("aria-labelledby").ShouldBe("trend-title");
        svg.QuerySelector("title")!.TextContent.ShouldBe("Chart of pain & function");
        var circles = svg.QuerySelectorAll("circle.trend-pain-mark");
        circles.Select(c => double.Parse(c.GetAttribute("cy")!, System.Globalization.CultureInfo.InvariantCulture))
            .ShouldBe(layout.Select(p => Math.Round(p.PainY, 1)));
        svg.QuerySelectorAll("rect.trend-function-mark").Length.ShouldBe(3);
        svg.QuerySelector("polyline.trend-pain")!.GetAttribute("points").ShouldBe(
            string.Join(' ', layout.Select(p => FormattableString.Invariant($"{p.X:0.#},{p.PainY:0.#}"))));
        svg.QuerySelectorAll("text").Select(t => t.TextContent).ShouldContain("Days");
        svg.QuerySelectorAll("text").Select(t => t.TextContent).ShouldContain("4", "the last day is labelled");
        svg.QuerySelector("script").ShouldBeNull();
    }

    [Fact]
    public void Given_no_diary_entries_When_rendered_Then_the_axes_and_a_note_show_and_no_line_or_mark()
    {
        var svg = Parse(TrendChart.Render([], Text));

        TrendChart.Layout([]).ShouldBeEmpty();
        svg.QuerySelectorAll("polyline, circle, rect").Length.ShouldBe(0);
        svg.QuerySelectorAll("path.trend-axis").Length.ShouldBe(2);
        svg.TextContent.ShouldContain("No entries yet");
    }

    [Fact]
    public void Given_no_diary_entries_When_rendered_Then_the_note_shares_a_line_with_no_other_text_and_no_grid_line_crosses_it()
    {
        var svg = Parse(TrendChart.Render([], Text));

        var note = svg.QuerySelector("text.trend-empty").ShouldNotBeNull();
        var noteY = Y(note);
        foreach (var other in svg.QuerySelectorAll("text").Where(t => t != note))
        {
            Math.Abs(Y(other) - noteY).ShouldBeGreaterThanOrEqualTo(LineHeight, $"the note and '{other.TextContent}' would be drawn over each other");
        }

        foreach (var line in svg.QuerySelectorAll("line.trend-grid"))
        {
            var lineY = double.Parse(line.GetAttribute("y1")!, System.Globalization.CultureInfo.InvariantCulture);
            (lineY < noteY - FontSize || lineY > noteY + Descent).ShouldBeTrue($"the grid line at {lineY} runs through the note");
        }
    }

    [Fact]
    public void Given_one_day_When_rendered_Then_it_is_one_mark_per_series_in_the_middle_and_no_line()
    {
        var svg = Parse(TrendChart.Render([new TrendDay(5, 6, 3)], Text));

        svg.QuerySelectorAll("polyline").Length.ShouldBe(0);
        svg.QuerySelectorAll("circle").Length.ShouldBe(1);
        svg.QuerySelectorAll("rect").Length.ShouldBe(1);
        svg.QuerySelector("circle")!.GetAttribute("cx").ShouldBe(FormattableString.Invariant($"{(TrendChart.PlotLeft + TrendChart.PlotRight) / 2:0.#}"));
    }

    [Fact]
    public void Given_a_day_without_function_When_rendered_Then_the_function_line_skips_it_and_the_pain_line_does_not()
    {
        var svg = Parse(TrendChart.Render([new TrendDay(1, 7, 2), new TrendDay(2, 6, null), new TrendDay(3, 4, 6)], Text));

        svg.QuerySelectorAll("circle").Length.ShouldBe(3);
        svg.QuerySelectorAll("rect").Length.ShouldBe(2);
        svg.QuerySelector("polyline.trend-function")!.GetAttribute("points")!.Split(' ').Length.ShouldBe(2);
    }

    [Fact]
    public void Given_sixty_days_When_rendered_Then_at_most_six_day_labels_are_drawn_so_they_do_not_overlap()
    {
        var svg = Parse(TrendChart.Render([.. Enumerable.Range(0, 60).Select(d => new TrendDay(d, d % 11, d % 9))], Text));
        var tickLabels = svg.QuerySelectorAll("text").Where(t => t.GetAttribute("y") == FormattableString.Invariant($"{TrendChart.FunctionBottom + 18}"));

        tickLabels.Count().ShouldBeLessThanOrEqualTo(6);
        tickLabels.Select(t => t.TextContent).ShouldContain("0");
        tickLabels.Select(t => t.TextContent).ShouldContain("59");
    }

    /// <summary>The chart's text is 13 px (site.css): a line of it is 16 px, of which about 3 fall below the baseline.</summary>
    private const double FontSize = 13;
    private const double LineHeight = 16;
    private const double Descent = 3;

    private static double Y(AngleSharp.Dom.IElement text) => double.Parse(text.GetAttribute("y")!, System.Globalization.CultureInfo.InvariantCulture);

    private static AngleSharp.Dom.IElement Parse(string svg) =>
        new HtmlParser().ParseDocument($"<body>{svg}</body>").QuerySelector("svg")!;
}
