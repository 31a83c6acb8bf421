using Microsoft.Playwright;
using Xunit.Abstractions;

namespace BackCare.Browser.Tests;

/// <summary>
/// A Lighthouse test. It is skipped, with a message saying why, only when Chromium or tools/lighthouse's packages are
/// missing and BACKCARE_REQUIRE_CHROMIUM is not 1; with it, a missing one makes the test fail.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class LighthouseFactAttribute : FactAttribute
{
    public LighthouseFactAttribute()
    {
        if (Chromium.IsRequired)
        {
            return;
        }

        if (!Chromium.IsInstalled)
        {
            Skip = $"Chromium is not installed at {Chromium.ExecutablePath} (apt-get install -y chromium, or set BACKCARE_CHROMIUM). " +
                "Set BACKCARE_REQUIRE_CHROMIUM=1 to make this a failure.";
        }
        else if (!Lighthouse.IsInstalled)
        {
            Skip = "Lighthouse is not installed: run npm ci --prefix tools/lighthouse. Set BACKCARE_REQUIRE_CHROMIUM=1 to make this a failure.";
        }
    }
}

/// <summary>
/// Lighthouse on the pages a person in pain meets first, as a phone on a slow network: the home page, a question of the
/// check, a home-care result, and, signed in, Today and the diary. Accessibility must be 100, performance and best
/// practices at least 95.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class LighthouseTests(BrowserHost host, ITestOutputHelper output)
{
    private const int Accessibility = 100;
    private const int PerformanceAndBestPractices = 95;

    /// <summary>
    /// Performance is timed on a machine other work shares, so a page that misses is audited again, up to this many runs
    /// in all; it passes when one run reaches every threshold. A page that is truly slow misses in every run.
    /// </summary>
    private const int MaxRuns = 3;

    private const string Password = "a long enough password";

    /// <summary>A 41-year-old whose back went into spasm lifting a day ago: home care, pain 7.</summary>
    private const string SimpleSpasm = """{"id":"first","age":41,"findings":{"onset_days":1,"trigger":"lifting","pain_score":7,"pain_region":"lower"}}""";

    [LighthouseFact]
    public async Task Given_the_patient_pages_on_a_phone_When_Lighthouse_audits_them_Then_accessibility_is_100_and_performance_and_best_practices_are_at_least_95()
    {
        Chromium.IsInstalled.ShouldBeTrue($"BACKCARE_REQUIRE_CHROMIUM=1 but there is no Chromium at {Chromium.ExecutablePath}.");
        Lighthouse.IsInstalled.ShouldBeTrue(
            $"BACKCARE_REQUIRE_CHROMIUM=1 but Lighthouse is not installed in {Lighthouse.ToolFolder ?? "tools/lighthouse"}: run npm ci --prefix tools/lighthouse.");

        var pages = new List<(string Name, Uri Address, Dictionary<string, string> Headers)>();
        var anonymous = await host.NewPhonePage();
        pages.Add(("home", new Uri(host.BaseAddress, "/"), []));

        await anonymous.GotoAsync("/check/question/age");
        await anonymous.Answer("34");
        await anonymous.Answer("male");
        new Uri(anonymous.Url).AbsolutePath.ShouldBe("/check/question/nerve_warning_signs");
        pages.Add(("question-warning-signs", new Uri(anonymous.Url), []));

        await AnswerTheRest(anonymous);
        await anonymous.FollowLink("See my advice");
        (await anonymous.Locator("h1").InnerTextAsync()).ShouldBe("You can care for this at home");
        pages.Add(("result-home-care", new Uri(anonymous.Url), []));

        var signedIn = await host.NewPhonePage();
        await SignUpAndInAsync(signedIn, $"lee-{Guid.NewGuid():N}@example.org");
        var saved = await signedIn.Context.APIRequest.PostAsync("/api/assessments", new APIRequestContextOptions
        {
            Headers = new Dictionary<string, string> { ["Content-Type"] = "application/json" },
            Data = SimpleSpasm,
        });
        saved.Ok.ShouldBeTrue("a signed-in person's check is saved, so Today has a plan to show");
        var cookie = string.Join("; ", (await signedIn.Context.CookiesAsync()).Select(c => $"{c.Name}={c.Value}"));
        foreach (var (name, path, heading) in new[] { ("today", "/today", "Today"), ("diary", "/diary/new", null) })
        {
            await signedIn.GotoAsync(path);
            new Uri(signedIn.Url).AbsolutePath.ShouldBe(path, "the page opens signed in, not the sign-in page");
            if (heading is not null)
            {
                (await signedIn.Locator("main h1").InnerTextAsync()).ShouldBe(heading);
            }

            pages.Add((name, new Uri(host.BaseAddress, path), new() { ["Cookie"] = cookie }));
        }

        var misses = new List<string>();
        foreach (var (name, address, headers) in pages)
        {
            var runs = new List<LighthouseReport>();
            do
            {
                var report = await Lighthouse.AuditAsync(address, $"{name}-{runs.Count + 1}", headers);
                report.FinalUrl.AbsolutePath.ShouldBe(address.AbsolutePath, $"Lighthouse audits {name} itself, not a page it was sent on to");
                runs.Add(report);
                output.WriteLine($"{name} run {runs.Count} (Lighthouse {report.Version}): {report}");
                foreach (var warning in report.Warnings)
                {
                    output.WriteLine($"  warning: {warning}");
                }
            }
            while (!Meets(runs[^1]) && runs.Count < MaxRuns);

            if (!Meets(runs[^1]))
            {
                misses.Add($"{name} ({address.AbsolutePath}) in {runs.Count} runs:\n" + string.Join("\n", runs.Select((r, i) =>
                    $"  run {i + 1}: {r}\n" + string.Join("\n", r.Failing.Select(f => "    " + f)))));
            }
        }

        output.WriteLine($"reports: {Lighthouse.ReportFolder}");
        misses.ShouldBeEmpty(
            $"Lighthouse wants accessibility {Accessibility} and performance and best practices {PerformanceAndBestPractices} or more:\n" +
            string.Join("\n", misses));
    }

    private static bool Meets(LighthouseReport report) =>
        report.Scores.GetValueOrDefault("accessibility") >= Accessibility
        && report.Scores.GetValueOrDefault("performance") >= PerformanceAndBestPractices
        && report.Scores.GetValueOrDefault("best-practices") >= PerformanceAndBestPractices;

    private static async Task AnswerTheRest(IPage page)
    {
        var asked = 0;
        while (new Uri(page.Url).AbsolutePath.StartsWith("/check/question/", StringComparison.Ordinal))
        {
            await page.Answer(new Uri(page.Url).AbsolutePath["/check/question/".Length..] switch
            {
                "trigger" => "lifting",
                "course" => "unchanged",
                "pain_region" => "lower",
                "onset_days" or "previous_episodes" or "self_care_days" => "1",
                "pain_score" => "7",
                _ => "no",
            });
            (++asked).ShouldBeLessThan(20);
        }
    }

    private static async Task SignUpAndInAsync(IPage page, string email)
    {
        await page.GotoAsync("/account/sign-up");
        await page.FillAsync("#displayName", "Lee");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", Password);
        await page.Locator("main form button[type=submit]").ClickAsync();
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Check your email");
        await page.GotoAsync("/account/sign-in");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/account");
    }
}
