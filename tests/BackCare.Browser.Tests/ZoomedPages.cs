using Microsoft.Playwright;

namespace BackCare.Browser.Tests;

/// <summary>The clinician's laptop again at 200% browser zoom, for the journeys issue 17 asks to run at both sizes.</summary>
internal static class ZoomedPages
{
    private const float StepTimeout = 90_000;

    /// <summary>
    /// The laptop page (1366 by 900) at a <paramref name="zoom"/> of 1; at 2, the same laptop at 200% zoom: half the CSS
    /// pixels (683 by 450), each drawn twice.
    /// </summary>
    public static async Task<IPage> NewLaptopPage(this BrowserHost host, int zoom)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentOutOfRangeException.ThrowIfLessThan(zoom, 1);
        if (zoom == 1)
        {
            return await host.NewLaptopPage();
        }

        var context = await host.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = host.BaseAddress.ToString(),
            IgnoreHTTPSErrors = true,
            ViewportSize = new ViewportSize { Width = 1366 / zoom, Height = 900 / zoom },
            DeviceScaleFactor = zoom,
            Locale = "en-US",
        });
        context.SetDefaultTimeout(StepTimeout);
        context.SetDefaultNavigationTimeout(StepTimeout);
        return await context.NewPageAsync();
    }
}
