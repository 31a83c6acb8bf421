using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace BackCare.Browser.Tests;

/// <summary>
/// The clinic's pages as a clinician at a laptop sees them (1366 by 900): the worklist uses the width of the screen,
/// shows every column without scrolling, and is still usable at 200% zoom; the patient lists, the chart and the
/// outcomes pass axe and do not scroll sideways.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class ClinicLaptopJourneyTests(BrowserHost host, ITestOutputHelper output)
{
    private readonly string _person = $"Morgan Laptop {Guid.NewGuid().ToString("N")[..6]}";

    /// <summary>What the page's width is taken up with: the window's, the document's and the worklist table's.</summary>
    private const string Widths = """
        () => {
            const table = document.querySelector('table.worklist');
            const main = document.querySelector('main');
            return [document.documentElement.clientWidth, document.documentElement.scrollWidth,
                table ? table.getBoundingClientRect().width : 0, main.getBoundingClientRect().width];
        }
        """;

    [ChromiumFact]
    public async Task Given_a_laptop_When_the_clinician_opens_the_worklist_Then_it_fills_the_screen_and_stays_usable_at_200_percent()
    {
        await SomeoneBooksAVisit();
        var page = await host.NewLaptopPage();
        await page.SignInWithTwoSteps(DemoClinician.Email, DemoClinician.Password);
        await page.GotoAsync("/clinic");
        (await page.Locator("h1").InnerTextAsync()).ShouldStartWith("Worklist: ");

        var widths = await page.EvaluateAsync<double[]>(Widths);
        widths[1].ShouldBeLessThanOrEqualTo(widths[0], "the page does not scroll sideways on a laptop");
        widths[2].ShouldBeGreaterThanOrEqualTo(widths[0] * 0.9, $"the worklist spans the screen ({widths[2]} of {widths[0]} px)");
        var row = page.Locator("table.worklist tbody tr", new() { HasText = _person });
        (await row.CountAsync()).ShouldBe(1, "the person who booked is on the list");
        var headers = await page.Locator("table.worklist thead th").AllInnerTextsAsync();
        headers.Count.ShouldBeGreaterThanOrEqualTo(12, string.Join(" | ", headers));
        foreach (var header in await page.Locator("table.worklist thead th").AllAsync())
        {
            var box = (await header.BoundingBoxAsync()).ShouldNotBeNull();
            ((double)box.X + box.Width).ShouldBeLessThanOrEqualTo(widths[0] + 0.5, $"'{await header.InnerTextAsync()}' is on the screen without scrolling");
        }

        await page.ShouldBeAccessible("40-laptop-worklist", output);

        // 200% zoom on the same laptop: the browser lays the page out in half the CSS pixels, each drawn twice as large.
        var devtools = await page.Context.NewCDPSessionAsync(page);
        await devtools.SendAsync("Emulation.setDeviceMetricsOverride", new Dictionary<string, object>
        {
            ["width"] = 683, ["height"] = 450, ["deviceScaleFactor"] = 2, ["mobile"] = false,
        });
        try
        {
            var zoomed = await page.EvaluateAsync<double[]>(Widths);
            zoomed[1].ShouldBeLessThanOrEqualTo(zoomed[0], "the page does not scroll sideways at 200%");
            (await row.Locator("th").IsVisibleAsync()).ShouldBeTrue("the person's name is still shown");
            var name = (await row.Locator("th").BoundingBoxAsync()).ShouldNotBeNull();
            ((double)name.X).ShouldBeGreaterThanOrEqualTo(0);
            ((double)name.X + name.Width).ShouldBeLessThanOrEqualTo(zoomed[0] + 0.5, "the name is within the screen, not cut off");

            // Every column's value of the row is on the screen, none off to the side: the row is a block of labelled lines.
            (await row.EvaluateAsync<string>("tr => getComputedStyle(tr).display")).ShouldBe("block", "at 200% the row is a block, not a wide table row");
            var cells = await row.Locator("td").AllAsync();
            cells.Count.ShouldBe(headers.Count - 1, "a cell for every column but the name's");
            foreach (var cell in cells)
            {
                var label = await cell.GetAttributeAsync("data-label");
                label.ShouldNotBeNullOrEmpty("each cell names its column where the header is out of sight");
                (await cell.IsVisibleAsync()).ShouldBeTrue($"'{label}' is shown");
                var box = (await cell.BoundingBoxAsync()).ShouldNotBeNull();
                ((double)box.X).ShouldBeGreaterThanOrEqualTo(0, $"'{label}' starts on the screen");
                ((double)box.X + box.Width).ShouldBeLessThanOrEqualTo(zoomed[0] + 0.5, $"'{label}' ends on the screen, not off to the side");
                (await cell.EvaluateAsync<string>("td => getComputedStyle(td, '::before').content")).ShouldContain(label, Case.Sensitive, $"'{label}' is written beside its value");
            }

            (await page.EvaluateAsync<double>("() => document.querySelector('.table-region').scrollWidth - document.querySelector('.table-region').clientWidth"))
                .ShouldBeLessThanOrEqualTo(0.5, "the table does not scroll sideways inside its region either");
            // Playwright's screenshots lay the page out at its own viewport: give it the zoomed one for the picture and axe.
            await page.SetViewportSizeAsync(683, 450);
            (await row.EvaluateAsync<string>("tr => getComputedStyle(tr).display")).ShouldBe("block");
            await page.ShouldBeAccessible("41-laptop-worklist-200-rows", output);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotFolder, "41-laptop-worklist-200.png") });
        }
        finally
        {
            await devtools.SendAsync("Emulation.clearDeviceMetricsOverride");
            await devtools.DetachAsync();
            await page.SetViewportSizeAsync(1366, 900);
        }

        await page.GotoAsync("/clinic/patients");
        (await page.Locator("table", new() { HasText = _person }).CountAsync()).ShouldBeGreaterThanOrEqualTo(1, "All patients lists them");
        await page.ShouldBeAccessible("42-laptop-all-patients", output);

        await page.Locator("table a", new() { HasText = _person }).First.ClickAsync();
        await page.WaitForLoadStateAsync();
        new Uri(page.Url).AbsolutePath.ShouldStartWith("/clinic/patients/");
        (await page.Locator("h1").InnerTextAsync()).ShouldContain(_person.Split(' ')[0]);
        await page.ShouldBeAccessible("43-laptop-patient-chart", output);

        await page.GotoAsync("/clinic/outcomes");
        (await page.Locator("h1").InnerTextAsync()).ShouldStartWith("Outcomes");
        await page.ShouldBeAccessible("44-laptop-outcomes", output);
    }

    private async Task SomeoneBooksAVisit()
    {
        using var http = host.CreateHttpClient();
        var email = $"laptop-{Guid.NewGuid():N}@example.org";
        (await http.PostAsJsonAsync("/api/account/register", new { email, password = "a long enough password", displayName = _person }))
            .EnsureSuccessStatusCode();
        using var login = await http.PostAsJsonAsync("/api/account/login", new { email, password = "a long enough password" });
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var clinic = (await http.GetFromJsonAsync<JsonElement>("/api/clinics")).EnumerateArray().First().GetProperty("id").GetString();
        var slot = (await http.GetFromJsonAsync<JsonElement>($"/api/clinics/{clinic}/slots?kind=in_person")).EnumerateArray().Last().GetProperty("id").GetString();
        using var booked = await http.PostAsJsonAsync("/api/appointments", new { slotId = slot, reason = "Back pain for three weeks" });
        booked.EnsureSuccessStatusCode();
    }
}
