using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace BackCare.Browser.Tests;

internal static class PageChecks
{
    private static readonly AxeRunOptions Wcag22AA = new()
    {
        RunOnly = new RunOnlyOptions
        {
            Type = "tag",
            Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"],
        },
        ResultTypes = [ResultType.Violations],
    };

    /// <summary>Runs axe with the WCAG 2.0, 2.1 and 2.2 A and AA rules, fails on any violation, and saves a screenshot.</summary>
    public static async Task ShouldBeAccessible(this IPage page, string name, ITestOutputHelper output)
    {
        var path = Path.Combine(BrowserHost.ScreenshotFolder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine($"screenshot: {path}");

        var result = await page.RunAxe(Wcag22AA);

        var violations = result.Violations.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Html))}").ToList();
        violations.ShouldBeEmpty($"axe found WCAG A/AA violations on {page.Url}:\n{string.Join("\n", violations)}");
    }
}
