using System.Runtime.CompilerServices;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace BackCare.Browser.Tests;

internal static class PageChecks
{
    private static readonly ConditionalWeakTable<IPage, ICDPSession> Sessions = [];

    private static readonly AxeRunOptions Wcag22AA = new()
    {
        RunOnly = new RunOnlyOptions
        {
            Type = "tag",
            Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"],
        },
        ResultTypes = [ResultType.Violations],
    };

    /// <summary>
    /// The narrow screens every page must fit without scrolling sideways (WCAG 1.4.10, reflow): a 320 px phone, and a
    /// 1280 by 1024 window zoomed to 400%. Browser zoom divides the window by four into 320 by 256 CSS pixels, each drawn
    /// with four device pixels, and lays the page out again at that width; a desktop browser, so no mobile viewport rules.
    /// Pinch zoom (a page scale factor) would only magnify the same layout, so it is not what is emulated here.
    /// </summary>
    private static readonly Screen[] NarrowScreens =
    [
        new("a 320 px phone", "320", Width: 320, Height: 844, DeviceScaleFactor: 2, Mobile: true),
        new("a 1280 by 1024 window at 400% zoom", "zoom400", Width: 320, Height: 256, DeviceScaleFactor: 4, Mobile: false),
    ];

    /// <summary>
    /// Runs axe with the WCAG 2.0, 2.1 and 2.2 A and AA rules, fails on any violation, saves a screenshot, and checks
    /// that the page does not scroll sideways on a 320 px phone nor at 400% zoom.
    /// </summary>
    public static async Task ShouldBeAccessible(this IPage page, string name, ITestOutputHelper output)
    {
        var path = Path.Combine(BrowserHost.ScreenshotFolder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine($"screenshot: {path}");

        var result = await page.RunAxe(Wcag22AA);

        var violations = result.Violations.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Html))}").ToList();
        violations.ShouldBeEmpty($"axe found WCAG A/AA violations on {page.Url}:\n{string.Join("\n", violations)}");

        await page.ShouldNotScrollSidewaysWhenNarrow(name, output);
    }

    /// <summary>
    /// Lays the page out on each of <see cref="NarrowScreens"/> in turn and fails, naming what sticks out, when its content
    /// is wider than the space the browser gives it; then puts the page back at the size it had.
    /// </summary>
    public static async Task ShouldNotScrollSidewaysWhenNarrow(this IPage page, string name, ITestOutputHelper output)
    {
        var size = page.ViewportSize.ShouldNotBeNull("the page has a fixed viewport to return to");
        const string Layout = "() => [window.innerWidth, window.devicePixelRatio]";
        var before = await page.EvaluateAsync<double[]>(Layout);
        var devtools = await DevTools(page);
        var problems = new List<string>();
        try
        {
            foreach (var screen in NarrowScreens)
            {
                await devtools.SendAsync("Emulation.setDeviceMetricsOverride", new Dictionary<string, object>
                {
                    ["width"] = screen.Width,
                    ["height"] = screen.Height,
                    ["deviceScaleFactor"] = screen.DeviceScaleFactor,
                    ["mobile"] = screen.Mobile,
                });

                // A phone browser widens its layout to take in content that sticks out (window.innerWidth grows with
                // it), so the page is measured against the width asked for as well as the width it was given.
                var fit = await page.EvaluateAsync<Fit>(MeasureFit, screen.Width);
                if (fit.ScrollWidth > fit.Room)
                {
                    var shot = Path.Combine(BrowserHost.ScreenshotFolder, $"{name}-sideways-{screen.File}.png");
                    await page.ScreenshotAsync(new PageScreenshotOptions { Path = shot, FullPage = true });
                    output.WriteLine($"screenshot: {shot}");
                    problems.Add($"on {screen.Name} the page is {fit.ScrollWidth} px wide in {fit.Room} px " +
                        $"(window.innerWidth {fit.InnerWidth}); sticking out: {string.Join("; ", fit.Wider)}");
                }
            }
        }
        finally
        {
            // Clearing takes every size override away, Playwright's too, and Playwright sends its own again only when it
            // changes: so the page is sized one pixel taller, then back, to have its phone emulation again.
            await devtools.SendAsync("Emulation.clearDeviceMetricsOverride");
            await page.SetViewportSizeAsync(size.Width, size.Height + 1);
            await page.SetViewportSizeAsync(size.Width, size.Height);
        }

        problems.ShouldBeEmpty($"{page.Url} scrolls sideways:\n{string.Join("\n", problems)}");
        (await page.EvaluateAsync<double[]>(Layout)).ShouldBe(before, $"{page.Url} is laid out as it was, as wide and as sharp");
    }

    /// <summary>
    /// One DevTools session per page, kept open while the page lives: closing one would also switch off a virtual
    /// authenticator that a passkey test added to the page through its own session.
    /// </summary>
    private static async Task<ICDPSession> DevTools(IPage page)
    {
        if (!Sessions.TryGetValue(page, out var session))
        {
            session = await page.Context.NewCDPSessionAsync(page);
            Sessions.AddOrUpdate(page, session);
        }

        return session;
    }

    /// <summary>The page's width against the window's, and the innermost elements that reach past the screen's right edge.</summary>
    private const string MeasureFit = """
        width => {
          const root = document.documentElement;
          const limit = Math.min(width, root.clientWidth);
          const wider = [...document.body.querySelectorAll('*')]
            .filter(e => e.getBoundingClientRect().right > limit + 0.5)
            .filter(e => ![...e.children].some(c => c.getBoundingClientRect().right > limit + 0.5))
            .slice(0, 6)
            .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : '')
              + ' (right edge ' + Math.round(e.getBoundingClientRect().right) + ' px)');
          return { scrollWidth: root.scrollWidth, room: limit, innerWidth: window.innerWidth, wider };
        }
        """;

    private sealed record Screen(string Name, string File, int Width, int Height, double DeviceScaleFactor, bool Mobile);

    private sealed class Fit
    {
        public int ScrollWidth { get; set; }

        /// <summary>The narrower of the screen asked for and the page's own box (less any scroll bar).</summary>
        public int Room { get; set; }

        public int InnerWidth { get; set; }

        public string[] Wider { get; set; } = [];
    }
}
